"""Checking a record file before anything is written: its shape, then every row against the schema.

The file comes from outside, so nothing in it is trusted: table names come from ``TABLES`` and
column names from the database's own schema, and a refusal names the table, the row and the
column. The format's constants live here, the lowest of the record modules, so that the import's
entry points (``exports.record_json``) and its writing (``exports.record_merge``) share them
without a cycle.
"""

from __future__ import annotations

import json
import math
import reprlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from agendas.model import (
    CaseKind,
    Conclusion,
    ConsultationKind,
    ConsultationStatus,
    Disposition,
    ItemKind,
    Outcome,
)
from meeting.dates import to_iso
from meeting.errors import InputError
from meeting.migrations import SCHEMA_VERSION
from meeting.model import (
    AgendaNumbering,
    AnnualConclusions,
    CouncilKind,
    QuorumBase,
    RequestWording,
    Role,
    SessionForm,
    SessionKind,
    SessionStatus,
    SittingStatus,
    SpeakerNames,
    StaffNames,
    Threshold,
)
from meeting.store import record as record_store
from meeting.store.record import SESSION_ROWS
from minutes.model import SpeakerKind, UtteranceKind
from minutes.opinions import OpinionKind
from minutes.roll import OtherKind

FORMAT = "meeting-record"
VERSION = 1
LABEL = "記録ファイル"
MAX_TEXT = 1_000_000
"""The most characters one value may hold (a whole day's record is far less)."""

# (table, foreign keys: column -> table), parents first; ``TABLES`` adds the rows of each table
# that belong to the session (``meeting.store.record.SESSION_ROWS``).
_REFERENCES: list[tuple[str, dict[str, str]]] = [
    ("councils", {}),
    ("members", {"council_id": "councils"}),
    ("consultations", {"council_id": "councils"}),
    ("consultation_departments", {"consultation_id": "consultations"}),
    ("consultation_questions", {"consultation_id": "consultations"}),
    ("consultation_materials", {"consultation_id": "consultations"}),
    ("consultation_sections", {"consultation_id": "consultations"}),
    ("consultation_attachments", {"consultation_id": "consultations"}),
    ("consultation_extensions", {"consultation_id": "consultations"}),
    ("appellants", {"consultation_id": "consultations"}),
    ("answers", {"consultation_id": "consultations"}),
    ("answer_history", {"consultation_id": "consultations"}),
    ("sessions", {"council_id": "councils", "minutes_confirmed_by": "sessions"}),
    ("sittings", {"session_id": "sessions"}),
    ("attendance", {"sitting_id": "sittings", "member_id": "members"}),
    ("others_present", {"session_id": "sessions"}),
    (
        "agenda_items",
        {
            "session_id": "sessions",
            "sitting_id": "sittings",
            "consultation_id": "consultations",
            "carried_from_id": "agenda_items",
            "parent_id": "agenda_items",
        },
    ),
    ("others_items", {"other_id": "others_present", "agenda_item_id": "agenda_items"}),
    ("recusals", {"agenda_item_id": "agenda_items", "member_id": "members"}),
    ("written_answers", {"session_id": "sessions", "member_id": "members"}),
    (
        "utterances",
        {
            "session_id": "sessions",
            "sitting_id": "sittings",
            "agenda_item_id": "agenda_items",
            "member_id": "members",
        },
    ),
    ("utterance_history", {"utterance_id": "utterances"}),
    ("decisions", {"agenda_item_id": "agenda_items"}),
    ("opinions", {"decision_id": "decisions", "utterance_id": "utterances"}),
    ("speaker_letters", {"session_id": "sessions", "member_id": "members"}),
    ("errata", {"session_id": "sessions", "utterance_id": "utterances"}),
]

# (table, rows that belong to the session, foreign keys: column -> table). Parents come first.
TABLES: list[tuple[str, str, dict[str, str]]] = [
    (table, SESSION_ROWS[table], references) for table, references in _REFERENCES
]

NAMES = tuple(table for table, _, _ in TABLES)
# References that point to another session's row by nature (see ``exports.record_json``).
CONFIRMED_BY = ("sessions", "minutes_confirmed_by")
CARRIED_FROM = ("agenda_items", "carried_from_id")
# A heading may come after its children in the file (it was added later): checked once the whole
# table is read (``_check_headings``), written once every item is (``exports.record_merge``).
PARENT = ("agenda_items", "parent_id")

