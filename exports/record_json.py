"""A session's whole record as JSON, and back: a documented, versioned format.

Format ``meeting-record`` version 1::

    {"format": "meeting-record", "version": 1, "schema": <schema version>,
     "tables": {"<table>": [{"<column>": value, ...}, ...], ...}}

``tables`` holds, column for column as the database stores them, every row the session needs:
its council, the council's members, the consultations on its agenda (with departments,
questions, materials, the answers' texts and their earlier texts), the session, sittings,
attendance, others present and the items they attended, the agenda, recusals, written answers,
utterances and their history, decisions, opinions, speaker letters, the approval of the minutes
(on the session row) and its errata.

A record file comes from outside, so an import trusts nothing in it. Table names come from
``TABLES`` and column names from the database's own schema, never from the file; every value is
checked against its column (type, null, known values, date form, length) and every reference
must point to a row of the file, all before anything is written; then one transaction writes
it all, or nothing. A refusal names the table, the row and the column.

Ids are the exporting database's; an import gives every row a new id and rewrites the
references. An import always adds a new session: one whose UID is already here is refused, and
no row of another session is ever changed, so a confirmed record stays as it was. The session's
council is reused only when it is the same council: same name, municipality, kind, way of naming
speakers, and every member in the file found here by name, role and reading. A council that
differs is refused, or added as a separate council when asked (``as_new_council``). Within a
reused council, members are reused, and consultations by number: a consultation here is never
changed, a difference is reported. An answer's text is never overwritten silently: a newer text
replaces the one here, which is kept in ``answer_history``; an older one is only kept there.

Two references point outside the file by nature, and are not refused. The session at which the
minutes were confirmed (``sessions.minutes_confirmed_by``) is a later session: an import leaves
it empty; the date of confirmation, the revision and every erratum travel. The item a carried-over
item continues (``agenda_items.carried_from_id``) belongs to an earlier session: an import links
it to this database's latest item of the same consultation, or, when there is none, leaves it
empty and says so.
"""

from __future__ import annotations

import json
import math
import reprlib
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from agendas.model import ConsultationKind, ConsultationStatus, ItemKind
from meeting.clock import system_clock
from meeting.dates import TOKYO, from_iso, to_iso
from meeting.db import immediate, schema_version
from meeting.errors import InputError
from meeting.migrations import SCHEMA_VERSION
from meeting.model import (
    CouncilKind,
    QuorumBase,
    Role,
    SessionForm,
    SessionKind,
    SessionStatus,
    SittingStatus,
    SpeakerNames,
    Threshold,
)
from meeting.text import one_line
from minutes.model import Outcome, SpeakerKind, UtteranceKind
from minutes.opinions import OpinionKind
from minutes.roll import OtherKind

FORMAT = "meeting-record"
VERSION = 1
LABEL = "記録ファイル"
MAX_FILE_BYTES = 200_000_000
"""A bigger file is refused before it is parsed (a year of sessions is a few megabytes)."""
MAX_TEXT = 1_000_000
"""The most characters one value may hold (a whole day's record is far less)."""

_IN_SESSION_ITEMS = "(SELECT id FROM agenda_items WHERE session_id = :session)"
_IN_CONSULTATIONS = f"(SELECT consultation_id FROM agenda_items WHERE id IN {_IN_SESSION_ITEMS})"

