"""Reads and writes of agenda items: the only module with their SQL."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from agendas.model import AgendaItem, ItemKind
from meeting.db import immediate
from meeting.errors import InputError
from meeting.store import get_session


def add_agenda_item(
    db: Database, session_id: int, kind: ItemKind, title: str, *, public: bool = True
) -> AgendaItem:
    """Append an item to the session's agenda."""
    get_session(db, session_id)
    title = title.strip() or kind.label
    if not title:
        raise InputError("議題", "議題の名前を入れてください")
    with immediate(db):
        position = db.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE session_id = ?",
            [session_id],
        ).fetchone()[0]
        cursor = db.execute(
            "INSERT INTO agenda_items (session_id, position, kind, title, public)"
            " VALUES (?, ?, ?, ?, ?)",
            [session_id, position, kind.value, title, int(public)],
        )
    item_id = cursor.lastrowid
    assert item_id is not None
    return next(i for i in agenda(db, session_id) if i.id == item_id)


def agenda(db: Database, session_id: int) -> list[AgendaItem]:
    cursor = db.execute(
        "SELECT id, session_id, position, kind, title, public FROM agenda_items"
        " WHERE session_id = ? ORDER BY position",
        [session_id],
    )
    return [_item(row) for row in cursor.fetchall()]


def _item(row: tuple[Any, ...]) -> AgendaItem:
    id_, session_id, position, kind, title, public = row
    return AgendaItem(id_, session_id, position, ItemKind(kind), title, bool(public))
