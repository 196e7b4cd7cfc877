"""Write a session's documents: choose the document and the version, see a preview, write."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import islice
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, Label, LoadingIndicator, Select, Static
from textual.worker import get_current_worker

from exports.documents import check_target
from exports.folder import open_folder
from exports.full_minutes import GAP
from exports.registry import About, Prepared, document_kind, kinds_about
from meeting.dates import format_date, parse_date
from meeting.errors import ConversionError, InputError
from meeting.locations import export_folder, remember_export_folder
from meeting.model import Session
from meeting.screens.base import DocumentScreen
from meeting.screens.dialogs import AskDialog, ConfirmDialog, HelpScreen
from meeting.sessions import session_name, sitting_label
from meeting.widgets.footer import Footer
from meeting.widgets.preview import DocumentPreview
from meeting.widgets.safe import plain, tell
from minutes.approval import approval, confirm_minutes
from minutes.store import line_count

PREPARE_AFTER_FRAME_FROM = 15_000
"""Lines from which the screen is drawn before the document is prepared. A shorter record's
first page is in the screen's first frame: reading and shaping take about 8–12 µs a line, and
one frame with the page (0.26 s at 10,000 lines, bench/README.md) comes sooner than a frame of
the empty screen followed by the page (0.32 s: Textual relayouts the screen after its first
frame). Past this, the screen shows first and says the document is being prepared."""

OPEN_AFTER = 0.5
"""Seconds after which the document is prepared even if no frame was reported drawn."""


class ExportScreen(DocumentScreen):
    BINDINGS = [
        Binding("f1", "help", "ヘルプ", id="export.help"),
        Binding("escape", "back", "戻る", id="export.back"),
        Binding("ctrl+s", "write", "書き出す", id="export.write", priority=True),
        Binding(
            "ctrl+e",
            "write_pdf",
            "PDF",
            id="export.pdf",
            priority=True,
            tooltip="Word の文書を LibreOffice で PDF にして、同じ名前の .pdf に書き出します",
        ),
        Binding("ctrl+o", "open_folder", "フォルダを開く", id="export.open-folder"),
        Binding(
            "ctrl+k",
            "confirm_minutes",
            "会議録を確定",
            id="export.confirm",
            tooltip="審議会が承認した記録を確定し、以後の訂正は正誤にします",
        ),
    ]

    FIRST = 200
    """Lines of the preview made before the screen shows: a few screens' worth."""
    BATCH = 1000
    """Lines of the rest handed to the preview at a time."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.prepared: Prepared | None = None
        self.preparing = False
        """Whether the rest of the preview is still being made (in a worker)."""
        self._choice: tuple[str, bool, int | None] | None = None
        """The document and version prepared: a change of format alone changes the path."""
        self._generation = 0
        """Counts preparations: lines from an older one are never shown."""
        self._opened = False
        """The document has been prepared once (after the screen's first frame)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="export"):
            yield Label(f"{session_name(self.session)} の文書を書き出す", classes="title")
            with Horizontal(id="export-choices"):
                yield Select(
                    [(k.label, k.name) for k in kinds_about(About.SESSION)],
                    value="minutes",
                    allow_blank=False,
                    id="kind",
                    compact=True,
                )
                yield Select(
                    [("公開用（非公開部分を省く）", True), ("内部用（すべて）", False)],
                    value=True,
                    allow_blank=False,
                    id="public",
                    compact=True,
                )
                yield Select(
                    [("全日程", 0)]
                    + [(sitting_label(s.ordinal), s.ordinal) for s in self.session.active_sittings],
                    value=0,
                    allow_blank=False,
                    id="sitting",
                    compact=True,
                )
                yield Select(
                    [("Word (.docx)", ".docx"), ("Markdown (.md)", ".md"), ("PDF (.pdf)", ".pdf")],
                    value=".docx",
                    allow_blank=False,
                    id="suffix",
                    compact=True,
                )
            yield Input(id="path", compact=True)
            yield Static("", id="export-approval")
            yield Static("", id="export-notes", classes="error")
            yield LoadingIndicator(id="export-busy")
            with Vertical(id="export-preview"):
                yield DocumentPreview(id="export-preview-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-busy").display = False
        counted = line_count(self.db, self.session.id, up_to=PREPARE_AFTER_FRAME_FROM)
        if counted < PREPARE_AFTER_FRAME_FROM:
            self._open()  # quick enough to be in the first frame
            return
        self._show_path()
        preview = self.query_one("#export-preview-text", DocumentPreview)
        preview.show(["文書を準備しています…"], complete=True)
        # The screen is drawn first, the document prepared right after (bench/README.md: 0.15 s
        # of reading at 10,000 lines); ctrl+s before then prepares it at once (_write).
        self.screen_layout_refresh_signal.subscribe(self, self._drawn, immediate=True)
        self.set_timer(OPEN_AFTER, self._open)

    def _drawn(self, _screen: object) -> None:
        """Called as the screen is drawn; the preparation comes as a message after the frame
        (a signal's callback must not fail: this one only posts)."""
        if self.is_current and not self._opened:
            self.call_later(self._open)

    def _open(self) -> None:
        """The document, prepared once the screen is on the terminal (or OPEN_AFTER later)."""
        if not self._opened:
            self._opened = True
            self.screen_layout_refresh_signal.unsubscribe(self)
            self.refresh_preview()

    def on_select_changed(self, event: Select.Changed) -> None:
        if self._opened:  # the Selects' own Changed on mount: the opening prepares once
            self.refresh_preview()

    def _choices(self) -> tuple[str, bool, str]:
        kind = str(self.query_one("#kind", Select).value)
        public = bool(self.query_one("#public", Select).value)
        suffix = str(self.query_one("#suffix", Select).value)
        return kind, public, suffix

    def _sitting(self, per_sitting: bool) -> int | None:
        """The day chosen (1日目…), for a document made per sitting; None for the whole."""
        choice = self.query_one("#sitting", Select)
        # a choice only where there is one: a document made per sitting, a session of many
        choice.display = per_sitting and len(self.session.active_sittings) > 1
        value = choice.value
        return value if choice.display and isinstance(value, int) and value else None

    def _show_path(self) -> tuple[str, bool, int | None]:
        """The path for the choices; returns the document, the version and the day chosen."""
        name, public, suffix = self._choices()
        kind = document_kind(name, about=About.SESSION)
        sitting = self._sitting(kind.per_sitting)
        version = "公開用" if public else "内部用"
        day = f"_{sitting_label(sitting)}" if sitting else ""
        filename = f"{session_name(self.session)}_{kind.label}{day}_{version}{suffix}"
        self.query_one("#path", Input).value = str(self._folder() / filename)
        return name, public, sitting

    def refresh_preview(self, *, again: bool = False) -> None:
        """The path for the choices; the document prepared anew when the kind, the version or
        the day changed (or ``again``, after the record changed)."""
        name, public, sitting = choice = self._show_path()
        kind = document_kind(name, about=About.SESSION)
        if choice == self._choice and not again:
            return
        self._choice = choice
        self.prepared = kind.prepare(self.db, self.session.id, public=public, sitting=sitting)
        notes = self.prepared.notes
        self.query_one("#export-notes", Static).update(
            plain(
                # no space to wrap at: a long list wraps at the screen's edge, not mid-phrase
                f"記録に足りないもの（書き出すと「{GAP}」と明記します）：" + "、".join(notes)
            )
            if notes
            else ""
        )
        state = approval(self.db, self.session.id)
        self.query_one("#export-approval", Static).update(
            plain(
                f"会議録: {state.stamp}"
                + ("" if state.confirmed else "　— 審議会の承認後 ctrl+k で確定します")
            )
        )
        self._preview(self.prepared)

    def _preview(self, prepared: Prepared) -> None:
        """The first page now; the rest made in a worker, which a newer choice cancels."""
        self._generation += 1
        lines = prepared.preview_stream()
        first = list(islice(lines, self.FIRST))
        complete = len(first) < self.FIRST
        preview = self.query_one("#export-preview-text", DocumentPreview)
        preview.show(replacement_lines(prepared) + first, complete=complete)
        self.preparing = not complete
        if self.preparing:  # after the first page is on the screen: no thread competes with it
            self.call_after_refresh(self.make_rest, lines, self._generation)
        else:
            self.workers.cancel_group(self, "preview")

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def make_rest(self, lines: Iterator[str], generation: int) -> None:
        worker = get_current_worker()
        batch: list[str] = []
        try:
            for line in lines:
                if worker.is_cancelled:
                    return
                batch.append(line)
                if len(batch) >= self.BATCH:
                    self.app.call_from_thread(self._rest, generation, batch, False)
                    batch = []
        except InputError as error:  # a council's template that fails further down
            self.app.call_from_thread(self._rest, generation, batch, True, error.message)
            return
        self.app.call_from_thread(self._rest, generation, batch, True)

    def _rest(self, generation: int, lines: list[str], last: bool, problem: str = "") -> None:
        if generation != self._generation or not self.is_attached:
            return  # a newer choice's preview is showing
        self.query_one("#export-preview-text", DocumentPreview).extend(lines, complete=last)
        if last:
            self.preparing = False
        if problem:
            tell(self, f"見本を最後まで作れません: {problem}", severity="error", timeout=8)

    def action_write(self) -> None:
        self._write(self._path())

    def action_write_pdf(self) -> None:
        """The document as PDF, beside the file named (会議録_公開用.docx → 会議録_公開用.pdf)."""
        path = self._path()
        self._write(path.with_suffix(".pdf") if path.name else path)

    def _path(self) -> Path:
        return Path(self.query_one("#path", Input).value.strip()).expanduser()

    def _folder(self) -> Path:
        """The folder the path names now (a change of format or version keeps it), else the
        one this council's documents went to last, else the user's documents folder."""
        typed = self.query_one("#path", Input).value.strip()
        if typed:
            return Path(typed).expanduser().parent
        return export_folder(self.session.council_id)

    def _write(self, out: Path, *, force: bool = False) -> None:
        if not out.parent.is_dir():
            self._offer_folder(out, force=force)
            return
        try:  # the database, a record, another kind of file: refused before anything is asked
            check_target(out, force=True)
        except (InputError, ConversionError) as error:
            tell(self, error.message, title=error.field, severity="error", timeout=8)
            return
        if out.exists() and not force:

            def answered(yes: bool | None) -> None:
                if yes:
                    self._write(out, force=True)

            self.app.push_screen(
                ConfirmDialog(f"{out.name} は既にあります。上書きしますか", "上書きする"),
                answered,
            )
            return
        self._open()  # ctrl+s before the document was prepared: now
        if self.prepared is not None:
            self.write_prepared(self.prepared, out)
            remember_export_folder(self.session.council_id, out.parent)

    def _offer_folder(self, out: Path, *, force: bool) -> None:
        """A folder that is not there yet: made when the clerk says so."""

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                out.parent.mkdir(parents=True)
            except OSError as error:
                tell(self, f"フォルダを作れません: {error}", severity="error", timeout=8)
                return
            self._write(out, force=force)

        self.app.push_screen(
            ConfirmDialog(f"フォルダがありません: {out.parent}\n作りますか", "作る"), answered
        )

    def show_busy(self, busy: bool) -> None:
        self.query_one("#export-busy").display = busy

    def action_open_folder(self) -> None:
        folder = Path(self.query_one("#path", Input).value.strip()).expanduser().parent
        try:
            open_folder(folder)
        except InputError as error:
            self.app.copy_to_clipboard(str(folder))
            tell(self, error.message, title=error.field, severity="warning", timeout=10)
            return
        tell(self, f"フォルダを開きました: {folder}")

    def action_confirm_minutes(self) -> None:
        state = approval(self.db, self.session.id)
        if state.confirmed:
            self.notify(f"会議録は確定済みです: {state.stamp}", severity="warning")
            return
        today = self.now().date()

        def confirmed(on: date | None) -> None:
            if on is None:
                return
            try:
                state = confirm_minutes(self.db, self.session.id, on=on)
            except InputError as error:
                tell(self, error.message, title=error.field, severity="error", timeout=8)
                return
            self.refresh_preview(again=True)
            self.notify(f"会議録を確定しました: {state.stamp}")

        self.app.push_screen(
            AskDialog(
                "会議録を確定する",
                "審議会が承認した日（以後の訂正は正誤として記録します）",
                format_date(today, weekday=False),
                lambda text: parse_date(text, field="確定日"),
            ),
            confirmed,
        )

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))


def replacement_lines(prepared: Prepared) -> list[str]:
    """Above the preview: each member's name replaced by a label, for the clerk to check."""
    found = prepared.replacements
    if not found:
        return []
    head = f"本文中の委員の氏名を記号に置き換えました（{len(found)}件）。確認してください:"
    return [head, *(f"　{r}" for r in found), "―" * 20, ""]
