"""The year's report (運用状況): a lead sentence counted from the records, the table of sessions
held (where, what they took up, what they concluded: per item or per session, as the council
chooses), and for a 審査会 (or any council with appeals that year) the state of its 審査請求
cases — generated from the records of one fiscal year. The appellant never appears here.

The files the clerk exports are rendered from the council's template
(:mod:`exports.annual_context`, whose first default prints what these writers print); the
preview on the screen is :func:`annual_lines`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from agendas.model import AgendaItem, Consultation, ConsultationStatus, Disposition, ItemKind
from agendas.rules import item_title
from agendas.store import agenda
from agendas.store.consultations import appeals_between
from exports.docx_format import PageFormat
from meeting.dates import fiscal_year_bounds, format_date, format_fiscal_year, to_tokyo
from meeting.model import (
    AnnualConclusions,
    Council,
    CouncilKind,
    Session,
    SessionForm,
    SessionStatus,
)
from meeting.store import get_council, list_sessions
from minutes.model import Decision
from minutes.store import decisions

COLUMNS = ("回数", "開催日・場所", "会議内容及び諮問事項", "結論")
APPEAL_COLUMNS = ("内容", "処分", "諮問年月日", "答申年月日", "答申内容")
APPEALS_HEADING = "審査請求の状況"
NO_APPEALS = "該当なし"


@dataclass(frozen=True)
class AnnualRow:
    number: str
    when_where: str
    contents: str
    conclusions: str


@dataclass(frozen=True)
class AppealRow:
    """One 審査請求 case as the table prints it: never its appellant."""

    content: str
    disposition: str
    consulted_on: str
    answered_on: str
    """The answer's date, or 取下げ with its date, or 審議中."""
    conclusion: str


@dataclass(frozen=True)
class HeldSession:
    session: Session
    items: list[AgendaItem]
    decisions: list[Decision]


@dataclass(frozen=True)
class AnnualRecord:
    """What the year's report is made from, read from the store once."""

    council: Council
    fiscal_year: int
    held: list[HeldSession]
    """The sessions held that year, in order, with their agendas and decisions."""
    appeals: list[Consultation]
    """The appeals in hand during the year (see ``appeals_between``)."""

    @property
    def page(self) -> PageFormat:
        return PageFormat.of(self.council.page)


@dataclass(frozen=True)
class Annual:
    title: str
    lead: str
    """「令和N年度は、…を6回開催しました。」 and, with appeals, what became of them."""
    rows: list[AnnualRow]
    appeals: list[AppealRow] | None = None
    """The 審査請求の状況 table's rows; None when the report has no such table."""


def read_annual(db: Database, council_id: int, fiscal_year: int) -> AnnualRecord:
    council = get_council(db, council_id)
    held = [
        HeldSession(s, agenda(db, s.id), decisions(db, s.id))
        for s in list_sessions(db, council_id, fiscal_year=fiscal_year)
        if s.status is SessionStatus.HELD
    ]
    first, last = fiscal_year_bounds(fiscal_year)
    return AnnualRecord(council, fiscal_year, held, appeals_between(db, council_id, first, last))


def gather_annual(db: Database, council_id: int, fiscal_year: int) -> Annual:
    return annual_of(read_annual(db, council_id, fiscal_year))


def annual_of(record: AnnualRecord) -> Annual:
    council = record.council
    per_session = council.annual_conclusions is AnnualConclusions.SESSION
    with_appeals = council.kind is CouncilKind.SHINSAKAI or bool(record.appeals)
    return Annual(
        f"{format_fiscal_year(record.fiscal_year)} {council.name} 運用状況",
        lead_sentence(record),
        [_row(h, per_session=per_session) for h in record.held],
        [_appeal_row(c) for c in record.appeals] if with_appeals else None,
    )


def lead_sentence(record: AnnualRecord) -> str:
    """「令和N年度は、…を6回開催しました。」 and, with appeals, what became of them."""
    year, name = format_fiscal_year(record.fiscal_year), record.council.name
    held = len(record.held)
    if not held:
        lead = f"{year}は、{name}を開催しませんでした。"
    else:
        written = sum(h.session.form is SessionForm.WRITTEN_RESOLUTION for h in record.held)
        within = f"（うち書面決議{written}回）" if written else ""
        lead = f"{year}は、{name}を{held}回開催しました{within}。"
    if record.appeals:
        lead += _appeals_sentence(record.appeals, *fiscal_year_bounds(record.fiscal_year))
    return lead


def _appeals_sentence(appeals: list[Consultation], first: date, last: date) -> str:
    """「審査請求については、諮問を受けたものが2件、答申したものが1件、年度末に審議中の
    ものが1件でした。」: what happened within the year, counts of none left out."""
    counts = appeal_counts(appeals, first, last)
    said = "、".join(f"{what}が{n}件" for what, n in counts if n)
    return f"審査請求については、{said}でした。" if said else ""


