"""Add someone in the room who is not a member: 事務局 staff, a department's staff, an observer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from agendas.store import agenda
from meeting.errors import InputError
from meeting.forms import parse_count, parse_item_numbers
from meeting.model import Session
from meeting.screens.base import FormScreen, choice_field, text_field
from minutes.roll import OtherAttendee, OtherKind, add_other


class OtherForm(FormScreen[OtherAttendee | None]):
    """Add 事務局 staff, a department's staff for some items, or an observer."""

    FIELDS = {"氏名": "name", "団体": "organisation", "人数": "headcount", "議題": "items"}

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label("出席者を追加（委員以外）", classes="title")
            yield choice_field(
                "区分", [(k.label, k) for k in OtherKind], OtherKind.SECRETARIAT, "kind"
            )
            yield text_field("部署・団体", "", "organisation", "総務課 / 株式会社○○")
            yield text_field("職", "", "title", "課長")
            yield text_field("氏名", "", "name", "オブザーバーは空欄可")
            yield text_field("人数", "1", "headcount", "オブザーバーの人数")
            yield text_field("出席する議題の番号", "", "items", "空欄は会議全体（例: 3）")
            yield from self.buttons()

    def save(self) -> OtherAttendee:
        db = self.db
        positions = {item.position: item.id for item in agenda(db, self.session.id)}
        numbers = parse_item_numbers(self.value("items"))
        if missing := [n for n in numbers if n not in positions]:
            raise InputError("議題", f"議題{missing}はこの会議の会議次第にありません")
        return add_other(
            db,
            self.session.id,
            self.choice("kind"),
            organisation=self.value("organisation"),
            title=self.value("title"),
            name=self.value("name"),
            headcount=parse_count(self.value("headcount"), field="人数") or 1,
            item_ids=[positions[n] for n in numbers],
        )
