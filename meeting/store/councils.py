"""Councils and their rosters: every read and write, and the only SQL for them."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from meeting.dates import to_iso
from meeting.db_writes import immediate
from meeting.errors import InputError
from meeting.model import (
    AgendaNumbering,
    AnnualConclusions,
    Council,
    CouncilDraft,
    CouncilKind,
    Member,
    MemberDraft,
    PageSetting,
    QuorumBase,
    QuorumRule,
    RequestWording,
    Role,
    Session,
    SpeakerNames,
    StaffNames,
    Threshold,
)
from meeting.roster import roster_order, validate_council, validate_member
from meeting.store._base import NotFound
from meeting.store.rows import lastrowid, one, rows, single

if TYPE_CHECKING:  # a roster file is read when the clerk imports one, not at launch
    from meeting.roster_file import RosterFile
    from meeting.roster_import import RosterPlan

# Councils


def add_council(db: Database, draft: CouncilDraft, *, now: datetime) -> Council:
    draft = validate_council(draft)
    cursor = db.execute(
        "INSERT INTO councils (name, municipality, kind, quorum_article, speaker_names,"
        " secretariat_name, secretariat_email, quorum_base, quorum_seats, quorum_threshold,"
        " quorum_fixed, chair_counts, online_counts, page_size_pt, page_chars, page_lines,"
        " consulted_under, request_wording, summary_questions, annual_conclusions,"
        " staff_names, agenda_numbering, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [*_council_values(draft), to_iso(now)],
    )
    db.conn.commit()
    return get_council(db, lastrowid(cursor))


def update_council(db: Database, council_id: int, draft: CouncilDraft) -> Council:
    draft = validate_council(draft)
    get_council(db, council_id)
    db.execute(
        "UPDATE councils SET name = ?, municipality = ?, kind = ?, quorum_article = ?,"
        " speaker_names = ?, secretariat_name = ?, secretariat_email = ?, quorum_base = ?,"
        " quorum_seats = ?, quorum_threshold = ?, quorum_fixed = ?, chair_counts = ?,"
        " online_counts = ?, page_size_pt = ?, page_chars = ?, page_lines = ?,"
        " consulted_under = ?, request_wording = ?, summary_questions = ?,"
        " annual_conclusions = ?, staff_names = ?, agenda_numbering = ? WHERE id = ?",
        [*_council_values(draft), council_id],
    )
    db.conn.commit()
    return get_council(db, council_id)


def get_council(db: Database, council_id: int) -> Council:
    row = one(db, "SELECT * FROM councils WHERE id = ?", [council_id])
    if row is None:
        raise NotFound(f"審議会 {council_id} はありません")
    return _council(row)


def list_councils(db: Database) -> list[Council]:
    return [_council(r) for r in rows(db, "SELECT * FROM councils ORDER BY id")]


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
        d.page.size_pt,
        d.page.chars,
        d.page.lines,
        d.consulted_under,
        d.request_wording.value,
        int(d.summary_questions),
        d.annual_conclusions.value,
        d.staff_names.value,
        d.agenda_numbering.value,
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
        page=PageSetting(r["page_size_pt"], r["page_chars"], r["page_lines"]),
        consulted_under=r["consulted_under"],
        request_wording=RequestWording(r["request_wording"]),
        summary_questions=bool(r["summary_questions"]),
        annual_conclusions=AnnualConclusions(r["annual_conclusions"]),
        staff_names=StaffNames(r["staff_names"]),
        agenda_numbering=AgendaNumbering(r["agenda_numbering"]),
    )


# Members


def add_member(db: Database, council_id: int, draft: MemberDraft) -> Member:
    get_council(db, council_id)
    with immediate(db):
        draft = validate_member(draft, list_members(db, council_id))
        position = single(
            db,
            "SELECT coalesce(max(position), 0) + 1 AS next FROM members WHERE council_id = ?",
            [council_id],
        )["next"]
        cursor = db.execute(
            "INSERT INTO members (council_id, name, reading, role, term_start, term_end,"
            " affiliation, email, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [council_id, *_member_values(draft), position],
        )
    return get_member(db, lastrowid(cursor))


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


def preview_roster_import(db: Database, council_id: int, file: RosterFile) -> RosterPlan:
    """What importing ``file`` would do to the council's roster; nothing is written."""
    from meeting.roster_import import plan_import

    get_council(db, council_id)
    return plan_import(file, council_id, list_members(db, council_id))


def import_roster(db: Database, council_id: int, file: RosterFile, seen: RosterPlan) -> RosterPlan:
    """Apply the import the clerk saw as ``seen``, in one transaction: all rows or none.

    The plan is made again under the write lock; if the roster changed since the preview (another
    window edited it), or the file has a bad row, nothing is written and the clerk is told.
    """
    from meeting.roster_import import Action, plan_import

    get_council(db, council_id)
    with immediate(db):
        plan = plan_import(file, council_id, list_members(db, council_id))
        if plan.bad:
            lines = "、".join(str(b.line) for b in plan.bad[:10])
            raise InputError(
                "名簿",
                f"問題のある行が{len(plan.bad)}件あります（{lines}行目）。"
                "ファイルを直してから、もう一度読み込んでください。何も取り込んでいません",
            )
        if plan != seen:
            raise InputError(
                "名簿",
                "読み込んだ後に名簿が変わりました（別の画面で編集されたようです）。"
                "もう一度読み込んで確かめてください。何も取り込んでいません",
            )
        position = single(
            db,
            "SELECT coalesce(max(position), 0) + 1 AS next FROM members WHERE council_id = ?",
            [council_id],
        )["next"]
        for p in plan.planned:
            if p.action is Action.UPDATE and p.member is not None:
                db.execute(
                    "UPDATE members SET name = ?, reading = ?, role = ?, term_start = ?,"
                    " term_end = ?, affiliation = ?, email = ? WHERE id = ?",
                    [*_member_values(p.draft), p.member.id],
                )
            elif p.action is Action.ADD:
                db.execute(
                    "INSERT INTO members (council_id, name, reading, role, term_start, term_end,"
                    " affiliation, email, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [council_id, *_member_values(p.draft), position],
                )
                position += 1
    return plan


def get_member(db: Database, member_id: int) -> Member:
    row = one(db, "SELECT * FROM members WHERE id = ?", [member_id])
    if row is None:
        raise NotFound(f"委員 {member_id} はいません")
    return _member(row)


def list_members(db: Database, council_id: int, *, on: date | None = None) -> list[Member]:
    """The roster in reading order; with ``on``, only those in office that day."""
    members = [
        _member(r) for r in rows(db, "SELECT * FROM members WHERE council_id = ?", [council_id])
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
