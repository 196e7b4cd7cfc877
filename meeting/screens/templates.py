"""文書の書式: per document kind, the shipped defaults and the council's own templates, which
one is used; copy one out to edit in Word, bring the edited file back, choose."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Label, Static

from exports.council_templates import (
    KindTemplates,
    council_templates,
    import_template,
    template_version,
    use_template,
    write_copy,
)
from exports.template_sets import OWN, TemplateSet
from meeting.errors import InputError
from meeting.model import Council
from meeting.screens.base import AppScreen
from meeting.screens.dialogs import AskDialog, HelpScreen, SavePathDialog
from meeting.widgets.footer import Footer
from meeting.widgets.safe import cell, line, plain, tell


@dataclass(frozen=True)
class Row:
    """A row of the table: the kind, the template's name (a default's or own), its version
    (own only)."""

    kind: str
    name: str
    version: int | None = None


HINT = (  # a line each: a terminal wraps at spaces, which would leave "i" alone at 80 columns
    "c で書き出して Word で編集し、i で取り込みます。\n"
    "取り込む前にデモのデータで確かめます。Enter でその書式を使います。\n"
    "確定した会議録は、確定したときの書式のままです。"
)


class TemplatesScreen(AppScreen):
    BINDINGS = [
        Binding("f1", "help", "ヘルプ", id="templates.help"),
        Binding("escape", "back", "戻る", id="templates.back"),
        Binding("enter", "use", "使う", id="templates.use", tooltip="選んだ書式で文書を作ります"),
        Binding("c", "copy", "書き出す", id="templates.copy", tooltip="Word で編集するために保存"),
        Binding(
            "i", "import", "取り込む", id="templates.import", tooltip="編集した .docx を取り込む"
        ),
    ]

    def __init__(self, council: Council) -> None:
        super().__init__()
        self.council = council
        self.kinds: list[KindTemplates] = []
        self.rows: list[Row] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="templates-screen"):
            yield Label(line(f"{self.council.name} 文書の書式"), classes="title")
            yield Static(HINT, id="templates-hint")
            yield DataTable(id="templates", cursor_type="row", zebra_stripes=True)
            yield Static("", id="template-problem", classes="error")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#templates", DataTable)
        table.add_columns("文書", "使用", "書式", "説明")
        self.refresh_templates()
        table.focus()

    def refresh_templates(self, select: Row | None = None) -> None:
        self.kinds = council_templates(self.db, self.council.id)
        table = self.query_one("#templates", DataTable)
        table.clear()
        self.rows = []
        for kind in self.kinds:
            for d in kind.defaults:
                self._add(table, kind, Row(kind.kind, d.name), f"既定 {d.name}", d.label)
            for n, v in enumerate(kind.own):
                when = v.created_at.strftime("%Y-%m-%d %H:%M")
                about = " ".join(x for x in (v.label, v.source, when) if x)
                used = kind.chosen == OWN and n == 0
                self._add(
                    table,
                    kind,
                    Row(kind.kind, OWN, v.version),
                    f"独自 第{v.version}版",
                    about,
                    used=used,
                )
        if select in self.rows:
            table.move_cursor(row=self.rows.index(select))

    def _add(
        self,
        table: DataTable[str | Text],
        kind: KindTemplates,
        row: Row,
        name: str,
        about: str,
        *,
        used: bool | None = None,
    ) -> None:
        first = not any(r.kind == kind.kind for r in self.rows)
        if used is None:
            used = kind.chosen == row.name
        table.add_row(kind.label if first else "", "●" if used else "", name, cell(about))
        self.rows.append(row)

    def selected(self) -> Row | None:
        table = self.query_one("#templates", DataTable)
        if not self.rows or table.cursor_row < 0:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_use()

    def action_use(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.name == OWN and row.version != self._latest(row.kind):
            tell(
                self,
                "使えるのは独自の書式の最新の版です。前の版に戻すには、その版を書き出して"
                "取り込み直します",
                severity="warning",
                timeout=8,
            )
            return
        said = use_template(self.db, self.council.id, row.kind, row.name)
        self.refresh_templates(select=row)
        tell(self, f"{said}を使います")

    def _latest(self, kind: str) -> int | None:
        own = next(k.own for k in self.kinds if k.kind == kind)
        return own[0].version if own else None

    def _template(self, row: Row) -> TemplateSet:
        return template_version(self.db, self.council.id, row.kind, row.name, row.version)

    def action_copy(self) -> None:
        row = self.selected()
        if row is None:
            return
        label = next(k.label for k in self.kinds if k.kind == row.kind)
        stem = f"{label}-{row.name}" if row.version is None else f"{label}-独自{row.version}"
        default = Path.home() / f"{stem}.docx"

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            template = self._template(row)
            docx = path.with_suffix(".docx")
            twin = path.with_suffix(".md")
            try:
                write_copy(template, docx, twin)
            except InputError as error:  # never over the database or another kind of file
                tell(self, f"書き出せません: {error.message}", severity="error", timeout=10)
                return
            except OSError as error:
                tell(self, f"書き出せません: {error}", severity="error", timeout=10)
                return
            tell(self, f"書き出しました: {docx}（Markdown: {twin.name}）", timeout=10)

        self.app.push_screen(
            SavePathDialog("書式を書き出す（Word で開いて編集します）", default), chosen
        )

    def action_import(self) -> None:
        row = self.selected()
        if row is None:
            return
        kind = row.kind
        label = next(k.label for k in self.kinds if k.kind == kind)

        def parse(text: str) -> Path:
            path = Path(text.strip()).expanduser()
            if not text.strip():
                raise InputError("ファイル", "編集した .docx のファイル名を入れてください")
            if not path.is_file():
                raise InputError("ファイル", f"ファイルがありません: {path}")
            return path

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.query_one("#template-problem", Static).update("確かめています…")
                self.check_and_keep(kind, path)

        self.app.push_screen(
            AskDialog(
                f"{label}の書式を取り込む",
                "編集した Word ファイル（同じ名前の .md があれば一緒に取り込みます）",
                str(Path.home() / f"{label}.docx"),
                parse,
                select=False,
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, group="templates", exit_on_error=False)
    def check_and_keep(self, kind: str, path: Path) -> None:
        """Check against the demo data off the UI, then keep it (the database on the UI)."""
        demo = self.meeting_app.demo
        try:
            if demo is None:
                raise InputError("テンプレート", "デモのデータがないため、確かめられません")
            docx = path.read_bytes()
            twin = path.with_suffix(".md")
            markdown = twin.read_text(encoding="utf-8") if twin.is_file() else None
            from exports.template_check import check_against_demo

            check_against_demo(kind, docx, markdown, demo, now=self.now())
        except (InputError, OSError, UnicodeDecodeError) as error:
            said = error.message if isinstance(error, InputError) else str(error)
            self.app.call_from_thread(self._refused, said)
            return
        self.app.call_from_thread(self._keep, kind, path, docx, markdown)

    def _refused(self, message: str) -> None:
        self.query_one("#template-problem", Static).update(plain(f"取り込めません: {message}"))
        tell(self, "取り込めませんでした（理由は画面の下に）", severity="error", timeout=8)

    def _keep(self, kind: str, path: Path, docx: bytes, markdown: str | None) -> None:
        kept = import_template(
            self.db,
            self.council.id,
            kind,
            docx,
            markdown,
            source=path.name,
            check=lambda *_: None,  # checked just now, off the UI
            at=self.now(),
        )
        self.query_one("#template-problem", Static).update("")
        self.refresh_templates(select=Row(kind, OWN, kept.version))
        twin = "（Markdown も）" if markdown is not None else ""
        tell(self, f"{path.name}{twin}を独自の書式 第{kept.version}版として取り込み、使います")

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))
