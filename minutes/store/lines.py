"""The lines of the record (``utterances``): reading them, writing them, and which are closed.

The writes take part in the caller's transaction and leave the commit to it; only
:func:`set_line_public` is a whole change of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from meeting.dates import from_iso, to_iso
from meeting.store import ensure_draft
from meeting.store.rows import FRESH_IDS, lastrowid, one, rows, single
from minutes.model import SpeakerKind, Utterance, UtteranceKind

LINE_COLUMNS = (
    "id, session_id, agenda_item_id, position, kind, speaker_kind, member_id, speaker_label,"
    " text, spoken_at, public, sitting_id, continues"
)

CHANGEABLE = frozenset(
    {
        "text",
        "kind",
        "speaker_kind",
        "member_id",
        "speaker_label",
        "agenda_item_id",
        "public",
        "continues",
    }
)
"""The columns :func:`update_line` may set: a later change never moves a line in time; its order
changes only through :mod:`minutes.store.order`."""


NEW_LINE_ID = FRESH_IDS["utterances"]


_KINDS = {kind.value: kind for kind in UtteranceKind}
_SPEAKER_KINDS = {kind.value: kind for kind in SpeakerKind}
_NAMES = tuple(name.strip() for name in LINE_COLUMNS.split(","))


def utterance_of(r: dict[str, Any]) -> Utterance:
    """A line from its row by column name (a row kept in the history, say)."""
    return line_of(tuple(r[name] for name in _NAMES))


def line_of(row: Sequence[Any]) -> Utterance:
    """A line from its row as ``SELECT {LINE_COLUMNS}`` gives it: a long record is read as
    tuples, with no dict and no enum lookup by call per row (bench/README.md, issue 17)."""
    (id_, session_id, item_id, position, kind, speaker_kind) = row[:6]
    (member_id, label, text, spoken_at, public, sitting_id, continues) = row[6:]
    return Utterance(
        id=id_,
        session_id=session_id,
        agenda_item_id=item_id,
        position=position,
        kind=_KINDS.get(kind) or UtteranceKind(kind),
        speaker_kind=(_SPEAKER_KINDS.get(speaker_kind) or SpeakerKind(speaker_kind))
        if speaker_kind
        else None,
        member_id=member_id,
        speaker_label=label,
        text=text,
        spoken_at=from_iso(spoken_at),
        public=bool(public),
        sitting_id=sitting_id,
        continues=bool(continues),
    )


def read_lines(db: Database, sql: str, params: Sequence[Any]) -> list[Utterance]:
    """The lines ``sql`` selects (its columns ``LINE_COLUMNS``), in its order."""
    return [line_of(row) for row in db.execute(sql, params).fetchall()]


# Reading lines


def get_utterance(db: Database, utterance_id: int) -> Utterance | None:
    row = one(db, f"SELECT {LINE_COLUMNS} FROM utterances WHERE id = ?", [utterance_id])
    return utterance_of(row) if row else None


def utterances(db: Database, session_id: int) -> list[Utterance]:
    return read_lines(
        db,
        f"SELECT {LINE_COLUMNS} FROM utterances WHERE session_id = ? ORDER BY position",
        [session_id],
    )


def item_utterances(db: Database, session_id: int, item_id: int | None) -> list[Utterance]:
    """The lines of one item (or of no item), in order: what the live screen shows."""
    where = "agenda_item_id = ?" if item_id is not None else "agenda_item_id IS NULL"
    return read_lines(
        db,
        f"SELECT {LINE_COLUMNS} FROM utterances WHERE session_id = ? AND {where} ORDER BY position",
        [session_id, *([item_id] if item_id is not None else [])],
    )


def latest_utterances(db: Database, session_id: int, count: int) -> list[Utterance]:
    """The last ``count`` lines of a session, oldest first, read from the end of the index."""
    found = read_lines(
        db,
        f"SELECT {LINE_COLUMNS} FROM utterances WHERE session_id = ?"
        " ORDER BY position DESC LIMIT ?",
        [session_id, count],
    )
    return found[::-1]


def line_before(db: Database, session_id: int, position: int) -> Utterance | None:
    """The line just before ``position`` in the session, if any."""
    row = one(
        db,
        f"SELECT {LINE_COLUMNS} FROM utterances WHERE session_id = ? AND position < ?"
        " ORDER BY position DESC LIMIT 1",
        [session_id, position],
    )
    return utterance_of(row) if row else None


def free_labels(db: Database, session_id: int) -> list[str]:
    """The free speaker labels (参考人, 傍聴者…) already used in a session, sorted."""
    found = rows(
        db,
        "SELECT DISTINCT speaker_label FROM utterances WHERE session_id = ?"
        " AND speaker_kind = 'other' ORDER BY speaker_label",
        [session_id],
    )
    return [r["speaker_label"] for r in found]


def latest_item_id(db: Database, session_id: int) -> int | None:
    """The item of the last line entered: where the session is now."""
    row = one(
        db,
        "SELECT agenda_item_id FROM utterances WHERE session_id = ? AND agenda_item_id IS NOT NULL"
        " ORDER BY position DESC LIMIT 1",
        [session_id],
    )
    return row["agenda_item_id"] if row else None


def has_lines(db: Database, session_id: int) -> bool:
    found = one(db, "SELECT 1 AS found FROM utterances WHERE session_id = ? LIMIT 1", [session_id])
    return found is not None


def line_count(db: Database, session_id: int, *, up_to: int | None = None) -> int:
    """How many lines the session's record has, counted no further than ``up_to`` when given
    (the export screen asks whether a record is long: 7 ms to count 10,000 lines cold)."""
    limit = -1 if up_to is None else up_to
    found = single(
        db,
        "SELECT count(*) AS n FROM (SELECT 1 FROM utterances WHERE session_id = ? LIMIT ?)",
        [session_id, limit],
    )
    return int(found["n"])


def data_version(db: Database) -> int:
    """SQLite's change counter: it moves when another connection commits (4 µs a poll)."""
    return int(single(db, "PRAGMA data_version", [])["data_version"])


