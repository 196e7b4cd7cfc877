"""Sessions and their sittings: scheduling, rescheduling, cancelling; the only SQL for them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from meeting.dates import format_date, format_fiscal_year, from_iso, to_iso
from meeting.db_writes import immediate
from meeting.errors import InputError
from meeting.model import (
    Session,
    SessionForm,
    SessionKind,
    SessionPlan,
    SessionStatus,
    Sitting,
    SittingStatus,
    SpeakerNames,
)
from meeting.sessions import validate_plan
from meeting.store._base import NotFound, iso_date, new_uid
from meeting.store.councils import get_council
from meeting.store.rows import lastrowid, one, rows, single

# Sessions


def next_session_number(db: Database, council_id: int, fy: int) -> int:
    row = single(
        db,
        "SELECT coalesce(max(number), 0) + 1 AS next FROM sessions"
        " WHERE council_id = ? AND fiscal_year = ? AND status <> 'cancelled'",
        [council_id, fy],
    )
    return int(row["next"])


def schedule_session(db: Database, council_id: int, plan: SessionPlan, *, now: datetime) -> Session:
    """Save a new session; its number is the next free one of its fiscal year unless given."""
    get_council(db, council_id)
    fy, plan = validate_plan(plan)
    with immediate(db):
        number = plan.number or next_session_number(db, council_id, fy)
        _check_number_free(db, council_id, fy, number, exclude=None)
        cursor = db.execute(
            "INSERT INTO sessions (council_id, fiscal_year, number, kind, form, public, status,"
            " sequence, uid, written_from, written_until, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 'scheduled', 0, ?, ?, ?, ?, ?)",
            [
                council_id,
                fy,
                number,
                plan.kind.value,
                plan.form.value,
                int(plan.public),
                new_uid("session"),
                iso_date(plan.written_from),
                iso_date(plan.written_until),
                to_iso(now),
                to_iso(now),
            ],
        )
        session_id = lastrowid(cursor)
        _write_sittings(db, session_id, plan)
    return get_session(db, session_id)


def reschedule_session(
    db: Database, session_id: int, plan: SessionPlan, *, now: datetime
) -> Session:
    """Change a session's dates, places or particulars, raising its invite SEQUENCE.

    Sittings keep their UIDs by day order, so calendars update the events they already have;
    a sitting dropped from the plan stays as cancelled so its invite can be withdrawn.
    """
    current = get_session(db, session_id)
    if current.status is SessionStatus.CANCELLED:
        raise InputError("状態", "中止した会議の日程は変えられません")
    fy, plan = validate_plan(plan)
    with immediate(db):
        if _confirmed_on(db, session_id) and plan.public != current.public:
            raise InputError(
                "公開・非公開",
                "この会議の会議録は確定しています。公開・非公開の別は変えられません",
            )
        number = plan.number or (
            current.number
            if fy == current.fiscal_year
            else next_session_number(db, current.council_id, fy)
        )
        _check_number_free(db, current.council_id, fy, number, exclude=session_id)
        db.execute(
            "UPDATE sessions SET fiscal_year = ?, number = ?, kind = ?, form = ?, public = ?,"
            " sequence = sequence + 1, written_from = ?, written_until = ?, updated_at = ?"
            " WHERE id = ?",
            [
                fy,
                number,
                plan.kind.value,
                plan.form.value,
                int(plan.public),
                iso_date(plan.written_from),
                iso_date(plan.written_until),
                to_iso(now),
                session_id,
            ],
        )
        _write_sittings(db, session_id, plan)
    return get_session(db, session_id)


def cancel_session(db: Database, session_id: int, *, now: datetime) -> Session:
    """Mark a session cancelled; its invites go out again as METHOD:CANCEL."""
    current = get_session(db, session_id)
    if current.status is not SessionStatus.SCHEDULED:
        raise InputError("状態", f"{current.status.label}の会議は中止にできません")
    db.execute(
        "UPDATE sessions SET status = 'cancelled', sequence = sequence + 1, updated_at = ?"
        " WHERE id = ?",
        [to_iso(now), session_id],
    )
    db.conn.commit()
    return get_session(db, session_id)


def mark_held(db: Database, session_id: int, *, now: datetime) -> Session:
    current = get_session(db, session_id)
    if current.status is SessionStatus.CANCELLED:
        raise InputError("状態", "中止した会議は開催済みにできません")
    db.execute(
        "UPDATE sessions SET status = 'held', updated_at = ? WHERE id = ?",
        [to_iso(now), session_id],
    )
    db.conn.commit()
    return get_session(db, session_id)


def get_session(db: Database, session_id: int) -> Session:
    row = one(db, "SELECT * FROM sessions WHERE id = ?", [session_id])
    if row is None:
        raise NotFound(f"会議 {session_id} はありません")
    sittings = [
        _sitting(r)
        for r in rows(
            db, "SELECT * FROM sittings WHERE session_id = ? ORDER BY ordinal", [session_id]
        )
    ]
    return _session(row, sittings)


def session_and_next(db: Database, session_id: int) -> tuple[Session, Session | None]:
    """The session, and the council's next one after it (by number, a cancelled one skipped):
    where 次回の開催について finds the date decided. Each table is read once."""
    found = rows(
        db,
        "SELECT * FROM sessions WHERE id = :id OR id = (SELECT n.id FROM sessions n"
        " JOIN sessions s ON s.id = :id WHERE n.council_id = s.council_id"
        " AND n.status <> 'cancelled' AND (n.fiscal_year, n.number) > (s.fiscal_year, s.number)"
        " ORDER BY n.fiscal_year, n.number LIMIT 1)",
        {"id": session_id},
    )
    if not any(r["id"] == session_id for r in found):
        raise NotFound(f"会議 {session_id} はありません")
    by_session: dict[int, list[Sitting]] = {r["id"]: [] for r in found}
    for r in rows(
        db,
        f"SELECT * FROM sittings WHERE session_id IN ({','.join('?' * len(found))})"
        " ORDER BY ordinal",
        [r["id"] for r in found],
    ):
        by_session[r["session_id"]].append(_sitting(r))
    sessions = {r["id"]: _session(r, by_session[r["id"]]) for r in found}
    this = sessions.pop(session_id)
    return this, next(iter(sessions.values()), None)


def list_sessions(
    db: Database,
    council_id: int,
    *,
    fiscal_year: int | None = None,
    since_fiscal_year: int | None = None,
) -> list[Session]:
    """A council's sessions in date order (one fiscal year, or those from a year on)."""
    where, params = "council_id = ?", [council_id]
    if fiscal_year is not None:
        where += " AND fiscal_year = ?"
        params.append(fiscal_year)
    if since_fiscal_year is not None:
        where += " AND fiscal_year >= ?"
        params.append(since_fiscal_year)
    found = rows(db, f"SELECT * FROM sessions WHERE {where}", params)
    if not found:
        return []
    ids = [r["id"] for r in found]
    marks = ",".join("?" * len(ids))
    by_session: dict[int, list[Sitting]] = {i: [] for i in ids}
    for r in rows(
        db, f"SELECT * FROM sittings WHERE session_id IN ({marks}) ORDER BY ordinal", ids
    ):
        by_session[r["session_id"]].append(_sitting(r))
    sessions = [_session(r, by_session[r["id"]]) for r in found]
    return sorted(sessions, key=_sort_key)


