"""The Textual app shell: holds the database and the clock, and opens the home screen.

It is the one module that knows every screen: a screen opens another through the app's
``open_*`` methods (``self.meeting_app.open_live(session, then=...)``, typed by the protocol
``meeting.screens.shell.MeetingShell``), never by importing it, so the screens stay
independent of each other (an import-linter contract in pyproject.toml). A screen imports only
the base classes, the dialogs and forms that return it a value, and widgets.

It is also the error boundary: an unexpected exception in any key, command or screen handler
becomes a dialog and an entry in the crash log (``meeting.crashlog``), and the app stays open.
Tests set ``MEETING_STRICT=1`` so that such an exception still fails the test.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sqlite3
from collections.abc import Awaitable, Callable, Iterable
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from meeting.app_settings import SettingsInApp
from meeting.clock import Clock, system_clock
from meeting.crashlog import record_crash
from meeting.db_errors import database_trouble
from meeting.db_writes import Checkpointer
from meeting.model import Council, Member, Session
from meeting.screens.crash import CrashDialog
from meeting.screens.home import HomeScreen
from meeting.screens.shell import MeetingShell, Then
from meeting.store import get_session
from meeting.widgets.palette import Palette
from meeting.widgets.safe import ControlFilter

if TYPE_CHECKING:  # annotations only: the launch loads what the home screen shows, no more
    from sqlite_utils import Database

    from agendas.model import AgendaItem, Consultation
    from minutes.holds import Holder
    from minutes.search import Hit


SCREENS_CSS = Path(__file__).parent / "screens.tcss"

WARM_AFTER = 0.5
"""Seconds after the first frame at which the modules of the screens opened next start to be
imported (:meth:`MeetingApp.warm_up`): the launch leaves them out, the first key that opens
one should not wait for them."""
WARM_STEP = 0.05
"""Seconds between two of those imports: keys come in between."""
WARM_MODULES = (
    "meeting.screens.session",
    "meeting.screens.live",
    "meeting.screens.export",
    "exports.full_minutes",
    "exports.minutes_context",
    "exports.templating",
)
"""What opening a session, its live record and its documents (the 会議録's preview) import:
about 0.2 s, of which 0.09 s on the way to the export screen's first page (bench/README.md)."""


class MeetingApp(App[None]):
    """審議会の会議と記録."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    """What the home screen and every screen share; the other screens' rules are in
    :data:`SCREENS_CSS`, read after the first frame (:meth:`read_screens_css`)."""
    TITLE = "meeting 審議会の会議と記録"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Below 100 columns (an 80×24 terminal) side panes stack or fold (app.tcss)."""
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    """Below 32 rows forms and panes close up their spacing (app.tcss)."""
    BINDINGS = [
        # Textual's own would say "palette" in the footer.
        Binding(
            "ctrl+p",
            "command_palette",
            "コマンド",
            show=False,
            priority=True,
            id="app.palette",
            tooltip="コマンドパレットを開きます",
        )
    ]

    def __init__(
        self,
        db: Database,
        *,
        db_path: Path | None = None,
        clock: Clock = system_clock,
        chair_session: int | None = None,
        served: bool = False,
        strict: bool | None = None,
        demo: Callable[..., Council] | None = None,
    ):
        super().__init__()
        self.db = db
        self.db_path = db_path
        self.clock = clock
        self.demo = demo
        """Fills an empty database with the fictional city (the entry layer hands it down)."""
        self.chair_session = chair_session
        """Open the chair's read-only view of this session instead of the home screen."""
        self.served = served
        """The chair's view in a browser (``meeting chair --serve``): closed text hidden."""
        self.checkpointer: Checkpointer | None = None
        self.strict = os.environ.get("MEETING_STRICT") == "1" if strict is None else strict
        """Let an unexpected exception end the app as well (tests), after the dialog."""
        self._filters.append(ControlFilter())  # no stored control character reaches the terminal
        self.settings = SettingsInApp(self, keep_changes=not served)
        """The settings file: the theme and the keys (``meeting.app_settings``)."""
        self.crash_log: Path | None = None
        """The log that holds the last unexpected error, named again if the app ends by it."""
        self._screen_opened = False
        """The clerk has opened a screen: the warm-up (:meth:`warm_up`) stops."""
        self._frozen = False
        """The launch's objects were set aside from the collector (``gc.freeze``)."""

    @cached_property
    def holder(self) -> Holder:
        """This instance, as it holds a session's live record (one writer per session); made
        when a record is first opened, not at launch."""
        from minutes.holds import Holder

        return Holder.this_instance()

    @property
    def keymap(self) -> dict[str, str]:
        """Keys rebound in the settings: the help and the palette show them."""
        return self.settings.keymap

    def on_mount(self) -> None:
        self.settings.apply()
        if self.chair_session is not None:
            from meeting.screens.chair import ChairScreen  # the chair's own process only

            self.read_screens_css()  # the chair's first frame is not the home screen

            self.push_screen(
                ChairScreen(get_session(self.db, self.chair_session), served=self.served)
            )
            return
        self.checkpointer = Checkpointer(self.db)  # the clerk's Enter never waits on one
        self.push_screen(HomeScreen())

    def on_ready(self) -> None:
        """The first frame is on the terminal: what the launch left out comes now, before the
        first key is read."""
        self.read_screens_css()
        for screen in self.screen_stack:  # under a dialog opened at launch, too
            if isinstance(screen, HomeScreen):
                screen.first_frame_drawn()
        if not gc.isenabled():  # the command line held the collector off for the launch
            gc.freeze()  # what the launch built lives on: later collections need not walk it
            gc.enable()
            self._frozen = True
        if self.chair_session is None:  # the chair's process opens none of the clerk's screens
            self.set_timer(WARM_AFTER, self.warm_up)

    def warm_up(self, step: int = 0) -> None:
        """Import what the next screens need, one module at a time while the app is idle (up
        to ~40 ms each; keys are read between them). On this thread, not another: a screen's
        own imports running beside a thread's can meet two packages half-imported, which Python
        resolves by handing one of them over unfinished. Once the clerk opens a screen it
        stops: that screen imports what it needs itself. A module that fails to import here
        fails again where it is used, inside the error boundary.

        The modules live on as the launch's objects do: once all are in, they are set aside
        from the collector with them (a full collection walking them took ~60 ms, and landed
        inside the next screen's opening). Not after a screen has opened: its widgets die with
        it, and what is set aside is never collected."""
        if self._screen_opened:
            return
        if step >= len(WARM_MODULES):
            if self._frozen:
                gc.freeze()
            return
        with contextlib.suppress(ImportError):
            importlib.import_module(WARM_MODULES[step])
        self.set_timer(WARM_STEP, partial(self.warm_up, step + 1))

    def read_screens_css(self) -> None:
        """Add the other screens' rules to the styles, once: only they are parsed (the rules
        already parsed are kept), and they match nothing on the home screen, so no widget on it
        needs its styles again."""
        where = os.path.abspath(SCREENS_CSS)
        if not self.stylesheet.has_source(where):
            self.stylesheet.read(where)
            self.stylesheet.parse()

    def on_unmount(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.stop()

    # Where each screen opens: the screens reach each other only through these. Each screen is
    # imported when first opened, so the home screen paints without loading python-docx.

    def _open(self, screen: Screen[None], then: Then) -> None:
        self._screen_opened = True
        self.push_screen(screen, (lambda _: then()) if then is not None else None)

    def open_session(self, session: Session, *, then: Then = None) -> None:
        """The roll call and the quorum of a session."""
        from meeting.screens.session import SessionScreen

        self._open(SessionScreen(session), then)

    def open_live(self, session: Session, *, then: Then = None) -> None:
        """The live record, where the clerk types."""
        from meeting.screens.live import LiveScreen

        self._open(LiveScreen(session), then)

    def open_lines(
        self,
        session: Session,
        item: AgendaItem | None,
        members: list[Member],
        *,
        at_line: int | None = None,
        then: Then = None,
    ) -> None:
        """Correcting an item's lines (the cursor on the line ``at_line`` when given)."""
        from meeting.screens.lines import LinesScreen

        self._open(LinesScreen(session, item, members, at_line=at_line), then)

    def open_agenda(self, session: Session, *, then: Then = None) -> None:
        """A session's agenda (会議次第)."""
        from meeting.screens.agenda import AgendaScreen

        self._open(AgendaScreen(session), then)

    def open_documents(self, session: Session, *, then: Then = None) -> None:
        """Writing a session's documents."""
        from meeting.screens.export import ExportScreen

        self._open(ExportScreen(session), then)

    def open_members(self, council: Council, *, then: Then = None) -> None:
        """A council's roster."""
        from meeting.screens.members import MembersScreen

        self._open(MembersScreen(council), then)

    def open_consultations(self, council: Council, *, then: Then = None) -> None:
        """A council's register of consultations."""
        from meeting.screens.consultations import ConsultationsScreen

        self._open(ConsultationsScreen(council), then)

    def open_answer(self, consultation: Consultation, *, then: Then = None) -> None:
        """Writing the answer (答申書) to a consultation."""
        from meeting.screens.answer import AnswerScreen

        self._open(AnswerScreen(consultation), then)

    def open_templates(self, council: Council, *, then: Then = None) -> None:
        """The council's templates (文書の書式): copy, import, choose."""
        from meeting.screens.templates import TemplatesScreen

        self._open(TemplatesScreen(council), then)

    def open_search(
        self,
        *,
        session: Session | None = None,
        found: Callable[[Hit], None] | None = None,
        then: Then = None,
    ) -> None:
        """Searching every line of every session, or of ``session``; a hit of that session
        chosen goes to ``found`` (which opens it), any other opens over the search."""
        from meeting.screens.search import SearchScreen

        def closed(hit: Hit | None) -> None:
            if hit is not None and found is not None:
                found(hit)
            elif then is not None:
                then()

        self._screen_opened = True
        self.push_screen(SearchScreen(session=session, pick=found is not None), closed)

    # The error boundary

    async def _dispatch_action(self, namespace: object, action_name: str, params: object) -> bool:
        try:
            return await super()._dispatch_action(namespace, action_name, params)  # type: ignore[arg-type]
        except Exception as error:  # noqa: BLE001 - every key and command ends here
            self.report_crash(error, where=f"{type(namespace).__name__}.{action_name}")
            return True

    def _handle_exception(self, error: Exception) -> None:
        if self.strict or not self.is_running:
            self.crash_log = record_crash(error, where="app", at=self.clock())
            super()._handle_exception(error)
            return
        self.report_crash(error, where="app")

    def report_crash(self, error: Exception, *, where: str) -> None:
        """Log the error and say what happened in a dialog; the app stays open."""
        log = self.crash_log = record_crash(error, where=where, at=self.clock())
        if isinstance(error, sqlite3.Error):
            what = database_trouble(error)
        else:
            what = f"{type(error).__name__}: {error}"
        self.push_screen(CrashDialog(what, str(log) if log else ""))
        if self.strict:
            super()._handle_exception(error)

    def action_command_palette(self) -> None:
        """The command palette, in Japanese."""
        if self.use_command_palette and not isinstance(self.screen, Palette):
            self.push_screen(Palette(id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every binding of the screen is also a command in the palette."""
        seen: set[str] = set()
        for binding in getattr(screen, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.keymap.get(binding.id or "") or binding.key
            help_text = binding.tooltip or f"{binding.description}（{key}）"
            yield SystemCommand(binding.description, help_text, _runner(screen, binding.action))
        yield SystemCommand("テーマ", "画面の配色を変えます", self.action_change_theme)
        yield SystemCommand("画面を保存", "今の画面を SVG で保存します", self.action_screenshot)
        yield SystemCommand("終了", "meeting を終了します", self.action_quit)


def _shell(app: MeetingApp) -> MeetingShell:
    """Never called: mypy checks here that the app is what the screens expect of it."""
    return app


def _runner(screen: Screen, action: str) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        await screen.run_action(action)

    return run
