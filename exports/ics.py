"""Calendar invites (iCalendar, RFC 5545) for a council's sessions.

Members receive one event per sitting, so a two-day session shows as two days in their calendar
and a single cancelled day can be withdrawn alone. UIDs come from the database and SEQUENCE from
the session, so a reschedule or cancellation updates the invite already in the member's calendar
instead of adding a second one. Times are ZoneInfo("Asia/Tokyo")-aware: a fixed +09:00 offset
would be written without a VTIMEZONE, and other parsers would then read a naive time.

A sitting with no fixed end (the documents print 午前10時～) still gets a DTEND: RFC 5545
(3.6.1) reads an event with a DTSTART and no DTEND as taking no time at all, never busy, and
calendars show such an event unreliably (some as an all-day event, losing the hour). The invite
gives it :data:`UNKNOWN_END_LENGTH` from its start, within the day, and says in its description
that the end is not fixed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from icalendar import Calendar, Event, vCalAddress

from exports.atomic import save
from meeting.dates import format_date, format_time_range, to_tokyo
from meeting.model import (
    Council,
    Member,
    Role,
    Session,
    SessionForm,
    SessionStatus,
    Sitting,
    SittingStatus,
)
from meeting.sessions import session_full_title, session_name

ONLINE_PLACE = "オンライン"
UNKNOWN_END_LENGTH = timedelta(hours=2)
"""How long a sitting with no fixed end is shown in the calendar."""
UNKNOWN_END_NOTE = (
    f"終了時刻は未定です（予定表には{UNKNOWN_END_LENGTH.seconds // 3600}時間で表示しています）"
)

# Characters XML 1.0 and most calendar clients reject; tab, LF and CR are kept.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Drop control characters pasted from other documents; they break strict parsers.

    A bare CR (an old Mac line end) would be read back as a line break by some parsers and not
    by others: every line end becomes LF, which iCalendar escapes as \\n."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def session_calendar(
    council: Council, session: Session, attendees: Sequence[Member], *, stamp: datetime
) -> Calendar:
    """The invite for one session: CANCEL withdraws every event, REQUEST sends or updates them."""
    method = "CANCEL" if session.status is SessionStatus.CANCELLED else "REQUEST"
    cal = _calendar(council, method)
    for event in _session_events(council, session, attendees, stamp):
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal


def council_calendar(
    council: Council,
    sessions: Sequence[Session],
    attendees: Mapping[int, Sequence[Member]],
    *,
    stamp: datetime,
) -> Calendar:
    """A whole year's schedule in one file; cancelled sessions stay in it as STATUS:CANCELLED."""
    cal = _calendar(council, "REQUEST")
    for session in sessions:
        for event in _session_events(council, session, attendees.get(session.id, ()), stamp):
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal


def write_calendar(calendar: Calendar, path: Path) -> Path:
    """Write atomically, so a mail client never picks up half a file; private (0600), as the
    invites carry members' names and e-mail addresses."""
    data = calendar.to_ical()
    return save(path, lambda tmp: Path(tmp).write_bytes(data), kind="ics")


def _calendar(council: Council, method: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//meeting//{clean(council.municipality)}//JA")
    cal.add("version", "2.0")
    cal.add("method", method)
    return cal


def _session_events(
    council: Council, session: Session, attendees: Sequence[Member], stamp: datetime
) -> list[Event]:
    """The shared builder: one all-day event for 書面決議, else one event per sitting."""
    title = f"{council.name} {session_name(session)}"
    openness = "公開" if session.public else "非公開"
    session_cancelled = session.status is SessionStatus.CANCELLED

    if session.form is SessionForm.WRITTEN_RESOLUTION:
        if session.written_from is None or session.written_until is None:
            raise ValueError(f"書面決議の期間が未設定です: {session.uid}")
        first, last = session.written_from, session.written_until
        description = [
            f"{session_full_title(session)}",
            f"期間: {format_date(first)}～{format_date(last)}",
            openness,
        ]
        event = _event(
            council,
            session,
            attendees,
            stamp,
            uid=session.uid,
            summary=f"{title}（書面決議）",
            start=first,
            end=last + timedelta(days=1),  # DTEND;VALUE=DATE is exclusive
            location="",
            description=description,
            cancelled=session_cancelled,
        )
        event.add("transp", "TRANSPARENT")
        return [event]

    many = len(session.sittings) > 1
    events = []
    for sitting in session.sittings:
        start = to_tokyo(sitting.starts_at)
        end = to_tokyo(sitting.ends_at) if sitting.ends_at else _shown_end(start)
        location = _place(sitting)
        description = [
            session_name(session),
            f"日時: {format_date(start.date())}{format_time_range(start, sitting.ends_at)}",
            *([UNKNOWN_END_NOTE] if sitting.ends_at is None else []),
            *([f"場所: {location}"] if location else []),
            openness,
        ]
        events.append(
            _event(
                council,
                session,
                attendees,
                stamp,
                uid=sitting.uid,
                summary=f"{title}（{sitting.ordinal}日目）" if many else title,
                start=start,
                end=end,
                location=location,
                description=description,
                cancelled=session_cancelled or sitting.status is SittingStatus.CANCELLED,
            )
        )
    return events


def _shown_end(start: datetime) -> datetime:
    """The end a calendar shows for a sitting with none: a default length, within its day."""
    midnight = datetime.combine(start.date() + timedelta(days=1), time(), tzinfo=start.tzinfo)
    return min(start + UNKNOWN_END_LENGTH, midnight)


def _place(sitting: Sitting) -> str:
    place = clean(sitting.place).strip()
    return place or (ONLINE_PLACE if sitting.online else "")


def _event(
    council: Council,
    session: Session,
    attendees: Sequence[Member],
    stamp: datetime,
    *,
    uid: str,
    summary: str,
    start: date | datetime,
    end: date | datetime,
    location: str,
    description: list[str],
    cancelled: bool,
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", to_tokyo(stamp).astimezone(UTC))
    event.add("sequence", session.sequence)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", clean(summary))
    if location:
        event.add("location", clean(location))
    event.add("description", clean("\n".join(description)))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if council.secretariat_email:
        cn = clean(council.secretariat_name or council.name)
        event.add("organizer", vCalAddress.new(council.secretariat_email.strip(), cn=cn))
    for member in attendees:
        if not member.email.strip():
            continue  # the caller chose who is invited; without an address there is no invite
        event.add(
            "attendee",
            vCalAddress.new(
                member.email.strip(),
                cn=clean(member.name),
                role="CHAIR" if member.role is Role.CHAIR else "REQ-PARTICIPANT",
                # A withdrawn event asks for no reply.
                partstat=None if cancelled else "NEEDS-ACTION",
                rsvp=None if cancelled else True,
            ),
        )
    return event
