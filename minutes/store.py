"""Reads and writes of the record: attendance, utterances and decisions.

Each write is its own transaction, so a line is kept the moment it is entered.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlite_utils import Database

from meeting.dates import from_iso, to_iso
from meeting.db import immediate
from meeting.errors import InputError
from meeting.store import get_member, get_session
from minutes.model import (
    Attendance,
    AttendanceStatus,
    Decision,
    Outcome,
    SpeakerKind,
    Utterance,
    UtteranceKind,
)


def record_attendance(
    db: Database, sitting_id: int, member_id: int, status: AttendanceStatus
) -> None:
    """Mark one member for one sitting; a person outside the council is refused."""
    row = db.execute("SELECT session_id FROM sittings WHERE id = ?", [sitting_id]).fetchone()
    if row is None:
        raise InputError("日程", f"日程 {sitting_id} はありません")
    session = get_session(db, row[0])
    member = get_member(db, member_id)
    if member.council_id != session.council_id:
        raise InputError("出欠", f"{member.name}さんはこの審議会の委員ではありません")
    db.execute(
        "INSERT INTO attendance (sitting_id, member_id, status) VALUES (?, ?, ?)"
        " ON CONFLICT (sitting_id, member_id) DO UPDATE SET status = excluded.status",
        [sitting_id, member_id, status.value],
    )
    db.conn.commit()


def attendance(db: Database, sitting_id: int) -> list[Attendance]:
    cursor = db.execute(
        "SELECT sitting_id, member_id, status, arrived_at, left_at, online FROM attendance"
        " WHERE sitting_id = ?",
        [sitting_id],
    )
    return [
        Attendance(
            r[0],
            r[1],
            AttendanceStatus(r[2]),
            from_iso(r[3]) if r[3] else None,
            from_iso(r[4]) if r[4] else None,
            bool(r[5]),
        )
        for r in cursor.fetchall()
    ]


def add_utterance(
    db: Database,
    session_id: int,
    text: str,
    *,
    at: datetime,
    agenda_item_id: int | None = None,
    speaker_kind: SpeakerKind | None = None,
    member_id: int | None = None,
    speaker_label: str = "",
    kind: UtteranceKind = UtteranceKind.SPEECH,
) -> Utterance:
    """Append one line to the record, at the end of the session's lines."""
    if not text.strip():
        raise InputError("発言", "空の行は記録しません")
    if kind is UtteranceKind.SPEECH and speaker_kind is None:
        raise InputError("発言者", "発言者を選んでください")
    with immediate(db):
        position = db.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM utterances WHERE session_id = ?",
            [session_id],
        ).fetchone()[0]
        cursor = db.execute(
            "INSERT INTO utterances (session_id, agenda_item_id, position, kind, speaker_kind,"
            " member_id, speaker_label, text, spoken_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                session_id,
                agenda_item_id,
                position,
                kind.value,
                speaker_kind.value if speaker_kind else None,
                member_id,
                speaker_label,
                text,
                to_iso(at),
            ],
        )
    utterance_id = cursor.lastrowid
    return next(u for u in utterances(db, session_id) if u.id == utterance_id)


def utterances(db: Database, session_id: int) -> list[Utterance]:
    cursor = db.execute(
        "SELECT id, session_id, agenda_item_id, position, kind, speaker_kind, member_id,"
        " speaker_label, text, spoken_at FROM utterances WHERE session_id = ? ORDER BY position",
        [session_id],
    )
    return [_utterance(r) for r in cursor.fetchall()]


def record_decision(
    db: Database, agenda_item_id: int, outcome: Outcome, *, at: datetime, narration: str
) -> Decision:
    cursor = db.execute(
        "INSERT INTO decisions (agenda_item_id, outcome, decided_at, narration)"
        " VALUES (?, ?, ?, ?)",
        [agenda_item_id, outcome.value, to_iso(at), narration],
    )
    db.conn.commit()
    return Decision(_id(cursor.lastrowid), agenda_item_id, outcome, at, narration)


def decisions(db: Database, session_id: int) -> list[Decision]:
    cursor = db.execute(
        "SELECT d.id, d.agenda_item_id, d.outcome, d.decided_at, d.narration FROM decisions d"
        " JOIN agenda_items a ON a.id = d.agenda_item_id"
        " WHERE a.session_id = ? ORDER BY a.position",
        [session_id],
    )
    return [Decision(r[0], r[1], Outcome(r[2]), from_iso(r[3]), r[4]) for r in cursor.fetchall()]


def _utterance(r: tuple[Any, ...]) -> Utterance:
    return Utterance(
        id=r[0],
        session_id=r[1],
        agenda_item_id=r[2],
        position=r[3],
        kind=UtteranceKind(r[4]),
        speaker_kind=SpeakerKind(r[5]) if r[5] else None,
        member_id=r[6],
        speaker_label=r[7],
        text=r[8],
        spoken_at=from_iso(r[9]),
    )


def _id(value: int | None) -> int:
    assert value is not None
    return value