# (table, rows that belong to the session, foreign keys: column -> table). Parents come first.
TABLES: list[tuple[str, str, dict[str, str]]] = [
    ("councils", "id = (SELECT council_id FROM sessions WHERE id = :session)", {}),
    (
        "members",
        "council_id = (SELECT council_id FROM sessions WHERE id = :session)",
        {"council_id": "councils"},
    ),
    ("consultations", f"id IN {_IN_CONSULTATIONS}", {"council_id": "councils"}),
    (
        "consultation_departments",
        f"consultation_id IN {_IN_CONSULTATIONS}",
        {"consultation_id": "consultations"},
    ),
    (
        "consultation_questions",
        f"consultation_id IN {_IN_CONSULTATIONS}",
        {"consultation_id": "consultations"},
    ),
    (
        "consultation_materials",
        f"consultation_id IN {_IN_CONSULTATIONS}",
        {"consultation_id": "consultations"},
    ),
    ("answers", f"consultation_id IN {_IN_CONSULTATIONS}", {"consultation_id": "consultations"}),
    (
        "answer_history",
        f"consultation_id IN {_IN_CONSULTATIONS}",
        {"consultation_id": "consultations"},
    ),
    (
        "sessions",
        "id = :session",
        {"council_id": "councils", "minutes_confirmed_by": "sessions"},
    ),
    ("sittings", "session_id = :session", {"session_id": "sessions"}),
    (
        "attendance",
        "sitting_id IN (SELECT id FROM sittings WHERE session_id = :session)",
        {"sitting_id": "sittings", "member_id": "members"},
    ),
    ("others_present", "session_id = :session", {"session_id": "sessions"}),
    (
        "agenda_items",
        "session_id = :session",
        {
            "session_id": "sessions",
            "sitting_id": "sittings",
            "consultation_id": "consultations",
            "carried_from_id": "agenda_items",
        },
    ),
    (
        "others_items",
        "other_id IN (SELECT id FROM others_present WHERE session_id = :session)",
        {"other_id": "others_present", "agenda_item_id": "agenda_items"},
    ),
    (
        "recusals",
        f"agenda_item_id IN {_IN_SESSION_ITEMS}",
        {"agenda_item_id": "agenda_items", "member_id": "members"},
    ),
    (
        "written_answers",
        "session_id = :session",
        {"session_id": "sessions", "member_id": "members"},
    ),
    (
        "utterances",
        "session_id = :session",
        {
            "session_id": "sessions",
            "sitting_id": "sittings",
            "agenda_item_id": "agenda_items",
            "member_id": "members",
        },
    ),
    (
        "utterance_history",
        "utterance_id IN (SELECT id FROM utterances WHERE session_id = :session)",
        {"utterance_id": "utterances"},
    ),
    ("decisions", f"agenda_item_id IN {_IN_SESSION_ITEMS}", {"agenda_item_id": "agenda_items"}),
    (
        "opinions",
        f"decision_id IN (SELECT id FROM decisions WHERE agenda_item_id IN {_IN_SESSION_ITEMS})",
        {"decision_id": "decisions", "utterance_id": "utterances"},
    ),
    (
        "speaker_letters",
        "session_id = :session",
        {"session_id": "sessions", "member_id": "members"},
    ),
    ("errata", "session_id = :session", {"session_id": "sessions", "utterance_id": "utterances"}),
]

_NAMES = tuple(table for table, _, _ in TABLES)
_PARTS_OF = {
    "consultation_departments": "consultation_id",
    "consultation_questions": "consultation_id",
    "consultation_materials": "consultation_id",
    "answers": "consultation_id",
    "answer_history": "consultation_id",
}
# References that point to another session's row by nature (see the module's docstring).
_CONFIRMED_BY = ("sessions", "minutes_confirmed_by")
_CARRIED_FROM = ("agenda_items", "carried_from_id")

# The values a text column may hold: the schema's CHECKs and the code's enums.
_ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    key: tuple(str(v) for v in values)
    for key, values in {
        ("councils", "kind"): CouncilKind,
        ("councils", "speaker_names"): SpeakerNames,
        ("councils", "quorum_base"): QuorumBase,
        ("councils", "quorum_threshold"): Threshold,
        ("members", "role"): Role,
        ("consultations", "status"): ConsultationStatus,
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
    ("opinions", "public"),
}
# Text columns that hold JSON the app reads back, with the shape it expects.
_JSON_TEXT: dict[tuple[str, str], type] = {
    ("answers", "body"): dict,
    ("answer_history", "body"): dict,
    ("decisions", "present_names"): list,
    ("utterance_history", "before"): dict,
    ("utterance_history", "after"): dict,
}
_DATES = {"term_start", "term_end", "written_from", "written_until"}  # and every ``*_on``
_INT64 = 2**63
_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 40
_REPR.maxlist = _REPR.maxdict = 4
_REPR.maxlevel = 2


@dataclass(frozen=True)
class Imported:
    """What an import did: the new session, and what the clerk should know about it."""

    session_id: int
    notes: tuple[str, ...] = ()


