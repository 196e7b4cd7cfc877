"""The register of consultations: its rules, applied before ``agendas.store.consultations``
writes (a number used once per council, a status moved only by its steps, an answer's number)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from sqlite_utils import Database

from agendas.appeals import Deadline, check_extension, check_withdrawal, deadlines
from agendas.model import (
    Appellant,
    Consultation,
    ConsultationDraft,
    ConsultationStatus,
    Extension,
    Outcome,
)
from agendas.rules import check_transition, validate_consultation
from agendas.store import consultations as register
from agendas.store.consultations import get_appellant, get_consultation, get_consultations
from meeting.db_writes import immediate
from meeting.errors import InputError
from meeting.model import Session
from meeting.store import get_council, get_session


def add_consultation(
    db: Database, council_id: int, draft: ConsultationDraft, *, now: datetime
) -> Consultation:
    get_council(db, council_id)
    draft = validate_consultation(draft)
    with immediate(db):
        _check_number_free(db, council_id, draft.number, exclude=None)
        consultation_id = register.insert_consultation(db, council_id, draft, now=now)
    return get_consultation(db, consultation_id)


def update_consultation(
    db: Database, consultation_id: int, draft: ConsultationDraft
) -> Consultation:
    current = get_consultation(db, consultation_id)
    draft = validate_consultation(draft)
    with immediate(db):
        _check_number_free(db, current.council_id, draft.number, exclude=consultation_id)
        register.rewrite_consultation(db, consultation_id, draft)
    return get_consultation(db, consultation_id)


def set_status(db: Database, consultation_id: int, status: ConsultationStatus) -> Consultation:
    current = get_consultation(db, consultation_id)
    check_transition(current.status, status)
    register.write_status(db, consultation_id, status)
    return get_consultation(db, consultation_id)


def withdraw(db: Database, consultation_id: int, *, on: date) -> Consultation:
    """The case is withdrawn (取下げ) on that day, at any point before the answer."""
    current = get_consultation(db, consultation_id)
    check_withdrawal(current, on)
    check_transition(current.status, ConsultationStatus.WITHDRAWN)
    register.write_withdrawal(db, consultation_id, on)
    return get_consultation(db, consultation_id)


def extend(db: Database, consultation_id: int, extension: Extension) -> Consultation:
    """The answer's deadline is extended (延長): to a later day, for a reason."""
    extension = check_extension(get_consultation(db, consultation_id), extension)
    register.insert_extension(db, consultation_id, extension)
    return get_consultation(db, consultation_id)


def undo_extension(db: Database, consultation_id: int) -> Consultation:
    """Take back the last extension (one entered by mistake); the one before is the deadline."""
    current = get_consultation(db, consultation_id)
    if not current.extensions:
        raise InputError("延長", "取り消す延長がありません")
    register.delete_extension(db, current.extensions[-1].id)
    return get_consultation(db, consultation_id)


def due_soon(db: Database, council_id: int, today: date) -> list[Deadline]:
    """The council's answers due within 30 days, and those overdue, the most pressing first."""
    return deadlines(register.with_deadline(db, council_id), today)


def record_answer(
    db: Database, consultation_id: int, *, number: str, answered_on: date
) -> Consultation:
    """The council has answered (答申): the answer's number and date close the consultation."""
    current = get_consultation(db, consultation_id)
    check_transition(current.status, ConsultationStatus.ANSWERED)
    if not number.strip():
        raise InputError("答申番号", "答申の番号を入れてください")
    register.write_answer(db, consultation_id, number=number.strip(), answered_on=answered_on)
    return get_consultation(db, consultation_id)


def list_consultations(
    db: Database,
    council_id: int,
    *,
    status: ConsultationStatus | None = None,
    search: str = "",
) -> list[Consultation]:
    """Filed order, newest last; ``search`` matches the number or any words of the title."""
    words = unicodedata.normalize("NFKC", search).split()
    return register.find_consultations(db, council_id, status=status, words=words)


def _check_number_free(db: Database, council_id: int, number: str, *, exclude: int | None) -> None:
    if not number:
        return  # not yet numbered
    title = register.number_holder(db, council_id, number, exclude=exclude)
    if title is not None:
        raise InputError("諮問番号", f"{number}は既に登録されています（{title}）")


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
    entries = [
        HistoryEntry(
            session=get_session(db, a.session_id),
            item_id=a.item_id,
            title=a.title,
            carried_over=a.carried_from_id is not None,
            outcome=Outcome(a.outcome).label if a.outcome else "",
        )
        for a in register.appearances(db, consultation_id)
    ]
    return sorted(entries, key=lambda e: (e.session.first_day or date.max, e.item_id))


__all__ = [
    "Appellant",
    "HistoryEntry",
    "add_consultation",
    "consultation_history",
    "due_soon",
    "extend",
    "get_appellant",
    "get_consultation",
    "get_consultations",
    "list_consultations",
    "record_answer",
    "set_status",
    "undo_extension",
    "update_consultation",
    "withdraw",
]
