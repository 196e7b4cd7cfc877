"""Others in the room: 事務局 staff, a department's staff, observers, and the 傍聴人 count.

The roll-call screen opens these: the form adds someone who is not a member, the dialog asks
how many members of the public attend a sitting.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult

from agendas.model import Department
from agendas.rules import items_numbered, numbered
from agendas.store import agenda
from meeting.errors import InputError
from meeting.forms import parse_count, parse_path
from meeting.model import Session, Sitting
from meeting.screens.base import AppScreen, FormScreen, choice_field, text_field
from meeting.screens.dialogs import AskDialog, ChoiceDialog, ConfirmDialog
from meeting.store import get_council
from meeting.widgets.safe import tell
from minutes.roll import (
    OtherAttendee,
    OtherKind,
    add_other,
    other_label,
    others_present,
    public_attendees,
    remove_other,
    set_public_attendees,
)


class OtherForm(FormScreen[OtherAttendee | None]):
    """Add 事務局 staff, a department's staff for some items, or an observer."""

    FIELDS = {
        "氏名": "name",
        "部署": "department",
        "団体": "organisation",
        "人数": "headcount",
        "議題": "items",
    }

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def heading(self) -> str:
        return "出席者を追加（委員以外）"

    def fields(self) -> ComposeResult:
        yield choice_field("区分", [(k.label, k) for k in OtherKind], OtherKind.SECRETARIAT, "kind")
        yield text_field("部署（／で区切る）", "", "department", "総務部／総務課／情報公開係")
        yield text_field("職", "", "title", "課長補佐")
        yield text_field("氏名", "", "name", "オブザーバーは空欄可")
        yield text_field("団体（オブザーバー）", "", "organisation", "株式会社○○")
        yield text_field("人数", "1", "headcount", "オブザーバーの人数")
        yield text_field("出席する議題の番号", "", "items", "空欄は会議全体（例: 2(1)、3）")

    def save(self) -> OtherAttendee:
        db = self.db
        numbering = get_council(db, self.session.council_id).agenda_numbering
        shown = numbered(agenda(db, self.session.id), numbering)
        attended = items_numbered(shown, self.value("items"))  # as the agenda shows them
        return add_other(
            db,
            self.session.id,
            self.choice("kind"),
            organisation=self.value("organisation"),
            department=Department(*parse_path(self.value("department"), field="部署")),
            title=self.value("title"),
            name=self.value("name"),
            headcount=parse_count(self.value("headcount"), field="人数") or 1,
            item_ids=[item.id for item in attended],
        )


def add_other_present(screen: AppScreen, session: Session, then: Callable[[], None]) -> None:
    """Ask who else is in the room; ``then`` shows them."""

    def saved(other: OtherAttendee | None) -> None:
        if other is not None:
            then()
            screen.notify(f"{other.kind.label}の出席者を追加しました")

    screen.app.push_screen(OtherForm(session), saved)


def remove_other_present(screen: AppScreen, session: Session, then: Callable[[], None]) -> None:
    """Pick someone added to those present by mistake, confirm, and take them back."""
    db = screen.db
    others = others_present(db, session.id)
    if not others:
        screen.notify("事務局・実施機関・オブザーバーの出席者はいません", severity="warning")
        return

    def confirmed(other: OtherAttendee, yes: bool | None) -> None:
        if not yes:
            return
        try:
            remove_other(db, session.id, other.id)
        except InputError as error:
            tell(screen, error.message, title=error.field, severity="error", timeout=8)
            return
        then()
        screen.notify(f"出席者から外しました: {other_label(other)}")

    def chosen(other: object) -> None:
        if isinstance(other, OtherAttendee):
            screen.app.push_screen(
                ConfirmDialog(f"{other_label(other)}を出席者から外しますか？", yes="外す"),
                lambda yes: confirmed(other, yes),
            )

    screen.app.push_screen(
        ChoiceDialog(
            "出席者から外す",
            [(f"{o.kind.label}: {other_label(o)}", o) for o in others],
        ),
        chosen,
    )


def ask_audience(screen: AppScreen, sitting: Sitting, then: Callable[[], None]) -> None:
    """Ask how many members of the public attend the sitting (傍聴人); ``then`` shows it."""
    db = screen.db
    current = public_attendees(db, sitting.id)

    def chosen(count: int | None) -> None:
        if count is None:
            return
        try:
            set_public_attendees(db, sitting.id, count)
        except InputError as error:
            tell(screen, error.message, title=error.field, severity="error")
            return
        then()

    screen.app.push_screen(
        AskDialog("傍聴人", "人数", str(current), lambda t: parse_count(t, field="傍聴人") or 0),
        chosen,
    )
