"""How a speaker appears in the record: named (森川会長：) or anonymised ((A委員)).

The record keeps who really spoke; these pure functions decide what the documents and the
screen print, and give each member a letter that stays theirs for the whole session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from string import ascii_uppercase

from agendas.model import Outcome
from meeting.model import Member, Role
from minutes.model import SpeakerKind

_FIXED = {
    SpeakerKind.SECRETARIAT: "事務局",
    SpeakerKind.AGENCY: "実施機関",
    SpeakerKind.ALL_MEMBERS: "委員全員",
    SpeakerKind.OBSERVER: "オブザーバー",
}


@dataclass(frozen=True)
class Speaker:
    kind: SpeakerKind
    member_id: int | None = None
    label: str = ""
    """A free label (傍聴者, 参考人…) or an observer's organisation."""


def surname(name: str) -> str:
    """森川 聡子 → 森川: the minutes name a member by the family name."""
    parts = name.replace("\u3000", " ").split()
    return parts[0] if parts else name


def speaker_tag(
    speaker: Speaker,
    member: Member | None,
    *,
    anonymised: bool,
    letter: str | None = None,
) -> str:
    """森川会長, 石田委員 (a vice chair speaks as 委員), A委員, 会長, 事務局, 実施機関, 委員全員."""
    if speaker.kind is SpeakerKind.MEMBER and member is not None:
        if member.role is Role.CHAIR:
            return "会長" if anonymised else f"{surname(member.name)}会長"
        if anonymised:
            return f"{letter or '?'}委員"
        return f"{surname(member.name)}委員"
    if speaker.kind is SpeakerKind.OTHER:
        return speaker.label or "発言者"
    if speaker.kind is SpeakerKind.OBSERVER and speaker.label and not anonymised:
        return speaker.label
    return _FIXED.get(speaker.kind, speaker.label or "発言者")


def format_line(tag: str, text: str, *, anonymised: bool) -> str:
    """森川会長：… for the full minutes; (A委員) … for the summary."""
    return f"({tag}) {text}" if anonymised else f"{tag}：{text}"


def next_letter(used: Iterable[str]) -> str:
    taken = set(used)
    for letter in ascii_uppercase:
        if letter not in taken:
            return letter
    n = 1
    while f"Z{n}" in taken:
        n += 1
    return f"Z{n}"


def draft_narration(outcome: Outcome, *, opinion: str = "", follow_up: str = "") -> str:
    """The closing line the record prints for a decision, drafted from its outcome."""
    if outcome is Outcome.APPROVED:
        return "—他に質問や意見等はなく、この件に関しては承認される。—"
    if outcome is Outcome.APPROVED_WITH_OPINION:
        said = f"「{opinion.strip()}」との" if opinion.strip() else ""
        return f"—この件に関しては、{said}意見を付した上で承認される。—"
    if outcome is Outcome.REJECTED:
        return "—この件に関しては承認されない。—"
    if outcome is Outcome.CARRIED_OVER:
        what = f"{follow_up.strip()}について、" if follow_up.strip() else ""
        return f"—{what}次回の審議会で改めて説明することとなる。—"
    return "—答申の方向性について了承される。—"
