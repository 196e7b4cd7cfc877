"""Who is in the room: the roll call of each sitting, the others present, recusals, written answers.

The rules of attendance; its SQL is in :mod:`minutes.store.roll`. :func:`quorum_for` joins the
roll with the council's rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from agendas.model import Department
from meeting.dates import format_date, format_time, format_time_range, to_tokyo
from meeting.db_writes import immediate
from meeting.errors import InputError
from meeting.forms import parse_path
from meeting.model import Member, Session, SessionForm, Sitting
from meeting.quorum import Presence, QuorumState, quorum_at, written_quorum
from meeting.roster import in_office
from meeting.sessions import sitting_label
from meeting.store import ensure_draft, get_council, get_member, get_session, list_members
from minutes.store import roll as store
from minutes.store.items import (
    consultation_of_item,
    departments_of,
    session_item_ids,
    session_of_item,
)
from minutes.store.roll import public_attendees as public_attendees
from minutes.store.roll import recused as recused
from minutes.store.roll import written_answers as written_answers

NO_DEPARTMENT = Department()


class OtherKind(StrEnum):
    SECRETARIAT = "secretariat"
    AGENCY = "agency"
    OBSERVER = "observer"

    @property
    def label(self) -> str:
        return {"secretariat": "事務局", "agency": "実施機関", "observer": "オブザーバー"}[
            self.value
        ]


@dataclass(frozen=True)
class OtherAttendee:
    """Someone in the room who is not a member: staff, a department's staff, an observer."""

    id: int
    session_id: int
    kind: OtherKind
    organisation: str
    """An observer's organisation (株式会社○○)."""
    title: str
    name: str
    headcount: int = 1
    item_ids: tuple[int, ...] = ()
    """The agenda items they attend; empty for the whole session."""
    department: Department = NO_DEPARTMENT
    """The department of 事務局 or 実施機関 staff (総務部総務課); the records group staff
    under it."""


# Members' attendance


def find_sitting(session: Session, sitting_id: int) -> Sitting:
    for sitting in session.sittings:
        if sitting.id == sitting_id:
            return sitting
    raise InputError("日程", f"この会議に日程 {sitting_id} はありません")


def set_presence(
    db: Database, session_id: int, sitting_id: int, member_id: int, p: Presence
) -> None:
    """Record one member's attendance for one sitting, after checking it can be true."""
    session = get_session(db, session_id)
    sitting = find_sitting(session, sitting_id)
    member = get_member(db, member_id)
    day = to_tokyo(sitting.starts_at).date()
    if member.council_id != session.council_id:
        raise InputError("出欠", f"{member.name}さんはこの審議会の委員ではありません")
    if not member.in_office(day):
        raise InputError("出欠", f"{member.name}さんは{format_date(day)}には任期外です")
    label = sitting_label(sitting.ordinal)
    for field, moment in (("到着時刻", p.arrived_at), ("退出時刻", p.left_at)):
        if moment is not None and not _within(sitting, moment):
            raise InputError(
                field,
                f"{format_time(to_tokyo(moment).time())}は{label}"
                f"（{format_time_range(sitting.starts_at, sitting.ends_at)}）の外です。"
                + (
                    "会議が延びたときは日程の終了時刻を直してください"
                    if sitting.ends_at is not None
                    else "到着・退出は開始時刻からその日のうちです"
                ),
            )
    if p.arrived_at and p.left_at and p.left_at <= p.arrived_at:
        raise InputError(
            "退出時刻",
            f"{format_time(to_tokyo(p.left_at).time())}は到着時刻"
            f"（{format_time(to_tokyo(p.arrived_at).time())}）より後にしてください",
        )
    store.write_presence(
        db,
        sitting_id,
        member_id,
        status=_status(p),
        arrived_at=p.arrived_at,
        left_at=p.left_at,
        online=p.online,
    )
    db.conn.commit()


def _within(sitting: Sitting, moment: datetime) -> bool:
    """From the start to the end; with no end, to the end of the sitting's day."""
    if sitting.ends_at is not None:
        return sitting.starts_at <= moment <= sitting.ends_at
    start = to_tokyo(sitting.starts_at)
    return start <= to_tokyo(moment) and to_tokyo(moment).date() == start.date()


def roll_call(db: Database, sitting_id: int) -> dict[int, Presence]:
    """Each marked member's attendance; a member not yet marked is absent from the mapping."""
    return _roll(store.attendance(db, sitting_id))


def absent_members(db: Database, sitting_id: int) -> frozenset[int]:
    """The members the sitting's roll call marks absent (one not yet marked is not among them:
    nothing is known of them yet)."""
    return frozenset(m for m, p in roll_call(db, sitting_id).items() if not p.present)


def roll_calls(db: Database, sitting_ids: Iterable[int]) -> dict[int, dict[int, Presence]]:
    """The roll call of each of the sittings (as :func:`roll_call`), by sitting ID, read at
    once."""
    return {i: _roll(found) for i, found in store.attendance_of(db, list(sitting_ids)).items()}