def appeal_counts(appeals: list[Consultation], first: date, last: date) -> list[tuple[str, int]]:
    """What became of the appeals within the year: received, answered, withdrawn, and those
    still in hand at its end, as (what, how many)."""

    def within(day: date | None) -> bool:
        return day is not None and first <= day <= last

    def pending(c: Consultation) -> bool:
        closed = c.answered_on or c.withdrawn_on
        return closed is None or closed > last

    return [
        ("諮問を受けたもの", sum(within(c.filed_on) for c in appeals)),
        ("答申したもの", sum(within(c.answered_on) for c in appeals)),
        ("取下げ", sum(within(c.withdrawn_on) for c in appeals)),
        ("年度末に審議中のもの", sum(pending(c) for c in appeals)),
    ]


def _row(held: HeldSession, *, per_session: bool) -> AnnualRow:
    s = held.session
    if s.form is SessionForm.WRITTEN_RESOLUTION and s.written_from and s.written_until:
        when = f"{format_date(s.written_from)}～\n{format_date(s.written_until)}\n（書面決議）"
    else:
        when = "\n".join(
            f"{format_date(to_tokyo(t.starts_at).date())}\n{t.place}" for t in s.active_sittings
        )
    items = listed_items(held)
    outcome = outcomes(held)
    contents = "\n".join(f"{n}　{item_title(i)}" for n, i in enumerate(items, start=1))
    if per_session:
        conclusions = session_conclusion(items, outcome)
    else:
        conclusions = "\n".join(
            f"{n}　{item_conclusion(i, outcome)}" for n, i in enumerate(items, start=1)
        )
    return AnnualRow(f"第{s.number}回", when, contents, conclusions)


def listed_items(held: HeldSession) -> list[AgendaItem]:
    """The items the table lists: the consultations and the reports."""
    return [i for i in held.items if i.kind in (ItemKind.CONSULTATION, ItemKind.REPORT)]


def outcomes(held: HeldSession) -> dict[int, str]:
    """Each decided item's outcome (承認…), by item ID."""
    return {d.agenda_item_id: d.outcome.label for d in held.decisions}


def item_conclusion(item: AgendaItem, outcome: dict[int, str]) -> str:
    """The item's outcome; 報告 for a report, — for an item not decided."""
    return outcome.get(item.id, "報告" if item.kind is ItemKind.REPORT else "—")


def session_conclusion(items: list[AgendaItem], outcome: dict[int, str]) -> str:
    """One conclusion for the session: いずれも承認, or each outcome with its count."""
    decided = Counter(outcome[i.id] for i in items if i.id in outcome)
    if not decided:
        return "報告" if any(i.kind is ItemKind.REPORT for i in items) else "—"
    if len(decided) == 1:
        ((label, count),) = decided.items()
        return f"いずれも{label}" if count > 1 else label
    return "、".join(f"{label}{count}件" for label, count in decided.items())


def disposition_text(c: Consultation) -> str:
    """The decision appealed as the table names it: its kind, or its words for another kind."""
    a = c.appeal
    disposition = a.disposition.label if a.disposition else ""
    if a.disposition_detail and a.disposition in (None, Disposition.OTHER):
        disposition = a.disposition_detail
    return disposition


def _appeal_row(c: Consultation) -> AppealRow:
    disposition = disposition_text(c)
    if c.status is ConsultationStatus.WITHDRAWN:
        on = c.withdrawn_on
        answered = "取下げ" + (f"\n（{format_date(on, weekday=False)}）" if on else "")
    elif c.answered_on:
        answered = format_date(c.answered_on, weekday=False)
    else:
        answered = "審議中"
    return AppealRow(
        content=c.title,
        disposition=disposition,
        consulted_on=format_date(c.filed_on, weekday=False) if c.filed_on else "",
        answered_on=answered,
        conclusion=c.conclusion_line if c.status is ConsultationStatus.ANSWERED else "",
    )


def _cells(row: AnnualRow) -> tuple[str, str, str, str]:
    return row.number, row.when_where, row.contents, row.conclusions


def _appeal_cells(row: AppealRow) -> tuple[str, str, str, str, str]:
    return row.content, row.disposition, row.consulted_on, row.answered_on, row.conclusion


def annual_lines(annual: Annual) -> list[str]:
    """The report as lines of text, for the preview: one block per session and per case."""
    out = [annual.title, "", annual.lead, ""]
    for r in annual.rows:
        out += [
            f"{label}　{value}".replace("\n", "　")
            for label, value in zip(COLUMNS, _cells(r), strict=True)
        ]
        out.append("")
    if annual.appeals is not None:
        out.append(APPEALS_HEADING)
        for a in annual.appeals:
            out += [
                f"{label}　{value}".replace("\n", "　")
                for label, value in zip(APPEAL_COLUMNS, _appeal_cells(a), strict=True)
            ]
            out.append("")
        if not annual.appeals:
            out += [NO_APPEALS, ""]
    return out
