"""The chair's opening: the line drafted from the quorum, recorded as the chair's speech."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlite_utils import Database

from agendas.store import agenda
from meeting.db_writes import immediate
from meeting.errors import InputError
from meeting.model import Member, Role
from meeting.quorum import QuorumState, opening_statement
from minutes.model import SpeakerKind
from minutes.speakers import Speaker
from minutes.store import item_utterances
from minutes.store.order import set_opening_waiting
from minutes.utterances import enter_line

NO_CHAIR = "名簿に会長がいません（委員名簿で役職を入れてください）"


def chair_of(members: Iterable[Member]) -> Member | None:
    return next((m for m in members if m.role is Role.CHAIR), None)


def enter_opening(
    db: Database,
    session_id: int,
    members: Iterable[Member],
    state: QuorumState,
    *,
    at: datetime,
    sitting_id: int | None,
) -> Member:
    """Record the opening statement as the chair's line on the first item; returns the chair.

    A roster without a chair is refused: the statement is the chair's to make. Recorded before
    anyone spoke (from the roll call, before the meeting starts), it waits: the secretariat's
    opening and narrations typed next go before it, where they were said
    (:func:`minutes.utterances.enter_line`).
    """
    chair = chair_of(members)
    if chair is None:
        raise InputError("開会の発言", NO_CHAIR)
    items = agenda(db, session_id)
    item_id = items[0].id if items else None
    first = not item_utterances(db, session_id, item_id)
    line = enter_line(
        db,
        session_id,
        opening_statement(state),
        at=at,
        agenda_item_id=item_id,
        speaker=Speaker(SpeakerKind.MEMBER, chair.id),
        sitting_id=sitting_id,
        from_line=False,
    )
    if first and line is not None:
        with immediate(db):
            set_opening_waiting(db, session_id, line.id)
    return chair
