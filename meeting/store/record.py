"""A session's whole record as rows, for the record file (``exports.record_json``).

Schema-level, like the migrations: which rows of each table belong to a session, the schema's
columns and keys, adding a row by column name, and the few look-ups an import matches on (a
council by name, its members, a consultation by number, an answer's text). The file's format,
its checks and the matching rules stay in ``exports``; the tables of agendas and minutes are
read here by name only, so the core imports neither.

Table names come from ``SESSION_ROWS`` (a table it does not name is refused) and column names
from the schema itself, never from the caller's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from meeting.store._base import NotFound
from meeting.store.rows import FRESH_IDS, lastrowid, one, rows, single

_IN_SESSION_ITEMS = "(SELECT id FROM agenda_items WHERE session_id = :session)"
_IN_CONSULTATIONS = f"(SELECT consultation_id FROM agenda_items WHERE id IN {_IN_SESSION_ITEMS})"

SESSION_ROWS: dict[str, str] = {
    "councils": "id = (SELECT council_id FROM sessions WHERE id = :session)",
    "members": "council_id = (SELECT council_id FROM sessions WHERE id = :session)",
    "consultations": f"id IN {_IN_CONSULTATIONS}",
    "consultation_departments": f"consultation_id IN {_IN_CONSULTATIONS}",
    "consultation_questions": f"consultation_id IN {_IN_CONSULTATIONS}",
    "consultation_materials": f"consultation_id IN {_IN_CONSULTATIONS}",
    "consultation_sections": f"consultation_id IN {_IN_CONSULTATIONS}",
    "consultation_attachments": f"consultation_id IN {_IN_CONSULTATIONS}",
    "consultation_extensions": f"consultation_id IN {_IN_CONSULTATIONS}",
    "appellants": f"consultation_id IN {_IN_CONSULTATIONS}",
    "answers": f"consultation_id IN {_IN_CONSULTATIONS}",
    "answer_history": f"consultation_id IN {_IN_CONSULTATIONS}",
    "sessions": "id = :session",
    "sittings": "session_id = :session",
    "attendance": "sitting_id IN (SELECT id FROM sittings WHERE session_id = :session)",
    "others_present": "session_id = :session",
    "agenda_items": "session_id = :session",
    "others_items": "other_id IN (SELECT id FROM others_present WHERE session_id = :session)",
    "recusals": f"agenda_item_id IN {_IN_SESSION_ITEMS}",
    "written_answers": "session_id = :session",
    "utterances": "session_id = :session",
    "utterance_history": "utterance_id IN (SELECT id FROM utterances WHERE session_id = :session)",
    "decisions": f"agenda_item_id IN {_IN_SESSION_ITEMS}",
    "opinions": (
        f"decision_id IN (SELECT id FROM decisions WHERE agenda_item_id IN {_IN_SESSION_ITEMS})"
    ),
    "speaker_letters": "session_id = :session",
    "errata": "session_id = :session",
}
"""Each table of a session's record, with the rows of it that belong to the session (a WHERE
clause of ``:session``)."""

CONSULTATION_PARTS = (
    "consultation_departments",
    "consultation_questions",
    "consultation_materials",
    "consultation_sections",
    "consultation_attachments",
    "consultation_extensions",
    "appellants",
)


def _known(table: str, among: tuple[str, ...] | dict[str, str] = SESSION_ROWS) -> str:
    if table not in among:
        raise ValueError(f"表 {table!r} は会議の記録の表ではありません")
    return table


# A session's rows


def session_exists(db: Database, session_id: int) -> bool:
    return one(db, "SELECT 1 FROM sessions WHERE id = ?", [session_id]) is not None


def session_rows(db: Database, table: str, session_id: int) -> list[dict[str, Any]]:
    """The rows of ``table`` that belong to the session, column by column, in the order they
    were written."""
    where = SESSION_ROWS[_known(table)]
    return rows(db, f"SELECT * FROM {table} WHERE {where} ORDER BY rowid", {"session": session_id})


# The schema


@dataclass(frozen=True)
class Column:
    """A column as the schema declares it (SQLite's ``table_info``)."""

    name: str
    type: str
    notnull: bool
    default: str | None
    """The default's SQL text, or None when the column has none."""
    pk: int
    """Its place in the primary key (1, 2…), or 0 when it is not part of it."""


def columns(db: Database, table: str) -> list[Column]:
    """The table's columns in the schema's order."""
    return [
        Column(r["name"], r["type"], bool(r["notnull"]), r["dflt_value"], r["pk"])
        for r in rows(
            db,
            'SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid',
            [_known(table)],
        )
    ]


def unique_indexes(db: Database, table: str) -> list[tuple[str, ...]]:
    """The columns of each unique index over the whole table (a partial one is left out)."""
    return [
        tuple(
            c["name"]
            for c in rows(
                db, "SELECT name FROM pragma_index_info(?) ORDER BY seqno", [index["name"]]
            )
        )
        for index in rows(
            db,
            'SELECT name FROM pragma_index_list(?) WHERE "unique" AND NOT partial ORDER BY seq',
            [_known(table)],
        )
    ]


class RowWriter:
    """Adds rows to a session's record by column name, each table's columns read from the
    schema once (a writer lives for one import, inside its transaction)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._columns: dict[str, list[str]] = {}

    def insert(self, table: str, values: dict[str, Any]) -> int:
        """Add a row of ``values``; its rowid. Every name must be one of the table's columns."""
        if table not in self._columns:
            self._columns[table] = [c.name for c in columns(self._db, table)]
        names = self._columns[table]
        unknown = sorted(set(values) - set(names))
        if unknown:
            raise ValueError(f"表 {table} に列 {', '.join(map(repr, unknown))} はありません")
        if "id" not in values and table in FRESH_IDS:
            values = {**values, "id": single(self._db, FRESH_IDS[table] + " AS id", [])["id"]}
        given = [name for name in names if name in values]
        quoted = ", ".join(f'"{name}"' for name in given)
        sql = (
            f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(given))})"
            if given
            else f"INSERT INTO {table} DEFAULT VALUES"
        )
        return lastrowid(self._db.execute(sql, [values[name] for name in given]))


