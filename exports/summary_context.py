"""The summary's (会議概要) template context: every fact the summary prints, as data.

Made from the version's :class:`exports.summary.Summary` (so the public filter has been
applied: a closed item carries only its note, a closed session only that it was closed) and
the record it was made from. The template decides the titles, the labels (出席者 / 審議者),
the headings (【諮問案件N】), the numbering and the closing words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from exports.context import (
    CouncilFacts,
    ItemRef,
    Person,
    SessionFacts,
    Staff,
    item_refs,
    staff_facts,
)
from exports.full_minutes import Line
from exports.staff import group_staff
from exports.summary import Section, Summary, SummaryRecord
from meeting.sessions import sitting_label
from minutes.roll import OtherKind


@dataclass(frozen=True)
class SummaryLine:
    """One paragraph of an item's gist."""

    kind: str
    """speech, narration (—資料をもとに…から説明—, the decision's line) or opinion."""
    text: str
    speaker: str = ""
    """Who spoke, as the summary names them: A委員, 会長, 実施機関, 事務局."""
    continued: bool = False
    """A further paragraph of the same turn (printed without the label by the app)."""
    closing: bool = False
    """The decision's closing line (—…承認される。—)."""
    opinion: str = ""
    """For an opinion attached to the decision: its kind (付帯意見, 付言事項…)."""
    printed: str = ""
    """As the app prints it: (A委員) …, 【付帯意見】…, a narration as it is."""

    @property
    def label(self) -> str:
        """(A委員): the speaker as the summary labels a turn; "" for a narration."""
        return f"({self.speaker})" if self.speaker else ""


@dataclass(frozen=True)
class SummarySection:
    """One agenda item's part of 議事の概要."""

    kind: str
    """consultation, report, other; heading for a heading printed above its children (taken
    at another sitting); closed for a closed session's note (no item)."""
    heading: str
    """As the app heads it: (2)　【諮問案件1】, 3　その他 (with 【非公開】… internally)."""
    item: ItemRef | None
    """The item's number and title (None for a closed session's note)."""
    case: int | None
    """N of 【諮問案件N】, counted through the council's year; None when not known."""
    carried: bool
    """The consultation was taken up before: its title is marked （前回の補足説明）."""
    title: str
    """The title the summary prints: the item's, with （前回の補足説明） when carried."""
    questions: list[str]
    """①　目的外利用（…）…: the questions, when the council prints them; else empty."""
    consulting: list[str]
    """諮問機関 (departments)."""
    using: list[str]
    """利用機関 (departments); empty when none."""
    agencies: list[Staff]
    """実施機関: the consultation's departments, each with its staff present."""
    agencies_text: str
    """総務部総務課（安藤課長、松井係長）、…: the 実施機関 as the app prints it."""
    next_session: str
    """The next session's date at 次回の開催について; "" elsewhere."""
    closed_note: str
    """（非公開（…）につき省略） for a closed item in a public version; "" otherwise."""
    closed_mark: str
    """【非公開】… after the title, in the internal version only."""
    lines: list[SummaryLine]
    """The item's gist, its decision and attached opinions; a closed item's note alone."""
    facts: list[tuple[str, str]]
    """(label, value) as the app prints them under the heading: 件名, ①…, 諮問機関 …"""

    @property
    def number(self) -> str:
        return self.item.number if self.item else ""

    @property
    def own(self) -> str:
        return self.item.own if self.item else ""


@dataclass(frozen=True)
class SummarySitting:
    """One day of the session, with the items taken up that day."""

    ordinal: int
    label: str
    """1日目, 2日目 when the session sat more than one day; "" otherwise."""
    starts_at: datetime
    ends_at: datetime | None
    place: str
    present: list[Person]
    """The members present, named (森川会長) as the header prints them."""
    present_letters: list[str]
    """The same members as the lines name them: A委員, 会長 (anonymised letters)."""
    roll_taken: bool
    secretariat: list[Staff]
    secretariat_text: str
    """事務局 staff as the app prints them (甲事務局長、乙主事); "" when none."""
    closed: bool
    """A closed session in a public version: the sections are only the note."""
    sections: list[SummarySection]


@dataclass(frozen=True)
class SummaryContext:
    """What a 会議概要 template is given."""

    title: str
    """The title the app composes: 令和8年度第1回ひばり野市…会議概要（2日目）."""
    council: CouncilFacts
    session: SessionFacts
    day: str
    """1日目 … for a document of one sitting; "" for the whole session."""
    internal: bool
    draft: bool
    stamp: str
    """（案）, or 第2版（令和…確定）."""
    session_closed: bool
    """The whole session was closed (非公開): the header says so."""
    sittings: list[SummarySitting]
    generated_at: datetime
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def many_days(self) -> bool:
        return len(self.sittings) > 1


def summary_context(
    read: SummaryRecord,
    summary: Summary,
    *,
    public: bool,
    sitting: int | None,
    now: datetime,
) -> SummaryContext:
    record = read.record if sitting is None else read.record.of_sitting(sitting)
    session = record.session
    openness = record.openness(public=public)
    refs = item_refs(record.numbered)
    heading = OtherKind.SECRETARIAT.label
    groups = group_staff(
        (o for o in record.others if o.kind is OtherKind.SECRETARIAT), record.council.staff_names
    )
    secretariat = [staff_facts(g, refs, heading=heading) for g in groups]
    sittings = []
    for day, made in zip(session.active_sittings, summary.sittings, strict=True):
        roll = record.rolls.get(day.id, {})
        here = [m for m in record.members if roll.get(m.id) and roll[m.id].present]
        sittings.append(
            SummarySitting(
                day.ordinal,
                made.label,
                day.starts_at,
                day.ends_at,
                day.place,
                [Person.of(m) for m in here],
                [
                    "会長" if m.role.label == "会長" else f"{record.letters.get(m.id, '?')}委員"
                    for m in here
                ],
                bool(roll),
                secretariat,
                "、".join(s.text for s in secretariat),
                openness.closed_session,
                [_section(s, refs) for s in made.sections],
            )
        )
    return SummaryContext(
        title=summary.title,
        council=CouncilFacts.of(record.council),
        session=SessionFacts.of(session),
        day=sitting_label(sitting) if sitting is not None else "",
        internal=not public,
        draft=not record.approval.confirmed,
        stamp=summary.stamp,
        session_closed=not session.public,
        sittings=sittings,
        generated_at=now,
    )


def _section(section: Section, refs: dict[int, ItemRef]) -> SummarySection:
    item = refs.get(section.item_id) if section.item_id is not None else None
    carried = next((v for k, v in section.facts if k == "件名"), section.title)
    return SummarySection(
        kind=section.kind or "closed",
        heading=section.heading,
        item=item,
        case=section.case,
        carried=section.carried,
        title=carried,
        questions=list(section.questions),
        consulting=list(section.consulting),
        using=list(section.using),
        agencies=[staff_facts(g, refs) for g in section.agencies],
        agencies_text="、".join(g.text() for g in section.agencies),
        next_session=section.next_session,
        closed_note=section.closed_note,
        closed_mark=section.closed_mark,
        lines=[_line(line) for line in section.lines],
        facts=list(section.facts),
    )


def _line(line: Line) -> SummaryLine:
    if line.attached:
        kind = "opinion"
    elif line.tag:
        kind = "speech"
    else:
        kind = "narration"
    return SummaryLine(
        kind,
        line.text,
        line.tag,
        line.continued,
        line.closing,
        line.attached,
        line.printed(anonymised=True),
    )
