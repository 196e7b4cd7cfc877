"""Reads and writes of the record: utterances and decisions (attendance is in ``roll``).

Each write is its own transaction, so a line is kept the moment it is entered.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from meeting.dates import from_iso, to_iso
from meeting.errors import InputError
from meeting.quorum import QuorumState
from meeting.store import ensure_draft
from minutes.model import (
    Decision,
    Outcome,
    SpeakerKind,
    Utterance,
    UtteranceKind,
)


def get_utterance(db: Database, utterance_id: int) -> Utterance | None:
    row = db.execute(
        "SELECT id, session_id, agenda_item_id, position, kind, speaker_kind, member_id,"
        " speaker_label, text, spoken_at FROM utterances WHERE id = ?",
        [utterance_id],
    ).fetchone()
    return _utterance(row) if row else None


def utterances(db: Database, session_id: int) -> list[Utterance]:
    cursor = db.execute(
        "SELECT id, session_id, agenda_item_id, position, kind, speaker_kind, member_id,"
        " speaker_label, text, spoken_at FROM utterances WHERE session_id = ? ORDER BY position",
        [session_id],
    )
    return [_utterance(r) for r in cursor.fetchall()]


def item_utterances(db: Database, session_id: int, item_id: int | None) -> list[Utterance]:
    """The lines of one item (or of no item), in order: what the live screen shows."""
    where = "agenda_item_id = ?" if item_id is not None else "agenda_item_id IS NULL"
    cursor = db.execute(
        "SELECT id, session_id, agenda_item_id, position, kind, speaker_kind, member_id,"
        f" speaker_label, text, spoken_at FROM utterances WHERE session_id = ? AND {where}"
        " ORDER BY position",
        [session_id, *([item_id] if item_id is not None else [])],
    )
    return [_utterance(r) for r in cursor.fetchall()]


def free_labels(db: Database, session_id: int) -> list[str]:
    """The free speaker labels (参考人, 傍聴者…) already used in a session, sorted."""
    rows = db.execute(
        "SELECT DISTINCT speaker_label FROM utterances WHERE session_id = ?"
        " AND speaker_kind = 'other' ORDER BY speaker_label",
        [session_id],
    ).fetchall()
    return [r[0] for r in rows]


def latest_utterances(db: Database, session_id: int, count: int) -> list[Utterance]:
    """The last ``count`` lines of a session, oldest first, read from the end of the index."""
    cursor = db.execute(
        "SELECT id, session_id, agenda_item_id, position, kind, speaker_kind, member_id,"
        " speaker_label, text, spoken_at FROM utterances WHERE session_id = ?"
        " ORDER BY position DESC LIMIT ?",
        [session_id, count],
    )
    return [_utterance(r) for r in reversed(cursor.fetchall())]


def record_decision(
    db: Database,
    agenda_item_id: int,
    outcome: Outcome,
    *,
    at: datetime,
    narration: str,
    quorum: QuorumState,
    override_reason: str = "",
    follow_up: str = "",
) -> Decision:
    """Record an item's decision, stamped with the quorum at that moment.

    Without quorum a decision is void; it is recorded only with a reason for the override,
    and the minutes print that reason.
    """
    item = db.execute("SELECT session_id FROM agenda_items WHERE id = ?", [agenda_item_id])
    if (row := item.fetchone()) is not None:
        ensure_draft(db, row[0])
    reason = override_reason.strip()
    if not quorum.stands and not reason:
        raise InputError(
            "定足数",
            f"出席{quorum.present}名で定足数（{quorum.needed}名）を欠いています。"
            "記録するには理由を入れてください",
        )
    cursor = db.execute(
        "INSERT INTO decisions (agenda_item_id, outcome, decided_at, narration, quorum_present,"
        " quorum_needed, quorum_base, present_names, override_reason, follow_up)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            agenda_item_id,
            outcome.value,
            to_iso(at),
            narration,
            quorum.present,
            quorum.needed,
            quorum.base,
            json.dumps(list(quorum.names), ensure_ascii=False),
            reason or None,
            follow_up.strip(),
        ],
    )
    db.conn.commit()
    return next(d for d in _decisions(db, "d.id = ?", [cursor.lastrowid]))


def decisions(db: Database, session_id: int) -> list[Decision]:
    return _decisions(db, "a.session_id = ?", [session_id])


def decisions_on(db: Database, consultation_id: int) -> list[Decision]:
    """Every decision taken on a consultation, across sessions, oldest first."""
    found = _decisions(db, "a.consultation_id = ?", [consultation_id])
    return sorted(found, key=lambda d: (d.decided_at, d.id))


def _decisions(db: Database, where: str, params: list[Any]) -> list[Decision]:
    cursor = db.execute(
        "SELECT d.id, d.agenda_item_id, d.outcome, d.decided_at, d.narration, d.quorum_present,"
        " d.quorum_needed, d.present_names, d.override_reason FROM decisions d"
        f" JOIN agenda_items a ON a.id = d.agenda_item_id WHERE {where} ORDER BY a.position, d.id",
        params,
    )
    return [
        Decision(
            r[0],
            r[1],
            Outcome(r[2]),
            from_iso(r[3]),
            r[4],
            r[5] or 0,
            r[6] or 0,
            tuple(json.loads(r[7] or "[]")),
            r[8] or "",
        )
        for r in cursor.fetchall()
    ]


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


def latest_item_id(db: Database, session_id: int) -> int | None:
    """The item of the last line entered: where the session is now."""
    row = db.execute(
        "SELECT agenda_item_id FROM utterances WHERE session_id = ? AND agenda_item_id IS NOT NULL"
        " ORDER BY position DESC LIMIT 1",
        [session_id],
    ).fetchone()
    return row[0] if row else None


def data_version(db: Database) -> int:
    """SQLite's change counter: it moves when another connection commits (4 µs a poll)."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def set_line_public(db: Database, utterance_id: int, public: bool) -> None:
    """Close (非公開) or reopen one line: a closed line never reaches a public document."""
    line = get_utterance(db, utterance_id)
    if line is not None:
        ensure_draft(db, line.session_id)
    db.execute("UPDATE utterances SET public = ? WHERE id = ?", [int(public), utterance_id])
    db.conn.commit()