# Writing lines


def next_line_position(db: Database, session_id: int) -> int:
    row = single(
        db,
        "SELECT coalesce(max(position), 0) + 1 AS position FROM utterances WHERE session_id = ?",
        [session_id],
    )
    return int(row["position"])


def insert_line(
    db: Database,
    *,
    session_id: int,
    agenda_item_id: int | None,
    position: int,
    kind: UtteranceKind,
    speaker_kind: SpeakerKind | None,
    member_id: int | None,
    speaker_label: str,
    text: str,
    spoken_at: datetime,
    sitting_id: int | None,
    continues: bool = False,
) -> int:
    """Add a line at ``position``; returns its id."""
    cursor = db.execute(
        "INSERT INTO utterances (id, session_id, agenda_item_id, position, kind, speaker_kind,"
        " member_id, speaker_label, text, spoken_at, sitting_id, continues)"
        f" VALUES (({NEW_LINE_ID}), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            session_id,
            agenda_item_id,
            position,
            kind.value,
            speaker_kind.value if speaker_kind else None,
            member_id,
            speaker_label,
            text,
            to_iso(spoken_at),
            sitting_id,
            int(continues),
        ],
    )
    return lastrowid(cursor)


def update_line(db: Database, utterance_id: int, values: dict[str, Any]) -> None:
    """Set some of a line's :data:`CHANGEABLE` columns."""
    if unknown := sorted(set(values) - CHANGEABLE):
        raise ValueError(f"utterances cannot change {unknown} this way")
    columns = ", ".join(f"{k} = ?" for k in values)
    db.execute(f"UPDATE utterances SET {columns} WHERE id = ?", [*values.values(), utterance_id])


def set_text(db: Database, utterance_id: int, text: str) -> None:
    db.execute("UPDATE utterances SET text = ? WHERE id = ?", [text, utterance_id])


def set_public(db: Database, utterance_id: int, public: bool) -> None:
    db.execute("UPDATE utterances SET public = ? WHERE id = ?", [int(public), utterance_id])


