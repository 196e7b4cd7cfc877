"""How a session's record names its members: named or anonymised, each member's letter, and
who is recused from an item (a member with an interest does not count for its quorum).

The roll-call screen opens these for the member on its cursor.
"""

from __future__ import annotations

from collections.abc import Callable

from agendas.store import agenda
from meeting.errors import InputError
from meeting.forms import parse_item_numbers
from meeting.model import Member, Session, SpeakerNames
from meeting.screens.base import AppScreen
from meeting.screens.dialogs import AskDialog, ChoiceDialog
from meeting.store import get_council, set_speaker_names, speaker_names_of
from meeting.widgets.safe import tell
from minutes.roll import recuse
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


def ask_recusal(screen: AppScreen, session: Session, member: Member) -> None:
    """Recuse the member from one item of the agenda, by its number."""
    db = screen.db
    positions = {item.position: item.id for item in agenda(db, session.id)}
    if not positions:
        screen.notify("会議次第に議題がありません", severity="warning")
        return

    def parse(text: str) -> int:
        numbers = parse_item_numbers(text)
        if len(numbers) != 1 or numbers[0] not in positions:
            raise InputError(
                "議題", f"会議次第にある議題の番号を一つ入れてください（{sorted(positions)}）"
            )
        return positions[numbers[0]]

    def chosen(item_id: int | None) -> None:
        if item_id is not None:
            recuse(db, item_id, member.id, "利害関係")
            tell(screen, f"{member.name}さんをこの議題の定足数から外しました")

    screen.app.push_screen(
        AskDialog(f"{member.name}さん — 利害関係による除斥", "議題の番号", "", parse), chosen
    )