# The values a text column may hold: the schema's CHECKs and the code's enums.
_ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    key: tuple(str(v) for v in values)
    for key, values in {
        ("councils", "kind"): CouncilKind,
        ("councils", "speaker_names"): SpeakerNames,
        ("councils", "staff_names"): StaffNames,
        ("councils", "quorum_base"): QuorumBase,
        ("councils", "quorum_threshold"): Threshold,
        ("councils", "agenda_numbering"): AgendaNumbering,
        ("members", "role"): Role,
        ("consultations", "status"): ConsultationStatus,
        ("consultations", "kind"): CaseKind,
        ("consultations", "disposition"): Disposition,
        ("consultations", "conclusion"): Conclusion,
        ("councils", "request_wording"): RequestWording,
        ("councils", "annual_conclusions"): AnnualConclusions,
        ("consultation_departments", "role"): ("consulting", "using"),
        ("consultation_questions", "kind"): ConsultationKind,
        ("sessions", "kind"): SessionKind,
        ("sessions", "form"): SessionForm,
        ("sessions", "status"): SessionStatus,
        ("sessions", "speaker_names"): SpeakerNames,
        ("sittings", "status"): SittingStatus,
        ("attendance", "status"): ("present", "absent", "late", "left_early"),
        ("others_present", "kind"): OtherKind,
        ("agenda_items", "kind"): ItemKind,
        ("utterances", "kind"): UtteranceKind,
        ("utterances", "speaker_kind"): SpeakerKind,
        ("decisions", "outcome"): Outcome,
        ("opinions", "kind"): OpinionKind,
    }.items()
}
# Integer columns that are yes/no: 0 or 1 (JSON true/false is taken as 1/0).
_FLAGS = {
    ("councils", "chair_counts"),
    ("councils", "online_counts"),
    ("sessions", "public"),
    ("sittings", "online"),
    ("attendance", "online"),
    ("agenda_items", "public"),
    ("utterances", "public"),
    ("utterances", "continues"),
    ("opinions", "public"),
    ("councils", "summary_questions"),
    ("utterances", "continues"),
}
# Text columns where blank text means none, as the schema now says (a file of an older
# schema wrote an unnumbered consultation's number as '').
_BLANK_IS_NULL = {("consultations", "number")}
# Text columns that hold JSON the app reads back, with the shape it expects.
_JSON_TEXT: dict[tuple[str, str], type] = {
    ("answers", "body"): dict,
    ("answer_history", "body"): dict,
    ("decisions", "present_names"): list,
    ("consultation_departments", "path"): list,
    ("others_present", "department"): list,
    ("utterance_history", "before"): dict,
    ("utterance_history", "after"): dict,
}
_DATES = {"term_start", "term_end", "written_from", "written_until", "answer_due", "extended_to"}
# and every ``*_on``
_INT64 = 2**63
_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 40
_REPR.maxlist = _REPR.maxdict = 4
_REPR.maxlevel = 2


class NotJson(ValueError):
    """What Python's JSON reader takes but a record file may not hold: a key twice, NaN."""


def loads(text: str) -> Any:
    """The text's JSON, read strictly (see ``NotJson``)."""
    return json.loads(text, object_pairs_hook=_object, parse_constant=_constant)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise NotJson(f"同じ名前の項目が2回あります: {short(key)}")
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise NotJson(f"JSON にない値 {name} があります")


def refused(message: str) -> InputError:
    return InputError(LABEL, message)


def short(value: Any) -> str:
    """A value as a message may show it: truncated, control characters escaped."""
    return _REPR.repr(value)