def upcoming_first(sessions: list[Session], today: date) -> list[Session]:
    """Upcoming sessions soonest first, then past ones most recent first."""
    upcoming = [s for s in sessions if (s.last_day or date.max) >= today]
    past = [s for s in sessions if (s.last_day or date.max) < today]
    return upcoming + list(reversed(past))


def session_years(db: Database, council_id: int) -> list[int]:
    """The fiscal years in which a council has sessions, newest first: the home list reads
    every year's sessions a year at a time rather than thousands at once."""
    return [
        r["fiscal_year"]
        for r in rows(
            db,
            "SELECT DISTINCT fiscal_year FROM sessions WHERE council_id = ?"
            " ORDER BY fiscal_year DESC",
            [council_id],
        )
    ]


def merge_upcoming_first(listed: list[Session], more: list[Session], today: date) -> list[Session]:
    """``listed`` (in :func:`upcoming_first` order) with ``more`` of the same council, in that
    order again, as if all had been listed at once."""
    return upcoming_first(sorted([*listed, *more], key=_sort_key), today)


def _sort_key(s: Session) -> tuple[date, int, int]:
    return (s.first_day or date.max, s.fiscal_year, s.number)


def _check_number_free(
    db: Database, council_id: int, fy: int, number: int, *, exclude: int | None
) -> None:
    taken = one(
        db,
        "SELECT id FROM sessions WHERE council_id = ? AND fiscal_year = ? AND number = ?"
        " AND status <> 'cancelled' AND id IS NOT ?",
        [council_id, fy, number, exclude],
    )
    if taken is not None:
        raise InputError(
            "回",
            f"{format_fiscal_year(fy)}第{number}回は既にあります"
            f"（次の空き番号は第{next_session_number(db, council_id, fy)}回です）",
        )


