"""A session's whole record as JSON, and back: a documented, versioned format.

Format ``meeting-record`` version 1::

    {"format": "meeting-record", "version": 1, "schema": <schema version>,
     "tables": {"<table>": [{"<column>": value, ...}, ...], ...}}

``tables`` holds, column for column as the database stores them, every row the session needs:
its council, the council's members, the consultations on its agenda (with departments,
questions, materials), the session, sittings, attendance, others present and the items they
attended, the agenda, recusals, written answers, utterances and their history, decisions,
opinions, speaker letters, the answers' texts, the approval of the minutes (on the session row)
and its errata. Ids are the exporting database's; an import gives every row a
new id and rewrites the references. A council, member or consultation that already exists
(same name, same name in the council, same number in the council) is reused, not doubled; a
session whose UID is already there is refused. The session at which the minutes were confirmed
(``sessions.minutes_confirmed_by``) is another session, not in the file: an import leaves it
empty; the date of confirmation, the revision and every erratum travel.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from meeting.db import immediate, schema_version
from meeting.errors import InputError

FORMAT = "meeting-record"
VERSION = 1

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

# Rows matched by meaning rather than copied: (columns after the references are rewritten).
_NATURAL = {
    "councils": ("name",),
    "members": ("council_id", "name"),
    "consultations": ("council_id", "number"),
}
_PARTS_OF = {
    "consultation_departments": "consultation_id",
    "consultation_questions": "consultation_id",
    "consultation_materials": "consultation_id",
    "answers": "consultation_id",
}


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
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError("記録ファイル", f"{path} を読めません（{e}）") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError("記録ファイル", f"{path} は meeting の記録ファイルではありません")
    if data.get("version") != VERSION:
        raise InputError(
            "記録ファイル",
            f"記録ファイルの版 {data.get('version')} は読めません（版 {VERSION} のみ）",
        )
    return data


def import_record(db: Database, data: dict[str, Any]) -> int:
    """Add the session to this database; returns its new id. All or nothing."""
    tables = data.get("tables", {})
    for session in tables.get("sessions", []):
        if db.execute("SELECT 1 FROM sessions WHERE uid = ?", [session["uid"]]).fetchone():
            raise InputError(
                "記録ファイル", "この会議は既に取り込まれています（同じUIDの会議があります）"
            )
    new_ids: dict[str, dict[Any, Any]] = {}
    reused: dict[str, set[Any]] = {}
    with immediate(db):
        for table, _, references in TABLES:
            ids = new_ids.setdefault(table, {})
            for row in tables.get(table, []):
                row = dict(row)
                for column, parent in references.items():
                    if row.get(column) is not None:
                        row[column] = new_ids.get(parent, {}).get(row[column])
                parent_column = _PARTS_OF.get(table)
                if parent_column and row[parent_column] in reused.get("consultations", set()):
                    if table == "answers":
                        _newer_answer(db, row)
                    continue  # the consultation was already here, with its parts
                old_id = row.pop("id", None)
                existing = _existing(db, table, row)
                if existing is not None:
                    ids[old_id] = existing
                    reused.setdefault(table, set()).add(existing)
                    continue
                columns = ", ".join(row)
                marks = ", ".join("?" * len(row))
                cursor = db.execute(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values())
                )
                if old_id is not None:
                    ids[old_id] = cursor.lastrowid
    return int(next(iter(new_ids["sessions"].values())))


def _newer_answer(db: Database, row: dict[str, Any]) -> None:
    """An answer written after the consultation was first imported replaces the older text."""
    found = db.execute(
        "SELECT updated_at FROM answers WHERE consultation_id = ?", [row["consultation_id"]]
    ).fetchone()
    if found is None:
        db.execute(
            "INSERT INTO answers (consultation_id, number, answered_on, body, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                row["consultation_id"],
                row.get("number", ""),
                row.get("answered_on"),
                row.get("body", "{}"),
                row.get("updated_at"),
            ],
        )
    elif (row.get("updated_at") or "") > (found[0] or ""):
        db.execute(
            "UPDATE answers SET body = ?, updated_at = ? WHERE consultation_id = ?",
            [row.get("body", "{}"), row.get("updated_at"), row["consultation_id"]],
        )


def _existing(db: Database, table: str, row: dict[str, Any]) -> int | None:
    keys = _NATURAL.get(table)
    if not keys:
        return None
    where = " AND ".join(f"{k} = ?" for k in keys)
    found = db.execute(f"SELECT id FROM {table} WHERE {where}", [row[k] for k in keys]).fetchone()
    return int(found[0]) if found else None
