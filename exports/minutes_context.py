"""The full minutes' (会議録) template context: every fact the record prints, as data.

Made from the version's :class:`exports.full_minutes.Minutes` (so the public filter has been
applied: closed lines are notes, closed items carry no lines) and the record it was made from.
The template decides the title, the labels, the order and the closing words.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, overload

from agendas.model import ItemKind
from agendas.rules import headings
from exports.context import (
    AgendaEntry,
    CouncilFacts,
    ItemRef,
    Observer,
    Person,
    SessionFacts,
    SittingFacts,
    Staff,
    item_refs,
    staff_facts,
)
from exports.full_minutes import Line, Minutes, MinutesRecord
from exports.openness import Openness
from exports.staff import group_staff
from meeting.sessions import sitting_label
from minutes.roll import OtherKind


@dataclass(frozen=True)
class BodyLine:
    """One paragraph of 会議の内容."""

    kind: str
    """speech, narration (ト書き: ～あいさつ～, —…—), heading (〔2日目〕) or opinion."""
    text: str
    speaker: str = ""
    """Who spoke, as the record names them: 森川会長, 事務局, 実施機関; A委員 anonymised."""
    continued: bool = False
    """A further paragraph of the same speaker's turn: a council that labels turns prints it
    without the speaker."""
    closing: bool = False
    """The decision's closing line (—…承認される。—)."""
    opinion: str = ""
    """For an opinion attached to the decision: its kind (付帯意見, 付言事項…)."""
    item: ItemRef | None = None
    printed: str = ""
    """The line as the app prints it by default: 森川会長：…, (A委員) …, 【付帯意見】…"""


@dataclass(frozen=True)
class MinutesContext:
    """What a 会議録 template is given."""

    title: str
    """The title the app composes: 令和8年度第1回ひばり野市…会議録（2日目）."""
    council: CouncilFacts
    session: SessionFacts
    day: str
    """1日目 … for a document of one sitting; "" for the whole session."""
    internal: bool
    """The internal version (closed parts included): its title says so."""
    draft: bool
    """The council has not confirmed the record yet."""
    stamp: str
    """（案）, or 第2版（令和…確定）."""
    anonymised: bool
    sittings: list[SittingFacts]
    secretariat: list[Staff]
    agencies: list[Staff]
    agencies_only: list[ItemRef]
    """When every 実施機関 group came for the same items only: those items (the record then
    writes （2議事（1）のみ出席） once for all); otherwise empty."""
    observers: list[Observer]
    openness: str
    """公開, 一部非公開 or 非公開."""
    audience: int
    """The public in the room (傍聴人) over the sittings."""
    agenda: list[AgendaEntry]
    body: Sequence[BodyLine]
    """Every paragraph of 会議の内容, in order (each made as the template reads it)."""
    errata: list[str]
    generated_at: datetime
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def many_days(self) -> bool:
        return len(self.sittings) > 1

    @property
    def secretariat_names(self) -> list[str]:
        return [n for g in self.secretariat for n in g.names]

    @property
    def agency_names(self) -> list[str]:
        return [n for g in self.agencies for n in g.names]