def _write_sittings(db: Database, session_id: int, plan: SessionPlan) -> None:
    existing = {
        r["ordinal"]: r
        for r in rows(db, "SELECT id, ordinal FROM sittings WHERE session_id = ?", [session_id])
    }
    online_form = plan.form is SessionForm.ONLINE
    for ordinal, sitting in enumerate(plan.sittings, start=1):
        values = [
            to_iso(sitting.starts_at),
            to_iso(sitting.ends_at) if sitting.ends_at else None,
            sitting.place.strip() or ("オンライン" if online_form or sitting.online else ""),
            int(online_form or sitting.online or sitting.place.strip() == "オンライン"),
        ]
        if ordinal in existing:
            db.execute(
                "UPDATE sittings SET starts_at = ?, ends_at = ?, place = ?, online = ?,"
                " status = 'scheduled' WHERE id = ?",
                [*values, existing[ordinal]["id"]],
            )
        else:
            db.execute(
                "INSERT INTO sittings (session_id, ordinal, starts_at, ends_at, place, online, uid)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [session_id, ordinal, *values, new_uid("sitting")],
            )
    dropped = [r["id"] for o, r in existing.items() if o > len(plan.sittings)]
    for sitting_id in dropped:
        db.execute("UPDATE sittings SET status = 'cancelled' WHERE id = ?", [sitting_id])


def _session(r: dict[str, Any], sittings: list[Sitting]) -> Session:
    return Session(
        id=r["id"],
        council_id=r["council_id"],
        fiscal_year=r["fiscal_year"],
        number=r["number"],
        kind=SessionKind(r["kind"]),
        form=SessionForm(r["form"]),
        public=bool(r["public"]),
        status=SessionStatus(r["status"]),
        sequence=r["sequence"],
        uid=r["uid"],
        written_from=date.fromisoformat(r["written_from"]) if r["written_from"] else None,
        written_until=date.fromisoformat(r["written_until"]) if r["written_until"] else None,
        speaker_names=SpeakerNames(r["speaker_names"]) if r["speaker_names"] else None,
        sittings=tuple(sittings),
        minutes_confirmed_on=(
            date.fromisoformat(r["minutes_confirmed_on"]) if r["minutes_confirmed_on"] else None
        ),
        minutes_confirmed_by=r["minutes_confirmed_by"],
        minutes_revision=r["minutes_revision"],
    )


def _sitting(r: dict[str, Any]) -> Sitting:
    return Sitting(
        id=r["id"],
        session_id=r["session_id"],
        ordinal=r["ordinal"],
        starts_at=from_iso(r["starts_at"]),
        ends_at=from_iso(r["ends_at"]) if r["ends_at"] else None,
        place=r["place"],
        online=bool(r["online"]),
        uid=r["uid"],
        status=SittingStatus(r["status"]),
        public_attendees=r["public_attendees"],
    )


def set_speaker_names(db: Database, session_id: int, names: SpeakerNames | None) -> Session:
    """Name or anonymise this session's speakers; None follows the council (a council decides it
    at a session and applies it to the whole record)."""
    get_session(db, session_id)
    db.execute(
        "UPDATE sessions SET speaker_names = ? WHERE id = ?",
        [names.value if names else None, session_id],
    )
    db.conn.commit()
    return get_session(db, session_id)


def speaker_names_of(db: Database, session: Session) -> SpeakerNames:
    return session.speaker_names or get_council(db, session.council_id).speaker_names


def session_of_the_day(db: Database, now: datetime) -> Session | None:
    """The session sitting today, else the next one to come: what the chair wants to follow."""
    from meeting.store.councils import list_councils

    today = now.date()
    candidates = [
        s
        for c in list_councils(db)
        for s in list_sessions(db, c.id)
        if s.status is not SessionStatus.CANCELLED and (s.last_day or date.min) >= today
    ]
    sitting_today = [
        s for s in candidates if any(t.starts_at.date() == today for t in s.active_sittings)
    ]
    found = sitting_today or candidates
    return found[0] if found else None


def ensure_draft(db: Database, session_id: int) -> None:
    """A confirmed record is locked: later corrections go through ``approval.record_erratum``.

    Every layer that changes a session's record (its agenda, its lines) asks this first."""
    confirmed_on = _confirmed_on(db, session_id)
    if confirmed_on:
        confirmed = format_date(date.fromisoformat(confirmed_on), weekday=False)
        raise InputError(
            "会議録",
            f"この会議の会議録は{confirmed}に確定しています。"
            "訂正は正誤として、理由を添えて記録してください（記録を直す画面で e）",
        )


def _confirmed_on(db: Database, session_id: int) -> str | None:
    """The day the session's minutes were confirmed (ISO), or None while they are a draft."""
    row = one(db, "SELECT minutes_confirmed_on FROM sessions WHERE id = ?", [session_id])
    return row["minutes_confirmed_on"] if row else None
