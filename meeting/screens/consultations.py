"""The register of consultations (諮問): filter, search, add, edit, and each one's history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Select, Static

from agendas.consultations import (
    add_consultation,
    consultation_history,
    list_consultations,
    record_answer,
    set_status,
    update_consultation,
)
from agendas.model import (
    Consultation,
    ConsultationDraft,
    ConsultationKind,
    ConsultationStatus,
    Question,
)
from agendas.register import flagged_articles, parse_answer
from agendas.rules import (
    departments_text,
    next_statuses,
    parse_article,
    parse_departments,
    parse_materials,
    question_mark,
)
from meeting.dates import format_date
from meeting.errors import InputError
from meeting.forms import optional_date
from meeting.model import Council
from meeting.screens.base import AppScreen, FormScreen, text_field
from meeting.screens.dialogs import AskDialog, ChoiceDialog, ConfirmDialog, HelpScreen
from meeting.sessions import session_title
from meeting.widgets.safe import cell, line, marked, plain, tell

ALL = "all"


class ConsultationsScreen(AppScreen):
    BINDINGS = [
        Binding("a", "add", "諮問を登録", id="consultations.add"),
        Binding("e", "edit", "編集", id="consultations.edit"),
        Binding("slash", "search", "検索", id="consultations.search", key_display="/"),
        Binding("t", "status", "状態を変更", id="consultations.status"),
        Binding("w", "write_answer", "答申書", id="consultations.write-answer"),
        Binding("r", "answer", "答申を記録", id="consultations.answer", show=False),
        Binding("x", "withdraw", "取下げ", id="consultations.withdraw", show=False),
        Binding("escape", "back", "戻る", id="consultations.back"),
        Binding("f1", "help", "ヘルプ", id="consultations.help"),
    ]

    def __init__(self, council: Council) -> None:
        super().__init__()
        self.council = council
        self.consultations: list[Consultation] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="register"):
            yield Label(line(f"{self.council.name} 諮問の一覧"), classes="title")
            with Horizontal(id="register-filters"):
                yield Select(
                    [("すべての状態", ALL)] + [(s.label, s.value) for s in ConsultationStatus],
                    value=ALL,
                    allow_blank=False,
                    id="status",
                    compact=True,
                )
                yield Input(placeholder="番号や件名の語で検索（/）", id="search", compact=True)
            yield DataTable(id="consultations", cursor_type="row", zebra_stripes=True)
            yield Static("", id="consultation-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#consultations", DataTable)
        table.add_columns("諮問番号", "諮問日", "件名", "種別", "状態")
        self.refresh_list()
        table.focus()

    def refresh_list(self, select: int | None = None) -> None:
        status = self.query_one("#status", Select).value
        self.consultations = list_consultations(
            self.db,
            self.council.id,
            status=None if status == ALL else ConsultationStatus(str(status)),
            search=self.query_one("#search", Input).value,
        )
        table = self.query_one("#consultations", DataTable)
        table.clear()
        for c in self.consultations:
            table.add_row(
                cell(c.number),
                format_date(c.filed_on, weekday=False) if c.filed_on else "",
                cell(_short(c.title, 22)),
                "・".join(k.label for k in c.kinds),
                c.status.label,
                key=str(c.id),
            )
        ids = [c.id for c in self.consultations]
        if select in ids:
            table.move_cursor(row=ids.index(select))
        self.show_detail()

    def selected(self) -> Consultation | None:
        table = self.query_one("#consultations", DataTable)
        if not self.consultations or table.cursor_row < 0:
            return None
        return self.consultations[min(table.cursor_row, len(self.consultations) - 1)]

    def show_detail(self) -> None:
        c = self.selected()
        detail = self.query_one("#consultation-detail", Static)
        if c is None:
            detail.update("諮問はありません。a で登録します。")
            return
        history = consultation_history(self.db, c.id)
        detail.update(consultation_detail(c, history_lines(history)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refresh_list()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_list()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#consultations", DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_add(self) -> None:
        self.app.push_screen(ConsultationForm(self.council), self._saved)

    def action_edit(self) -> None:
        if c := self.selected():
            self.app.push_screen(ConsultationForm(self.council, c), self._saved)

    def _saved(self, c: Consultation | None) -> None:
        if c is None:
            return
        self.refresh_list(select=c.id)
        flagged = flagged_articles(c)
        if flagged:
            tell(
                self,
                f"根拠条文が「条例第N条第N項第N号」の形ではありません: {'、'.join(flagged)}"
                "（入力どおり保存しました。確認してください）",
                severity="warning",
                timeout=10,
            )
        else:
            tell(self, f"{c.number}を保存しました")

    def action_status(self) -> None:
        c = self.selected()
        if c is None:
            return
        choices: list[tuple[str, object]] = [
            (s.label, s) for s in next_statuses(c.status) if s is not ConsultationStatus.ANSWERED
        ]
        if not choices:
            self.notify(f"{c.status.label}の諮問の状態は変えられません", severity="warning")
            return

        def chosen(status: object) -> None:
            if isinstance(status, ConsultationStatus):
                self._apply(lambda: set_status(self.db, c.id, status))

        self.app.push_screen(
            ChoiceDialog(f"{c.number}の状態（今: {c.status.label}）", choices), chosen
        )

    def action_answer(self) -> None:
        c = self.selected()
        if c is None:
            return

        def chosen(answer: tuple[str, date] | None) -> None:
            if answer is not None:
                number, day = answer
                self._apply(lambda: record_answer(self.db, c.id, number=number, answered_on=day))

        self.app.push_screen(
            AskDialog(f"{c.number}の答申", "答申番号と日付", "答申第 号 ", parse_answer),
            chosen,
        )

    def action_write_answer(self) -> None:
        if c := self.selected():
            self.meeting_app.open_answer(c, then=lambda: self.refresh_list(select=c.id))

    def _apply(self, work: Callable[[], Consultation]) -> None:
        try:
            c = work()
        except InputError as error:
            tell(self, error.message, title=error.field, severity="error", timeout=8)
            return
        self.refresh_list(select=c.id)
        tell(self, f"{c.number}: {c.status.label}")

    def action_withdraw(self) -> None:
        c = self.selected()
        if c is None:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                set_status(self.db, c.id, ConsultationStatus.WITHDRAWN)
            except InputError as error:
                tell(self, error.message, title=error.field, severity="error")
                return
            self.refresh_list(select=c.id)

        self.app.push_screen(
            ConfirmDialog(f"{c.number}を取下げにしますか？", yes="取下げ"), confirmed
        )

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))


class ConsultationForm(FormScreen[Consultation | None]):
    """Register or edit a consultation, with up to any number of questions (①②③)."""

    BINDINGS = [
        *FormScreen.BINDINGS,
        Binding("ctrl+n", "add_question", "諮問事項を追加", id="consultation.add-question"),
    ]
    FIELDS = {
        "諮問番号": "number",
        "件名": "title",
        "諮問日": "filed_on",
        "諮問機関": "consulting",
        "利用機関": "using",
        "諮問事項": "article-1",
    }

    def __init__(self, council: Council, consultation: Consultation | None = None) -> None:
        super().__init__()
        self.council = council
        self.consultation = consultation
        self.rows = 0

    def compose(self) -> ComposeResult:
        c = self.consultation
        with Vertical(classes="dialog form wide"):
            yield Label(line(f"諮問を編集 — {c.number}") if c else "諮問を登録", classes="title")
            yield text_field("諮問番号", c.number if c else "", "number", "3こサ第806号")
            yield text_field(
                "諮問日",
                format_date(c.filed_on, weekday=False) if c and c.filed_on else "",
                "filed_on",
                "令和8年10月1日",
            )
            yield text_field("件名", c.title if c else "", "title", "…について（諮問）")
            yield text_field(
                "諮問機関（部署）",
                departments_text(c.consulting) if c else "",
                "consulting",
                "総務部／総務課、健康部／保健所／健康づくり課",
            )
            yield text_field(
                "利用機関（部署）",
                departments_text(c.using) if c else "",
                "using",
                "他課が利用する場合",
            )
            yield text_field(
                "資料", "、".join(c.materials) if c else "", "materials", "資料1 諮問書、資料2 概要"
            )
            yield Label("諮問事項（種別・根拠条文・内容）  例: 外部提供 / 条例第10条第1項第2号")
            yield Vertical(id="questions")
            yield Button("＋ 諮問事項を追加 (ctrl+n)", id="add-question")
            yield from self.buttons()

    def on_mount(self) -> None:
        questions = self.consultation.questions if self.consultation else ()
        for q in questions or (Question(ConsultationKind.OUT_OF_PURPOSE, ""),):
            self.add_row(q)

    def add_row(self, q: Question) -> None:
        self.rows += 1
        n = self.rows
        self.query_one("#questions", Vertical).mount(
            Horizontal(
                Label(question_mark(n - 1), classes="sitting-label"),
                Select(
                    [(k.label, k) for k in ConsultationKind],
                    value=q.kind,
                    allow_blank=False,
                    id=f"kind-{n}",
                    compact=True,
                    classes="kind",
                ),
                Input(
                    q.article, id=f"article-{n}", placeholder="条例第9条第3項第4号", compact=True
                ),
                Input(
                    q.text,
                    id=f"text-{n}",
                    placeholder="内容（任意）",
                    compact=True,
                    classes="place",
                ),
                classes="sitting",
            )
        )

    def action_add_question(self) -> None:
        self.add_row(Question(ConsultationKind.OUT_OF_PURPOSE, ""))
        target = f"#article-{self.rows}"
        self.call_after_refresh(lambda: self.query_one(target, Input).focus())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-question":
            event.stop()
            self.action_add_question()
        else:
            super().on_button_pressed(event)

    def save(self) -> Consultation:
        questions = tuple(
            Question(self.choice(f"kind-{n}"), self.value(f"article-{n}"), self.value(f"text-{n}"))
            for n in range(1, self.rows + 1)
            if self.value(f"article-{n}").strip() or self.value(f"text-{n}").strip()
        )
        draft = ConsultationDraft(
            number=self.value("number"),
            title=self.value("title"),
            filed_on=optional_date(self.value("filed_on"), "諮問日"),
            consulting=parse_departments(self.value("consulting"), field="諮問機関"),
            using=parse_departments(self.value("using"), field="利用機関"),
            questions=questions,
            materials=parse_materials(self.value("materials")),
        )
        now = self.now()
        if self.consultation is None:
            return add_consultation(self.db, self.council.id, draft, now=now)
        return update_consultation(self.db, self.consultation.id, draft)


def consultation_detail(c: Consultation, history: list[str]) -> Content:
    """The chosen consultation; every text as stored (markup only for the number's bold)."""
    head = marked("[b]$number[/b]  $title", number=c.number, title=c.title)
    lines: list[str] = []
    lines.append(f"諮問機関: {'、'.join(d.label for d in c.consulting) or '—'}")
    if c.using:
        lines.append(f"利用機関: {'、'.join(d.label for d in c.using)}")
    for i, q in enumerate(c.questions):
        flag = "" if parse_article(q.article) else " [要確認]"
        lines.append(f"  {question_mark(i)} {q.kind.label}  {q.article}{flag}  {q.text}")
    if c.materials:
        lines.append(f"資料: {'、'.join(c.materials)}")
    if c.answer_number:
        answered = format_date(c.answered_on, weekday=False) if c.answered_on else ""
        lines.append(f"答申: {c.answer_number} {answered}")
    lines.append("経緯: " + ("、".join(history) if history else "まだ会議次第にありません"))
    return Content("\n").join([head, *(plain(text) for text in lines)])


def history_lines(history: list[Any]) -> list[str]:
    return [
        f"{session_title(h.session)}"
        + ("（前回の補足説明）" if h.carried_over else "")
        + (f" {h.outcome}" if h.outcome else "")
        for h in history
    ]


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
