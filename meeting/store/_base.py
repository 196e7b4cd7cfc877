"""Shared pieces of the store: the error for a missing row, and row helpers."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date
from typing import Any

from sqlite_utils import Database

UID_DOMAIN = "meeting.invalid"


class NotFound(LookupError):
    """A row the caller named does not exist (deleted by another window, or a wrong id)."""


def new_uid(kind: str) -> str:
    return f"{kind}-{uuid.uuid4()}@{UID_DOMAIN}"


def iso_date(d: date | None) -> str | None:
    return d.isoformat() if d else None


def lastrowid(cursor: sqlite3.Cursor) -> int:
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def rows(db: Database, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params or [])
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def one(db: Database, sql: str, params: list[Any]) -> dict[str, Any] | None:
    found = rows(db, sql, params)
    return found[0] if found else None
