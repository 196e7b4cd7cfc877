"""Recusal: a member with an interest in an item does not count for its quorum (除斥).

The roll-call screen opens this for the member on its cursor.
"""

from __future__ import annotations

from agendas.store import agenda
from meeting.errors import InputError
from meeting.forms import parse_item_numbers
from meeting.model import Member, Session
from meeting.screens.base import AppScreen
from meeting.screens.dialogs import AskDialog
from meeting.widgets.safe import tell
from minutes.roll import recuse


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