def openness_of_lines(db: Database, session_id: int, low: int, high: int) -> list[dict[str, Any]]:
    """``id`` and ``public`` (bool) of the lines at positions ``low`` to ``high``, in order."""
    found = rows(
        db,
        "SELECT id, public FROM utterances WHERE session_id = ? AND position BETWEEN ? AND ?"
        " ORDER BY position",
        [session_id, low, high],
    )
    return [{"id": r["id"], "public": bool(r["public"])} for r in found]


def openness(db: Database, utterance_id: int) -> dict[str, bool] | None:
    """The line's own mark (``line_public``) and its item's (``item_public``; no item is open)."""
    row = one(
        db,
        "SELECT u.public AS line_public, coalesce(a.public, 1) AS item_public FROM utterances u"
        " LEFT JOIN agenda_items a ON a.id = u.agenda_item_id WHERE u.id = ?",
        [utterance_id],
    )
    if row is None:
        return None
    return {"line_public": bool(row["line_public"]), "item_public": bool(row["item_public"])}


def copy_after(db: Database, utterance_id: int, text: str) -> int:
    """A copy of the line (speaker, item, time, mark) with ``text``, at the next position, which
    :func:`make_room_after` has freed; returns its id."""
    cursor = db.execute(
        "INSERT INTO utterances (id, session_id, sitting_id, agenda_item_id, position, kind,"
        " speaker_kind, member_id, speaker_label, text, spoken_at, public, continues)"
        f" SELECT ({NEW_LINE_ID}), session_id, sitting_id, agenda_item_id, position + 1, kind,"
        " speaker_kind,"
        " member_id, speaker_label, ?, spoken_at, public, continues FROM utterances WHERE id = ?",
        [text, utterance_id],
    )
    return lastrowid(cursor)


def make_room_after(db: Database, session_id: int, position: int) -> None:
    db.execute(
        "UPDATE utterances SET position = position + 1 WHERE session_id = ? AND position > ?",
        [session_id, position],
    )


def close_gap_after(db: Database, session_id: int, position: int) -> None:
    db.execute(
        "UPDATE utterances SET position = position - 1 WHERE session_id = ? AND position > ?",
        [session_id, position],
    )


def merge_into(db: Database, first_id: int, text: str, public: bool) -> None:
    db.execute(
        "UPDATE utterances SET text = ?, public = ? WHERE id = ?", [text, int(public), first_id]
    )


def delete_line(db: Database, utterance_id: int) -> None:
    db.execute("DELETE FROM utterances WHERE id = ?", [utterance_id])


# Closed lines


def set_line_public(db: Database, utterance_id: int, public: bool) -> None:
    """Close (非公開) or reopen one line: a closed line never reaches a public document."""
    line = get_utterance(db, utterance_id)
    if line is not None:
        ensure_draft(db, line.session_id)
    set_public(db, utterance_id, public)
    db.conn.commit()


def closed_lines(db: Database, session_id: int) -> set[int]:
    found = rows(db, "SELECT id FROM utterances WHERE session_id = ? AND public = 0", [session_id])
    return {r["id"] for r in found}


_IN_CLOSED_PART = (
    "SELECT u.id FROM utterances u JOIN sessions s ON s.id = u.session_id"
    " LEFT JOIN agenda_items a ON a.id = u.agenda_item_id"
    " WHERE {where} AND (u.public = 0 OR s.public = 0 OR coalesce(a.public, 1) = 0)"
)


def lines_in_closed_parts(db: Database, session_id: int) -> set[int]:
    """Every line a public document leaves out: closed itself, in a closed item, or in a closed
    session. What the live screen, the chair's view and search mark 【非公開】."""
    found = rows(db, _IN_CLOSED_PART.format(where="u.session_id = ?"), [session_id])
    return {r["id"] for r in found}


def in_closed_parts(db: Database, utterance_ids: Iterable[int]) -> set[int]:
    """Those of ``utterance_ids`` (of any sessions) that a public document leaves out."""
    ids = list(utterance_ids)
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        where = f"u.id IN ({','.join('?' * len(batch))})"
        found |= {r["id"] for r in rows(db, _IN_CLOSED_PART.format(where=where), batch)}
    return found


def line_in_closed_part(db: Database, utterance_id: int) -> bool:
    return bool(in_closed_parts(db, [utterance_id]))
