"""What the agenda notice (会議議事予定) and the consultation request (諮問書) print.

The document writers (exports/) lay these out; here they are gathered from the store alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from agendas.consultations import get_consultation, get_consultations
from agendas.model import AgendaItem, Consultation, Department, ItemKind
from agendas.rules import item_title, numbered
from agendas.sections import SectionBody, attachment_label, section_body
from agendas.store import agenda
from meeting.model import Council, Member, RequestWording, Role, Session, Sitting
from meeting.sessions import session_name
from meeting.store import get_council, get_session, list_members


@dataclass(frozen=True)
class NoticeItem:
    number: str
    """1, 2(1)… as the agenda numbers it."""
    title: str
    consulting: tuple[Department, ...] = ()
    using: tuple[Department, ...] = ()
    materials: tuple[str, ...] = ()
    """The session's materials for a consultation item (資料1 …)."""
    listed: str = ""
    """The number as the list prints it under its heading: (1) for 2(1)."""
    depth: int = 0
    """1 for a heading's child, printed indented under it."""


@dataclass(frozen=True)
class AgendaNotice:
    council: str
    title: str
    """令和8年度第2回定例会."""
    sittings: tuple[Sitting, ...]
    items: tuple[NoticeItem, ...]


@dataclass(frozen=True)
class ConsultationRequest:
    """What the 諮問書 prints. The appellant of an appeal is not here, nor anywhere a
    :class:`Consultation` goes: a 諮問書 never prints them."""

    consultation: Consultation
    council: str
    chair: str
    """The chair in office on the filing date, to whom the request is addressed."""
    municipality: str
    sender: str = ""
    """The consultation's sender, or the mayor (○○市長) when none is entered."""
    departments: str = ""
    """The issuing (consulting) departments, as printed under the sender."""
    consulted_under: str = ""
    """The article under which the council is consulted (条例第N条): the case's own, else the
    council's; empty when neither is set."""
    wording: RequestWording = RequestWording.CONSULT
    sections: tuple[SectionBody, ...] = ()
    attachments: tuple[str, ...] = ()
    """別紙1　…, 別紙2　…"""

    @property
    def lead(self) -> str:
        """「…条例第N条の規定により、次のとおり諮問します。」"""
        basis = f"{self.consulted_under}の規定により、" if self.consulted_under else ""
        return f"{basis}次のとおり{self.wording.label}。"


@dataclass(frozen=True)
class NoticeRecord:
    """What the agenda notice is made from, read from the store once."""

    session: Session
    council: Council
    items: list[AgendaItem]
    consultations: Mapping[int, Consultation]
    """The consultations the items take up, by ID."""


def read_notice(db: Database, session_id: int) -> NoticeRecord:
    session = get_session(db, session_id)
    items = agenda(db, session_id)
    wanted = [
        i.consultation_id
        for i in items
        if i.kind is ItemKind.CONSULTATION and i.consultation_id is not None
    ]
    return NoticeRecord(
        session, get_council(db, session.council_id), items, get_consultations(db, wanted)
    )


def agenda_notice(db: Database, session_id: int) -> AgendaNotice:
    return notice_of(read_notice(db, session_id))


def notice_of(record: NoticeRecord) -> AgendaNotice:
    notice_items = []
    for entry in numbered(record.items, record.council.agenda_numbering):
        item = entry.item
        consulting: tuple[Department, ...] = ()
        using: tuple[Department, ...] = ()
        materials: tuple[str, ...] = ()
        if item.kind is ItemKind.CONSULTATION and item.consultation_id is not None:
            c = record.consultations[item.consultation_id]
            consulting, using, materials = c.consulting, c.using, c.materials
        notice_items.append(
            NoticeItem(
                entry.number,
                item_title(item),
                consulting,
                using,
                materials,
                entry.listed,
                entry.depth,
            )
        )
    return AgendaNotice(
        council=record.council.name,
        title=session_name(record.session),
        sittings=record.session.active_sittings,
        items=tuple(notice_items),
    )


@dataclass(frozen=True)
class RequestRecord:
    """What the consultation request is made from, read from the store once."""

    consultation: Consultation
    council: Council
    members: list[Member]
    """The roster on the filing date (none without one)."""


def read_request(db: Database, consultation_id: int) -> RequestRecord:
    c = get_consultation(db, consultation_id)
    council = get_council(db, c.council_id)
    members = list_members(db, c.council_id, on=c.filed_on) if c.filed_on else []
    return RequestRecord(c, council, members)


def consultation_request(db: Database, consultation_id: int) -> ConsultationRequest:
    return request_of(read_request(db, consultation_id))


def request_of(record: RequestRecord) -> ConsultationRequest:
    c, council = record.consultation, record.council
    chair = next((m.name for m in record.members if m.role is Role.CHAIR), "")
    mayor = f"{council.municipality}長" if council.municipality else ""
    return ConsultationRequest(
        c,
        council.name,
        chair,
        council.municipality,
        sender=c.sender or mayor,
        departments="、".join(d.label for d in c.consulting),
        consulted_under=c.consulted_under or council.consulted_under,
        wording=council.request_wording,
        sections=tuple(section_body(s) for s in c.sections),
        attachments=tuple(attachment_label(i, n) for i, n in enumerate(c.attachments)),
    )
