"""Picking who speaks: one key per member, staff and the rest; and the line the clerk types in."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from meeting.model import Member
from meeting.text import one_line
from meeting.widgets.safe import line, plain
from minutes.model import SpeakerKind
from minutes.speakers import Speaker

MEMBER_KEYS = "123456789"
FUNCTION_KEYS = [f"f{n}" for n in range(2, 10)]
"""F2… pick members directly while typing, in roster order (the chair first)."""
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


def speaker_choices(members: list[Member], labels: list[str]) -> list[Choice]:
    """Every key of the picker: members 1–9, staff, free labels typed before, t and n."""
    choices = [
        Choice(key, m.title, Speaker(SpeakerKind.MEMBER, m.id))
        for key, m in zip(MEMBER_KEYS, members, strict=False)
    ]
    choices += [Choice(k, label, Speaker(kind)) for k, (kind, label) in STAFF_KEYS.items()]
    choices += [
        Choice(k, label, Speaker(SpeakerKind.OTHER, label=label))
        for k, label in zip(LABEL_KEYS, labels, strict=False)
    ]
    choices += [Choice("t", "その他（名前を入れる）", None), Choice("n", "ト書き", None)]
    return choices


class SpeakerPicker(ModalScreen[Choice | None]):
    """Esc from the line, then one key: the picker closes and the clerk types on."""

    BINDINGS = [Binding("escape", "cancel", "戻る", id="picker.cancel")]

    def __init__(self, choices: list[Choice], title: str = "発言者（キーを一つ）") -> None:
        super().__init__()
        self.choices = {c.key: c for c in choices}
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Label(line(self.title_text), classes="title")
            keys = [f"  {c.key}  {one_line(c.label)}" for c in self.choices.values()]
            yield Static(plain("\n".join(keys)))

    def on_key(self, event: events.Key) -> None:
        key = event.character if event.is_printable and event.character else event.key
        if key in self.choices:
            event.stop()
            self.dismiss(self.choices[key])

    def action_cancel(self) -> None:
        self.dismiss(None)


def narration_choices(texts: list[str]) -> list[Choice]:
    """One key per narration; the last key adds a new one."""
    choices = [Choice(k, t, None) for k, t in zip(NARRATION_KEYS, texts, strict=False)]
    return [*choices, Choice("+", "新しいト書きを加える…", None)]


class LineInput(Input):
    """The clerk's line. A pasted block of several lines is handed to the screen to decide."""

    class BlockPasted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def _on_paste(self, event: events.Paste) -> None:
        if len([line for line in event.text.splitlines() if line.strip()]) > 1:
            event.stop()
            event.prevent_default()
            self.post_message(self.BlockPasted(event.text))
            return
        super()._on_paste(event)
