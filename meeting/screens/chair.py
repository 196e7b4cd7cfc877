"""The chair's view on a second screen: read-only, following the clerk's file within a second.

It polls SQLite's own change counter (``PRAGMA data_version``) on its own connection, so no
server runs and the clerk's process is never blocked.

Served to a browser (``meeting chair --serve``), a tablet may lie on the table in front of the
public gallery: there the text of closed (非公開) lines and the decisions of closed items give
way to 【非公開】, as the public minutes leave them out. A closed session (非公開の会議) is held
without a gallery, so there the served view shows everything, as the terminal one always does.
"""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Label, Static

from agendas.rules import CLOSED_MARK, item_title
from agendas.store import agenda
from meeting.dates import format_time, relative_day, relative_time, to_tokyo
from meeting.errors import InputError
from meeting.model import AgendaNumbering, Session, Sitting, SpeakerNames
from meeting.screens.base import AppScreen
from meeting.screens.dialogs import HelpScreen
from meeting.sessions import session_name, sitting_clock, sitting_label
from meeting.store import get_council, get_session, speaker_names_of
from meeting.widgets.footer import Footer
from meeting.widgets.panels import AgendaList, QuorumBox
from meeting.widgets.record import WrappedLines
from meeting.widgets.safe import plain
from minutes.labels import SpeakerLabels
from minutes.roll import members_for, presence_label, quorum_for, roll_call
from minutes.store import (
    data_version,
    decisions,
    in_closed_parts,
    latest_item_id,
    latest_utterances,
)
from minutes.utterances import letters

POLL_SECONDS = 0.25


NARROW = 100
"""Columns below which the header is shortened."""


class ChairScreen(AppScreen):
    BINDINGS = [
        Binding("f1", "help", "ヘルプ", id="chair.help"),
        Binding("q", "app.quit", "終了", id="chair.quit"),
    ]

    def __init__(self, session: Session, *, served: bool = False) -> None:
        super().__init__()
        self.session = session
        self.served = served
        """Shown in a browser: closed text hidden unless the whole session is closed."""
        self.version = -1
        self.refreshes = 0
        """How many times the view was redrawn from the file; tests wait on it."""
        self.numbering = AgendaNumbering.NESTED
        """How the council numbers its agenda (read on mount)."""
        self.latest: list[tuple[datetime, str]] = []
        """The latest lines as shown, with when each was spoken (its 「5分前」 moves on)."""
        self.latest_shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="chair"):
            with Vertical(id="chair-left"):
                yield QuorumBox(id="chair-quorum")
                yield Label("出席者", classes="pane-title")
                yield Static("", id="chair-roll")
            with Vertical(id="chair-right"):
                yield Label("会議次第", classes="pane-title")
                yield AgendaList(id="chair-agenda")
                yield Label("これまでの決定", classes="pane-title")
                yield Static("", id="chair-decisions")
                yield Label("直近の発言", classes="pane-title")
                yield WrappedLines(id="chair-latest")
        yield Footer()

    def on_mount(self) -> None:
        self.show_title()
        self.numbering = get_council(self.db, self.session.council_id).agenda_numbering
        self.poll()
        self.set_interval(POLL_SECONDS, self.poll)

    @property
    def narrow(self) -> bool:
        """An 80-column terminal: the header keeps what the chair needs and drops the rest."""
        return self.app.size.width < NARROW

    def show_title(self) -> None:
        closed = "" if self.session.public else f"{CLOSED_MARK}（非公開の会議）"
        role = "（会長用）" if self.narrow else "（会長用・閲覧のみ）"
        self.title = f"{session_name(self.session)}{closed}{role}"

    def on_resize(self) -> None:
        self.show_title()
        self.redraw_clock()

    def poll(self) -> None:
        version = data_version(self.db)
        if version != self.version:
            self.version = version
            self.session = get_session(self.db, self.session.id)
            self.redraw()
        else:
            self.redraw_clock()
            self.show_latest()

    def _sitting(self, now: datetime) -> Sitting | None:
        sittings = self.session.active_sittings
        today = [s for s in sittings if to_tokyo(s.starts_at).date() == to_tokyo(now).date()]
        found = today or list(sittings)
        return found[0] if found else None

    def redraw_clock(self) -> None:
        now = self.now()
        sitting = self._sitting(now)
        if sitting is None:
            return
        day, today = to_tokyo(sitting.starts_at).date(), to_tokyo(now).date()
        far = f"（{relative_day(day, today)}）" if day != today and relative_day(day, today) else ""
        if self.narrow:
            far = ""
        self.sub_title = (
            f"{sitting_label(sitting.ordinal)}{far}  {format_time(to_tokyo(now).time())}"
            f"　{sitting_clock(sitting, now)}"
        )

    def redraw(self) -> None:
        db = self.db
        now = self.now()
        sitting = self._sitting(now)
        self.redraw_clock()
        quorum = self.query_one("#chair-quorum", QuorumBox)
        try:
            state = quorum_for(db, self.session.id, now, sitting_id=sitting.id if sitting else None)
            quorum.show(state)
        except InputError as error:
            quorum.show_error(error)
        roll = roll_call(db, sitting.id) if sitting else {}
        self.query_one("#chair-roll", Static).update(
            plain(
                "\n".join(
                    f"{m.title}　{presence_label(roll.get(m.id))}"
                    + ("（オンライン）" if roll.get(m.id) and roll[m.id].online else "")
                    for m in members_for(db, self.session)
                )
            )
        )
        items = agenda(db, self.session.id)
        self.query_one("#chair-agenda", AgendaList).show_items(
            items, current_id=latest_item_id(db, self.session.id), numbering=self.numbering
        )
        titles = {item.id: item_title(item) for item in items}
        hide = self.served and self.session.public
        hidden_items = {item.id for item in items if hide and not item.public}
        self.query_one("#chair-decisions", Static).update(
            plain(
                "\n".join(
                    f"{titles.get(d.agenda_item_id, '')}: "
                    + (CLOSED_MARK if d.agenda_item_id in hidden_items else d.outcome.label)
                    for d in decisions(db, self.session.id)
                )
                or "まだありません"
            )
        )
        latest = latest_utterances(db, self.session.id, 3)
        closed = in_closed_parts(db, [u.id for u in latest])
        tags = SpeakerLabels(
            members_for(db, self.session),
            anonymised=speaker_names_of(db, self.session) is SpeakerNames.ANONYMISED,
            load_letters=lambda: letters(db, self.session.id),
        )
        tags.reload()
        self.latest = [
            (
                u.spoken_at,
                CLOSED_MARK
                if hide and u.id in closed
                else _short(tags.line_text(u, mark=CLOSED_MARK if u.id in closed else "")),
            )
            for u in latest
        ]
        self.show_latest()
        self.refreshes += 1

    def show_latest(self) -> None:
        """The latest lines, each with how long ago it was spoken (「5分前」, the app's clock)."""
        now = self.now()
        shown = []
        for spoken_at, text in self.latest:
            ago = relative_time(spoken_at, now)
            shown.append(f"（{ago}）{text}" if ago else text)
        shown = shown or ["まだありません"]
        if shown != self.latest_shown:
            self.latest_shown = shown
            self.query_one("#chair-latest", WrappedLines).show(shown)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
