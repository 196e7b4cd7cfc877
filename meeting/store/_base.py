"""Shared pieces of the store: the error for a missing row, new UIDs, and the row helpers."""

from __future__ import annotations

import uuid
from datetime import date

from meeting.store.rows import NotInserted, lastrowid, one, rows, single

UID_DOMAIN = "meeting.invalid"


class NotFound(LookupError):
    """A row the caller named does not exist (deleted by another window, or a wrong id)."""


def new_uid(kind: str) -> str:
    return f"{kind}-{uuid.uuid4()}@{UID_DOMAIN}"


def iso_date(d: date | None) -> str | None:
    return d.isoformat() if d else None


__all__ = [
    "UID_DOMAIN",
    "NotFound",
    "NotInserted",
    "iso_date",
    "lastrowid",
    "new_uid",
    "one",
    "rows",
    "single",
]
