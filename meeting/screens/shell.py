"""What a screen may ask of the app: its data, its clock, and the way to every other screen.

Screens depend on this protocol, not on ``meeting.app``: the app imports every screen, and no
screen imports the app or another screen, so there is no cycle between them. ``MeetingApp``
implements it (mypy checks that in ``meeting/app.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # names for the protocol only: the launch loads none of them for it
    from sqlite_utils import Database

    from agendas.model import AgendaItem, Consultation
    from meeting.clock import Clock
    from meeting.model import Council, Member, Session
    from minutes.holds import Holder
    from minutes.search import Hit

Then = Callable[[], None] | None
"""What the screen underneath does when the opened one closes (usually: show fresh data)."""


class MeetingShell(Protocol):
    db: Database
    db_path: Path | None
    clock: Clock
    demo: Callable[..., Council] | None

    @property
    def holder(self) -> Holder:
        """This instance, as it holds a session's live record (one writer per session)."""

    def open_session(self, session: Session, *, then: Then = None) -> None: ...

    def open_live(self, session: Session, *, then: Then = None) -> None: ...

    def open_lines(
        self,
        session: Session,
        item: AgendaItem | None,
        members: list[Member],
        *,
        at_line: int | None = None,
        then: Then = None,
    ) -> None: ...

    def open_agenda(self, session: Session, *, then: Then = None) -> None: ...

    def open_documents(self, session: Session, *, then: Then = None) -> None: ...

    def open_members(self, council: Council, *, then: Then = None) -> None: ...

    def open_consultations(self, council: Council, *, then: Then = None) -> None: ...

    def open_answer(self, consultation: Consultation, *, then: Then = None) -> None: ...

    def open_templates(self, council: Council, *, then: Then = None) -> None: ...

    def open_search(
        self,
        *,
        session: Session | None = None,
        found: Callable[[Hit], None] | None = None,
        then: Then = None,
    ) -> None: ...
