"""The register of consultations: every read and write of its rows, and the only SQL for them.

The rules (what a status may become, what a draft must hold) are applied before these run, by
``agendas.consultations`` and the agenda's operations; a write here that is part of a larger
change runs inside the caller's transaction, one that stands alone commits itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from agendas.model import (
    Appeal,
    Appellant,
    CaseKind,
    Conclusion,
    Consultation,
    ConsultationDraft,
    ConsultationKind,
    ConsultationStatus,
    Department,
    Disposition,
    Extension,
    Question,
    Section,
)
from meeting.dates import to_iso
from meeting.store import NotFound
from meeting.store.rows import lastrowid, one, path_json, read_path, rows

_PARTS = (
    "consultation_departments",
    "consultation_questions",
    "consultation_materials",
    "consultation_sections",
    "consultation_attachments",
)
_OPEN = "status NOT IN ('answered', 'withdrawn')"


# Reading


def get_consultation(db: Database, consultation_id: int) -> Consultation:
    found = _load(db, "id = ?", [consultation_id])
    if not found:
        raise NotFound(f"諮問 {consultation_id} はありません")
    return found[0]


def get_consultations(db: Database, consultation_ids: Iterable[int]) -> dict[int, Consultation]:
    """Several consultations, each with its departments, questions and materials, in one read
    of each table: by ID, in the order given (an ID given twice is read once)."""
    ids = list(dict.fromkeys(consultation_ids))
    if not ids:
        return {}
    found = {c.id: c for c in _load(db, f"id IN ({','.join('?' * len(ids))})", ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound(f"諮問 {missing[0]} はありません")
    return {i: found[i] for i in ids}


def find_consultations(
    db: Database,
    council_id: int,
    *,
    status: ConsultationStatus | None = None,
    words: Iterable[str] = (),
) -> list[Consultation]:
    """A council's consultations in filed order, newest last; each word must be in the number
    or the title."""
    where = "council_id = ?"
    params: list[Any] = [council_id]
    if status is not None:
        where += " AND status = ?"
        params.append(status.value)
    for word in words:
        where += " AND (number LIKE ? OR title LIKE ?)"
        params += [f"%{word}%", f"%{word}%"]
    return _load(db, where, params)


def with_deadline(db: Database, council_id: int) -> list[Consultation]:
    """The council's consultations still open (neither answered nor withdrawn) that have a
    deadline for the answer."""
    return _load(db, f"council_id = ? AND answer_due IS NOT NULL AND {_OPEN}", [council_id])


def appeals_between(db: Database, council_id: int, first: date, last: date) -> list[Consultation]:
    """The council's appeals in hand at some time from ``first`` to ``last``: brought (諮問, or
    the appeal itself) by ``last``, and neither answered nor withdrawn before ``first``."""
    return _load(
        db,
        "council_id = ? AND kind = 'appeal' AND coalesce(filed_on, appealed_on) <= ?"
        " AND coalesce(answered_on, withdrawn_on, '9999-12-31') >= ?",
        [council_id, last.isoformat(), first.isoformat()],
    )


def get_appellant(db: Database, consultation_id: int) -> Appellant | None:
    """The appellant of an appeal (personal data): for the clerk's screen and the record only."""
    row = one(
        db,
        "SELECT name, address, contact FROM appellants WHERE consultation_id = ?",
        [consultation_id],
    )
    return Appellant(row["name"], row["address"], row["contact"]) if row else None


def number_holder(db: Database, council_id: int, number: str, *, exclude: int | None) -> str | None:
    """The title of the council's consultation (other than ``exclude``) with this number."""
    row = one(
        db,
        "SELECT title FROM consultations WHERE council_id = ? AND number = ? AND id IS NOT ?",
        [council_id, number, exclude],
    )
    return row["title"] if row else None


@dataclass(frozen=True)
class Appearance:
    """One agenda item of a consultation, with the latest decision recorded on it."""

    item_id: int
    session_id: int
    title: str
    carried_from_id: int | None
    outcome: str | None


def appearances(db: Database, consultation_id: int) -> list[Appearance]:
    return [
        Appearance(
            item_id=r["id"],
            session_id=r["session_id"],
            title=r["title"],
            carried_from_id=r["carried_from_id"],
            outcome=r["outcome"],
        )
        for r in rows(
            db,
            "SELECT a.id, a.session_id, a.title, a.carried_from_id,"
            " (SELECT outcome FROM decisions d WHERE d.agenda_item_id = a.id"
            " ORDER BY d.id DESC LIMIT 1) AS outcome"
            " FROM agenda_items a WHERE a.consultation_id = ?",
            [consultation_id],
        )
    ]


# Writing, inside the caller's transaction


