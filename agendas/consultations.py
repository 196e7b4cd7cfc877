"""The register of consultations: the only module with their SQL."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from agendas.model import (
    Consultation,
    ConsultationDraft,
    ConsultationKind,
    ConsultationStatus,
    Department,
    Outcome,
    Question,
)
from agendas.rules import check_transition, validate_consultation
from meeting.dates import to_iso
from meeting.db import immediate
from meeting.errors import InputError
from meeting.model import Session
from meeting.store import NotFound, get_council, get_session


def add_consultation(
    db: Database, council_id: int, draft: ConsultationDraft, *, now: datetime
) -> Consultation:
    get_council(db, council_id)
    draft = validate_consultation(draft)
    with immediate(db):
        _check_number_free(db, council_id, draft.number, exclude=None)
        cursor = db.execute(
            "INSERT INTO consultations (council_id, number, filed_on, title, status, created_at)"
            " VALUES (?, ?, ?, ?, 'filed', ?)",
            [council_id, draft.number, _day(draft.filed_on), draft.title, to_iso(now)],
        )
        consultation_id = cursor.lastrowid
        assert consultation_id is not None
        _write_parts(db, consultation_id, draft)
    return get_consultation(db, consultation_id)


def update_consultation(
    db: Database, consultation_id: int, draft: ConsultationDraft
) -> Consultation:
    current = get_consultation(db, consultation_id)
    draft = validate_consultation(draft)
    with immediate(db):
        _check_number_free(db, current.council_id, draft.number, exclude=consultation_id)
        db.execute(
            "UPDATE consultations SET number = ?, filed_on = ?, title = ? WHERE id = ?",
            [draft.number, _day(draft.filed_on), draft.title, consultation_id],
        )
        for table in (
            "consultation_departments",
            "consultation_questions",
            "consultation_materials",
        ):
            db.execute(f"DELETE FROM {table} WHERE consultation_id = ?", [consultation_id])
        _write_parts(db, consultation_id, draft)
    return get_consultation(db, consultation_id)


def set_status(db: Database, consultation_id: int, status: ConsultationStatus) -> Consultation:
    current = get_consultation(db, consultation_id)
    check_transition(current.status, status)
    db.execute("UPDATE consultations SET status = ? WHERE id = ?", [status.value, consultation_id])
    db.conn.commit()
    return get_consultation(db, consultation_id)


def record_answer(
    db: Database, consultation_id: int, *, number: str, answered_on: date
) -> Consultation:
    """The council has answered (答申): the answer's number and date close the consultation."""
    current = get_consultation(db, consultation_id)
    check_transition(current.status, ConsultationStatus.ANSWERED)
    if not number.strip():
        raise InputError("答申番号", "答申の番号を入れてください")
    db.execute(
        "UPDATE consultations SET status = 'answered', answer_number = ?, answered_on = ?"
        " WHERE id = ?",
        [number.strip(), answered_on.isoformat(), consultation_id],
    )
    db.conn.commit()
    return get_consultation(db, consultation_id)


def get_consultation(db: Database, consultation_id: int) -> Consultation:
    found = _load(db, "id = ?", [consultation_id])
    if not found:
        raise NotFound(f"諮問 {consultation_id} はありません")
    return found[0]


def list_consultations(
    db: Database,
    council_id: int,
    *,
    status: ConsultationStatus | None = None,
    search: str = "",
) -> list[Consultation]:
    """Filed order, newest last; ``search`` matches the number or any words of the title."""
    where = "council_id = ?"
    params: list[Any] = [council_id]
    if status is not None:
        where += " AND status = ?"
        params.append(status.value)
    for word in unicodedata.normalize("NFKC", search).split():
        where += " AND (number LIKE ? OR title LIKE ?)"
        params += [f"%{word}%", f"%{word}%"]
    return _load(db, where, params)


def _check_number_free(db: Database, council_id: int, number: str, *, exclude: int | None) -> None:
    row = db.execute(
        "SELECT title FROM consultations WHERE council_id = ? AND number = ? AND id IS NOT ?",
        [council_id, number, exclude],
    ).fetchone()
    if row is not None:
        raise InputError("諮問番号", f"{number}は既に登録されています（{row[0]}）")