def export_record(db: Database, session_id: int) -> dict[str, Any]:
    if db.execute("SELECT 1 FROM sessions WHERE id = ?", [session_id]).fetchone() is None:
        raise InputError("--session", f"会議 {session_id} はありません")
    tables: dict[str, list[dict[str, Any]]] = {}
    for table, where, _ in TABLES:
        cursor = db.execute(
            f"SELECT * FROM {table} WHERE {where} ORDER BY rowid", {"session": session_id}
        )
        columns = [c[0] for c in cursor.description]
        tables[table] = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return {"format": FORMAT, "version": VERSION, "schema": schema_version(db), "tables": tables}


def write_record(data: dict[str, Any], path: Path) -> Path:
    from exports.writers import write_text

    return write_text(json.dumps(data, ensure_ascii=False, indent=1), path)


def read_record(path: Path) -> dict[str, Any]:
    """The file's JSON, if it is a record file; its rows are checked by the import."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise InputError(LABEL, f"{path} を読めません（{e.strerror or e}）") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(LABEL, f"{path} は大きすぎます（{MAX_FILE_BYTES:,}バイトまで）")
    if not raw.strip():
        raise InputError(LABEL, f"{path} を読めません（空のファイルです）")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            LABEL, f"{path} を読めません（UTF-8 ではありません: {e.start + 1}バイト目）"
        ) from None
    try:
        data = json.loads(text, object_pairs_hook=_object, parse_constant=_constant)
    except json.JSONDecodeError as e:
        raise InputError(
            LABEL, f"{path} を読めません（JSON として正しくありません: {e.lineno}行{e.colno}列）"
        ) from None
    except _NotJson as e:
        raise InputError(LABEL, f"{path} を読めません（{e}）") from None
    except (ValueError, RecursionError):
        raise InputError(
            LABEL, f"{path} を読めません（数の桁が多すぎるか、入れ子が深すぎます）"
        ) from None
    return _top(data, f"{path} は ")


def import_record(db: Database, data: Any, *, as_new_council: bool = False) -> int:
    """Add the session to this database; returns its new id. All or nothing.

    ``import_with_notes`` does the same and also says what the clerk should know."""
    return import_with_notes(db, data, as_new_council=as_new_council).session_id


def import_with_notes(
    db: Database, data: Any, *, as_new_council: bool = False, at: datetime | None = None
) -> Imported:
    """Check the whole record, then add it in one transaction; the notes say what the clerk
    should know (a council added, an answer's text replaced, a consultation that differs)."""
    schema = {table: _Table.read(db, table) for table in _NAMES}
    tables = _checked(_top(data, ""), schema)
    with immediate(db):
        plan = _match(db, tables, as_new_council=as_new_council)
        session_id = _write(db, tables, schema, plan, at or system_clock())
    return Imported(session_id, tuple(plan.notes))


# Checking: the file's shape, then every row against the schema


class _NotJson(ValueError):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _NotJson(f"同じ名前の項目が2回あります: {_short(key)}")
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise _NotJson(f"JSON にない値 {name} があります")


def _refused(message: str) -> InputError:
    return InputError(LABEL, message)


def _short(value: Any) -> str:
    """A value as a message may show it: truncated, control characters escaped."""
    return _REPR.repr(value)


def _label(text: str) -> str:
    """A name from the file as a note shows it: one line, nothing a terminal would act on."""
    return one_line(text if len(text) <= 60 else text[:60] + "…")


def _top(data: Any, source: str) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _refused(f"{source}meeting の記録ファイルではありません")
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        raise _refused(f"記録ファイルの版 {_short(version)} は読めません（版 {VERSION} のみ）")
    unknown = sorted(set(data) - {"format", "version", "schema", "tables"})
    if unknown:
        raise _refused(
            f"知らない項目があります: {'、'.join(_short(k) for k in unknown[:3])}"
            "（format, version, schema, tables だけです）"
        )
    schema = data.get("schema")
    if type(schema) is not int or schema < 1:
        raise _refused(f"schema（スキーマの版）が正しくありません（値: {_short(schema)}）")
    if schema > SCHEMA_VERSION:
        raise _refused(
            f"スキーマ第{schema}版の meeting で書かれた記録です（この meeting は第{SCHEMA_VERSION}"
            "版まで）。meeting を更新してください"
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise _refused(f"tables が表の名前と行の組ではありません（値: {_short(tables)}）")
    for table, rows in tables.items():
        if table not in _NAMES:
            raise _refused(f"知らない表があります: {_short(table)}")
        if not isinstance(rows, list):
            raise _refused(f"表 {table} が行の並び（リスト）ではありません（値: {_short(rows)}）")
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                raise _refused(
                    f"表 {table} の {index + 1} 行目が列と値の組ではありません（値: {_short(row)}）"
                )
    for table in ("councils", "sessions"):
        count = len(tables.get(table, []))
        if count != 1:
            raise _refused(f"表 {table} にはちょうど1行が要ります（{count}行あります）")
    return data


@dataclass(frozen=True)
class _Column:
    type: str
    """The declared type: INTEGER, REAL, TEXT (another is checked as a single value)."""
    nullable: bool
    required: bool


@dataclass(frozen=True)
class _Table:
    columns: dict[str, _Column]
    unique: tuple[tuple[str, ...], ...]
    """The primary key and every (whole-table) unique index, as column names."""

    @classmethod
    def read(cls, db: Database, table: str) -> _Table:
        info = db.execute(f"PRAGMA table_info({table})").fetchall()
        columns = {}
        for _, name, declared, notnull, default, pk in info:
            row_id = name == "id" and pk == 1  # every reference needs it
            columns[name] = _Column(
                str(declared).upper(),
                nullable=not (notnull or row_id),
                required=row_id or (bool(notnull) and default is None),
            )
        keys = [tuple(r[1] for r in sorted(info, key=lambda r: r[5]) if r[5])]
        for _, index, unique, _, partial in db.execute(f"PRAGMA index_list({table})"):
            if unique and not partial:
                key = tuple(r[2] for r in db.execute(f'PRAGMA index_info("{index}")'))
                if key not in keys:
                    keys.append(key)
        return cls(columns, tuple(k for k in keys if k))


def _where(table: str, index: int, row: dict[str, Any]) -> str:
    row_id = row.get("id")
    return f"表 {table} の {index + 1} 行目" + (f"（id {row_id}）" if type(row_id) is int else "")


def _checked(data: dict[str, Any], schema: dict[str, _Table]) -> dict[str, list[dict[str, Any]]]:
    """Every row as it will be written (JSON true/false as 1/0), or the first refusal."""
    tables: dict[str, list[dict[str, Any]]] = {}
    ids: dict[str, set[int]] = {table: set() for table in _NAMES}
    for table, _, references in TABLES:
        seen: dict[tuple[str, ...], dict[tuple[Any, ...], int]] = {
            key: {} for key in schema[table].unique
        }
        rows = tables[table] = []
        for index, row in enumerate(data["tables"].get(table, [])):
            where = _where(table, index, row)
            clean = _row(table, schema[table], row, where)
            for key, first in seen.items():
                _check_unique(key, first, clean, index, where)
            for column, parent in references.items():
                value = clean.get(column)
                outside = (table, column) in (_CONFIRMED_BY, _CARRIED_FROM)
                if value is not None and not outside and value not in ids[parent]:
                    what = "この表のそれより前の行" if parent == table else f"表 {parent} "
                    raise _refused(
                        f"{where}の列 {column}: {what}にない行を指しています（値: {value}）"
                    )
            if "id" in clean:
                ids[table].add(clean["id"])
            rows.append(clean)
    return tables


def _row(table: str, shape: _Table, row: dict[str, Any], where: str) -> dict[str, Any]:
    unknown = sorted(set(row) - set(shape.columns))
    if unknown:
        raise _refused(
            f"{where}に知らない列があります: {'、'.join(_short(k) for k in unknown[:3])}"
        )
    clean = {}
    for name, column in shape.columns.items():
        if name in row:
            clean[name] = _value(table, name, column, row[name], f"{where}の列 {name}")
        elif column.required:
            raise _refused(f"{where}の列 {name}: ありません（必ず要る列です）")
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
        raise _refused(
            f"{where}の列 {', '.join(key)}: {first[value] + 1} 行目と同じ値です"
            f"（値: {_short(shown)}）"
        )


def _value(table: str, name: str, column: _Column, value: Any, where: str) -> Any:
    def refuse(problem: str) -> InputError:
        return _refused(f"{where}: {problem}（値: {_short(value)}）")

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


# Matching: what already exists here


@dataclass
class _Plan:
    council: int | None = None
    """The council here that the file's is, or None to add it."""
    members: dict[int, int] = field(default_factory=dict)
    consultations: dict[int, int] = field(default_factory=dict)
    """The file's ids of the rows reused, with their ids here."""
    notes: list[str] = field(default_factory=list)


def _match(db: Database, tables: dict[str, list[dict[str, Any]]], *, as_new_council: bool) -> _Plan:
    session = tables["sessions"][0]
    if db.execute("SELECT 1 FROM sessions WHERE uid = ?", [session["uid"]]).fetchone():
        raise _refused("この会議は既に取り込まれています（同じUIDの会議があります）")
    for index, sitting in enumerate(tables["sittings"]):
        if db.execute("SELECT 1 FROM sittings WHERE uid = ?", [sitting["uid"]]).fetchone():
            raise _refused(
                f"{_where('sittings', index, sitting)}の列 uid: 同じUIDの会議日が既にあります"
                f"（値: {_short(sitting['uid'])}）"
            )
    plan = _Plan()
    council = tables["councils"][0]
    name = _label(council["name"])
    same_name = db.execute(
        "SELECT id FROM councils WHERE name = ? ORDER BY id", [council["name"]]
    ).fetchall()
    differing: tuple[int, list[str]] | None = None
    for (local_id,) in same_name:
        differences, members = _council_differences(db, local_id, council, tables["members"])
        if not differences:
            plan.council, plan.members = local_id, members
            break
        differing = differing or (local_id, differences)
    if plan.council is None and differing is None:
        plan.notes.append(f"審議会「{name}」を新しく登録しました")
    elif plan.council is None and differing is not None:
        local_id, differences = differing
        listed = "、".join(differences[:5]) + (
            f"ほか{len(differences) - 5}件" if len(differences) > 5 else ""
        )
        if not as_new_council:
            raise _refused(
                f"審議会「{name}」は、このデータベースにある同じ名前の審議会（ID {local_id}）と"
                f"違います: {listed}。別の審議会として取り込むには --as-new-council を付けて"
                "ください"
            )
        plan.notes.append(
            f"審議会「{name}」は、このデータベースにある同じ名前の審議会（ID {local_id}）と違う"
            f"ため（{listed}）、別の審議会として取り込みました"
        )
    if plan.council is not None:
        for c in tables["consultations"]:
            found = db.execute(
                "SELECT id FROM consultations WHERE council_id = ? AND number = ?",
                [plan.council, c["number"]],
            ).fetchone()
            if found is None:
                continue
            plan.consultations[c["id"]] = found[0]
            differences = _consultation_differences(db, found[0], c, tables)
            if differences:
                plan.notes.append(
                    f"諮問 {_label(c['number'])} は、このデータベースにあるものと違います"
                    f"（{'、'.join(differences)}）。このデータベースのものをそのまま使いました"
                )
    return plan


def _council_differences(
    db: Database, local_id: int, council: dict[str, Any], members: list[dict[str, Any]]
) -> tuple[list[str], dict[int, int]]:
    """How the file's council differs from one here; and, member by member, who is who."""
    local = db.execute(
        "SELECT municipality, kind, speaker_names FROM councils WHERE id = ?", [local_id]
    ).fetchone()
    differences = []
    for (label, column, default), mine in zip(
        (
            ("市町村", "municipality", ""),
            ("種別", "kind", CouncilKind.SHINGIKAI.value),
            ("発言者の表記", "speaker_names", SpeakerNames.NAMED.value),
        ),
        local,
        strict=True,
    ):
        theirs = council.get(column, default)
        if theirs != mine:
            if column == "speaker_names":
                theirs, mine = SpeakerNames(theirs).label, SpeakerNames(mine).label
            differences.append(
                f"{label}（ファイル: {_label(theirs)}、このデータベース: {_label(mine)}）"
            )
    here = db.execute(
        "SELECT id, name, reading, role FROM members WHERE council_id = ? ORDER BY id", [local_id]
    ).fetchall()
    found: dict[int, int] = {}
    for m in members:
        role, reading = m.get("role", Role.MEMBER.value), m.get("reading", "")
        named = [r for r in here if r[1] == m["name"]]
        same = [r for r in named if r[3] == role and (not reading or not r[2] or r[2] == reading)]
        who = f"委員「{_label(m['name'])}」"
        if same:
            found[m["id"]] = same[0][0]
        elif not named:
            differences.append(f"{who}がいません")
        elif all(r[3] != role for r in named):
            differences.append(
                f"{who}の役職（ファイル: {Role(role).label}、"
                f"このデータベース: {Role(named[0][3]).label}）"
            )
        else:
            differences.append(
                f"{who}の読み（ファイル: {_label(reading)}、"
                f"このデータベース: {_label(named[0][2])}）"
            )
    return differences, found


_CONSULTATION_FIELDS = (
    ("件名", "title"),
    ("諮問日", "filed_on"),
    ("答申番号", "answer_number"),
    ("答申日", "answered_on"),
)
_CONSULTATION_PARTS = (
    ("諮問機関・利用機関", "consultation_departments", ("role", "position", "bureau", "division")),
    ("諮問の問い", "consultation_questions", ("position", "kind", "article", "text")),
    ("資料", "consultation_materials", ("position", "name")),
)


def _consultation_differences(
    db: Database, local_id: int, c: dict[str, Any], tables: dict[str, list[dict[str, Any]]]
) -> list[str]:
    columns = ", ".join(column for _, column in _CONSULTATION_FIELDS)
    local = db.execute(f"SELECT {columns} FROM consultations WHERE id = ?", [local_id]).fetchone()
    differences = [
        label
        for (label, column), mine in zip(_CONSULTATION_FIELDS, local, strict=True)
        if column in c and c[column] != mine
    ]
    for label, table, part_columns in _CONSULTATION_PARTS:
        theirs = sorted(
            tuple(r.get(k, "") for k in part_columns)
            for r in tables[table]
            if r["consultation_id"] == c["id"]
        )
        mine_rows = db.execute(
            f"SELECT {', '.join(part_columns)} FROM {table} WHERE consultation_id = ?",
            [local_id],
        ).fetchall()
        if theirs != sorted(tuple(r) for r in mine_rows):
            differences.append(label)
    return differences


# Writing: one pass, parents first


def _write(
    db: Database,
    tables: dict[str, list[dict[str, Any]]],
    schema: dict[str, _Table],
    plan: _Plan,
    at: datetime,
) -> int:
    new_ids: dict[str, dict[int, int]] = {table: {} for table in _NAMES}
    if plan.council is not None:
        new_ids["councils"][tables["councils"][0]["id"]] = plan.council
    new_ids["members"].update(plan.members)
    new_ids["consultations"].update(plan.consultations)
    numbers = {c["id"]: _label(c["number"]) for c in tables["consultations"]}
    for table, _, references in TABLES:
        ids = new_ids[table]
        for index, row in enumerate(tables[table]):
            if row.get("id") in ids:
                continue  # a council, member or consultation that is already here
            values = {k: v for k, v in row.items() if k != "id"}
            outside = []
            for column, parent in references.items():
                value = values.get(column)
                if value is None:
                    continue
                if (table, column) == _CONFIRMED_BY:
                    values[column] = None  # another session, not in the file
                elif value in new_ids[parent]:
                    values[column] = new_ids[parent][value]
                else:
                    outside.append(column)  # the checks let only _CARRIED_FROM through
            for column in outside:
                values[column] = _carried_from(db, values, plan.notes)
            part_of = _PARTS_OF.get(table)
            if part_of and row[part_of] in plan.consultations:
                number = numbers[row[part_of]]
                if table == "answers":
                    _merge_answer(db, values, at, number, plan.notes)
                elif table == "answer_history":
                    _keep_answer(db, values)
                continue  # the consultation's other parts are those here
            new_id = _insert(db, table, schema[table], values, _where(table, index, row))
            if "id" in row:
                ids[row["id"]] = new_id
    return new_ids["sessions"][tables["sessions"][0]["id"]]


def _insert(db: Database, table: str, shape: _Table, values: dict[str, Any], where: str) -> int:
    # Column names from the schema only: every key of ``values`` was checked against it.
    names = [name for name in shape.columns if name in values]
    quoted = ", ".join(f'"{name}"' for name in names)
    sql = (
        f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(names))})"
        if names
        else f"INSERT INTO {table} DEFAULT VALUES"
    )
    try:
        cursor = db.execute(sql, [values[name] for name in names])
    except sqlite3.Error as e:
        raise _refused(f"{where}: このデータベースに書き込めません（{e}）") from None
    return int(cursor.lastrowid or 0)