def closed_lines(db: Database, session_id: int) -> set[int]:
    rows = db.execute(
        "SELECT id FROM utterances WHERE session_id = ? AND public = 0", [session_id]
    ).fetchall()
    return {r[0] for r in rows}



_IN_CLOSED_PART = (
    "SELECT u.id FROM utterances u JOIN sessions s ON s.id = u.session_id"
    " LEFT JOIN agenda_items a ON a.id = u.agenda_item_id"
    " WHERE {where} AND (u.public = 0 OR s.public = 0 OR coalesce(a.public, 1) = 0)"
)


def lines_in_closed_parts(db: Database, session_id: int) -> set[int]:
    """Every line a public document leaves out: closed itself, in a closed item, or in a closed
    session. What the live screen, the chair's view and search mark 【非公開】."""
    rows = db.execute(_IN_CLOSED_PART.format(where="u.session_id = ?"), [session_id]).fetchall()
    return {r[0] for r in rows}


def in_closed_parts(db: Database, utterance_ids: Iterable[int]) -> set[int]:
    """Those of ``utterance_ids`` (of any sessions) that a public document leaves out."""
    ids = list(utterance_ids)
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        where = f"u.id IN ({','.join('?' * len(batch))})"
        found |= {r[0] for r in db.execute(_IN_CLOSED_PART.format(where=where), batch)}
    return found


def line_in_closed_part(db: Database, utterance_id: int) -> bool:
    return bool(in_closed_parts(db, [utterance_id]))
