"""The council's roster written as the office keeps it: a CSV Excel opens, or an Excel workbook.

Both carry the import's headers (氏名, ふりがな, 役職, 任期開始, 任期終了, 所属, メール), so a
roster written here and edited in Excel imports back as it is.

- CSV: UTF-8 with a BOM (without one, Japanese Excel reads UTF-8 as Shift_JIS and shows
  mojibake) and CRLF line ends, as Excel writes its own 「CSV UTF-8」. Dates as the clerk writes
  them, 令和7年4月1日, which the import reads back.
- .xlsx: dates are date cells shown in the era (``[$-411]ggge"年"m"月"d"日"``: 令和7年4月1日 in
  a Japanese Excel, and still a date to sort and filter by); text cells are text, so a name
  that starts with = is never a formula.

The file holds members' addresses: it is private (0600), written whole or not at all.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from exports.atomic import save
from meeting.dates import format_date
from meeting.errors import InputError
from meeting.model import Member
from meeting.roster import roster_order
from meeting.roster_file import COLUMNS, FORMULA_START
from meeting.roster_import import values
from meeting.text import visible

ERA_DATE_FORMAT = '[$-411]ggge"年"m"月"d"日"'
EXCEL_FIRST_DAY = date(1900, 3, 1)
"""Excel's dates begin in 1900 (and count a 29 February 1900 that never was): an earlier
date is written as text, which the import reads the same."""
SHEET_TITLE = "委員名簿"
SUFFIXES = (".csv", ".xlsx")


def write_roster(members: Iterable[Member], path: Path) -> Path:
    """Write the roster to ``path`` (.csv or .xlsx, by its suffix); returns the path written."""
    rows = export_rows(members)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        data = roster_csv(rows).encode("utf-8-sig")
        return save(path, lambda tmp: Path(tmp).write_bytes(data), kind="csv")
    if suffix == ".xlsx":
        return save(path, lambda tmp: _write_workbook(rows, Path(tmp)), kind="xlsx")
    raise InputError("保存先", f"{path.name}: .csv か .xlsx のファイル名にしてください")


def roster_csv(rows: list[dict[str, str | date | None]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(row[c]) for c in COLUMNS])
    return out.getvalue()


def export_rows(members: Iterable[Member]) -> list[dict[str, str | date | None]]:
    """The roster in its reading order (the chair first), one row a member."""
    return [values(m) for m in roster_order(members)]


def csv_cell(value: str | date | None) -> str:
    """A cell of the CSV export: a date as the clerk writes it (令和7年4月1日, which the import
    reads back), a formula-like text behind an apostrophe."""
    if isinstance(value, date):
        return format_date(value, weekday=False)
    text = value or ""
    if text.lstrip("'").startswith(FORMULA_START) and text not in FORMULA_START:
        return "'" + text  # and one more before a text that starts with one: it round-trips
    return text


def _write_workbook(rows: list[dict[str, str | date | None]], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE)
    for column, width in zip("ABCDEFG", (16, 20, 8, 18, 18, 24, 28), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.append(list(COLUMNS))
    for row in rows:
        cells = []
        for column in COLUMNS:
            value = row[column]
            cell = WriteOnlyCell(sheet, value=None if isinstance(value, str) else value)
            if isinstance(value, date) and value < EXCEL_FIRST_DAY:
                cell.value = format_date(value, weekday=False)  # before Excel's calendar
            elif isinstance(value, date):
                cell.number_format = ERA_DATE_FORMAT
            elif isinstance(value, str):
                cell.value = _xml_safe(value)
                cell.data_type = "s"  # text, even when it starts with =
            cells.append(cell)
        sheet.append(cells)
    book.save(path)


def _xml_safe(text: str) -> str:
    """A workbook (XML) cannot hold control characters (a pasted ESC): shown as marks (␛)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub(lambda m: visible(m.group()), text))
