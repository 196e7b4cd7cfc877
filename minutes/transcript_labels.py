"""Mapping a transcript's speaker labels to the roster, once per session.

A service names speakers its own way (発言者1, Speaker 2, 酒井 花子, A委員). The clerk says once
what each label is — a member, 事務局, 実施機関, 委員全員, another name, stage directions, or
nothing to import — and the session remembers it, so the next file of the same service reuses
it. A label that already says who it is (a member's name or surname, 会長, 事務局, a letter the
session has given) is proposed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlite_utils import Database

from meeting.model import Member, Role
from minutes.model import SpeakerKind
from minutes.speakers import Speaker, speaker_tag, surname
from minutes.store.letters import letters
from minutes.store.transcripts import label_maps
from minutes.transcript import NARRATION_LABEL, Said, Transcript, label_text


class Use(StrEnum):
    """What the lines of a label become."""

    SPEECH = "speech"
    NARRATION = "narration"
    DROP = "drop"


@dataclass(frozen=True)
class Assignment:
    use: Use
    speaker: Speaker | None = None
    """Who speaks, for :attr:`Use.SPEECH`."""

    def text(self, members: Iterable[Member]) -> str:
        """As the clerk reads it: 酒井委員, 事務局, ト書き, 取り込まない."""
        if self.use is Use.NARRATION:
            return "ト書き"
        if self.use is Use.DROP or self.speaker is None:
            return "取り込まない"
        member = next((m for m in members if m.id == self.speaker.member_id), None)
        return speaker_tag(self.speaker, member, anonymised=False)


NARRATION = Assignment(Use.NARRATION)
DROP = Assignment(Use.DROP)

_FIXED = {
    "事務局": SpeakerKind.SECRETARIAT,
    "実施機関": SpeakerKind.AGENCY,
    "委員全員": SpeakerKind.ALL_MEMBERS,
    "全員": SpeakerKind.ALL_MEMBERS,
    "委員一同": SpeakerKind.ALL_MEMBERS,
    "一同": SpeakerKind.ALL_MEMBERS,
}
_WORDS = {
    "ト書き": NARRATION,
    "とがき": NARRATION,
    "narration": NARRATION,
    "取り込まない": DROP,
    "除く": DROP,
    "drop": DROP,
}
_HONORIFICS = ("副会長", "会長", "委員", "さん", "氏", "様", "先生", "君")
_CHAIR_WORDS = ("会長", "議長", "委員長")


@dataclass(frozen=True)
class LabelCount:
    """A label of the transcript as the mapping screen lists it."""

    label: str
    count: int
    first: Said
    """Its first line: the example the clerk recognises the speaker by."""
    assignment: Assignment | None
    """Remembered from an earlier import of the session, or proposed; None to choose."""
    remembered: bool = False

    @property
    def shown(self) -> str:
        return label_text(self.label)


def labels_in(transcript: Transcript) -> list[tuple[str, int, Said]]:
    """Each distinct label, in the order it first comes, with how many lines it has and its
    first; a paragraph continuing a turn counts with its label."""
    counts = Counter(s.label for s in transcript.lines)
    firsts: dict[str, Said] = {}
    for said in transcript.lines:
        firsts.setdefault(said.label, said)
    return [(label, counts[label], said) for label, said in firsts.items()]


def label_choices(
    db: Database, session_id: int, transcript: Transcript, members: Sequence[Member]
) -> list[LabelCount]:
    """Every label with what it maps to: the session's remembered mapping first, else a
    proposal from the roster."""
    remembered = remembered_mapping(db, session_id)
    given = letters(db, session_id)
    out = []
    for label, count, first in labels_in(transcript):
        if label in remembered:
            out.append(LabelCount(label, count, first, remembered[label], remembered=True))
        else:
            out.append(LabelCount(label, count, first, propose(label, members, given)))
    return out


def remembered_mapping(db: Database, session_id: int) -> dict[str, Assignment]:
    out = {}
    for row in label_maps(db, session_id):
        use = Use(row["becomes"])
        speaker = (
            Speaker(SpeakerKind(row["speaker_kind"]), row["member_id"], row["speaker_label"])
            if use is Use.SPEECH
            else None
        )
        out[row["label"]] = Assignment(use, speaker)
    return out


def propose(
    label: str, members: Sequence[Member], given: dict[int, str] | None = None
) -> Assignment | None:
    """What a label plainly says: ト書き, 事務局, 会長, a member by name, surname or reading, or
    by the letter the session gave them (A委員); None when it does not say, or names two."""
    if label == NARRATION_LABEL:
        return NARRATION
    key = _key(label)
    if not key:
        return None
    for word, kind in _FIXED.items():
        if key == word or (kind is not SpeakerKind.ALL_MEMBERS and key.startswith(word)):
            return Assignment(Use.SPEECH, Speaker(kind))
    if m := re.fullmatch(r"([A-Z]\d*)委員", key):
        by_letter = [mid for mid, letter in (given or {}).items() if letter == m[1]]
        ids = {member.id for member in members}
        if len(by_letter) == 1 and by_letter[0] in ids:
            return Assignment(Use.SPEECH, Speaker(SpeakerKind.MEMBER, by_letter[0]))
        return None
    found = members_named(key, members)
    if len(found) == 1:
        return Assignment(Use.SPEECH, Speaker(SpeakerKind.MEMBER, found[0].id))
    return None


def members_named(text: str, members: Sequence[Member]) -> list[Member]:
    """The members ``text`` names: 会長 (the chair), 副会長, a full name, a surname or reading,
    with or without 委員, さん…; one member if it is plain, several if it is not."""
    key = _key(text)
    chairs = [m for m in members if m.role is Role.CHAIR]
    vices = [m for m in members if m.role is Role.VICE_CHAIR]
    if key in _CHAIR_WORDS:
        return chairs
    if key == "副会長":
        return vices
    core = _strip_honorific(key)
    if not core:
        return []
    exact = [m for m in members if core in (_key(m.name), _kana(_key(m.reading)))]
    if exact:
        return exact
    return [
        m
        for m in members
        if core == _key(surname(m.name)) or (m.reading and core == _kana(_key(surname(m.reading))))
    ]


def _strip_honorific(key: str) -> str:
    for word in _HONORIFICS:
        if key.endswith(word) and len(key) > len(word):
            return key[: -len(word)]
    return key


def _key(text: str) -> str:
    """Compared without spaces, 全角 folded, katakana as hiragana."""
    return _kana(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))


def _kana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def assignment_from_text(text: str, members: Sequence[Member]) -> Assignment:
    """What the clerk typed for a label on the command line: a member (name, surname,
    会長…), 事務局, 実施機関, 委員全員, ト書き, 取り込まない, or その他:名前 for another name."""
    from meeting.errors import InputError

    typed = text.strip()
    free = re.fullmatch(r"(?:その他|other)[:：](.+)", typed, flags=re.IGNORECASE)
    if free and free[1].strip():
        return Assignment(Use.SPEECH, Speaker(SpeakerKind.OTHER, label=free[1].strip()))
    key = _key(typed)
    words = {_key(word).lower(): assignment for word, assignment in _WORDS.items()}
    if key.lower() in words:
        return words[key.lower()]
    if key in _FIXED:
        return Assignment(Use.SPEECH, Speaker(_FIXED[key]))
    found = members_named(typed, members)
    if len(found) == 1:
        return Assignment(Use.SPEECH, Speaker(SpeakerKind.MEMBER, found[0].id))
    if len(found) > 1:
        names = "、".join(m.name for m in found)
        raise InputError(
            "割り当て", f"「{typed}」に当たる委員が複数います（{names}）。氏名で書いてください"
        )
    raise InputError(
        "割り当て",
        f"「{typed}」は名簿にありません。委員の氏名、事務局、実施機関、委員全員、ト書き、"
        f"取り込まない、または名簿にない人は「その他:{typed}」と書いてください",
    )
