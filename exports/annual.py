"""The year's table of sessions (運用状況): each session held, where, what it took up, what it
decided — generated from the records of one fiscal year."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from agendas.model import AgendaItem, ItemKind
from agendas.rules import item_title
from agendas.store import agenda
from exports.docx_format import PageFormat, new_document, paragraph
from meeting.dates import format_date, format_fiscal_year, to_tokyo
from meeting.model import Council, Session, SessionForm, SessionStatus
from meeting.store import get_council, list_sessions
from minutes.model import Decision
from minutes.store import decisions

COLUMNS = ("回数", "開催日・場所", "会議内容及び諮問事項", "結論")


@dataclass(frozen=True)
class AnnualRow:
    number: str
    when_where: str
    contents: str
    conclusions: str


@dataclass(frozen=True)
class HeldSession:
    session: Session
    items: list[AgendaItem]
    decisions: list[Decision]


@dataclass(frozen=True)
class AnnualRecord:
    """What the year's table is made from, read from the store once."""

    council: Council
    fiscal_year: int
    held: list[HeldSession]
    """The sessions held that year, in order, with their agendas and decisions."""

    @property
    def page(self) -> PageFormat:
        return PageFormat.of(self.council.page)


@dataclass(frozen=True)
class Annual:
    title: str
    rows: list[AnnualRow]


def read_annual(db: Database, council_id: int, fiscal_year: int) -> AnnualRecord:
    council = get_council(db, council_id)
    return AnnualRecord(council, fiscal_year, _held(db, council_id, fiscal_year))


def _held(db: Database, council_id: int, fiscal_year: int) -> list[HeldSession]:
    return [
        HeldSession(s, agenda(db, s.id), decisions(db, s.id))
        for s in list_sessions(db, council_id, fiscal_year=fiscal_year)
        if s.status is SessionStatus.HELD
    ]


def gather_annual(db: Database, council_id: int, fiscal_year: int) -> Annual:
    return annual_of(read_annual(db, council_id, fiscal_year))


def annual_of(record: AnnualRecord) -> Annual:
    return Annual(_title(record.council, record.fiscal_year), [_row(h) for h in record.held])


def _title(council: Council, fiscal_year: int) -> str:
    return f"{format_fiscal_year(fiscal_year)} {council.name} 運用状況"


def _row(held: HeldSession) -> AnnualRow:
    s = held.session
    if s.form is SessionForm.WRITTEN_RESOLUTION and s.written_from and s.written_until:
        when = f"{format_date(s.written_from)}～{format_date(s.written_until)}（書面決議）"
    else:
        when = "\n".join(
            f"{format_date(to_tokyo(t.starts_at).date())} {t.place}" for t in s.active_sittings
        )
    items = [i for i in held.items if i.kind in (ItemKind.CONSULTATION, ItemKind.REPORT)]
    outcome = {d.agenda_item_id: d.outcome.label for d in held.decisions}
    contents = "\n".join(f"{n}　{item_title(i)}" for n, i in enumerate(items, start=1))
    conclusions = "\n".join(
        f"{n}　{outcome.get(i.id, '報告' if i.kind is ItemKind.REPORT else '—')}"
        for n, i in enumerate(items, start=1)
    )
    return AnnualRow(f"第{s.number}回", when, contents, conclusions)


def annual_rows(db: Database, council_id: int, fiscal_year: int) -> list[AnnualRow]:
    return [_row(h) for h in _held(db, council_id, fiscal_year)]


def annual_title(db: Database, council_id: int, fiscal_year: int) -> str:
    return _title(get_council(db, council_id), fiscal_year)


def annual_lines(annual: Annual) -> list[str]:
    """The table as lines of text, for the preview: one block per session."""
    out = [annual.title, ""]
    for r in annual.rows:
        out += [f"{label}　{value}" for label, value in zip(COLUMNS, _cells(r), strict=True)]
        out.append("")
    return out


def _cells(row: AnnualRow) -> tuple[str, str, str, str]:
    return row.number, row.when_where, row.contents, row.conclusions


def annual_docx(
    title: str, rows: list[AnnualRow], path: Path, *, page: PageFormat | None = None
) -> Path:
    from docx.shared import Mm

    from exports.docx_format import clean
    from exports.writers import save

    page = page or PageFormat()
    doc = new_document(page)
    paragraph(doc, title, align="center", size_pt=14, bold=True, page=page)
    paragraph(doc, page=page)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.autofit = False
    for cell, name in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = name
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, _cells(row), strict=True):
            cell.text = clean(value)
    scale = page.text_width_mm / 150
    for column, width in zip(table.columns, (15, 40, 70, 25), strict=True):
        column.width = Mm(width * scale)
        for cell in column.cells:
            cell.width = Mm(width * scale)
    return save(path, doc.save)


def annual_markdown(title: str, rows: list[AnnualRow]) -> str:
    """The year's table as a GitHub table: ``|`` in a cell escaped, line ends as ``<br>``."""
    from exports.markdown import md_cell, md_inline

    out = [f"## {md_inline(title)}", "", "| " + " | ".join(COLUMNS) + " |"]
    out.append("|" + " --- |" * len(COLUMNS))
    for r in rows:
        out.append("| " + " | ".join(md_cell(c) for c in _cells(r)) + " |")
    return "\n".join(out) + "\n"
