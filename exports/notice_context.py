"""The agenda notice's (会議議事予定) template context: every fact the notice prints, as data.

Made from :class:`agendas.notice.AgendaNotice` and the record it was made from. The notice
is written before the session and lists every item by its title (titles are public: the
notice announces them); it holds no line of the record. The template decides the title, the
numbering (2 議事 (1)… nested, or 1 … 6 flat under a group heading), 記 and 以上.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from agendas.model import ItemKind
from agendas.notice import AgendaNotice, NoticeItem, NoticeRecord
from agendas.rules import headings, numbered
from exports.context import AgendaEntry, CouncilFacts, SessionFacts, SittingFacts, item_refs
from meeting.sessions import sitting_label


@dataclass(frozen=True)
class NoticeEntry:
    """One item of the notice's 議題, in order; a heading's children follow it."""

    entry: AgendaEntry
    """The item's number (2(1)), its own number under its heading ((1)), depth and kind."""
    listed: str
    """The number as the app's list prints it: (1) under a heading, else the whole number."""
    seq: int
    """Its number when the items are counted straight through (1 … 6), headings not counted;
    0 for a heading."""
    consulting: list[str]
    """諮問機関 of a consultation item; empty for the others."""
    using: list[str]
    """利用機関 of a consultation item; empty when none."""
    materials: list[str]
    """The session's materials for a consultation item (資料3 諮問書 …)."""

    @property
    def number(self) -> str:
        return self.entry.number

    @property
    def own(self) -> str:
        return self.entry.own

    @property
    def title(self) -> str:
        return self.entry.title

    @property
    def depth(self) -> int:
        return self.entry.depth

    @property
    def heading(self) -> bool:
        """A heading with children (2 議事): a group heading in a flat list."""
        return self.entry.heading

    @property
    def kind(self) -> str:
        return self.entry.kind


@dataclass(frozen=True)
class AgendaNoticeContext:
    """What a 会議議事予定 template is given."""

    title: str
    """The session's name: 令和8年度第2回定例会."""
    council: CouncilFacts
    session: SessionFacts
    session_kind: str
    """定例会 or 臨時会."""
    sittings: list[SittingFacts]
    """Each day's date, time and place (the attendance lists are empty: nobody has sat yet)."""
    items: list[NoticeEntry]
    generated_at: datetime
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def many_days(self) -> bool:
        return len(self.sittings) > 1

    @property
    def one_place(self) -> str:
        """The place when every day is held in the same one; "" otherwise."""
        places = {s.place for s in self.sittings}
        return places.pop() if len(places) == 1 else ""


def notice_context(
    read: NoticeRecord, notice: AgendaNotice, *, now: datetime
) -> AgendaNoticeContext:
    session = read.session
    listed = numbered(read.items, read.council.agenda_numbering)
    refs = item_refs(listed)
    parents = headings(read.items)
    many = len(notice.sittings) > 1
    items = []
    seq = 0
    for n, made in zip(listed, notice.items, strict=True):
        heading = n.item.id in parents
        seq += 0 if heading else 1
        entry = AgendaEntry(
            refs[n.item.id],
            n.depth,
            n.item.kind.label if isinstance(n.item.kind, ItemKind) else str(n.item.kind),
            heading,
        )
        items.append(_entry(entry, made, 0 if heading else seq))
    return AgendaNoticeContext(
        title=notice.title,
        council=CouncilFacts.of(read.council),
        session=SessionFacts.of(session),
        session_kind=session.kind.label,
        sittings=[
            SittingFacts(
                s.ordinal,
                sitting_label(s.ordinal) if many else "",
                s.starts_at,
                s.ends_at,
                s.place,
                [],
                [],
                False,
            )
            for s in notice.sittings
        ],
        items=items,
        generated_at=now,
    )


def _entry(entry: AgendaEntry, item: NoticeItem, seq: int) -> NoticeEntry:
    return NoticeEntry(
        entry,
        item.listed or item.number,
        seq,
        [d.label for d in item.consulting],
        [d.label for d in item.using],
        list(item.materials),
    )
