"""Recusal: a member with an interest in an item does not count for its quorum (除斥).

The roll-call screen opens this for the member on its cursor.
"""

from __future__ import annotations

from agendas.rules import item_numbered, item_title, numbered
from agendas.store import agenda
from meeting.model import Member, Session
from meeting.screens.base import AppScreen
from meeting.screens.dialogs import AskDialog
from meeting.store import get_council
from meeting.widgets.safe import tell
from minutes.roll import recuse


def ask_recusal(screen: AppScreen, session: Session, member: Member) -> None:
    """Recuse the member from one item of the agenda, by its number."""
    db = screen.db
    numbering = get_council(db, session.council_id).agenda_numbering
    shown = numbered(agenda(db, session.id), numbering)
    if not shown:
        screen.notify("会議次第に議題がありません", severity="warning")
        return

    def parse(text: str) -> int:
        return item_numbered(shown, text).id  # the number the agenda shows: 3, 2(1)

    def chosen(item_id: int | None) -> None:
        if item_id is not None:
            recuse(db, item_id, member.id, "利害関係")
            where = next(
                f"議題{n.number} {item_title(n.item)}" for n in shown if n.item.id == item_id
            )
            tell(screen, f"{member.name}さんを{where}の定足数から外しました")

    screen.app.push_screen(
        AskDialog(
            f"{member.name}さん — 利害関係による除斥",
            "議題の番号（" + "、".join(n.number for n in shown if n.number) + "）",
            "",
            parse,
        ),
        chosen,
    )
