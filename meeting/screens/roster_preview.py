"""What a roster file would do to the roster, before anything is written: y imports, esc does not.

The preview is the plan the store will apply (``meeting.roster_import``): the counts, every row
added or updated with what changes, every bad row with its row number and reason. A file with
a bad row cannot be confirmed; the clerk corrects it in Excel and reads it again.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from meeting.roster_import import PreviewRow, RosterPlan, preview_rows
from meeting.screens.base import Guarded
from meeting.screens.dialogs import HelpScreen
from meeting.widgets.footer import Footer
from meeting.widgets.safe import cell, line, plain, tell


class RosterPreview(Guarded, ModalScreen[bool]):
    BINDINGS = [
        Binding("f1", "help", "ヘルプ", id="roster-preview.help"),
        Binding(
            "y",
            "confirm",
            "取り込む",
            id="roster-preview.confirm",
            tooltip="この内容で名簿に取り込みます",
        ),
        Binding(
            "escape,n", "cancel", "取消", id="roster-preview.cancel", tooltip="何も取り込みません"
        ),
    ]

    def __init__(self, plan: RosterPlan) -> None:
        super().__init__()
        self.plan = plan
        self.rows: list[PreviewRow] = []

    def compose(self) -> ComposeResult:
        plan = self.plan
        with Vertical(classes="dialog wide roster-preview"):
            yield Label(line(f"名簿の取り込み — {plan.file.name}"), classes="title")
            about = f"{plan.file.read_as}として読みました。{plan.summary}"
            if plan.file.ignored:
                about += "\n使わない列: " + "、".join(plan.file.ignored)
            yield Static(plain(about), id="roster-preview-summary")
            yield DataTable(id="roster-preview-rows", cursor_type="row", zebra_stripes=True)
            yield Static("", id="roster-preview-detail")
            yield Static(plain(self._verdict()), id="roster-preview-verdict", classes="question")
        yield Footer()

    def _verdict(self) -> str:
        if self.plan.bad:
            return (
                "問題のある行があるため取り込めません。ファイルを直して、もう一度読み込んでください"
                "（esc で閉じる）"
            )
        if not self.plan.writes:
            return "名簿は変わりません（esc で閉じる）"
        return "y で取り込みます（すべての行を一度に）。esc で取り込まずに閉じます"

    def on_mount(self) -> None:
        table = self.query_one("#roster-preview-rows", DataTable)
        table.add_columns("行", "区分", "内容")
        self.rows = preview_rows(self.plan)
        for row in self.rows:
            table.add_row(str(row.line), row.kind, cell(row.text))
        table.focus()
        if self.plan.bad:
            self.query_one("#roster-preview-verdict", Static).add_class("error")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole of the row under the cursor: a long reason does not fit its cell."""
        if 0 <= event.cursor_row < len(self.rows):
            row = self.rows[event.cursor_row]
            detail = self.query_one("#roster-preview-detail", Static)
            detail.update(plain(f"{row.line}行目（{row.kind}）: {row.text}"))

    def action_confirm(self) -> None:
        if self.plan.bad:
            tell(
                self,
                f"問題のある行が{len(self.plan.bad)}件あります。ファイルを直してから読み込んでください",
                severity="error",
                timeout=8,
            )
            return
        if not self.plan.writes:
            tell(self, "名簿は変わりません（取り込むものがありません）")
        self.dismiss(self.plan.writes)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))
