"""The summary minutes (会議概要): a short header, then the gist of each item with its Q&A.

Members are always letters here ((A委員) …), the chair is (会長), staff (実施機関) and (事務局);
each sitting of a multi-day session gets its own header.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from sqlite_utils import Database

from agendas.consultations import get_consultations
from agendas.model import AgendaItem, Consultation, ConsultationNumber, ItemKind
from agendas.rules import CARRIED_MARK, Numbered, item_title, question_line
from exports.full_minutes import Line, record_lines
from exports.openness import CLOSED_SESSION_NOTE, Openness, closed_item_note
from exports.session_record import SessionRecord, read_record
from exports.staff import StaffGroup, group_staff, group_under, groups_text
from meeting.dates import format_date, format_time_range, to_tokyo
from meeting.model import Session, SessionForm
from meeting.sessions import session_title, sitting_label
from minutes.roll import OtherKind
from minutes.speakers import surname


@dataclass(frozen=True)
class Section:
    heading: str
    """(2)　【諮問案件1】, (3)　【報告事項】, 3　その他…: the item's number and its heading."""
    facts: list[tuple[str, str]]
    """件名, 諮問機関, 利用機関, 実施機関 as (label, value); a question (①…) has no label."""
    lines: list[Line]
    item_id: int | None = None
    """The agenda item; None for a closed session's note."""
    kind: str = ""
    """consultation, report, other, or heading (a heading taken at another sitting, printed
    above its children); "" for a closed session's note."""
    case: int | None = None
    """N of 【諮問案件N】; None when not known (or not a consultation)."""
    carried: bool = False
    """The consultation was taken up before: its title is marked 前回の補足説明."""
    title: str = ""
    """The item's title as the agenda prints it (without the 前回の補足説明 mark)."""
    questions: tuple[str, ...] = ()
    """①　目的外利用（…）…, when the council prints them under the title."""
    consulting: tuple[str, ...] = ()
    using: tuple[str, ...] = ()
    agencies: tuple[StaffGroup, ...] = ()
    """The 実施機関 staff under the consultation's departments."""
    next_session: str = ""
    """The next session's date at 次回の開催について."""
    closed_note: str = ""
    """（非公開（…）につき省略） for a closed item in a public version."""
    closed_mark: str = ""
    """【非公開】… after the title, in the internal version only."""


@dataclass(frozen=True)
class SittingSummary:
    label: str
    header: list[tuple[str, str]]
    sections: list[Section]


@dataclass(frozen=True)
class Summary:
    title: str
    sittings: list[SittingSummary]
    stamp: str = ""
    replacements: list[str] = field(default_factory=list)
    """Members' names replaced by their labels in the text, for the clerk to check."""


@dataclass(frozen=True)
class SummaryRecord:
    """What the summary is made from: the session's record and the consultations it prints."""

    record: SessionRecord
    consultations: Mapping[int, Consultation]
    """Those of the consultation items the version prints, by ID."""


def read_summary(db: Database, session_id: int, *, public: bool) -> SummaryRecord:
    record = read_record(db, session_id)
    openness = record.openness(public=public)
    wanted = [
        i.consultation_id
        for i in record.items
        if i.kind is ItemKind.CONSULTATION
        and i.consultation_id is not None
        and not openness.leaves_out_item(i.id)
    ]
    return SummaryRecord(record, get_consultations(db, wanted))


def gather_summary(
    db: Database, session_id: int, *, public: bool, sitting: int | None = None
) -> Summary:
    return summary_of(read_summary(db, session_id, public=public), public=public, sitting=sitting)


def summary_of(read: SummaryRecord, *, public: bool, sitting: int | None = None) -> Summary:
    """The summary of the whole session (a header per sitting), or of its ``sitting``-th day
    alone (titled （2日目））."""
    record = read.record if sitting is None else read.record.of_sitting(sitting)
    session, members, staff = record.session, record.members, record.others
    openness = record.openness(public=public)
    naming = record.council.staff_names
    secretariat = groups_text(
        group_staff((o for o in staff if o.kind is OtherKind.SECRETARIAT), naming),
        heading=OtherKind.SECRETARIAT.label,
    )
    sittings = session.active_sittings
    replaced: list[str] = []
    result = []
    for day in sittings:
        roll = record.rolls[day.id]
        here = [
            f"{surname(m.name)}{m.role.label}"
            for m in members
            if roll.get(m.id) and roll[m.id].present
        ]
        header = [
            (
                "日時",
                format_date(to_tokyo(day.starts_at).date())
                + format_time_range(day.starts_at, day.ends_at),
            ),
            ("場所", day.place),
            ("出席者", f"委員{len(here)}名（{'、'.join(here)}）" if here else "（出欠の記録なし）"),
            ("事務局", secretariat or "なし"),
        ]
        if not session.public:
            header.append(("公開・非公開の別", "非公開"))
        label = f"{sitting_label(day.ordinal)}" if len(sittings) > 1 else ""
        if openness.closed_session:
            # No line, no item's gist: only that the session was closed.
            result.append(
                SittingSummary(label, header, [Section("", [], [Line(CLOSED_SESSION_NOTE)])])
            )
            continue
        mine = [n for n in record.numbered if record.item_sitting(n.item) == day.id]
        by_id = {n.item.id: n for n in record.numbered}
        sections = []
        printed: set[int] = set()
        for entry in mine:
            item = entry.item
            parent = by_id.get(item.parent_id) if item.parent_id is not None else None
            if parent is not None and parent.item.id not in printed:
                # A heading taken at another sitting: its children print under it here too.
                sections.append(
                    Section(
                        _numbered(parent, item_title(parent.item)),
                        [],
                        [],
                        parent.item.id,
                        "heading",
                        title=item_title(parent.item),
                    )
                )
            printed.add(item.id)
            sections.append(_section(read, record, openness, entry, replaced))
        result.append(SittingSummary(label, header, sections))
    title = f"{session_title(session)}{record.council.name}会議概要"
    if sitting is not None:
        title += f"（{sitting_label(sitting)}）"
    return Summary(
        title if public else f"{title}（内部用・非公開部分を含む）",
        result,
        record.approval.stamp,
        replaced,
    )