def _carried_from(db: Database, item: dict[str, Any], notes: list[str]) -> int | None:
    """The item here that a carried-over item continues: the consultation's latest one."""
    found = db.execute(
        "SELECT id FROM agenda_items WHERE consultation_id = ? AND session_id <> ?"
        " ORDER BY id DESC LIMIT 1",
        [item.get("consultation_id"), item["session_id"]],
    ).fetchone()
    if found is None:
        notes.append(
            f"議題「{_label(item['title'])}」は前の会議からの継続審議ですが、その会議がこの"
            "データベースにないため、継続の印を付けずに取り込みました"
        )
        return None
    return int(found[0])


_ANSWER = ("number", "answered_on", "body", "updated_at")
_ANSWER_DEFAULTS = {"number": "", "answered_on": None, "body": "{}", "updated_at": None}


def _merge_answer(
    db: Database, answer: dict[str, Any], at: datetime, number: str, notes: list[str]
) -> None:
    """The file's answer to a consultation that is already here: the newer text is kept in
    ``answers``, the other in ``answer_history``; never an overwrite without a copy."""
    consultation_id = answer["consultation_id"]
    theirs = {k: answer.get(k, _ANSWER_DEFAULTS[k]) for k in _ANSWER}
    row = db.execute(
        f"SELECT {', '.join(_ANSWER)} FROM answers WHERE consultation_id = ?", [consultation_id]
    ).fetchone()
    if row is None:
        db.execute(
            f"INSERT INTO answers (consultation_id, {', '.join(_ANSWER)}) VALUES (?, ?, ?, ?, ?)",
            [consultation_id, *theirs.values()],
        )
        return
    mine = dict(zip(_ANSWER, row, strict=True))
    if [mine[k] for k in _ANSWER[:3]] == [theirs[k] for k in _ANSWER[:3]]:
        return
    replaced = {
        "consultation_id": consultation_id,
        "replaced_at": to_iso(at),
        "replaced_by": "import",
    }
    if _moment(theirs["updated_at"]) > _moment(mine["updated_at"]):
        _keep_answer(db, {**mine, **replaced})
        assignments = ", ".join(f"{k} = ?" for k in _ANSWER)
        db.execute(
            f"UPDATE answers SET {assignments} WHERE consultation_id = ?",
            [*theirs.values(), consultation_id],
        )
        notes.append(f"答申書の本文を更新しました（諮問 {number}、前の本文は履歴に保存）")
    else:
        _keep_answer(db, {**theirs, **replaced})
        notes.append(
            f"取り込んだ答申書の本文は、このデータベースのものより古いため、履歴にだけ保存しました"
            f"（諮問 {number}）"
        )


def _keep_answer(db: Database, earlier: dict[str, Any]) -> None:
    """An earlier text into ``answer_history``, unless that very text is already there."""
    values = {k: earlier.get(k, _ANSWER_DEFAULTS[k]) for k in _ANSWER}
    if db.execute(
        "SELECT 1 FROM answer_history WHERE consultation_id = ?"
        f" AND {' AND '.join(f'{k} IS ?' for k in _ANSWER)}",
        [earlier["consultation_id"], *values.values()],
    ).fetchone():
        return
    db.execute(
        "INSERT INTO answer_history (consultation_id, number, answered_on, body, updated_at,"
        " replaced_at, replaced_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            earlier["consultation_id"],
            *values.values(),
            earlier["replaced_at"],
            earlier.get("replaced_by", ""),
        ],
    )


def _moment(text: str | None) -> datetime:
    return from_iso(text) if text else datetime.min.replace(tzinfo=TOKYO)
