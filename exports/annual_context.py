"""The year's report's (運用状況) template context: every fact the report prints, as data.

Made from the year's :class:`exports.annual.AnnualRecord`: the sessions held with their items
and decisions, and the appeals in hand. An appeal is a :class:`agendas.model.Consultation`,
which holds no appellant: no template can print them. The template decides the title, the
columns, whether a conclusion is printed per item or per session, and the 審査請求の状況.

A value printed in a table cell is one line (a line end in a stored title is a space): a cell
of several lines is a list, which the Word template prints a paragraph a line and the Markdown
template joins with ``<br>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from agendas.model import Consultation, ConsultationStatus, ItemKind
from agendas.rules import item_title
from exports.annual import (
    AnnualRecord,
    HeldSession,
    appeal_counts,
    disposition_text,
    item_conclusion,
    lead_sentence,
    listed_items,
    outcomes,
    session_conclusion,
)
from exports.context import CouncilFacts
from meeting.dates import fiscal_year_bounds, format_fiscal_year, to_tokyo
from meeting.model import AnnualConclusions, CouncilKind, SessionForm, Sitting


def one_line(text: str) -> str:
    """A stored text for a table cell: its line ends as spaces."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


@dataclass(frozen=True)
class AnnualItem:
    """An item the session took up (a consultation or a report)."""

    number: int
    """Its place in the session's list, from 1."""
    title: str
    kind: str
    """諮問 or 報告."""
    conclusion: str
    """Its outcome (承認, 意見を付した上で承認, 継続審議…); 報告 for a report; — undecided."""


@dataclass(frozen=True)
class AnnualDay:
    """One day the session sat."""

    date: date
    place: str


@dataclass(frozen=True)
class AnnualSession:
    """A session held in the year: one row of the table."""

    number: int
    label: str
    """第1回"""
    kind: str
    """定例会 or 臨時会."""
    written: bool
    """Held in writing (書面決議): no days, a period instead."""
    written_from: date | None
    written_until: date | None
    days: list[AnnualDay]
    items: list[AnnualItem]
    conclusion: str
    """One conclusion for the session: いずれも承認, 承認1件、継続審議1件, 報告, —."""


@dataclass(frozen=True)
class AppealCase:
    """A 審査請求 case in hand during the year. Never its appellant."""

    title: str
    disposition: str
    """The decision appealed: 部分開示, 不開示… (its own words for another kind)."""
    consulted_on: date | None
    status: str
    """answered, withdrawn or pending (審議中)."""
    answered_on: date | None
    withdrawn_on: date | None
    conclusion: str
    """The answer's conclusion; "" until answered."""

    @property
    def answered(self) -> bool:
        return self.status == "answered"

    @property
    def withdrawn(self) -> bool:
        return self.status == "withdrawn"

    @property
    def pending(self) -> bool:
        return self.status == "pending"


@dataclass(frozen=True)
class AppealCounts:
    """What became of the appeals within the year."""

    received: int
    answered: int
    withdrawn: int
    pending: int
    """Still in hand at the year's end."""


@dataclass(frozen=True)
class AnnualContext:
    """What a 運用状況 template is given."""

    title: str
    """The app's title: 令和8年度 ひばり野市…審議会 運用状況."""
    council: CouncilFacts
    fiscal_year: int
    """2026 for 令和8年度."""
    year: str
    """令和8年度"""
    lead: str
    """「令和8年度は、…を1回開催しました。」 and, with appeals, what became of them."""
    held: int
    """How many sessions were held."""
    written: int
    """How many of them in writing (書面決議)."""
    per_session: bool
    """The council prints one conclusion per session (else one per item)."""
    sessions: list[AnnualSession]
    with_appeals: bool
    """The report has a 審査請求の状況 (a 審査会, or a council with appeals that year)."""
    appeals: list[AppealCase]
    appeal_counts: AppealCounts
    generated_at: datetime


def annual_context(record: AnnualRecord, *, now: datetime) -> AnnualContext:
    council = record.council
    first, last = fiscal_year_bounds(record.fiscal_year)
    counts = dict(appeal_counts(record.appeals, first, last))
    year = format_fiscal_year(record.fiscal_year)
    return AnnualContext(
        title=f"{year} {council.name} 運用状況",
        council=CouncilFacts.of(council),
        fiscal_year=record.fiscal_year,
        year=year,
        lead=lead_sentence(record),
        held=len(record.held),
        written=sum(h.session.form is SessionForm.WRITTEN_RESOLUTION for h in record.held),
        per_session=council.annual_conclusions is AnnualConclusions.SESSION,
        sessions=[_session(h) for h in record.held],
        with_appeals=council.kind is CouncilKind.SHINSAKAI or bool(record.appeals),
        appeals=[_appeal(c) for c in record.appeals],
        appeal_counts=AppealCounts(
            counts["諮問を受けたもの"],
            counts["答申したもの"],
            counts["取下げ"],
            counts["年度末に審議中のもの"],
        ),
        generated_at=now,
    )


def _session(held: HeldSession) -> AnnualSession:
    s = held.session
    written = bool(s.form is SessionForm.WRITTEN_RESOLUTION and s.written_from and s.written_until)
    items = listed_items(held)
    outcome = outcomes(held)
    return AnnualSession(
        s.number,
        f"第{s.number}回",
        s.kind.label,
        written,
        s.written_from if written else None,
        s.written_until if written else None,
        [] if written else [_day(t) for t in s.active_sittings],
        [
            AnnualItem(
                n,
                one_line(item_title(i)),
                "報告" if i.kind is ItemKind.REPORT else "諮問",
                item_conclusion(i, outcome),
            )
            for n, i in enumerate(items, start=1)
        ],
        session_conclusion(items, outcome),
    )


def _day(sitting: Sitting) -> AnnualDay:
    return AnnualDay(to_tokyo(sitting.starts_at).date(), one_line(sitting.place))


def _appeal(c: Consultation) -> AppealCase:
    if c.status is ConsultationStatus.WITHDRAWN:
        status = "withdrawn"
    elif c.answered_on:
        status = "answered"
    else:
        status = "pending"
    return AppealCase(
        one_line(c.title),
        one_line(disposition_text(c)),
        c.filed_on,
        status,
        c.answered_on,
        c.withdrawn_on,
        one_line(c.conclusion_line) if c.status is ConsultationStatus.ANSWERED else "",
    )