def minutes_context(
    read: MinutesRecord,
    minutes: Minutes,
    *,
    public: bool,
    sitting: int | None,
    now: datetime,
) -> MinutesContext:
    record = read.record.of_sitting(sitting) if sitting is not None else read.record
    session = record.session
    openness: Openness = record.openness(public=public)
    refs = item_refs(record.numbered)
    parents = headings(record.items)
    many = len(session.active_sittings) > 1
    sittings = []
    for s in session.active_sittings:
        roll = record.rolls.get(s.id, {})
        here = [m for m in record.members if roll.get(m.id) and roll[m.id].present]
        sittings.append(
            SittingFacts(
                s.ordinal,
                sitting_label(s.ordinal) if many else "",
                s.starts_at,
                s.ends_at,
                s.place,
                [_person(record, m) for m in here],
                [_person(record, m) for m in record.members if m not in here],
                bool(roll),
            )
        )
    naming = record.council.staff_names
    shown = [o for o in record.others if not openness.leaves_out_attendee(o.item_ids)]
    secretariat = [
        staff_facts(g, refs, heading=OtherKind.SECRETARIAT.label)
        for g in group_staff(
            [o for o in shown if o.kind is OtherKind.SECRETARIAT], naming, by_items=True
        )
    ]
    agencies = [
        staff_facts(g, refs)
        for g in group_staff(
            [o for o in shown if o.kind is OtherKind.AGENCY], naming, by_items=True
        )
    ]
    only = {tuple(i.number for i in g.items) for g in agencies}
    agencies_only = agencies[0].items if len(only) == 1 and agencies and agencies[0].items else []
    observers = [
        Observer(o.organisation, o.headcount, [refs[i] for i in o.item_ids if i in refs])
        for o in shown
        if o.kind is OtherKind.OBSERVER
    ]
    agenda = [
        AgendaEntry(
            refs[n.item.id],
            n.depth,
            n.item.kind.label if isinstance(n.item.kind, ItemKind) else str(n.item.kind),
            n.item.id in parents,
            openness.item_mark(n.item),
        )
        for n in record.numbered
    ]
    body = minutes.body
    if body and body[-1] == Line("以上"):
        body = body[:-1]
    openly = (
        "非公開" if not session.public else ("一部非公開" if openness.partly_closed else "公開")
    )
    return MinutesContext(
        title=minutes.title,
        council=CouncilFacts.of(record.council),
        session=SessionFacts.of(session),
        day=sitting_label(sitting) if sitting is not None else "",
        internal=not public,
        draft=not record.approval.confirmed,
        stamp=minutes.stamp,
        anonymised=minutes.anonymised,
        sittings=sittings,
        secretariat=secretariat,
        agencies=agencies,
        agencies_only=agencies_only,
        observers=observers,
        openness=openly,
        audience=sum(s.public_attendees for s in session.active_sittings),
        agenda=agenda,
        body=Body(body, refs, anonymised=minutes.anonymised),
        errata=minutes.errata,
        generated_at=now,
    )


def _person(record: Any, member: Any) -> Person:
    letter = record.letters.get(member.id)
    if record.anonymised:
        label = "会長" if member.role.label == "会長" else f"{letter or '?'}委員"
        return Person.of(member, label=label)
    return Person.of(member)


class Body(Sequence[BodyLine]):
    """会議の内容 as a template reads it: each :class:`BodyLine` is made when it is read, so the
    export screen previews the first page of a 10,000-line record without shaping the rest
    first (bench/README.md, issue 17). Reading it again makes equal lines."""

    __slots__ = ("_anonymised", "_lines", "_refs")

    def __init__(self, lines: Sequence[Line], refs: dict[int, ItemRef], *, anonymised: bool):
        self._lines = lines
        self._refs = refs
        self._anonymised = anonymised

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> BodyLine: ...
    @overload
    def __getitem__(self, index: slice) -> list[BodyLine]: ...
    def __getitem__(self, index: int | slice) -> BodyLine | list[BodyLine]:
        if isinstance(index, slice):
            return [self._made(line) for line in self._lines[index]]
        return self._made(self._lines[index])

    def __iter__(self) -> Iterator[BodyLine]:
        return map(self._made, self._lines)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # compared by its lines, as a list is

    def __repr__(self) -> str:
        return f"Body({len(self)} lines)"

    def _made(self, line: Line) -> BodyLine:
        return _body_line(line, self._refs, anonymised=self._anonymised)


def _body_line(line: Line, refs: dict[int, ItemRef], *, anonymised: bool) -> BodyLine:
    if line.attached:
        kind = "opinion"
    elif line.heading:
        kind = "heading"
    elif line.tag:
        kind = "speech"
    else:
        kind = "narration"
    return BodyLine(
        kind,
        line.text,
        line.tag,
        line.continued,
        line.closing,
        line.attached,
        refs.get(line.item_id) if line.item_id is not None else None,
        line.printed(anonymised=anonymised),
    )
