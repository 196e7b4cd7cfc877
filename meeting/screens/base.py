"""What every form and dialog shares: save and cancel keys, and errors shown in place."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from meeting.crashlog import log_error
from meeting.errors import ConversionError, InputError
from meeting.screens.dialogs import ConfirmDialog
from meeting.text import one_line, visible
from meeting.widgets.footer import Footer
from meeting.widgets.safe import line, plain

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from sqlite_utils import Database

    from exports.registry import Prepared
    from meeting.screens.shell import MeetingShell

T = TypeVar("T")


def field(label: str, widget: Widget) -> Horizontal:
    """One line of a form: the label on the left, the input on the right."""
    return Horizontal(Label(label, classes="field-label"), widget, classes="field")


def text_field(label: str, value: str, widget_id: str, placeholder: str = "") -> Horizontal:
    return field(label, Input(value, id=widget_id, placeholder=placeholder, compact=True))


def choice_field(
    label: str, choices: Iterable[tuple[str, object]], value: object, widget_id: str
) -> Horizontal:
    return field(
        label, Select(list(choices), value=value, allow_blank=False, id=widget_id, compact=True)
    )


class FormBody(VerticalScroll, can_focus=False):
    """A form's fields, scrolling: focus goes to the first field, and moving to a field
    brings it into view."""


class Guarded:
    """A screen whose handlers end at the app's error boundary, never in a dead screen.

    Textual stops a screen's message loop at the first exception a handler raises; here the
    exception goes to ``MeetingApp.report_crash`` instead (a dialog and the crash log), and
    the screen keeps working.
    """

    async def _on_message(self, message: Message) -> None:
        try:
            await super()._on_message(message)  # type: ignore[misc]
        except Exception as error:  # noqa: BLE001 - the boundary
            app = self.app  # type: ignore[attr-defined]
            report = getattr(app, "report_crash", None)
            if report is None:
                raise
            report(error, where=f"{type(self).__name__}.{message.handler_name}")

    def notify(self, message: str, *, title: str = "", markup: bool = False, **kwargs: Any) -> None:
        """A notice shows stored text as typed: no markup, control characters visible."""
        super().notify(  # type: ignore[misc]
            visible(message) if not markup else message,
            title=one_line(title),
            markup=markup,
            **kwargs,
        )


class Shell:
    """What a screen of this app reaches through it: the database, the clock, other screens."""

    @property
    def meeting_app(self) -> MeetingShell:
        return self.app  # type: ignore[attr-defined,no-any-return]

    @property
    def db(self) -> Database:
        return self.meeting_app.db

    def now(self) -> datetime:
        return self.meeting_app.clock()


class AppScreen(Guarded, Shell, Screen[None]):
    """A full screen of the app."""


class FormScreen(Guarded, Shell, ModalScreen[T]):
    """A modal form: ctrl+s saves, escape cancels, a bad field is named and nothing is lost.

    The fields scroll between the title and the buttons, so 保存 stays in sight however long
    the form and however small the terminal; the footer shows the form's keys. A form gives
    its ``heading`` and its ``fields``; ``DIALOG`` adds classes to the dialog (its width).
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "保存", id="form.save", tooltip="入力した内容を保存します"),
        Binding("escape", "cancel", "取消", id="form.cancel", tooltip="保存せずに閉じます"),
    ]

    FIELDS: dict[str, str] = {}
    """Japanese field label (as InputError names it) → id of the widget to focus."""

    DIALOG = ""
    """More classes for the dialog: ``wide`` for a form with rows of several inputs."""

    def heading(self) -> str:  # pragma: no cover - each form defines it
        raise NotImplementedError

    def fields(self) -> ComposeResult:  # pragma: no cover - each form defines it
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes=f"dialog form {self.DIALOG}".rstrip()):
            yield Label(line(self.heading()), classes="title")
            with FormBody(id="form-body"):
                yield from self.fields()
            with Vertical(id="form-foot"):
                yield Static("", id="error", classes="error")
                with Horizontal(classes="buttons"):
                    yield Button("保存 (ctrl+s)", id="save", variant="primary")
                    yield Button("取消 (esc)", id="cancel")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            event.stop()
            self.action_save()
        elif event.button.id == "cancel":
            event.stop()
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves on to the next field: it also confirms an IME conversion."""
        event.stop()
        self.focus_next()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        try:
            result = self.save()
        except InputError as error:
            self.show_error(error)
            return
        self.dismiss(result)

    def save(self) -> Any:  # pragma: no cover - each form defines it
        raise NotImplementedError

    def show_error(self, error: InputError) -> None:
        self.query_one("#error", Static).update(plain(f"{error.field}: {error.message}"))
        widget_id = self.FIELDS.get(error.field) or self.field_widget(error.field)
        if widget_id:
            self.query_one(f"#{widget_id}").focus()

    def field_widget(self, field: str) -> str | None:
        """Hook for fields whose widget depends on the row (2日目の終了時刻)."""
        return None

    def value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def choice(self, widget_id: str) -> Any:
        return self.query_one(f"#{widget_id}", Select).value


class DocumentScreen(AppScreen):
    """A screen that writes documents: asks before writing one with gaps, writes off the UI."""

    def write_prepared(self, prepared: Prepared, out: Path) -> None:
        if not prepared.notes:
            self._start(prepared, out)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._start(prepared, out)

        self.app.push_screen(
            ConfirmDialog(
                "記録に足りないものがあります："
                + "、".join(prepared.notes)
                + "\n欠けている所を「（記録なし）」「（未記入）」と明記して書き出しますか",
                yes="書き出す",
            ),
            answered,
        )

    def _start(self, prepared: Prepared, out: Path) -> None:
        self.show_busy(True)
        self.write_file(prepared, out)

    @work(thread=True, exclusive=True, group="documents", exit_on_error=False)
    def write_file(self, prepared: Prepared, out: Path) -> None:
        try:
            written = prepared.write(out)
        except (InputError, ConversionError) as error:  # a target refused, a PDF not made
            if isinstance(error, ConversionError):  # the program's failure, kept in the log
                log_error(error, where=out.name, at=self.now(), what=error.message)
            self.app.call_from_thread(self._done, f"書き出せません: {error.message}", True)
            return
        except OSError as error:
            log_error(error, where=f"{out}", at=self.now(), what="書き出せません")
            self.app.call_from_thread(self._done, f"書き出せません: {error}", True)
            return
        self.app.call_from_thread(
            self._done, f"書き出しました: {written}（フォルダ: {written.parent}）", False
        )

    def _done(self, message: str, failed: bool) -> None:
        self.show_busy(False)
        self.notify(message, severity="error" if failed else "information", timeout=10)

    def show_busy(self, busy: bool) -> None:
        """Hook: show that a file is being written."""