def _section(
    read: SummaryRecord,
    record: SessionRecord,
    openness: Openness,
    entry: Numbered,
    replaced: list[str],
) -> Section:
    """One item's part of 議事の概要: its heading, its facts and its lines (none of a closed
    item's in a public version, only the note that they are left out)."""
    item = entry.item
    facts: list[tuple[str, str]] = []
    consultation = item.kind is ItemKind.CONSULTATION and item.consultation_id is not None
    taken = record.consultation_numbers.get(item.id) if consultation else None
    if consultation:
        heading, kind = (f"【諮問案件{taken.number}】" if taken else "【諮問案件】"), "consultation"
        facts.append(("件名", _continued_title(item, taken)))
    elif item.kind is ItemKind.REPORT:
        heading, kind = "【報告事項】", "report"
        facts.append(("件名", item_title(item)))
    else:
        heading, kind = item_title(item), "other"
    section = Section(
        _numbered(entry, heading),
        facts,
        [],
        item.id,
        kind,
        case=taken.number if taken else None,
        carried=_continued_title(item, taken) != item_title(item),
        title=item_title(item),
    )
    if openness.leaves_out_item(item.id):
        # The title is public (the agenda notice printed it); nothing else is.
        note = closed_item_note(item)
        return replace(section, lines=[Line(note)], closed_note=note)
    lines, found = record_lines(record, openness, anonymised=True, item_id=item.id, headings=False)
    replaced += found
    mark = openness.item_mark(item)
    section = replace(section, heading=section.heading + mark, lines=lines, closed_mark=mark)
    if item.kind is ItemKind.NEXT_SESSION and record.next_session is not None:
        facts.append(("次回の日時", _when(record.next_session)))
        section = replace(section, next_session=_when(record.next_session))
    if consultation and item.consultation_id is not None:
        c = read.consultations[item.consultation_id]
        questions = [question_line(i, q) for i, q in enumerate(c.questions)]
        if record.council.summary_questions:  # ①② under the title, label-less
            facts += [("", q) for q in questions]
        facts.append(("諮問機関", "、".join(d.label for d in c.consulting)))
        if c.using:
            facts.append(("利用機関", "、".join(d.label for d in c.using)))
        departments = (*c.consulting, *c.using)
        attending = [
            o
            for o in record.others
            if o.kind is OtherKind.AGENCY
            and (
                item.id in o.item_ids
                or (not o.item_ids and any(d.covers(o.department) for d in departments))
            )
        ]
        groups = group_under(departments, attending, record.council.staff_names)
        facts.append(("実施機関", groups_text(groups)))
        section = replace(
            section,
            questions=tuple(questions) if record.council.summary_questions else (),
            consulting=tuple(d.label for d in c.consulting),
            using=tuple(d.label for d in c.using),
            agencies=tuple(groups),
        )
    return section


def _numbered(entry: Numbered, heading: str) -> str:
    """(1)　【諮問案件1】, 3　その他: the item's number as the agenda lists it, then its heading."""
    return f"{entry.listed}　{heading}" if entry.listed else heading


def _continued_title(item: AgendaItem, taken: ConsultationNumber | None) -> str:
    """The title, marked 前回の補足説明 when the consultation was taken up before (at an earlier
    sitting or session)."""
    title = item_title(item)
    if taken is not None and taken.first_item_id != item.id and CARRIED_MARK not in title:
        title += CARRIED_MARK
    return title


def _when(session: Session) -> str:
    """The date (and time) of a session as 次回の開催について prints it."""
    if session.form is SessionForm.WRITTEN_RESOLUTION and session.written_from:
        until = f"～{format_date(session.written_until)}" if session.written_until else ""
        return f"{format_date(session.written_from)}{until}（書面決議）"
    return "、".join(
        format_date(to_tokyo(s.starts_at).date()) + format_time_range(s.starts_at, s.ends_at)
        for s in session.active_sittings
    )


def summary_text(summary: Summary) -> list[str]:
    """The summary as lines of text, for Markdown and for the preview."""
    out = [summary.title, summary.stamp, ""] if summary.stamp else [summary.title, ""]
    for sitting in summary.sittings:
        if sitting.label:
            out += [f"〔{sitting.label}〕"]
        out += [f"{label}　{value}" for label, value in sitting.header]
        out += ["", "議事の概要"]
        for section in sitting.sections:
            out += ["", section.heading] if section.heading else [""]
            out += [f"{label}：{value}" if label else value for label, value in section.facts]
            out += [line.printed(anonymised=True) for line in section.lines]
        out.append("")
    out.append("以上")
    return out
