"""A roster file as the office keeps it: a CSV saved by Excel, or the Excel workbook itself.

The office's roster lives in Excel. Saved as CSV it is Shift_JIS (cp932) by default, UTF-8
with a BOM when the clerk chose 「CSV UTF-8」, plain UTF-8 when a script wrote it; so the bytes
are tried as UTF-8 (a BOM skipped) and then as cp932, and the one used is named in the preview.
A workbook (.xlsx) is read by openpyxl, read-only and with the values Excel last computed.
Which reader is used follows the file's content, not its name: a workbook renamed .csv is still
read as a workbook, an old .xls is named as such.

Columns are found by their Japanese header, in whatever order and on whichever of the first
rows (a title such as 「委員名簿」 often stands above it); spaces and full-width forms in a header
do not matter. Every row keeps the number Excel shows for it, so a bad row is named where the
clerk will look for it.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from meeting.errors import InputError

Cell = str | int | float | date | None
"""A cell as read: text from a CSV; text, a number or a date (a date cell) from a workbook."""

COLUMNS = ("氏名", "ふりがな", "役職", "任期開始", "任期終了", "所属", "メール")
"""The roster's columns, by the header the export writes."""

MAX_ROWS = 2000
"""More rows than any council's roster: a file this long is the wrong file."""
HEADER_SEARCH = 10
"""The header is looked for on the first rows only (a title and a blank line may come first)."""

_ALIASES = {
    "氏名": ("氏名", "名前", "お名前", "委員名", "委員氏名", "氏名漢字"),
    "ふりがな": ("ふりがな", "フリガナ", "よみがな", "ヨミガナ", "よみ", "読み", "かな", "カナ"),
    "役職": ("役職", "役職名", "役"),
    "任期開始": ("任期開始", "任期開始日", "任期始期", "任期自", "任期から", "就任日"),
    "任期終了": (
        "任期終了",
        "任期終了日",
        "任期満了",
        "任期満了日",
        "任期終期",
        "任期至",
        "任期まで",
    ),
    "所属": ("所属", "所属職", "所属等", "所属団体", "所属役職", "職業"),
    "メール": (
        "メール",
        "メールアドレス",
        "電子メール",
        "eメール",
        "email",
        "mail",
        "emailアドレス",
    ),
}
# spaces, brackets and separators people put into a header: 任期（開始）, 所属・職, E-mail
_HEADER_NOISE = re.compile(r"[\s()（）\[\]［］【】「」・/／:：_\-－‐]")
_BY_HEADER = {
    _HEADER_NOISE.sub("", unicodedata.normalize("NFKC", alias)).lower(): column
    for column, aliases in _ALIASES.items()
    for alias in aliases
}

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the old binary Office format: .xls (and .doc)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_RESAVE = (
    "Excel で「CSV UTF-8（コンマ区切り）」か「Excel ブック（.xlsx）」として保存し直してください"
)


@dataclass(frozen=True)
class Row:
    line: int
    """The row's number in the spreadsheet (as Excel shows it), counting the header and the
    rows above it."""
    cells: dict[str, Cell]
    """By column (氏名, ふりがな…); a column the file does not have is absent."""


@dataclass(frozen=True)
class RosterFile:
    name: str
    """The file's name, for the preview."""
    read_as: str
    """How it was read, as the preview says it: 「UTF-8（BOM付き）」, 「Shift_JIS（cp932）」,
    「Excel ブック（シート「名簿」）」."""
    columns: tuple[str, ...]
    """The roster's columns the file has, in the file's order."""
    ignored: tuple[str, ...] = ()
    """Headers the file has that are not roster columns (備考…): left out, and said so."""
    rows: tuple[Row, ...] = ()


def read_roster_file(path: Path) -> RosterFile:
    """The file's rows by column, or an InputError that says what is wrong with the file.

    An OSError (no such file, no permission) is left to the caller, who knows how to say it.
    """
    data = path.read_bytes()
    if data.startswith(_ZIP):
        return _workbook(path.name, data)
    if data.startswith(_OLE):
        raise InputError(
            "ファイル", f"{path.name} は古い形式の Excel ファイル（.xls）で、読めません。{_RESAVE}"
        )
    text, read_as = decode(data, path.name)
    return _table(path.name, read_as, _csv_rows(text))


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV and the encoding it was read with: UTF-8 (with or without a BOM),
    else cp932 (Excel's 「CSV（コンマ区切り）」 on a Japanese PC)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            "ファイル",
            f"{name} は UTF-16 の「Unicode テキスト」で、読めません。{_RESAVE}",
        )
    if b"\x00" in data:
        raise InputError(
            "ファイル", f"{name} はテキストの CSV ではありません（バイナリのファイルです）"
        )
    for encoding, label in (("utf-8-sig", "UTF-8"), ("cp932", "Shift_JIS（cp932）")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            if encoding == "utf-8-sig" and not data[: e.start].isascii():
                # UTF-8 up to here (Japanese read as UTF-8): one part saved another way
                line = data[: e.start].count(b"\n") + 1
                raise InputError(
                    "ファイル",
                    f"{name} は UTF-8 ですが、{line}行目に UTF-8 として読めない文字があります"
                    f"（一部だけ別の文字コードで貼り付けられたようです）。{_RESAVE}",
                ) from None
            continue
        if encoding == "cp932" and _CONTROL.search(text):
            break  # cp932 decodes nearly any bytes: control characters say they were not text
        if encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf"):
            label = "UTF-8（BOM付き）"
        return text, label
    raise InputError(
        "ファイル",
        f"{name} の文字コードを読めません（UTF-8 でも Shift_JIS（cp932）でもありません）。"
        + _RESAVE,
    )


def _csv_rows(text: str) -> list[list[Cell]]:
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = "\t" if "\t" in first and "," not in first else ","  # Excel's タブ区切り too
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [[_unquoted(c) for c in r] for r in reader]
    except csv.Error as e:  # pragma: no cover - the csv module reads nearly anything as text
        raise InputError("ファイル", f"CSV として読めません（{e}）") from None


FORMULA_START = ("=", "+", "-", "@")
"""A CSV cell starting with one of these is a formula to Excel: the export puts an apostrophe
before it (OWASP's advice against CSV injection), and the import takes one apostrophe off."""


def _unquoted(cell: str) -> str:
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_START):
        return cell[1:]
    return cell