def _roll(found: list[dict[str, Any]]) -> dict[int, Presence]:
    return {
        r["member_id"]: Presence(
            r["status"] != "absent", r["arrived_at"], r["left_at"], r["online"]
        )
        for r in found
    }


def presence_label(p: Presence | None) -> str:
    """出席, 欠席, 遅刻, 早退 or 遅刻・早退; 未確認 before the roll call reaches the member."""
    if p is None:
        return "未確認"
    if not p.present:
        return "欠席"
    marks = [m for m, t in (("遅刻", p.arrived_at), ("早退", p.left_at)) if t]
    return "・".join(marks) or "出席"


def _status(p: Presence) -> str:
    if not p.present:
        return "absent"
    if p.left_at:
        return "left_early"
    return "late" if p.arrived_at else "present"


# Others present, and the public


def add_other(
    db: Database,
    session_id: int,
    kind: OtherKind,
    *,
    organisation: str = "",
    title: str = "",
    name: str = "",
    headcount: int = 1,
    item_ids: Iterable[int] = (),
    department: Department = NO_DEPARTMENT,
) -> OtherAttendee:
    get_session(db, session_id)
    organisation, title, name = organisation.strip(), title.strip(), name.strip()
    if kind is not OtherKind.OBSERVER and organisation:
        if department.path:
            raise InputError("団体", f"{kind.label}の出席者には団体ではなく部署を入れてください")
        # staff given an organisation (as before departments had parts): it is their department
        department, organisation = Department(*parse_path(organisation, field="部署")), ""
    if kind is OtherKind.OBSERVER and not organisation:
        raise InputError("団体", "オブザーバーの団体名を入れてください")
    if kind is not OtherKind.OBSERVER and not name:
        raise InputError("氏名", f"{kind.label}の出席者の氏名を入れてください")
    if headcount < 1:
        raise InputError("人数", "1以上の人数を入れてください")
    ensure_draft(db, session_id)  # the header of a confirmed record lists who was there
    items = list(dict.fromkeys(item_ids))
    known = session_item_ids(db, session_id)
    if unknown := [i for i in items if i not in known]:
        raise InputError("議題", f"この会議にない議題です: {unknown}")
    with immediate(db):
        other_id = store.insert_other(
            db,
            session_id,
            kind=kind.value,
            organisation=organisation,
            title=title,
            name=name,
            headcount=headcount,
            position=store.next_other_position(db, session_id),
            department=department.path,
        )
        for item_id in items:
            store.attach_other(db, other_id, item_id)
    return next(o for o in others_present(db, session_id) if o.id == other_id)


def remove_other(db: Database, session_id: int, other_id: int) -> None:
    """Take back someone added to those present by mistake (a confirmed record refuses)."""
    if other_id not in {o.id for o in others_present(db, session_id)}:
        raise InputError("出席者", f"出席者 {other_id} はこの会議にいません")
    with immediate(db):
        ensure_draft(db, session_id)
        store.delete_other(db, other_id)


def other_label(other: OtherAttendee) -> str:
    """安藤 直樹（総務部総務課 課長）, or ひばりデジタル2人 for an observer's organisation."""
    if other.kind is OtherKind.OBSERVER:
        return f"{other.organisation}{other.headcount}人"
    where = " ".join(p for p in (other.department.label, other.title) if p)
    return f"{other.name}（{where}）" if where else other.name


def others_present(db: Database, session_id: int) -> list[OtherAttendee]:
    return [
        OtherAttendee(
            id=r["id"],
            session_id=r["session_id"],
            kind=OtherKind(r["kind"]),
            organisation=r["organisation"],
            title=r["title"],
            name=r["name"],
            headcount=r["headcount"],
            item_ids=r["item_ids"],
            department=Department(*r["department"]),
        )
        for r in store.others_rows(db, session_id)
    ]


def set_public_attendees(db: Database, sitting_id: int, count: int) -> None:
    if count < 0:
        raise InputError("傍聴人", "0以上の人数を入れてください")
    store.write_public_attendees(db, sitting_id, count)
    db.conn.commit()


def describe_others(others: list[OtherAttendee], numbers: dict[int, str]) -> list[str]:
    """事務局: 安藤 直樹（総務課課長）、… — one line per kind, items by the number the agenda
    shows (2(1), 3)."""
    lines = []
    for kind in OtherKind:
        people = []
        for o in (o for o in others if o.kind is kind):
            who = other_label(o)
            if o.item_ids:
                who += "（議題" + "・".join(numbers.get(i) or "?" for i in o.item_ids) + "のみ）"
            people.append(who)
        if people:
            lines.append(f"{kind.label}: " + "、".join(people))
    return lines


# Recusals and written answers


def recuse(db: Database, agenda_item_id: int, member_id: int, reason: str = "") -> None:
    """A member with an interest (利害関係) leaves the item: its quorum leaves them out."""
    store.write_recusal(db, agenda_item_id, member_id, reason.strip())
    db.conn.commit()


