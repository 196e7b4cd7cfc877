"""Approval of the minutes: a record is a draft until the council confirms it.

Confirming (usually as the next session's first item, 前回会議の概要報告) locks the record
and makes it revision 1; every document made from it carries the revision. A later correction
is an erratum (正誤): the line is changed, the reason kept, and the revision raised.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlite_utils import Database

from meeting.dates import format_date, from_iso, to_iso
from meeting.db import immediate
from meeting.errors import InputError
from meeting.store import get_session
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
    row = db.execute(
        "SELECT minutes_confirmed_on, minutes_confirmed_by, minutes_revision FROM sessions"
        " WHERE id = ?",
        [session_id],
    ).fetchone()
    if row is None:
        raise InputError("会議", f"会議 {session_id} はありません")
    errata = tuple(
        Erratum(r[0], r[1], r[2], r[3], r[4], r[5], from_iso(r[6]))
        for r in db.execute(
            "SELECT id, utterance_id, revision, reason, before, after, recorded_at FROM errata"
            " WHERE session_id = ? ORDER BY id",
            [session_id],
        ).fetchall()
    )
    confirmed_on = date.fromisoformat(row[0]) if row[0] else None
    return Approval(confirmed_on, row[1], row[2], errata)


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
    if not db.execute("SELECT 1 FROM utterances WHERE session_id = ?", [session_id]).fetchone():
        raise InputError("会議録", "記録（発言）がない会議録は確定できません")
    if session.sittings and on < min(s.starts_at.date() for s in session.sittings):
        raise InputError("確定日", f"{format_date(on, weekday=False)}は会議の開催より前です")
    if by_session_id is not None:
        by = get_session(db, by_session_id)
        later = (by.first_day or date.max) > (session.first_day or date.max)
        if by.council_id != session.council_id or not later:
            raise InputError("確定した会議", "同じ審議会の、後の会議を選んでください")
    with immediate(db):
        db.execute(
            "UPDATE sessions SET minutes_confirmed_on = ?, minutes_confirmed_by = ?,"
            " minutes_revision = 1 WHERE id = ?",
            [on.isoformat(), by_session_id, session_id],
        )
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
        revision = (
            1
            + db.execute(
                "SELECT minutes_revision FROM sessions WHERE id = ?", [line.session_id]
            ).fetchone()[0]
        )
        db.execute("UPDATE utterances SET text = ? WHERE id = ?", [after, utterance_id])
        db.execute(
            "INSERT INTO errata (session_id, utterance_id, revision, reason, before, after,"
            " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [line.session_id, utterance_id, revision, reason, line.text, after, to_iso(at)],
        )
        db.execute(
            "UPDATE sessions SET minutes_revision = ? WHERE id = ?", [revision, line.session_id]
        )
        db.execute(
            "INSERT INTO utterance_history (utterance_id, changed_at, actor, action, before, after)"
            " VALUES (?, ?, ?, 'erratum', ?, ?)",
            [
                utterance_id,
                to_iso(at),
                actor,
                json.dumps({"text": line.text}, ensure_ascii=False),
                json.dumps({"text": after, "reason": reason}, ensure_ascii=False),
            ],
        )
    return approval(db, line.session_id)
