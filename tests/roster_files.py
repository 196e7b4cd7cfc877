"""Roster files as the office makes them, written by the tests: CSV in Excel's encodings, and
workbooks with date cells and 和暦 typed as text. Every person is fictional."""

from __future__ import annotations

import csv
import io
from pathlib import Path

HEADER = ["氏名", "ふりがな", "役職", "任期開始", "任期終了", "所属", "メール"]


def csv_bytes(rows: list[list[str]], encoding: str) -> bytes:
    """Rows as Excel writes a CSV: CRLF line ends, in ``encoding`` (utf-8-sig has the BOM)."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(csv_bytes(rows, encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]], *, title: str | None = None) -> Path:
    """A workbook whose sheet may start with a title row and a blank row above the header."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "名簿"
    if title:
        sheet.append([title])
        sheet.append([])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path