def top(data: Any, source: str) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise refused(f"{source}meeting の記録ファイルではありません")
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        raise refused(f"記録ファイルの版 {short(version)} は読めません（版 {VERSION} のみ）")
    unknown = sorted(set(data) - {"format", "version", "schema", "tables"})
    if unknown:
        raise refused(
            f"知らない項目があります: {'、'.join(short(k) for k in unknown[:3])}"
            "（format, version, schema, tables だけです）"
        )
    schema = data.get("schema")
    if type(schema) is not int or schema < 1:
        raise refused(f"schema（スキーマの版）が正しくありません（値: {short(schema)}）")
    if schema > SCHEMA_VERSION:
        raise refused(
            f"スキーマ第{schema}版の meeting で書かれた記録です（この meeting は第{SCHEMA_VERSION}"
            "版まで）。meeting を更新してください"
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise refused(f"tables が表の名前と行の組ではありません（値: {short(tables)}）")
    for table, rows in tables.items():
        if table not in NAMES:
            raise refused(f"知らない表があります: {short(table)}")
        if not isinstance(rows, list):
            raise refused(f"表 {table} が行の並び（リスト）ではありません（値: {short(rows)}）")
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                raise refused(
                    f"表 {table} の {index + 1} 行目が列と値の組ではありません（値: {short(row)}）"
                )
    for table in ("councils", "sessions"):
        count = len(tables.get(table, []))
        if count != 1:
            raise refused(f"表 {table} にはちょうど1行が要ります（{count}行あります）")
    return data


@dataclass(frozen=True)
class _Column:
    type: str
    """The declared type: INTEGER, REAL, TEXT (another is checked as a single value)."""
    nullable: bool
    required: bool


@dataclass(frozen=True)
class Table:
    columns: dict[str, _Column]
    unique: tuple[tuple[str, ...], ...]
    """The primary key and every (whole-table) unique index, as column names."""

    @classmethod
    def read(cls, db: Database, table: str) -> Table:
        info = record_store.columns(db, table)
        columns = {}
        for c in info:
            row_id = c.name == "id" and c.pk == 1  # every reference needs it
            columns[c.name] = _Column(
                str(c.type).upper(),
                nullable=not (c.notnull or row_id),
                required=row_id or (c.notnull and c.default is None),
            )
        keys = [tuple(c.name for c in sorted(info, key=lambda c: c.pk) if c.pk)]
        for key in record_store.unique_indexes(db, table):
            if key not in keys:
                keys.append(key)
        return cls(columns, tuple(k for k in keys if k))


def row_place(table: str, index: int, row: dict[str, Any]) -> str:
    row_id = row.get("id")
    return f"表 {table} の {index + 1} 行目" + (f"（id {row_id}）" if type(row_id) is int else "")


def checked(data: dict[str, Any], schema: dict[str, Table]) -> dict[str, list[dict[str, Any]]]:
    """Every row as it will be written (JSON true/false as 1/0), or the first refusal."""
    tables: dict[str, list[dict[str, Any]]] = {}
    ids: dict[str, set[int]] = {table: set() for table in NAMES}
    for table, _, references in TABLES:
        seen: dict[tuple[str, ...], dict[tuple[Any, ...], int]] = {
            key: {} for key in schema[table].unique
        }
        rows = tables[table] = []
        for index, row in enumerate(data["tables"].get(table, [])):
            where = row_place(table, index, row)
            clean = _older(table, _row(table, schema[table], row, where), data["schema"])
            for key, first in seen.items():
                _check_unique(key, first, clean, index, where)
            for column, parent in references.items():
                value = clean.get(column)
                outside = (table, column) in (CONFIRMED_BY, CARRIED_FROM, PARENT)
                if value is not None and not outside and value not in ids[parent]:
                    what = "この表のそれより前の行" if parent == table else f"表 {parent} "
                    raise refused(
                        f"{where}の列 {column}: {what}にない行を指しています（値: {value}）"
                    )
            if "id" in clean:
                ids[table].add(clean["id"])
            rows.append(clean)
    _check_headings(tables["agenda_items"])
    return tables


_PATHS_SINCE = 9
"""The schema that gave departments their paths (``consultation_departments.path``) and staff
their department (``others_present.department``)."""


def _older(table: str, row: dict[str, Any], schema: int) -> dict[str, Any]:
    """A checked row of a file written before the schema had a place for what it holds, as
    the migration moves it: a department's 部 and 課 become its path, the department staff
    kept in ``organisation`` (its parts split at spaces) becomes theirs."""
    if schema >= _PATHS_SINCE:
        return row
    if table == "consultation_departments" and "path" not in row:
        parts = [str(row.get(k) or "").strip() for k in ("bureau", "division")]
        return {**row, "path": json.dumps([p for p in parts if p], ensure_ascii=False)}
    organisation = str(row.get("organisation") or "")
    staff = row.get("kind") != OtherKind.OBSERVER.value
    if table == "others_present" and "department" not in row and staff and organisation.strip():
        parts = organisation.replace("\u3000", " ").split()
        return {**row, "department": json.dumps(parts, ensure_ascii=False), "organisation": ""}
    return row


def _check_headings(items: list[dict[str, Any]]) -> None:
    """Every item's heading is another item of the file, itself at the top: headings are one
    level deep, so no item is its own heading and no chain of headings comes back on itself."""
    by_id = {row["id"]: row for row in items if "id" in row}
    for index, row in enumerate(items):
        parent_id = row.get("parent_id")
        if parent_id is None:
            continue
        where = f"{row_place('agenda_items', index, row)}の列 parent_id"
        parent = by_id.get(parent_id)
        if parent is None:
            raise refused(f"{where}: 表 agenda_items にない行を指しています（値: {parent_id}）")
        if parent_id == row.get("id"):
            raise refused(f"{where}: 議題が自分自身を見出しにしています（値: {parent_id}）")
        if parent.get("parent_id") is not None:
            raise refused(
                f"{where}: 見出しの下の議題を見出しにしています（見出しは一段だけです。"
                f"値: {parent_id}）"
            )
        if parent.get("session_id") != row.get("session_id"):
            raise refused(f"{where}: 別の会議の議題を見出しにしています（値: {parent_id}）")


def _row(table: str, shape: Table, row: dict[str, Any], where: str) -> dict[str, Any]:
    unknown = sorted(set(row) - set(shape.columns))
    if unknown:
        raise refused(f"{where}に知らない列があります: {'、'.join(short(k) for k in unknown[:3])}")
    clean = {}
    for name, column in shape.columns.items():
        if name in row:
            clean[name] = _value(table, name, column, row[name], f"{where}の列 {name}")
        elif column.required:
            raise refused(f"{where}の列 {name}: ありません（必ず要る列です）")
    return clean


def _check_unique(
    key: tuple[str, ...],
    first: dict[tuple[Any, ...], int],
    row: dict[str, Any],
    index: int,
    where: str,
) -> None:
    value = tuple(row.get(c) for c in key)
    if None not in value and first.setdefault(value, index) != index:
        shown: Any = value[0] if len(value) == 1 else value
        raise refused(
            f"{where}の列 {', '.join(key)}: {first[value] + 1} 行目と同じ値です"
            f"（値: {short(shown)}）"
        )


def _value(table: str, name: str, column: _Column, value: Any, where: str) -> Any:
    def refuse(problem: str) -> InputError:
        return refused(f"{where}: {problem}（値: {short(value)}）")

    if value is None:
        if column.nullable:
            return None
        raise refuse("空（null）にはできません")
    if column.type == "INTEGER":
        flag = (table, name) in _FLAGS
        if flag and isinstance(value, bool):
            return int(value)
        if type(value) is not int:
            raise refuse("整数ではありません")
        if not -_INT64 <= value < _INT64:
            raise refuse("整数が大きすぎます")
        if flag and value not in (0, 1):
            raise refuse("0 か 1 でなければなりません")
        return value
    if column.type == "REAL":
        if type(value) not in (int, float) or not math.isfinite(value):
            raise refuse("数ではありません")
        return value
    if column.type != "TEXT":
        if isinstance(value, (list, dict)):
            raise refuse("一つの値ではありません")
        return value
    if not isinstance(value, str):
        raise refuse("文字列ではありません")
    if len(value) > MAX_TEXT:
        raise refuse(f"{len(value):,}字は長すぎます（{MAX_TEXT:,}字まで）")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise refuse(
            f"対になっていないサロゲート U+{ord(value[e.start]):04X} があります"
            f"（{e.start + 1}字目）"
        ) from None
    if (table, name) in _BLANK_IS_NULL and not value.strip():
        return None
    allowed = _ENUMS.get((table, name))
    if allowed and value not in allowed:
        raise refuse(f"知らない値です（{'、'.join(allowed)} のどれか）")
    if (name.endswith("_on") or name in _DATES) and not _is_date(value):
        raise refuse("日付ではありません（例: 2026-10-21）")
    if name.endswith("_at") and not _is_moment(value):
        raise refuse("日時ではありません（例: 2026-10-21T14:00:00+09:00）")
    expected = _JSON_TEXT.get((table, name))
    if expected is not None and not _is_json(value, expected):
        what = "オブジェクト" if expected is dict else "文字列の配列"
        raise refuse(f"JSON の{what}ではありません")
    return value


def _is_date(text: str) -> bool:
    """Written as the app writes dates (2026-10-21), so that they sort and compare as text."""
    try:
        return date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _is_moment(text: str) -> bool:
    """Written as the app writes moments: seconds, Tokyo's offset (see ``to_iso``)."""
    try:
        return to_iso(datetime.fromisoformat(text)) == text
    except (ValueError, OverflowError):
        return False


def _is_json(text: str, expected: type) -> bool:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return False
    if expected is list:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, expected)
