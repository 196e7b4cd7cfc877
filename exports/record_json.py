"""A session's whole record as JSON, and back: a documented, versioned format.

Format ``meeting-record`` version 1::

    {"format": "meeting-record", "version": 1, "schema": <schema version>,
     "tables": {"<table>": [{"<column>": value, ...}, ...], ...}}

``tables`` holds, column for column as the database stores them, every row the session needs:
its council, the council's members, the consultations on its agenda (with departments,
questions, materials, the 諮問書's sections and attachments, an appeal's extensions and its
appellant — personal data, which only this internal record carries —, the answers' texts and
their earlier texts), the session, sittings,
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

What is not carried: lines deleted on the correcting screen (their history stays in the file they
were deleted in, where they can be put back), the chair's opening waiting for the secretariat's
(a moment of the live record), a sitting's recording (a path on this PC) and the labels a
transcript's speakers were mapped to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from exports.record_check import (
    FORMAT,
    LABEL,
    MAX_TEXT,
    NAMES,
    TABLES,
    VERSION,
    NotJson,
    Table,
    checked,
    loads,
    top,
)
from exports.record_merge import match, write
from meeting.clock import system_clock
from meeting.db import schema_version
from meeting.db_writes import immediate
from meeting.errors import InputError
from meeting.store import record as record_store

__all__ = [
    "FORMAT",
    "LABEL",
    "MAX_FILE_BYTES",
    "MAX_TEXT",
    "TABLES",
    "VERSION",
    "Imported",
    "export_record",
    "import_record",
    "import_with_notes",
    "read_record",
    "write_record",
]

MAX_FILE_BYTES = 200_000_000
"""A bigger file is refused before it is parsed (a year of sessions is a few megabytes)."""


@dataclass(frozen=True)
class Imported:
    """What an import did: the new session, and what the clerk should know about it."""

    session_id: int
    notes: tuple[str, ...] = ()


def export_record(db: Database, session_id: int) -> dict[str, Any]:
    if not record_store.session_exists(db, session_id):
        raise InputError("--session", f"会議 {session_id} はありません")
    tables = {table: record_store.session_rows(db, table, session_id) for table in NAMES}
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
        data = loads(text)
    except json.JSONDecodeError as e:
        raise InputError(
            LABEL, f"{path} を読めません（JSON として正しくありません: {e.lineno}行{e.colno}列）"
        ) from None
    except NotJson as e:
        raise InputError(LABEL, f"{path} を読めません（{e}）") from None
    except (ValueError, RecursionError):
        raise InputError(
            LABEL, f"{path} を読めません（数の桁が多すぎるか、入れ子が深すぎます）"
        ) from None
    return top(data, f"{path} は ")


def import_record(db: Database, data: Any, *, as_new_council: bool = False) -> int:
    """Add the session to this database; returns its new id. All or nothing.

    ``import_with_notes`` does the same and also says what the clerk should know."""
    return import_with_notes(db, data, as_new_council=as_new_council).session_id


def import_with_notes(
    db: Database, data: Any, *, as_new_council: bool = False, at: datetime | None = None
) -> Imported:
    """Check the whole record, then add it in one transaction; the notes say what the clerk
    should know (a council added, an answer's text replaced, a consultation that differs)."""
    schema = {table: Table.read(db, table) for table in NAMES}
    tables = checked(top(data, ""), schema)
    with immediate(db):
        plan = match(db, tables, as_new_council=as_new_council)
        session_id = write(db, tables, plan, at or system_clock())
    return Imported(session_id, tuple(plan.notes))