# What an import matches on


def uid_taken(db: Database, table: str, uid: str) -> bool:
    """Whether a session or sitting with this UID is already here."""
    _known(table, ("sessions", "sittings"))
    return one(db, f"SELECT 1 FROM {table} WHERE uid = ?", [uid]) is not None


def councils_named(db: Database, name: str) -> list[int]:
    """The ids of the councils called ``name``, oldest first."""
    return [r["id"] for r in rows(db, "SELECT id FROM councils WHERE name = ? ORDER BY id", [name])]


def council_row(db: Database, council_id: int) -> dict[str, Any]:
    row = one(db, "SELECT * FROM councils WHERE id = ?", [council_id])
    if row is None:
        raise NotFound(f"審議会 {council_id} はありません")
    return row


def member_rows(db: Database, council_id: int) -> list[dict[str, Any]]:
    """The council's members in the order they were added."""
    return rows(db, "SELECT * FROM members WHERE council_id = ? ORDER BY id", [council_id])


def consultation_numbered(
    db: Database, council_id: int, number: str | None, *, title: str, filed_on: str | None
) -> int | None:
    """The id of the council's consultation with this number, if there is one; one not yet
    numbered is the unnumbered one of the same title and date."""
    if number is None:
        row = one(
            db,
            "SELECT id FROM consultations WHERE council_id = ? AND number IS NULL AND title = ?"
            " AND filed_on IS ? ORDER BY id LIMIT 1",
            [council_id, title, filed_on],
        )
    else:
        row = one(
            db,
            "SELECT id FROM consultations WHERE council_id = ? AND number = ?",
            [council_id, number],
        )
    return row["id"] if row else None


def consultation_row(db: Database, consultation_id: int) -> dict[str, Any]:
    row = one(db, "SELECT * FROM consultations WHERE id = ?", [consultation_id])
    if row is None:
        raise NotFound(f"諮問 {consultation_id} はありません")
    return row


def consultation_part_rows(db: Database, table: str, consultation_id: int) -> list[dict[str, Any]]:
    """A consultation's departments, questions, materials, sections, attachments, extensions
    or appellant (``table``), as stored."""
    _known(table, CONSULTATION_PARTS)
    return rows(db, f"SELECT * FROM {table} WHERE consultation_id = ?", [consultation_id])


def latest_item(db: Database, consultation_id: int | None, *, not_in: int) -> int | None:
    """The consultation's latest agenda item outside session ``not_in``: the one an item
    carried over continues."""
    row = one(
        db,
        "SELECT id FROM agenda_items WHERE consultation_id = ? AND session_id <> ?"
        " ORDER BY id DESC LIMIT 1",
        [consultation_id, not_in],
    )
    return int(row["id"]) if row else None


def set_heading(db: Database, item_id: int, parent_id: int) -> None:
    """An imported item under its heading, once both are written."""
    db.execute("UPDATE agenda_items SET parent_id = ? WHERE id = ?", [parent_id, item_id])


# An answer's text (答申書): never overwritten without a copy in ``answer_history``

ANSWER_TEXT = ("number", "answered_on", "body", "updated_at")
"""The columns that make an answer's text, in ``answers`` and ``answer_history`` alike."""


def answer_text(db: Database, consultation_id: int) -> dict[str, Any] | None:
    """The consultation's answer (``ANSWER_TEXT``), or None when it has none."""
    return one(
        db,
        "SELECT number, answered_on, body, updated_at FROM answers WHERE consultation_id = ?",
        [consultation_id],
    )


def add_answer(db: Database, consultation_id: int, text: dict[str, Any]) -> None:
    db.execute(
        "INSERT INTO answers (consultation_id, number, answered_on, body, updated_at)"
        " VALUES (?, ?, ?, ?, ?)",
        [consultation_id, *_answer_values(text)],
    )


def replace_answer(db: Database, consultation_id: int, text: dict[str, Any]) -> None:
    """The answer's text in place of the one here (which the caller has kept first)."""
    db.execute(
        "UPDATE answers SET number = ?, answered_on = ?, body = ?, updated_at = ?"
        " WHERE consultation_id = ?",
        [*_answer_values(text), consultation_id],
    )


def answer_kept(db: Database, consultation_id: int, text: dict[str, Any]) -> bool:
    """Whether ``answer_history`` already holds this very text of the consultation's answer."""
    found = one(
        db,
        "SELECT 1 FROM answer_history WHERE consultation_id = ? AND number IS ?"
        " AND answered_on IS ? AND body IS ? AND updated_at IS ?",
        [consultation_id, *_answer_values(text)],
    )
    return found is not None


def keep_answer(
    db: Database,
    consultation_id: int,
    text: dict[str, Any],
    *,
    replaced_at: str,
    replaced_by: str,
) -> None:
    """An earlier text of the consultation's answer, into ``answer_history``."""
    db.execute(
        "INSERT INTO answer_history (consultation_id, number, answered_on, body, updated_at,"
        " replaced_at, replaced_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [consultation_id, *_answer_values(text), replaced_at, replaced_by],
    )


def _answer_values(text: dict[str, Any]) -> list[Any]:
    return [text[column] for column in ANSWER_TEXT]
