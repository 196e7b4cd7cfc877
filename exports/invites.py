"""Invites from the store: who is invited to what, written where the caller asks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from icalendar import Calendar
from sqlite_utils import Database

from exports.ics import council_calendar, session_calendar, write_calendar
from meeting.dates import to_tokyo
from meeting.model import Session, SessionStatus
from meeting.store import get_council, get_session, invited_members, list_sessions


def session_invites(db: Database, session_id: int, *, now: datetime) -> Calendar:
    session = get_session(db, session_id)
    council = get_council(db, session.council_id)
    return session_calendar(council, session, invited_members(db, session), stamp=now)


def export_session_invites(db: Database, session_id: int, path: Path, *, now: datetime) -> Path:
    return write_calendar(session_invites(db, session_id, now=now), path)


def upcoming_sessions(db: Database, council_id: int, *, now: datetime) -> list[Session]:
    """Sessions not yet over (cancelled ones included, so their invites are withdrawn)."""
    today = to_tokyo(now).date()
    return [
        s
        for s in list_sessions(db, council_id)
        if s.status is not SessionStatus.HELD and s.last_day is not None and s.last_day >= today
    ]


def council_invites(db: Database, council_id: int, *, now: datetime) -> Calendar:
    council = get_council(db, council_id)
    sessions = upcoming_sessions(db, council_id, now=now)
    attendees = {s.id: invited_members(db, s) for s in sessions}
    return council_calendar(council, sessions, attendees, stamp=now)


def export_council_invites(db: Database, council_id: int, path: Path, *, now: datetime) -> Path:
    return write_calendar(council_invites(db, council_id, now=now), path)
