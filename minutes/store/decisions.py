"""Decisions (``decisions``): each consultation item's outcome, stamped with the quorum."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from agendas.model import Outcome
from meeting.dates import from_iso, to_iso
from meeting.quorum import QuorumState
from meeting.store import ensure_draft
from meeting.store.rows import NotInserted, lastrowid, one, rows
from minutes.model import Decision
from minutes.rules import override_reason as checked_reason
from minutes.store.items import session_of_item


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
    """Record an item's decision, stamped with the quorum at that moment; its own transaction.

    Without quorum a decision is void; it is recorded only with a reason for the override
    (:func:`minutes.rules.override_reason`), and the minutes print that reason.
    """
    if (session_id := session_of_item(db, agenda_item_id)) is not None:
        ensure_draft(db, session_id)
    reason = checked_reason(quorum, override_reason)
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
    decision_id = lastrowid(cursor)
    found = _decisions(db, "d.id = ?", [decision_id])
    if not found:
        raise NotInserted(f"決定を記録しましたが、読み返せません（決定 {decision_id}）")
    return found[0]


def decisions(db: Database, session_id: int) -> list[Decision]:
    return _decisions(db, "a.session_id = ?", [session_id])


def decisions_on(db: Database, consultation_id: int) -> list[Decision]:
    """Every decision taken on a consultation, across sessions, oldest first."""
    found = _decisions(db, "a.consultation_id = ?", [consultation_id])
    return sorted(found, key=lambda d: (d.decided_at, d.id))


def _decisions(db: Database, where: str, params: list[Any]) -> list[Decision]:
    found = rows(
        db,
        "SELECT d.id, d.agenda_item_id, d.outcome, d.decided_at, d.narration, d.quorum_present,"
        " d.quorum_needed, d.present_names, d.override_reason FROM decisions d"
        f" JOIN agenda_items a ON a.id = d.agenda_item_id WHERE {where} ORDER BY a.position, d.id",
        params,
    )
    return [
        Decision(
            id=r["id"],
            agenda_item_id=r["agenda_item_id"],
            outcome=Outcome(r["outcome"]),
            decided_at=from_iso(r["decided_at"]),
            narration=r["narration"],
            quorum_present=r["quorum_present"] or 0,
            quorum_needed=r["quorum_needed"] or 0,
            present_names=tuple(json.loads(r["present_names"] or "[]")),
            override_reason=r["override_reason"] or "",
        )
        for r in found
    ]


def session_of_decision(db: Database, decision_id: int) -> int | None:
    """The session whose record holds the decision, or None for no such decision."""
    row = one(
        db,
        "SELECT a.session_id FROM decisions d JOIN agenda_items a ON a.id = d.agenda_item_id"
        " WHERE d.id = ?",
        [decision_id],
    )
    return row["session_id"] if row else None