def insert_consultation(
    db: Database, council_id: int, draft: ConsultationDraft, *, now: datetime
) -> int:
    """A new consultation, filed, with its departments, questions and materials; its id."""
    cursor = db.execute(
        "INSERT INTO consultations (council_id, status, created_at, number, filed_on, title,"
        f" {_FACTS}) VALUES (?, 'filed', ?, {_MARKS})",
        [council_id, to_iso(now), *_facts(draft)],
    )
    consultation_id = lastrowid(cursor)
    _write_parts(db, consultation_id, draft)
    return consultation_id


def rewrite_consultation(db: Database, consultation_id: int, draft: ConsultationDraft) -> None:
    """The draft's facts and parts in place of the consultation's; its appellant too, unless
    the draft has none (``None``: the one stored stays; an empty one is removed)."""
    columns = ("number", "filed_on", "title", *_FACTS.split(", "))
    db.execute(
        f"UPDATE consultations SET {', '.join(c + ' = ?' for c in columns)} WHERE id = ?",
        [*_facts(draft), consultation_id],
    )
    parts = _PARTS if draft.appellant is None else (*_PARTS, "appellants")
    for table in parts:
        db.execute(f"DELETE FROM {table} WHERE consultation_id = ?", [consultation_id])
    _write_parts(db, consultation_id, draft)


_FACTS = (
    "kind, sender, consulted_under, disposition, disposition_detail, disposition_on,"
    " disposition_number, appealed_on, answer_due, conclusion, conclusion_text"
)
_MARKS = ", ".join("?" * (3 + len(_FACTS.split(", "))))


def _facts(draft: ConsultationDraft) -> list[Any]:
    """number, filed_on, title, then the columns of ``_FACTS`` in order."""
    a = draft.appeal
    return [
        draft.number or None,
        _day(draft.filed_on),
        draft.title,
        draft.kind.value,
        draft.sender,
        draft.consulted_under,
        a.disposition.value if a.disposition else None,
        a.disposition_detail,
        _day(a.disposition_on),
        a.disposition_number,
        _day(a.appealed_on),
        _day(draft.answer_due),
        draft.conclusion.value if draft.conclusion else None,
        draft.conclusion_text,
    ]


def put_on_agenda(db: Database, consultation_id: int) -> None:
    """A consultation filed or carried over that an agenda item now takes up."""
    db.execute("UPDATE consultations SET status = 'on_agenda' WHERE id = ?", [consultation_id])


def take_off_agenda(db: Database, consultation_id: int) -> None:
    """Back to filed, when no agenda item takes it up any more and nothing was decided."""
    if one(db, "SELECT 1 FROM agenda_items WHERE consultation_id = ?", [consultation_id]):
        return
    db.execute(
        "UPDATE consultations SET status = 'filed' WHERE id = ? AND status = 'on_agenda'",
        [consultation_id],
    )


# Writing on its own


def write_status(db: Database, consultation_id: int, status: ConsultationStatus) -> None:
    db.execute("UPDATE consultations SET status = ? WHERE id = ?", [status.value, consultation_id])
    db.conn.commit()


def write_withdrawal(db: Database, consultation_id: int, on: date) -> None:
    """Withdrawn (取下げ) on that day."""
    db.execute(
        "UPDATE consultations SET status = 'withdrawn', withdrawn_on = ? WHERE id = ?",
        [on.isoformat(), consultation_id],
    )
    db.conn.commit()


def insert_extension(db: Database, consultation_id: int, extension: Extension) -> int:
    cursor = db.execute(
        "INSERT INTO consultation_extensions (consultation_id, extended_to, reason, decided_on)"
        " VALUES (?, ?, ?, ?)",
        [
            consultation_id,
            extension.extended_to.isoformat(),
            extension.reason,
            _day(extension.decided_on),
        ],
    )
    db.conn.commit()
    return lastrowid(cursor)


def delete_extension(db: Database, extension_id: int) -> None:
    db.execute("DELETE FROM consultation_extensions WHERE id = ?", [extension_id])
    db.conn.commit()


def write_answer(db: Database, consultation_id: int, *, number: str, answered_on: date) -> None:
    """Answered (答申), with the answer's number and date."""
    db.execute(
        "UPDATE consultations SET status = 'answered', answer_number = ?, answered_on = ?"
        " WHERE id = ?",
        [number, answered_on.isoformat(), consultation_id],
    )
    db.conn.commit()


