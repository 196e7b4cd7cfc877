"""Approval of the minutes: a record is a draft until the council confirms it.

Confirming (usually as the next session's first item, 前回会議の概要報告) locks the record
and makes it revision 1; every document made from it carries the revision. A later correction
is an erratum (正誤): the line is changed, the reason kept, and the revision raised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlite_utils import Database

from meeting.dates import format_date
from meeting.db_writes import immediate
from meeting.errors import InputError
from meeting.model import Session
from meeting.store import get_session
from meeting.store.templates import remember_session_templates
from minutes.store import approval as store
from minutes.store.history import add_change
from minutes.store.lines import has_lines, set_text
from minutes.utterances import CLERK, get_line, keep_text


@dataclass(frozen=True)
class Erratum:
    id: int
    utterance_id: int
    revision: int
    reason: str
    before: str
    after: str
    recorded_at: datetime


@dataclass(frozen=True)
class Approval:
    confirmed_on: date | None
    confirmed_by: int | None
    """The session at which the council confirmed the record, when it was one."""
    revision: int
    errata: tuple[Erratum, ...] = ()

    @property
    def confirmed(self) -> bool:
        return self.confirmed_on is not None

    @property
    def stamp(self) -> str:
        """What every document made from the record prints at its head."""
        if self.confirmed_on is None:
            return "（案）"
        stamp = f"第{self.revision}版（{format_date(self.confirmed_on, weekday=False)}確定"
        if self.errata:
            last = self.errata[-1].recorded_at.date()
            stamp += f"・{format_date(last, weekday=False)}訂正"
        return stamp + "）"


def approval(db: Database, session_id: int) -> Approval:
    row = store.approval_row(db, session_id)
    if row is None:
        raise InputError("会議", f"会議 {session_id} はありません")
    errata = tuple(Erratum(**r) for r in store.errata_rows(db, session_id))
    return Approval(row["confirmed_on"], row["confirmed_by"], row["revision"], errata)


def approval_of(db: Database, session: Session) -> Approval:
    """The approval of a session already read: it carries the confirmation and revision, so
    only the errata are read."""
    errata = tuple(Erratum(**r) for r in store.errata_rows(db, session.id))
    return Approval(
        session.minutes_confirmed_on,
        session.minutes_confirmed_by,
        session.minutes_revision,
        errata,
    )


def confirm_minutes(
    db: Database, session_id: int, *, on: date, by_session_id: int | None = None
) -> Approval:
    """The council confirms the record as it stands (出席委員により原案のとおり承認)."""
    session = get_session(db, session_id)
    current = approval(db, session_id)
    if current.confirmed_on is not None:
        raise InputError(
            "会議録",
            f"この会議の会議録は{format_date(current.confirmed_on, weekday=False)}に確定済みです",
        )
    if not has_lines(db, session_id):
        raise InputError("会議録", "記録（発言）がない会議録は確定できません")
    if session.sittings and on < min(s.starts_at.date() for s in session.sittings):
        raise InputError("確定日", f"{format_date(on, weekday=False)}は会議の開催より前です")
    if by_session_id is not None:
        by = get_session(db, by_session_id)
        later = (by.first_day or date.max) > (session.first_day or date.max)
        if by.council_id != session.council_id or not later:
            raise InputError("確定した会議", "同じ審議会の、後の会議を選んでください")
    with immediate(db):
        store.mark_confirmed(db, session_id, on, by_session_id)
        remember_session_templates(db, session_id)  # a later export prints the same
    return approval(db, session_id)


def check_reason(reason: str) -> str:
    """An erratum's reason, required: what the documents print after 理由:."""
    if not reason.strip():
        raise InputError("訂正の理由", "正誤には理由を入れてください（例: 発言者の申し出による）")
    return reason.strip()


def record_erratum(
    db: Database,
    utterance_id: int,
    text: str,
    *,
    reason: str,
    at: datetime,
    actor: str = CLERK,
) -> Approval:
    """Correct a line of a confirmed record: the reason is kept and the revision raised."""
    line = get_line(db, utterance_id)
    current = approval(db, line.session_id)
    if not current.confirmed:
        raise InputError("正誤", "まだ確定していない会議録です。そのまま直してください")
    reason = check_reason(reason)
    if not text.strip():
        raise InputError("発言", "空にはできません")
    after = keep_text(text)
    if after == line.text:
        raise InputError("発言", "文が変わっていません")
    with immediate(db):
        revision = 1 + store.revision(db, line.session_id)
        set_text(db, utterance_id, after)
        store.add_erratum(
            db,
            line.session_id,
            utterance_id,
            revision=revision,
            reason=reason,
            before=line.text,
            after=after,
            at=at,
        )
        store.set_revision(db, line.session_id, revision)
        add_change(
            db,
            utterance_id,
            "erratum",
            {"text": line.text},
            {"text": after, "reason": reason},
            at=at,
            actor=actor,
        )
    return approval(db, line.session_id)
