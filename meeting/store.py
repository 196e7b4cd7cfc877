"""Every read and write of councils, members and sessions: the only module with their SQL.

Writes validate first (``meeting.roster``, ``meeting.sessions``) so nothing half-checked is
saved; read-then-write work runs under ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from meeting.dates import fiscal_year, format_fiscal_year, from_iso, to_iso
from meeting.db import immediate
from meeting.errors import InputError
from meeting.model import (
    Council,
    CouncilDraft,
    CouncilKind,
    Member,
    MemberDraft,
    QuorumBase,
    QuorumRule,
    Role,
    Session,
    SessionForm,
    SessionKind,
    SessionPlan,
    SessionStatus,
    Sitting,
    SittingStatus,
    SpeakerNames,
    Threshold,
)
from meeting.roster import roster_order, validate_council, validate_member
from meeting.sessions import validate_plan

UID_DOMAIN = "meeting.invalid"


class NotFound(LookupError):
    """A row the caller named does not exist (deleted by another window, or a wrong id)."""


# Councils


def add_council(db: Database, draft: CouncilDraft, *, now: datetime) -> Council:
    draft = validate_council(draft)
    cursor = db.execute(
        "INSERT INTO councils (name, municipality, kind, quorum_article, speaker_names,"
        " secretariat_name, secretariat_email, quorum_base, quorum_seats, quorum_threshold,"
        " quorum_fixed, chair_counts, online_counts, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [*_council_values(draft), to_iso(now)],
    )
    db.conn.commit()
    return get_council(db, _lastrowid(cursor))


def update_council(db: Database, council_id: int, draft: CouncilDraft) -> Council:
    draft = validate_council(draft)
    get_council(db, council_id)
    db.execute(
        "UPDATE councils SET name = ?, municipality = ?, kind = ?, quorum_article = ?,"
        " speaker_names = ?, secretariat_name = ?, secretariat_email = ?, quorum_base = ?,"
        " quorum_seats = ?, quorum_threshold = ?, quorum_fixed = ?, chair_counts = ?,"
        " online_counts = ? WHERE id = ?",
        [*_council_values(draft), council_id],
    )
    db.conn.commit()
    return get_council(db, council_id)


def get_council(db: Database, council_id: int) -> Council:
    row = _one(db, "SELECT * FROM councils WHERE id = ?", [council_id])
    if row is None:
        raise NotFound(f"審議会 {council_id} はありません")
    return _council(row)


def list_councils(db: Database) -> list[Council]:
    return [_council(r) for r in _rows(db, "SELECT * FROM councils ORDER BY id")]


def _council_values(d: CouncilDraft) -> list[Any]:
    return [
        d.name,
        d.municipality,
        d.kind.value,
        d.quorum_article,
        d.speaker_names.value,
        d.secretariat_name,
        d.secretariat_email,
        d.quorum.base.value,
        d.quorum.seats,
        d.quorum.threshold.value,
        d.quorum.fixed,
        int(d.quorum.chair_counts),
        int(d.quorum.online_counts),
    ]


def _council(r: dict[str, Any]) -> Council:
    return Council(
        id=r["id"],
        name=r["name"],
        municipality=r["municipality"],
        kind=CouncilKind(r["kind"]),
        quorum_article=r["quorum_article"],
        speaker_names=SpeakerNames(r["speaker_names"]),
        secretariat_name=r["secretariat_name"],
        secretariat_email=r["secretariat_email"],
        quorum=QuorumRule(
            base=QuorumBase(r["quorum_base"]),
            seats=r["quorum_seats"],
            threshold=Threshold(r["quorum_threshold"]),
            fixed=r["quorum_fixed"],
            chair_counts=bool(r["chair_counts"]),
            online_counts=bool(r["online_counts"]),
            article=r["quorum_article"],
        ),
    )


# Members


def add_member(db: Database, council_id: int, draft: MemberDraft) -> Member:
    get_council(db, council_id)
    with immediate(db):
        draft = validate_member(draft, list_members(db, council_id))
        position = db.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM members WHERE council_id = ?", [council_id]
        ).fetchone()[0]
        cursor = db.execute(
            "INSERT INTO members (council_id, name, reading, role, term_start, term_end,"
            " affiliation, email, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [council_id, *_member_values(draft), position],
        )
    return get_member(db, _lastrowid(cursor))


def update_member(db: Database, member_id: int, draft: MemberDraft) -> Member:
    current = get_member(db, member_id)
    with immediate(db):
        others = [m for m in list_members(db, current.council_id) if m.id != member_id]
        draft = validate_member(draft, others)
        db.execute(
            "UPDATE members SET name = ?, reading = ?, role = ?, term_start = ?, term_end = ?,"
            " affiliation = ?, email = ? WHERE id = ?",
            [*_member_values(draft), member_id],
        )
    return get_member(db, member_id)


def delete_member(db: Database, member_id: int) -> None:
    """Remove a member entered by mistake; one who appears in a record must stay."""
    member = get_member(db, member_id)
    try:
        db.execute("DELETE FROM members WHERE id = ?", [member_id])
        db.conn.commit()
    except sqlite3.IntegrityError:
        db.conn.rollback()
        raise InputError(
            "委員",
            f"{member.name}さんは会議の記録にあるため削除できません。任期の終了日を入れてください",
        ) from None


def get_member(db: Database, member_id: int) -> Member:
    row = _one(db, "SELECT * FROM members WHERE id = ?", [member_id])
    if row is None:
        raise NotFound(f"委員 {member_id} はいません")
    return _member(row)


def list_members(db: Database, council_id: int, *, on: date | None = None) -> list[Member]:
    """The roster in reading order; with ``on``, only those in office that day."""
    members = [
        _member(r) for r in _rows(db, "SELECT * FROM members WHERE council_id = ?", [council_id])
    ]
    ordered = roster_order(members)
    return [m for m in ordered if m.in_office(on)] if on else ordered


def invited_members(db: Database, session: Session) -> list[Member]:
    """Members in office on the session's first day: those whose term has ended are not invited."""
    day = session.first_day
    return list_members(db, session.council_id, on=day) if day else []


