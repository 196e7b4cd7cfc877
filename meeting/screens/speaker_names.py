"""How a session's record names its members: named or anonymised, and each member's letter.

The roll-call screen opens these (a letter for the member on its cursor).
"""

from __future__ import annotations

from collections.abc import Callable

from meeting.errors import InputError
from meeting.model import Member, Session, SpeakerNames
from meeting.screens.base import AppScreen
from meeting.screens.dialogs import AskDialog, ChoiceDialog
from meeting.store import get_council, set_speaker_names, speaker_names_of
from meeting.widgets.safe import tell
from minutes.utterances import letters, set_letter

FOLLOW_COUNCIL = "council"


def choose_speaker_names(
    screen: AppScreen, session: Session, then: Callable[[Session], None]
) -> None:
    """Named or anonymised for this session, or as the council says; ``then`` gets the session."""
    db = screen.db
    council = get_council(db, session.council_id)
    choices: list[tuple[str, object]] = [
        (f"審議会の設定どおり（{council.speaker_names.label}）", FOLLOW_COUNCIL),
        *[(names.label, names) for names in SpeakerNames],
    ]

    def chosen(value: object) -> None:
        if value is None:
            return
        names = value if isinstance(value, SpeakerNames) else None
        changed = set_speaker_names(db, session.id, names)
        then(changed)
        screen.notify(f"この会議の会議録の発言者: {speaker_names_of(db, changed).label}")

    screen.app.push_screen(ChoiceDialog("会議録の発言者の表記", choices), chosen)


def ask_letter(screen: AppScreen, session: Session, member: Member) -> None:
    """The member's letter in the anonymised record (A委員…)."""
    db = screen.db
    current = letters(db, session.id).get(member.id, "")

    def chosen(letter: str | None) -> None:
        if letter is None:
            return
        try:
            set_letter(db, session.id, member.id, letter)
        except InputError as error:
            tell(screen, error.message, title=error.field, severity="error")
            return
        tell(screen, f"{member.name}さんは{letter.upper()}委員です")

    screen.app.push_screen(
        AskDialog(f"{member.name}さんの記号", "記号（A, B…）", current, lambda t: t.strip()),
        chosen,
    )
