"""What the agenda notice (会議議事予定) and the consultation request (諮問書) print.

The document writers (exports/) lay these out; here they are gathered from the store alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from agendas.consultations import get_consultation
from agendas.model import Consultation, Department, ItemKind
from agendas.rules import agenda_numbers, item_title
from agendas.store import agenda
from meeting.model import Role, Sitting
from meeting.sessions import session_name
from meeting.store import get_council, get_session, list_members


@dataclass(frozen=True)
class NoticeItem:
    number: str
    """1, 2(1)… as the agenda numbers it."""
    title: str
    consulting: tuple[Department, ...] = ()
    using: tuple[Department, ...] = ()


@dataclass(frozen=True)
class AgendaNotice:
    council: str
    title: str
    """令和8年度第2回定例会."""
    sittings: tuple[Sitting, ...]
    items: tuple[NoticeItem, ...]


@dataclass(frozen=True)
class ConsultationRequest:
    consultation: Consultation
    council: str
    chair: str
    """The chair in office on the filing date, to whom the request is addressed."""
    municipality: str


def agenda_notice(db: Database, session_id: int) -> AgendaNotice:
    session = get_session(db, session_id)
    items = agenda(db, session_id)
    notice_items = []
    for number, item in zip(agenda_numbers(items), items, strict=True):
        consulting: tuple[Department, ...] = ()
        using: tuple[Department, ...] = ()
        if item.kind is ItemKind.CONSULTATION and item.consultation_id is not None:
            c = get_consultation(db, item.consultation_id)
            consulting, using = c.consulting, c.using
        notice_items.append(NoticeItem(number, item_title(item), consulting, using))
    return AgendaNotice(
        council=get_council(db, session.council_id).name,
        title=session_name(session),
        sittings=session.active_sittings,
        items=tuple(notice_items),
    )


def consultation_request(db: Database, consultation_id: int) -> ConsultationRequest:
    c = get_consultation(db, consultation_id)
    council = get_council(db, c.council_id)
    members = list_members(db, c.council_id, on=c.filed_on) if c.filed_on else []
    chair = next((m.name for m in members if m.role is Role.CHAIR), "")
    return ConsultationRequest(c, council.name, chair, council.municipality)
