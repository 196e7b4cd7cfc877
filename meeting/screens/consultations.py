"""The register of consultations (諮問): filter, search, add, edit, and each one's history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Header, Input, Label, Select, Static

from agendas.appeals import appeal_stage, status_label
from agendas.consultations import (
    consultation_history,
    get_appellant,
    list_consultations,
    record_answer,
    set_status,
    undo_extension,
    withdraw,
)
from agendas.model import Appellant, Consultation, ConsultationStatus
from agendas.register import flagged_articles, parse_answer
from agendas.rules import next_statuses, parse_article, question_mark
from meeting.dates import format_date, parse_date
from meeting.errors import InputError
from meeting.model import Council
from meeting.screens.base import DocumentScreen
from meeting.screens.consultation_form import ConsultationForm, ExtensionForm
from meeting.screens.dialogs import AskDialog, ChoiceDialog, HelpScreen, SavePathDialog
from meeting.sessions import session_title
from meeting.widgets.footer import Footer
from meeting.widgets.safe import cell, line, marked, plain, tell

ALL = "all"


class ConsultationsScreen(DocumentScreen):
    BINDINGS = [
        Binding("f1", "help", "ヘルプ", id="consultations.help"),
        Binding("escape", "back", "戻る", id="consultations.back"),
        Binding("a", "add", "諮問を登録", id="consultations.add"),
        Binding("e", "edit", "編集", id="consultations.edit"),
        Binding("slash", "search", "検索", id="consultations.search", key_display="/"),
        Binding("t", "status", "状態を変更", id="consultations.status"),
        Binding("w", "write_answer", "答申書", id="consultations.write-answer"),
        Binding("p", "write_request", "諮問書", id="consultations.write-request"),
        Binding("r", "answer", "答申を記録", id="consultations.answer", show=False),
        Binding("x", "withdraw", "取下げ", id="consultations.withdraw", show=False),
        Binding("l", "extend", "期限の延長", id="consultations.extend", show=False),
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
                _day(c.filed_on),
                cell(_short(c.title, 22)),
                _kinds(c),
                status_label(c),
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
        appellant = get_appellant(self.db, c.id) if c.is_appeal else None
        detail.update(consultation_detail(c, history_lines(history), appellant))

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
            tell(self, f"{c.number or c.title}を保存しました")

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
            ChoiceDialog(f"{_name(c)}の状態（今: {status_label(c)}）", choices), chosen
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
            AskDialog(f"{_name(c)}の答申", "答申番号と日付", "答申第 号 ", parse_answer),
            chosen,
        )

    def action_write_answer(self) -> None:
        if c := self.selected():
            self.meeting_app.open_answer(c, then=lambda: self.refresh_list(select=c.id))

    def action_write_request(self) -> None:
        """Write the chosen consultation's 諮問書 (its sender, body and attachments)."""
        c = self.selected()
        if c is None:
            return
        from exports.registry import prepare

        try:
            prepared = prepare(self.db, "request", c.id)
        except InputError as error:
            tell(self, error.message, title=error.field, severity="error", timeout=8)
            return
        default = Path.cwd() / f"諮問書_{c.number or c.title[:20]}.docx"

        def chosen(out: Path | None) -> None:
            if out is not None:
                self.write_prepared(prepared, out)

        self.app.push_screen(SavePathDialog("諮問書を書き出す", default), chosen)

    def _apply(self, work: Callable[[], Consultation]) -> None:
        try:
            c = work()
        except InputError as error:
            tell(self, error.message, title=error.field, severity="error", timeout=8)
            return
        self.refresh_list(select=c.id)
        tell(self, f"{_name(c)}: {status_label(c)}")

    def action_withdraw(self) -> None:
        c = self.selected()
        if c is None:
            return

        def chosen(on: date | None) -> None:
            if on is not None:
                self._apply(lambda: withdraw(self.db, c.id, on=on))

        self.app.push_screen(
            AskDialog(
                f"{_name(c)}を取下げにします",
                "取下げの日",
                _day(self.now().date()),
                lambda text: parse_date(text, field="取下げの日"),
            ),
            chosen,
        )

    def action_extend(self) -> None:
        """Extend the answer's deadline, or take back the last extension."""
        c = self.selected()
        if c is None:
            return

        def extended(done: Consultation | None) -> None:
            if done is not None:
                self.refresh_list(select=done.id)
                tell(self, f"{_name(done)}: 答申期限を{_day(done.due)}に延長しました")

        if not c.extensions:
            self.app.push_screen(ExtensionForm(c, self.now().date()), extended)
            return

        def chosen(what: object) -> None:
            if what == "add":
                self.app.push_screen(ExtensionForm(c, self.now().date()), extended)
            elif what == "undo":
                self._apply(lambda: undo_extension(self.db, c.id))

        last = c.extensions[-1]
        self.app.push_screen(
            ChoiceDialog(
                f"{_name(c)}の答申期限（今: {_day(c.due)}）",
                [
                    ("さらに延長する", "add"),
                    (f"最後の延長（{_day(last.extended_to)}まで）を取り消す", "undo"),
                ],
            ),
            chosen,
        )

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))