def _write_parts(db: Database, consultation_id: int, draft: ConsultationDraft) -> None:
    for role, departments in (("consulting", draft.consulting), ("using", draft.using)):
        for position, d in enumerate(departments, start=1):
            db.execute(
                "INSERT INTO consultation_departments (consultation_id, role, position, bureau,"
                " division) VALUES (?, ?, ?, ?, ?)",
                [consultation_id, role, position, d.bureau, d.division],
            )
    for position, q in enumerate(draft.questions, start=1):
        db.execute(
            "INSERT INTO consultation_questions (consultation_id, position, kind, article, text)"
            " VALUES (?, ?, ?, ?, ?)",
            [consultation_id, position, q.kind.value, q.article.strip(), q.text.strip()],
        )
    for position, name in enumerate(draft.materials, start=1):
        db.execute(
            "INSERT INTO consultation_materials (consultation_id, position, name) VALUES (?, ?, ?)",
            [consultation_id, position, name],
        )


def _load(db: Database, where: str, params: list[Any]) -> list[Consultation]:
    rows = db.execute(
        "SELECT id, council_id, number, title, filed_on, status, answer_number, answered_on"
        f" FROM consultations WHERE {where} ORDER BY coalesce(filed_on, ''), id",
        params,
    ).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    departments: dict[tuple[int, str], list[Department]] = {}
    for cid, role, bureau, division in db.execute(
        "SELECT consultation_id, role, bureau, division FROM consultation_departments"
        f" WHERE consultation_id IN ({marks}) ORDER BY position",
        ids,
    ):
        departments.setdefault((cid, role), []).append(Department(bureau, division))
    questions: dict[int, list[Question]] = {}
    for cid, kind, article, text in db.execute(
        "SELECT consultation_id, kind, article, text FROM consultation_questions"
        f" WHERE consultation_id IN ({marks}) ORDER BY position",
        ids,
    ):
        questions.setdefault(cid, []).append(Question(ConsultationKind(kind), article, text))
    materials: dict[int, list[str]] = {}
    for cid, name in db.execute(
        "SELECT consultation_id, name FROM consultation_materials"
        f" WHERE consultation_id IN ({marks}) ORDER BY position",
        ids,
    ):
        materials.setdefault(cid, []).append(name)
    return [
        Consultation(
            id=r[0],
            council_id=r[1],
            number=r[2],
            title=r[3],
            filed_on=date.fromisoformat(r[4]) if r[4] else None,
            status=ConsultationStatus(r[5]),
            consulting=tuple(departments.get((r[0], "consulting"), ())),
            using=tuple(departments.get((r[0], "using"), ())),
            questions=tuple(questions.get(r[0], ())),
            materials=tuple(materials.get(r[0], ())),
            answer_number=r[6],
            answered_on=date.fromisoformat(r[7]) if r[7] else None,
        )
        for r in rows
    ]


# History across sessions


@dataclass(frozen=True)
class HistoryEntry:
    """One appearance of a consultation on an agenda, with what became of it there."""

    session: Session
    item_id: int
    title: str
    carried_over: bool
    outcome: str
    """The decision's label (承認, 継続審議…), or empty while none is recorded."""


def consultation_history(db: Database, consultation_id: int) -> list[HistoryEntry]:
    """Every agenda item of the consultation, session by session, oldest first."""
    rows = db.execute(
        "SELECT a.id, a.session_id, a.title, a.carried_from_id,"
        " (SELECT outcome FROM decisions d WHERE d.agenda_item_id = a.id"
        " ORDER BY d.id DESC LIMIT 1)"
        " FROM agenda_items a WHERE a.consultation_id = ?",
        [consultation_id],
    ).fetchall()
    entries = [
        HistoryEntry(
            session=get_session(db, r[1]),
            item_id=r[0],
            title=r[2],
            carried_over=r[3] is not None,
            outcome=Outcome(r[4]).label if r[4] else "",
        )
        for r in rows
    ]
    return sorted(entries, key=lambda e: (e.session.first_day or date.max, e.item_id))


def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


__all__ = [
    "HistoryEntry",
    "add_consultation",
    "consultation_history",
    "get_consultation",
    "list_consultations",
    "record_answer",
    "set_status",
    "update_consultation",
]
