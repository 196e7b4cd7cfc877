"""Who speaks, picked after Esc on the live record, and the narration picked after ctrl+l.

Each opens the picker (one key), and what a choice leads to: a name typed once for someone
not on the keys (offered again afterwards), a new narration added to the council's list.
"""

from __future__ import annotations

from collections.abc import Callable

from meeting.model import Member
from meeting.screens.base import AppScreen
from meeting.screens.dialogs import AskDialog, SpeakerPicker
from meeting.widgets.speaker_keys import Choice, narration_choices, speaker_choices
from minutes.model import SpeakerKind
from minutes.opinions import add_narration, narrations
from minutes.speakers import Speaker


def ask_speaker(
    screen: AppScreen,
    members: list[Member],
    labels: list[str],
    *,
    chosen: Callable[[Speaker], None],
    narration: Callable[[], None],
    closed: Callable[[], None],
    absent: frozenset[int] = frozenset(),
) -> None:
    """The picker: a member (those ``absent`` marked), staff, a name typed before (``labels``),
    another name, a narration.

    ``closed`` runs as the picker closes; a name typed for the first time joins ``labels``.
    """

    def named(label: str | None) -> None:
        if label:
            if label not in labels:
                labels.append(label)
            chosen(Speaker(SpeakerKind.OTHER, label=label))

    def picked(choice: Choice | None) -> None:
        closed()
        if choice is None:
            return
        if choice.speaker is not None:
            chosen(choice.speaker)
        elif choice.key == "t":
            screen.app.push_screen(
                AskDialog("その他の発言者", "発言者の名前（例: 参考人）", "", lambda t: t.strip()),
                named,
            )
        elif choice.key == "n":
            narration()

    screen.app.push_screen(SpeakerPicker(speaker_choices(members, labels, absent=absent)), picked)


def ask_narration(
    screen: AppScreen,
    council_id: int,
    *,
    enter: Callable[[str], object],
    closed: Callable[[], None],
) -> None:
    """The council's narrations, one key each; ``+`` adds a new one. ``enter`` records it."""
    db = screen.db

    def new(text: str | None) -> None:
        if text:
            add_narration(db, council_id, text)
            enter(text)

    def picked(choice: Choice | None) -> None:
        closed()
        if choice is None:
            return
        if choice.key == "+":
            screen.app.push_screen(
                AskDialog("ト書き", "ト書きの文", "～～", lambda t: t.strip()), new
            )
        else:
            enter(choice.label)

    choices = narration_choices(narrations(db, council_id))
    screen.app.push_screen(SpeakerPicker(choices, "ト書き（キーを一つ）"), picked)