def _workbook(name: str, data: bytes) -> RosterFile:
    """The bytes already read, not the path: openpyxl refuses a name not ending in .xlsx, and
    the file is not held open (and locked, on Windows) while the rows are read."""
    from openpyxl import load_workbook  # imported here: a CSV import need not pay for it

    try:
        with warnings.catch_warnings():  # "extension not supported": of no matter here
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - a broken zip or XML raises any of a dozen kinds
        raise InputError(
            "ファイル",
            f"{name} は Excel ブック（.xlsx）として読めません（壊れているか、別の形式です）。"
            + _RESAVE,
        ) from None
    try:
        sheets = [book.active, *[s for s in book.worksheets if s is not book.active]]
        first_problem: InputError | None = None
        for sheet in sheets:
            if sheet is None or not hasattr(sheet, "reset_dimensions"):
                continue  # a chart sheet
            sheet.reset_dimensions()  # the stored dimension may be wrong; read every row
            cells = [list(r) for r in sheet.iter_rows(values_only=True)]
            try:
                return _table(name, f"Excel ブック（シート「{sheet.title}」）", cells)
            except InputError as problem:
                first_problem = first_problem or problem
        raise first_problem or InputError("ファイル", f"{name} に表のシートがありません")
    finally:
        book.close()


def header_column(text: str) -> str | None:
    """The roster column a header names (氏名 for 「お名前」, メール for 「E-mail」), or None."""
    key = _HEADER_NOISE.sub("", unicodedata.normalize("NFKC", text)).lower()
    return _BY_HEADER.get(key)


def _table(name: str, read_as: str, cells: list[list[Cell]]) -> RosterFile:
    header_at, columns = _header(name, read_as, cells)
    ignored = tuple(
        str(c).strip()
        for c in cells[header_at]
        if c is not None and str(c).strip() and header_column(str(c)) is None
    )
    rows: list[Row] = []
    for number, values in enumerate(cells[header_at + 1 :], start=header_at + 2):
        if all(_blank(v) for v in values):
            continue
        rows.append(
            Row(number, {c: values[i] if i < len(values) else None for c, i in columns.items()})
        )
        if len(rows) > MAX_ROWS:
            raise InputError(
                "ファイル", f"{name} は行が多すぎます（{MAX_ROWS}行まで）。名簿のファイルですか"
            )
    return RosterFile(name, read_as, tuple(columns), ignored, tuple(rows))


def _header(name: str, read_as: str, cells: list[list[Cell]]) -> tuple[int, dict[str, int]]:
    """The header row's index and each roster column's position in it."""
    for index, values in enumerate(cells[:HEADER_SEARCH]):
        columns: dict[str, int] = {}
        for position, value in enumerate(values):
            column = header_column(str(value)) if isinstance(value, str) else None
            if column is not None and column not in columns:
                columns[column] = position
        if "氏名" in columns:
            return index, columns
    found = max(
        ([str(v).strip() for v in values if not _blank(v)] for values in cells[:HEADER_SEARCH]),
        key=len,
        default=[],
    )
    if not found:
        raise InputError("ファイル", f"{name} は空です（{read_as}として読みました）")
    said = "、".join(f"「{h}」" for h in found[:10]) + ("…" if len(found) > 10 else "")
    hint = "。文字コードが違うかもしれません" if read_as.startswith("Shift_JIS") else ""
    raise InputError(
        "氏名",
        f"{name} に「氏名」の列がありません（見つかった列: {said}。{read_as}として読みました"
        f"{hint}）。見出しの行に「氏名」を入れてください",
    )


def _blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def excel_date(value: float) -> datetime:
    """A date cell whose format was lost reads as Excel's serial day number (45748)."""
    from openpyxl.utils.datetime import from_excel

    made = from_excel(value)
    if not isinstance(made, datetime):  # pragma: no cover - a serial is a day, never a time
        raise ValueError(value)
    return made
