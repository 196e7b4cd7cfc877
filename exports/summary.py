"""The summary minutes (会議概要): a short header, then the gist of each item with its Q&A.

Members are always letters here ((A委員) …), the chair is (会長), staff (実施機関) and (事務局);
each sitting of a multi-day session gets its own header.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlite_utils import Database

from agendas.consultations import get_consultations
from agendas.model import Consultation, ItemKind
from agendas.rules import item_title, question_line
from exports.full_minutes import Line, record_lines
from exports.openness import CLOSED_SESSION_NOTE, closed_item_note
from exports.session_record import SessionRecord, read_record
from exports.staff import group_staff, group_under, groups_text
from meeting.dates import format_date, format_time_range, to_tokyo
from meeting.sessions import session_title, sitting_label
from minutes.roll import OtherKind
from minutes.speakers import surname


@dataclass(frozen=True)
class Section:
    heading: str
    """【諮問案件1】, 【報告事項】…"""
    facts: list[tuple[str, str]]
    """件名, 諮問機関, 利用機関, 実施機関 as (label, value); a question (①…) has no label."""
    lines: list[Line]


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
        mine = [i for i in record.items if record.item_sitting(i) == day.id]
        sections = []
        consultation_number = 0
        for item in mine:
            if item.kind not in (ItemKind.CONSULTATION, ItemKind.REPORT):
                continue
            facts = [("件名", item_title(item))]
            if item.kind is ItemKind.CONSULTATION and item.consultation_id is not None:
                consultation_number += 1
                heading = f"【諮問案件{consultation_number}】"
            else:
                heading = "【報告事項】"
            if openness.leaves_out_item(item.id):
                # The title is public (the agenda notice printed it); nothing else is.
                sections.append(Section(heading, facts, [Line(closed_item_note(item))]))
                continue
            lines, found = record_lines(
                record, openness, anonymised=True, item_id=item.id, headings=False
            )
            replaced += found
            heading += openness.item_mark(item)
            if item.kind is ItemKind.CONSULTATION and item.consultation_id is not None:
                c = read.consultations[item.consultation_id]
                if record.council.summary_questions:  # ①② under the title, label-less
                    facts += [("", question_line(i, q)) for i, q in enumerate(c.questions)]
                facts.append(("諮問機関", "、".join(d.label for d in c.consulting)))
                if c.using:
                    facts.append(("利用機関", "、".join(d.label for d in c.using)))
                departments = (*c.consulting, *c.using)
                attending = [
                    o
                    for o in staff
                    if o.kind is OtherKind.AGENCY
                    and (
                        item.id in o.item_ids
                        or (not o.item_ids and any(d.covers(o.department) for d in departments))
                    )
                ]
                facts.append(("実施機関", groups_text(group_under(departments, attending, naming))))
            sections.append(Section(heading, facts, lines))
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
            out += [
                line.text if line.narration else f"({line.tag}) {line.text}"
                for line in section.lines
            ]
        out.append("")
    out.append("以上")
    return out