def consultation_detail(
    c: Consultation, history: list[str], appellant: Appellant | None = None
) -> Content:
    """The chosen case; every text as stored (markup only for the number's bold). The
    appellant shows here, on the clerk's screen, and in no document."""
    head = marked("[b]$number[/b]  $title", number=c.number or "（番号未定）", title=c.title)
    lines: list[str] = []
    label = "実施機関" if c.is_appeal else "諮問機関"
    lines.append(f"{label}: {'、'.join(d.label for d in c.consulting) or '—'}")
    if c.using:
        lines.append(f"利用機関: {'、'.join(d.label for d in c.using)}")
    if c.is_appeal:
        lines += appeal_lines(c, appellant)
    for i, q in enumerate(c.questions):
        flag = "" if parse_article(q.article) else " [要確認]"
        lines.append(f"  {question_mark(i)} {q.kind.label}  {q.article}{flag}  {q.text}")
    if c.materials:
        lines.append(f"資料: {'、'.join(c.materials)}")
    if c.sections or c.attachments:
        parts = [s.heading or "（見出しなし）" for s in c.sections]
        parts += [f"別紙{len(c.attachments)}件"] if c.attachments else []
        lines.append(f"諮問書の本文: {'、'.join(parts)}")
    if c.answer_number:
        answered = _day(c.answered_on)
        lines.append(f"答申: {c.answer_number} {answered}")
    if c.withdrawn_on:
        lines.append(f"取下げ: {_day(c.withdrawn_on)}")
    lines.append("経緯: " + ("、".join(history) if history else "まだ会議次第にありません"))
    return Content("\n").join([head, *(plain(text) for text in lines)])


def appeal_lines(c: Consultation, appellant: Appellant | None) -> list[str]:
    a = c.appeal
    disposition = a.disposition.label if a.disposition else "—"
    if a.disposition_detail:
        disposition += f"（{a.disposition_detail}）"
    when = " ".join(p for p in (_day(a.disposition_on), a.disposition_number) if p)
    lines = [
        f"審査請求: {appeal_stage(c).label}　処分: {disposition}" + (f"　{when}" if when else ""),
        f"審査請求日: {_day(a.appealed_on) or '—'}　諮問日: {_day(c.filed_on) or '—'}",
    ]
    if c.due:
        extended = "".join(f"、{_day(e.extended_to)}まで延長（{e.reason}）" for e in c.extensions)
        lines.append(f"答申期限: 当初 {_day(c.answer_due) or '—'}{extended}")
    if c.conclusion_line:
        lines.append(f"答申の結論: {c.conclusion_line}")
    if appellant is not None and not appellant.empty:
        lines.append(
            f"審査請求人（個人情報・文書に載りません）: {appellant.name}　{appellant.address}"
        )
    return lines


def _day(d: date | None) -> str:
    return format_date(d, weekday=False) if d else ""


def history_lines(history: list[Any]) -> list[str]:
    return [
        f"{session_title(h.session)}"
        + ("（前回の補足説明）" if h.carried_over else "")
        + (f" {h.outcome}" if h.outcome else "")
        for h in history
    ]


def _name(c: Consultation) -> str:
    return c.number or _short(c.title, 22)


def _kinds(c: Consultation) -> str:
    if c.is_appeal:
        return "審査請求" + (f"（{c.appeal.disposition.label}）" if c.appeal.disposition else "")
    return "・".join(k.label for k in c.kinds)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