def _write_parts(db: Database, consultation_id: int, draft: ConsultationDraft) -> None:
    for role, departments in (("consulting", draft.consulting), ("using", draft.using)):
        for position, d in enumerate(departments, start=1):
            db.execute(
                "INSERT INTO consultation_departments (consultation_id, role, position, path)"
                " VALUES (?, ?, ?, ?)",
                [consultation_id, role, position, path_json(d.path)],
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
    for position, section in enumerate(draft.sections, start=1):
        db.execute(
            "INSERT INTO consultation_sections (consultation_id, position, heading, text)"
            " VALUES (?, ?, ?, ?)",
            [consultation_id, position, section.heading, section.text],
        )
    for position, name in enumerate(draft.attachments, start=1):
        db.execute(
            "INSERT INTO consultation_attachments (consultation_id, position, name)"
            " VALUES (?, ?, ?)",
            [consultation_id, position, name],
        )
    if draft.appellant is not None and not draft.appellant.empty:
        a = draft.appellant
        db.execute(
            "INSERT INTO appellants (consultation_id, name, address, contact) VALUES (?, ?, ?, ?)",
            [consultation_id, a.name, a.address, a.contact],
        )


def _load(db: Database, where: str, params: list[Any]) -> list[Consultation]:
    found = rows(
        db,
        "SELECT id, council_id, number, title, filed_on, status, answer_number, answered_on,"
        f" withdrawn_on, {_FACTS}"
        f" FROM consultations WHERE {where} ORDER BY coalesce(filed_on, appealed_on, ''), id",
        params,
    )
    if not found:
        return []
    ids = [r["id"] for r in found]
    marks = ",".join("?" * len(ids))
    departments: dict[tuple[int, str], list[Department]] = {}
    for r in rows(
        db,
        "SELECT consultation_id, role, path, bureau, division FROM consultation_departments"
        f" WHERE consultation_id IN ({marks}) ORDER BY position",
        ids,
    ):
        departments.setdefault((r["consultation_id"], r["role"]), []).append(department_of(r))
    questions: dict[int, list[Question]] = {}
    for r in rows(
        db,
        "SELECT consultation_id, kind, article, text FROM consultation_questions"
        f" WHERE consultation_id IN ({marks}) ORDER BY position",
        ids,
    ):
        questions.setdefault(r["consultation_id"], []).append(
            Question(ConsultationKind(r["kind"]), r["article"], r["text"])
        )
    materials: dict[int, list[str]] = {}
    for r in rows(
        db,
        "SELECT consultation_id, name FROM consultation_materials"
        f" WHERE consultation_id IN ({marks}) ORDER BY position",
        ids,
    ):
        materials.setdefault(r["consultation_id"], []).append(r["name"])
    sections: dict[int, list[Section]] = {}
    for r in rows(
        db,
        "SELECT consultation_id, heading, text FROM consultation_sections"
        f" WHERE consultation_id IN ({marks}) ORDER BY position",
        ids,
    ):
        sections.setdefault(r["consultation_id"], []).append(Section(r["heading"], r["text"]))
    attachments: dict[int, list[str]] = {}
    for r in rows(
        db,
        "SELECT consultation_id, name FROM consultation_attachments"
        f" WHERE consultation_id IN ({marks}) ORDER BY position",
        ids,
    ):
        attachments.setdefault(r["consultation_id"], []).append(r["name"])
    extensions: dict[int, list[Extension]] = {}
    for r in rows(
        db,
        "SELECT id, consultation_id, extended_to, reason, decided_on FROM consultation_extensions"
        f" WHERE consultation_id IN ({marks}) ORDER BY id",
        ids,
    ):
        extensions.setdefault(r["consultation_id"], []).append(
            Extension(
                date.fromisoformat(r["extended_to"]), r["reason"], _date(r["decided_on"]), r["id"]
            )
        )
    return [
        Consultation(
            id=r["id"],
            council_id=r["council_id"],
            number=r["number"] or "",
            title=r["title"],
            filed_on=_date(r["filed_on"]),
            status=ConsultationStatus(r["status"]),
            consulting=tuple(departments.get((r["id"], "consulting"), ())),
            using=tuple(departments.get((r["id"], "using"), ())),
            questions=tuple(questions.get(r["id"], ())),
            materials=tuple(materials.get(r["id"], ())),
            answer_number=r["answer_number"],
            answered_on=_date(r["answered_on"]),
            kind=CaseKind(r["kind"]),
            sender=r["sender"],
            consulted_under=r["consulted_under"],
            sections=tuple(sections.get(r["id"], ())),
            attachments=tuple(attachments.get(r["id"], ())),
            appeal=Appeal(
                disposition=Disposition(r["disposition"]) if r["disposition"] else None,
                disposition_detail=r["disposition_detail"],
                disposition_on=_date(r["disposition_on"]),
                disposition_number=r["disposition_number"],
                appealed_on=_date(r["appealed_on"]),
            ),
            answer_due=_date(r["answer_due"]),
            extensions=tuple(extensions.get(r["id"], ())),
            withdrawn_on=_date(r["withdrawn_on"]),
            conclusion=Conclusion(r["conclusion"]) if r["conclusion"] else None,
            conclusion_text=r["conclusion_text"],
        )
        for r in found
    ]


def department_of(r: dict[str, Any]) -> Department:
    """A consultation's department from its row: the path, or (a row written before paths, that
    no migration filled) its 部 and 課."""
    return Department(*(read_path(r["path"]) or (r["bureau"], r["division"])))


def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
