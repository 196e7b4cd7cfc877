"""The pieces a document's template context is made of, shared by every kind.

A template reads these by attribute (``{{ s.place }}``, ``{% for p in s.present %}``). Each
is plain data made from what the version may print: a public document's context holds no
closed part. The README's template page lists every field with an example.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from agendas.model import AgendaItem
from agendas.rules import Numbered, item_title
from exports.staff import StaffGroup, staff_name
from meeting.model import Council, Member, Session, SessionForm
from minutes.roll import OtherAttendee
from minutes.speakers import surname


@dataclass(frozen=True)
class CouncilFacts:
    name: str
    """ひばり野市情報公開・個人情報保護審議会"""
    municipality: str
    """ひばり野市"""
    kind: str
    """審議会 or 審査会: how the council calls itself (本審査会、貴審議会)."""

    @classmethod
    def of(cls, council: Council) -> CouncilFacts:
        return cls(council.name, council.municipality, council.kind.value)


@dataclass(frozen=True)
class SessionFacts:
    title: str
    """令和8年度第1回 (定例会/臨時会 aside): what the document title starts with."""
    fiscal_year: int
    number: int | None
    form: str
    """対面, オンライン, 書面決議 …"""
    written_from: date | None = None
    """The written resolution's period (書面決議); None for a session that sits."""
    written_until: date | None = None

    @classmethod
    def of(cls, session: Session) -> SessionFacts:
        from meeting.sessions import session_title

        written = session.form is SessionForm.WRITTEN_RESOLUTION
        return cls(
            session_title(session),
            session.fiscal_year,
            session.number,
            session.form.label,
            session.written_from if written else None,
            session.written_until if written else None,
        )


@dataclass(frozen=True)
class Person:
    """A member as the record names them."""

    name: str
    """Full name: 森川 聡子."""
    surname: str
    """森川"""
    role: str
    """会長, 副会長 or 委員."""
    label: str
    """As the record prints them: 森川会長 (named), A委員 (anonymised)."""

    @classmethod
    def of(cls, member: Member, *, label: str = "") -> Person:
        name = surname(member.name)
        return cls(member.name, name, member.role.label, label or f"{name}{member.role.label}")


@dataclass(frozen=True)
class ItemRef:
    """An agenda item as another part of the document refers to it."""

    number: str
    """The whole number as the agenda prints it: 2(1), 3 (nested) or 4 (flat)."""
    own: str
    """Its number under its heading: (1) for 2(1); the whole number at the top."""
    index: int
    """Its place among its siblings, from 1: 1 for 2(1)."""
    parent_number: str
    """Its heading's number (2), or "" at the top."""
    parent_title: str
    """Its heading's title (議事), or "" at the top."""
    title: str

    @classmethod
    def of(cls, numbered: Numbered, by_id: dict[int, Numbered], index: int) -> ItemRef:
        parent = by_id.get(numbered.item.parent_id or -1)
        return cls(
            numbered.number,
            numbered.listed,
            index,
            parent.number if parent else "",
            item_title(parent.item) if parent else "",
            item_title(numbered.item),
        )


def item_refs(numbered: Sequence[Numbered]) -> dict[int, ItemRef]:
    """Each numbered item's reference, by item ID."""
    by_id = {n.item.id: n for n in numbered}
    seen: dict[int | None, int] = {}
    out: dict[int, ItemRef] = {}
    for n in numbered:
        seen[n.item.parent_id] = seen.get(n.item.parent_id, 0) + 1
        out[n.item.id] = ItemRef.of(n, by_id, seen[n.item.parent_id])
    return out


@dataclass(frozen=True)
class AgendaEntry:
    """One line of the agenda (会議次第), in order; a heading's children follow it."""

    item: ItemRef
    depth: int
    """0 at the top, 1 under a heading."""
    kind: str
    """The item's kind: 議事 (consultation), 報告, 前回会議の概要報告, その他…"""
    heading: bool
    """Whether the item is a heading with children (2 議事)."""
    closed_mark: str = ""
    """The internal version's mark on a closed item (【非公開】…); "" in a public one."""

    @property
    def number(self) -> str:
        return self.item.number

    @property
    def own(self) -> str:
        return self.item.own

    @property
    def title(self) -> str:
        return self.item.title


@dataclass(frozen=True)
class Staff:
    """Staff of one department (事務局, 実施機関), named the council's way."""

    department: str
    """総務部総務課, or "" when not known."""
    names: list[str]
    """As the council names staff: 安藤課長, 安藤, or 安藤直樹課長."""
    items: list[ItemRef] = field(default_factory=list)
    """The items they came for; empty when they attended the whole session."""
    text: str = ""
    """The department with the names: 総務部総務課（安藤課長、松井係長）."""


def staff_facts(group: StaffGroup, refs: dict[int, ItemRef], *, heading: str = "") -> Staff:
    return Staff(
        group.department.label,
        list(group.names),
        [refs[i] for i in group.item_ids if i in refs],
        group.text(heading=heading),
    )


@dataclass(frozen=True)
class Observer:
    organisation: str
    headcount: int
    items: list[ItemRef] = field(default_factory=list)


@dataclass(frozen=True)
class SittingFacts:
    """One day of the session."""

    ordinal: int
    label: str
    """1日目, 2日目 when the session sat more than one day; "" otherwise."""
    starts_at: datetime
    ends_at: datetime | None
    """None when the end was not recorded: the documents print 午前10時～."""
    place: str
    present: list[Person]
    absent: list[Person]
    roll_taken: bool
    """False when no roll call was recorded for the day (the lists are then empty)."""

    @property
    def date(self) -> date:
        from meeting.dates import to_tokyo

        return to_tokyo(self.starts_at).date()


def staff_line(others: Sequence[OtherAttendee], naming: object) -> list[str]:
    """Names alone, in the order recorded (岩井総務課長、大手課長補佐)."""
    return [staff_name(o, naming) for o in others]  # type: ignore[arg-type]


def item_of(items: Sequence[AgendaItem], item_id: int | None) -> AgendaItem | None:
    return next((i for i in items if i.id == item_id), None)