def record_written_answer(db: Database, session_id: int, member_id: int, answered_on: date) -> None:
    session = get_session(db, session_id)
    if session.form is not SessionForm.WRITTEN_RESOLUTION:
        raise InputError("回答", "書面決議ではない会議には書面の回答を記録できません")
    member = get_member(db, member_id)
    if member.council_id != session.council_id:
        raise InputError("回答", f"{member.name}さんはこの審議会の委員ではありません")
    if not session.written_from or not session.written_until:
        raise InputError(
            "回答", "この書面決議には回答の期間が入っていません。会議の日程を直してください"
        )
    if not session.written_from <= answered_on <= session.written_until:
        raise InputError(
            "回答日",
            f"{format_date(answered_on)}は書面決議の期間（{format_date(session.written_from)}～"
            f"{format_date(session.written_until)}）の外です。締切後の回答は数えません",
        )
    store.write_written_answer(db, session_id, member_id, answered_on)
    db.conn.commit()


def withdraw_written_answer(db: Database, session_id: int, member_id: int) -> None:
    store.delete_written_answer(db, session_id, member_id)
    db.conn.commit()


# The quorum at a moment


def members_for(
    db: Database, session: Session, *, roster: list[Member] | None = None
) -> list[Member]:
    """The roll: members in office on the session's first day, chair first. Given the
    council's ``roster`` (as :func:`meeting.store.list_members` reads it), the members are
    not read again."""
    day = session.first_day
    if day is None:
        return []
    if roster is None:
        return list_members(db, session.council_id, on=day)
    return in_office(roster, day)


def quorum_for(
    db: Database,
    session_id: int,
    at: datetime,
    *,
    sitting_id: int | None = None,
    agenda_item_id: int | None = None,
) -> QuorumState:
    """The quorum of a session at a moment: its rule, its roll and its attendance."""
    session = get_session(db, session_id)
    rule = get_council(db, session.council_id).quorum
    members = members_for(db, session)
    if session.form is SessionForm.WRITTEN_RESOLUTION:
        return written_quorum(rule, members, written_answers(db, session_id))
    sitting = find_sitting(session, sitting_id) if sitting_id else _sitting_at(session, at)
    left_out = recused(db, agenda_item_id) if agenda_item_id else []
    return quorum_at(rule, members, roll_call(db, sitting.id), at, recused=left_out)


def deliberated(
    db: Database, agenda_item_id: int, at: datetime, *, roster: list[Member] | None = None
) -> list[Member]:
    """The members who took part in an item's decision at ``at``: in the room (or, for a
    書面決議, answered in writing), recusals left out; in roll order. ``roster`` as for
    :func:`members_for`."""
    session_id = session_of_item(db, agenda_item_id)
    if session_id is None:
        raise InputError("議題", f"議題 {agenda_item_id} はありません")
    session = get_session(db, session_id)
    members = members_for(db, session, roster=roster)
    if session.form is SessionForm.WRITTEN_RESOLUTION:
        answered = written_answers(db, session.id)
        return [m for m in members if m.id in answered]
    roll = roll_call(db, _sitting_at(session, at).id)
    out = set(recused(db, agenda_item_id))
    return [m for m in members if m.id not in out and m.id in roll and roll[m.id].in_room(at)]


def _sitting_at(session: Session, at: datetime) -> Sitting:
    """The sitting on the day of ``at``, or else the last one that started before it."""
    sittings = session.active_sittings or session.sittings
    if not sittings:
        raise InputError("日程", "この会議には日程がありません")
    day = to_tokyo(at).date()
    same_day = [s for s in sittings if to_tokyo(s.starts_at).date() == day]
    if same_day:
        return same_day[0]
    started = [s for s in sittings if s.starts_at <= at]
    return started[-1] if started else sittings[0]


ENTRY_WORDS = ("実施機関入室", "実施機関職員 紹介", "実施機関職員紹介")


def note_agency_entry(db: Database, session_id: int, agenda_item_id: int) -> list[OtherAttendee]:
    """A department's staff came in for this item: they attended it (the minutes list the items).

    Staff are matched to the item's consulting and using departments (諮問機関, 利用機関): their
    department is one of them, or above or below one (:meth:`Department.covers`). Staff the
    clerk added for the whole meeting (no items) stay so: only those who came for some items
    have this one added.
    """
    consultation_id = consultation_of_item(db, agenda_item_id, session_id)
    if consultation_id is None:
        return []
    departments = departments_of(db, consultation_id)
    staff = [
        o
        for o in others_present(db, session_id)
        if o.kind is OtherKind.AGENCY and any(d.covers(o.department) for d in departments)
    ]
    for o in staff:
        if o.item_ids:  # a whole meeting's staff never become 議事N(N)のみ出席
            store.attach_other_again(db, o.id, agenda_item_id)
    db.conn.commit()
    return staff
