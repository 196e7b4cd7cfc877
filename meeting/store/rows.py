"""Rows by column name, and the id of a new row: the few helpers every store module shares.

A row is a ``dict`` keyed by its column names, so a query can add or reorder columns without
any reader noticing; nothing outside a store sees a cursor or a tuple.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

Params = Sequence[Any] | dict[str, Any]


class NotInserted(sqlite3.DatabaseError):
    """An INSERT that reported no new row: what the caller would go on to use was not written.

    A database error, so that whoever already handles SQLite's errors (the record import, the
    app's error boundary) handles this one too.
    """


def rows(db: Database, sql: str, params: Params | None = None) -> list[dict[str, Any]]:
    """Every row of ``sql``, each by column name.

    Runs through ``db.execute`` (no savepoint around each read, unlike ``db.query``): these
    reads sit on the clerk's typing path.
    """
    cursor = db.execute(sql, params if params is not None else [])
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def one(db: Database, sql: str, params: Params) -> dict[str, Any] | None:
    """The first row of ``sql``, or None when there is none."""
    found = rows(db, sql, params)
    return found[0] if found else None


def single(db: Database, sql: str, params: Params) -> dict[str, Any]:
    """The one row a query always gives (an aggregate such as ``count`` or ``max``)."""
    found = rows(db, sql, params)
    if len(found) != 1:
        raise sqlite3.DatabaseError(f"集計の結果が{len(found)}行です（1行のはずです）")
    return found[0]


def lastrowid(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just added."""
    if cursor.lastrowid is None:
        raise NotInserted("行を追加できませんでした（新しい行の番号がありません）")
    return cursor.lastrowid


def path_json(path: Sequence[str]) -> str:
    """A department's path as its column holds it: a JSON array of its parts, top first."""
    return json.dumps(list(path), ensure_ascii=False, separators=(",", ":"))


def read_path(text: str | None) -> tuple[str, ...]:
    """A path column read back; anything but an array of text is no path (an empty part is
    dropped)."""
    try:
        value = json.loads(text or "[]")
    except (TypeError, ValueError, RecursionError):
        return ()
    if not isinstance(value, list):
        return ()
    return tuple(p.strip() for p in value if isinstance(p, str) and p.strip())


FRESH_IDS = {
    "utterances": (
        "SELECT max(coalesce((SELECT max(id) FROM utterances), 0),"
        " coalesce((SELECT max(utterance_id) FROM utterance_history), 0)) + 1"
    ),
}
"""A new row's id where an id must never come back: SQLite gives the last row's id again once
that row is deleted, and a deleted line's history (and its way back) keeps its id."""