def _member_values(d: MemberDraft) -> list[Any]:
    return [
        d.name,
        d.reading,
        d.role.value,
        d.term_start.isoformat() if d.term_start else None,
        d.term_end.isoformat() if d.term_end else None,
        d.affiliation,
        d.email,
    ]


def _member(r: dict[str, Any]) -> Member:
    return Member(
        id=r["id"],
        council_id=r["council_id"],
        name=r["name"],
        reading=r["reading"],
        role=Role(r["role"]),
        term_start=date.fromisoformat(r["term_start"]) if r["term_start"] else None,
        term_end=date.fromisoformat(r["term_end"]) if r["term_end"] else None,
        affiliation=r["affiliation"],
        email=r["email"],
        position=r["position"],
    )


# Sessions


def next_session_number(db: Database, council_id: int, fy: int) -> int:
    row = db.execute(
        "SELECT coalesce(max(number), 0) + 1 FROM sessions"
        " WHERE council_id = ? AND fiscal_year = ? AND status <> 'cancelled'",
        [council_id, fy],
    ).fetchone()
    return int(row[0])


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
                _new_uid("session"),
                _iso_date(plan.written_from),
                _iso_date(plan.written_until),
                to_iso(now),
                to_iso(now),
            ],
        )
        session_id = _lastrowid(cursor)
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
                _iso_date(plan.written_from),
                _iso_date(plan.written_until),
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
    row = _one(db, "SELECT * FROM sessions WHERE id = ?", [session_id])
    if row is None:
        raise NotFound(f"会議 {session_id} はありません")
    sittings = [
        _sitting(r)
        for r in _rows(
            db, "SELECT * FROM sittings WHERE session_id = ? ORDER BY ordinal", [session_id]
        )
    ]
    return _session(row, sittings)


