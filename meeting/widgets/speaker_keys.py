"""Who speaks, in one key: F2… per member while typing, and the picker's keys after Esc."""

from __future__ import annotations

from dataclasses import dataclass

from meeting.model import Member
from minutes.model import SpeakerKind
from minutes.speakers import Speaker

MEMBER_KEYS = "1234567890bcdefghilmp"
"""The picker's key of each member, in roster order: a council of up to 21 members."""
FUNCTION_KEYS = [f"f{n}" for n in range(2, 10)] + [f"shift+f{n}" for n in range(2, 10)]
"""F2…F9 pick members directly while typing, in roster order (the chair first); the ninth
and later members have Shift+F2…Shift+F9."""
ABSENT = "（欠席）"


def key_label(key: str) -> str:
    """F2, or ⇧F2 for shift+f2: as the screen shows a key beside a name."""
    return key.replace("shift+", "⇧").upper()


STAFF_FUNCTION_KEYS = {
    "f10": (SpeakerKind.SECRETARIAT, "事務局"),
    "f11": (SpeakerKind.AGENCY, "実施機関"),
    "f12": (SpeakerKind.ALL_MEMBERS, "委員全員"),
}
"""Staff in one key too; a terminal that keeps F10 or F11 for itself still has Esc j / Esc k."""
NARRATION_KEYS = "123456789abcdefghijklmopqrstuvwxyz"
STAFF_KEYS = {
    "j": (SpeakerKind.SECRETARIAT, "事務局"),
    "k": (SpeakerKind.AGENCY, "実施機関"),
    "o": (SpeakerKind.OBSERVER, "オブザーバー"),
    "a": (SpeakerKind.ALL_MEMBERS, "委員全員"),
}
LABEL_KEYS = "qrsuvwxyz"


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    speaker: Speaker | None
    """None for 'another label' (t) and for 'a narration' (n)."""


def speaker_choices(
    members: list[Member], labels: list[str], *, absent: frozenset[int] = frozenset()
) -> list[Choice]:
    """Every key of the picker: members (1–9, 0, then letters; those the roll call has as
    absent marked （欠席）), staff, free labels typed before, t and n."""
    choices = [
        Choice(key, m.title + (ABSENT if m.id in absent else ""), Speaker(SpeakerKind.MEMBER, m.id))
        for key, m in zip(MEMBER_KEYS, members, strict=False)
    ]
    choices += [Choice(k, label, Speaker(kind)) for k, (kind, label) in STAFF_KEYS.items()]
    choices += [
        Choice(k, label, Speaker(SpeakerKind.OTHER, label=label))
        for k, label in zip(LABEL_KEYS, labels, strict=False)
    ]
    choices += [Choice("t", "その他（名前を入れる）", None), Choice("n", "ト書き", None)]
    return choices


def narration_choices(texts: list[str]) -> list[Choice]:
    """One key per narration; the last key adds a new one."""
    choices = [Choice(k, t, None) for k, t in zip(NARRATION_KEYS, texts, strict=False)]
    return [*choices, Choice("+", "新しいト書きを加える…", None)]
