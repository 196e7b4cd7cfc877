"""Schedule a session, or reschedule one: kind, form, fiscal year, number, and its sittings."""

from __future__ import annotations

import re
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from meeting.dates import format_date, format_fiscal_year
from meeting.errors import InputError
from meeting.forms import (
    SittingText,
    fiscal_year_hint,
    parse_fiscal_year,
    session_plan,
    sitting_texts,
)
from meeting.model import Council, Session, SessionForm, SessionKind
from meeting.screens.base import FormScreen
from meeting.sessions import session_title, sitting_label
from meeting.store import next_session_number, reschedule_session, schedule_session

SCHEDULE_HINT = (
    "日程（日付・開始・終了・場所）  例: 令和8年12月14日 / 午前10時 / 正午（空欄可）/ 第1会議室"
)
_ROW_FIELD = re.compile(r"^(\d+)日目の(日付|開始時刻|終了時刻|場所)$")
_ROW_WIDGET = {"日付": "day", "開始時刻": "start", "終了時刻": "end", "場所": "place"}


class SessionFormScreen(FormScreen[Session | None]):
    DIALOG = "wide"
    BINDINGS = [
        *FormScreen.BINDINGS,
        Binding("ctrl+n", "add_sitting", "日程を追加", id="session.add-sitting"),
        Binding("ctrl+d", "remove_sitting", "最後の日程を削除", id="session.remove-sitting"),
    ]
    FIELDS = {
        "年度": "fiscal_year",
        "回": "number",
        "日程": "day-1",
        "書面決議の開始日": "written_from",
        "書面決議の締切日": "written_until",
        "状態": "kind",
    }

    def __init__(self, council: Council, session: Session | None = None) -> None:
        super().__init__()
        self.council = council
        self.session = session
        self.rows = 0

    def heading(self) -> str:
        s = self.session
        title = f"日程を変更 — {session_title(s)}" if s else "会議を予定"
        return f"{title}（{self.council.name}）"

    def fields(self) -> ComposeResult:
        s = self.session
        with Horizontal(classes="row"):
            with Vertical():
                yield Label("種別")
                yield Select(
                    [(k.label, k) for k in SessionKind],
                    value=s.kind if s else SessionKind.REGULAR,
                    allow_blank=False,
                    id="kind",
                    compact=True,
                )
            with Vertical():
                yield Label("形式")
                yield Select(
                    [(f.label, f) for f in SessionForm],
                    value=s.form if s else SessionForm.IN_PERSON,
                    allow_blank=False,
                    id="form",
                    compact=True,
                )
            with Vertical():
                yield Label("公開・非公開")
                yield Select(
                    [("公開", True), ("非公開", False)],
                    value=s.public if s else True,
                    allow_blank=False,
                    id="public",
                    compact=True,
                )
        with Horizontal(classes="row"):
            with Vertical():
                yield Label("年度（空欄は日付から）")
                yield Input(
                    "", id="fiscal_year", placeholder="日付から（例: 令和8年度）", compact=True
                )
            with Vertical():
                yield Label("回（空欄は自動）")
                yield Input(
                    str(s.number) if s else "", id="number", placeholder="自動", compact=True
                )
        with Vertical(id="sittings"):
            yield Static(SCHEDULE_HINT)
        with Horizontal(id="sitting-buttons", classes="buttons"):
            yield Button("＋ 日程を追加 (ctrl+n)", id="add-sitting")
            yield Button("－ 最後の日程を削除 (ctrl+d)", id="remove-sitting")
        with Horizontal(id="written", classes="row"):
            with Vertical():
                yield Label("書面決議の開始日")
                yield Input(
                    _day(s.written_from if s else None),
                    id="written_from",
                    compact=True,
                    placeholder="令和9年1月6日",
                )
            with Vertical():
                yield Label("書面決議の締切日")
                yield Input(
                    _day(s.written_until if s else None),
                    id="written_until",
                    compact=True,
                    placeholder="令和9年1月15日",
                )

    def on_mount(self) -> None:
        rows = sitting_texts(self.session) if self.session else []
        for row in rows or [SittingText("", "", "", "")]:
            self.add_row(row)
        self.show_form(self.query_one("#form", Select).value)  # type: ignore[arg-type]
        self.query_one("#kind", Select).focus()

    def add_row(self, text: SittingText) -> None:
        self.rows += 1
        n = self.rows
        row = Horizontal(
            Label(sitting_label(n), classes="sitting-label"),
            Input(text.day, id=f"day-{n}", placeholder="日付", classes="day", compact=True),
            Input(text.start, id=f"start-{n}", placeholder="開始", classes="time", compact=True),
            Input(
                text.end, id=f"end-{n}", placeholder="終了（未定）", classes="time", compact=True
            ),
            Input(
                text.place,
                id=f"place-{n}",
                placeholder="場所（オンラインも可）",
                classes="place",
                compact=True,
            ),
            id=f"sitting-{n}",
            classes="sitting",
        )
        self.query_one("#sittings", Vertical).mount(row)

    def action_add_sitting(self) -> None:
        # The next day usually keeps the place of the day before.
        place = self.value(f"place-{self.rows}") if self.rows else ""
        self.add_row(SittingText("", "", "", place))
        day = f"#day-{self.rows}"
        self.call_after_refresh(lambda: self.query_one(day, Input).focus())

    def action_remove_sitting(self) -> None:
        if self.rows > 1:
            self.query_one(f"#sitting-{self.rows}").remove()
            self.rows -= 1

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-sitting":
            event.stop()
            self.action_add_sitting()
        elif event.button.id == "remove-sitting":
            event.stop()
            self.action_remove_sitting()
        # Save and Cancel: FormScreen's handler, which Textual calls after this one (calling it
        # here too saved twice)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "form":
            self.show_form(event.value)  # type: ignore[arg-type]

    def show_form(self, form: SessionForm) -> None:
        written = form is SessionForm.WRITTEN_RESOLUTION
        self.query_one("#written").display = written
        self.query_one("#sittings").display = not written
        self.query_one("#sitting-buttons").display = not written

    def on_input_changed(self, event: Input.Changed) -> None:
        """Show the number the session will get, as soon as its first day is known."""
        if event.input.id not in ("day-1", "written_from", "fiscal_year") or self.session:
            return
        number = self.query_one("#number", Input)
        try:
            fy = parse_fiscal_year(self.value("fiscal_year"))
        except InputError:
            fy = None
        if fy is None:
            first = self.value("written_from") if self._written() else self.value("day-1")
            hint = fiscal_year_hint(first)
            fy = parse_fiscal_year(hint) if hint else None
        if fy is None:
            number.placeholder = "自動"
            return
        proposed = next_session_number(self.db, self.council.id, fy)
        number.placeholder = f"自動: {format_fiscal_year(fy)}第{proposed}回"

    def _written(self) -> bool:
        return self.query_one("#form", Select).value is SessionForm.WRITTEN_RESOLUTION

    def field_widget(self, field: str) -> str | None:
        if m := _ROW_FIELD.match(field):
            return f"{_ROW_WIDGET[m[2]]}-{m[1]}"
        return None

    def save(self) -> Session:
        plan = session_plan(
            kind=self.choice("kind"),
            form=self.choice("form"),
            public=bool(self.choice("public")),
            fiscal_year=self.value("fiscal_year"),
            number=self.value("number"),
            sittings=[
                SittingText(
                    self.value(f"day-{n}"),
                    self.value(f"start-{n}"),
                    self.value(f"end-{n}"),
                    self.value(f"place-{n}"),
                )
                for n in range(1, self.rows + 1)
            ],
            written_from=self.value("written_from"),
            written_until=self.value("written_until"),
        )
        now = self.now()
        if self.session is None:
            return schedule_session(self.db, self.council.id, plan, now=now)
        return reschedule_session(self.db, self.session.id, plan, now=now)


def _day(day: date | None) -> str:
    return format_date(day, weekday=False) if day else ""