def list_sessions(
    db: Database, council_id: int, *, fiscal_year: int | None = None
) -> list[Session]:
    """A council's sessions in date order (optionally one fiscal year)."""
    where, params = "council_id = ?", [council_id]
    if fiscal_year is not None:
        where += " AND fiscal_year = ?"
        params.append(fiscal_year)
    rows = _rows(db, f"SELECT * FROM sessions WHERE {where}", params)
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    marks = ",".join("?" * len(ids))
    by_session: dict[int, list[Sitting]] = {i: [] for i in ids}
    for r in _rows(
        db, f"SELECT * FROM sittings WHERE session_id IN ({marks}) ORDER BY ordinal", ids
    ):
        by_session[r["session_id"]].append(_sitting(r))
    sessions = [_session(r, by_session[r["id"]]) for r in rows]
    return sorted(sessions, key=_sort_key)


def upcoming_first(sessions: list[Session], today: date) -> list[Session]:
    """Upcoming sessions soonest first, then past ones most recent first."""
    upcoming = [s for s in sessions if (s.last_day or date.max) >= today]
    past = [s for s in sessions if (s.last_day or date.max) < today]
    return upcoming + list(reversed(past))


def _sort_key(s: Session) -> tuple[date, int, int]:
    return (s.first_day or date.max, s.fiscal_year, s.number)


def _check_number_free(
    db: Database, council_id: int, fy: int, number: int, *, exclude: int | None
) -> None:
    row = db.execute(
        "SELECT id FROM sessions WHERE council_id = ? AND fiscal_year = ? AND number = ?"
        " AND status <> 'cancelled' AND id IS NOT ?",
        [council_id, fy, number, exclude],
    ).fetchone()
    if row is not None:
        raise InputError(
            "回",
            f"{format_fiscal_year(fy)}第{number}回は既にあります"
            f"（次の空き番号は第{next_session_number(db, council_id, fy)}回です）",
        )


def _write_sittings(db: Database, session_id: int, plan: SessionPlan) -> None:
    existing = {
        r["ordinal"]: r
        for r in _rows(db, "SELECT id, ordinal FROM sittings WHERE session_id = ?", [session_id])
    }
    online_form = plan.form is SessionForm.ONLINE
    for ordinal, sitting in enumerate(plan.sittings, start=1):
        values = [
            to_iso(sitting.starts_at),
            to_iso(sitting.ends_at),
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
                [session_id, ordinal, *values, _new_uid("sitting")],
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
        sittings=tuple(sittings),
    )


def _sitting(r: dict[str, Any]) -> Sitting:
    return Sitting(
        id=r["id"],
        session_id=r["session_id"],
        ordinal=r["ordinal"],
        starts_at=from_iso(r["starts_at"]),
        ends_at=from_iso(r["ends_at"]),
        place=r["place"],
        online=bool(r["online"]),
        uid=r["uid"],
        status=SittingStatus(r["status"]),
    )


# Helpers


def _new_uid(kind: str) -> str:
    return f"{kind}-{uuid.uuid4()}@{UID_DOMAIN}"


def _iso_date(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _lastrowid(cursor: sqlite3.Cursor) -> int:
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _rows(db: Database, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params or [])
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _one(db: Database, sql: str, params: list[Any]) -> dict[str, Any] | None:
    rows = _rows(db, sql, params)
    return rows[0] if rows else None


__all__ = [
    "NotFound",
    "add_council",
    "add_member",
    "cancel_session",
    "delete_member",
    "fiscal_year",
    "get_council",
    "get_member",
    "get_session",
    "invited_members",
    "list_councils",
    "list_members",
    "list_sessions",
    "mark_held",
    "next_session_number",
    "reschedule_session",
    "schedule_session",
    "update_council",
    "update_member",
    "upcoming_first",
]
