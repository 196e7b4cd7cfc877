"""A council's own templates and its choice per document kind: the only SQL for them.

Every import is a new version (1, 2, …) of the council's template for the kind; none is ever
deleted, so the history stays. The choice is a default's name or :data:`OWN` (the latest own
version). A confirmed record remembers per kind the template it was made with.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlite_utils import Database

from meeting.dates import from_iso, to_iso
from meeting.db_writes import immediate
from meeting.store.rows import one, rows, single

OWN = "own"
"""The choice of the council's own template (its latest version)."""


def add_template(
    db: Database,
    council_id: int,
    kind: str,
    *,
    docx: bytes,
    markdown: str,
    label: str,
    source: str,
    at: datetime,
    choose: bool = True,
) -> int:
    """Store a new version of the council's template for ``kind`` (and choose it); its number."""
    with immediate(db):
        version = 1 + int(
            single(
                db,
                "SELECT coalesce(max(version), 0) AS latest FROM templates"
                " WHERE council_id = ? AND kind = ?",
                [council_id, kind],
            )["latest"]
        )
        db.execute(
            "INSERT INTO templates (council_id, kind, version, docx, markdown, label, source,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [council_id, kind, version, docx, markdown, label, source, to_iso(at)],
        )
        if choose:
            _choose(db, council_id, kind, OWN)
    return version


def template_row(
    db: Database, council_id: int, kind: str, version: int | None = None
) -> dict[str, Any] | None:
    """A stored version (the latest when ``version`` is None) with its files: ``version``,
    ``docx``, ``markdown``, ``label``, ``source``, ``created_at``; None when there is none."""
    where = "" if version is None else " AND version = ?"
    row = one(
        db,
        "SELECT version, docx, markdown, label, source, created_at FROM templates"
        " WHERE council_id = ? AND kind = ?" + where + " ORDER BY version DESC LIMIT 1",
        [council_id, kind] + ([] if version is None else [version]),
    )
    if row is None:
        return None
    return {**row, "docx": bytes(row["docx"]), "created_at": from_iso(row["created_at"])}


def template_versions(db: Database, council_id: int) -> list[dict[str, Any]]:
    """Every stored version of the council's templates, without the files: ``kind``,
    ``version``, ``label``, ``source``, ``created_at``; by kind, newest first."""
    found = rows(
        db,
        "SELECT kind, version, label, source, created_at FROM templates WHERE council_id = ?"
        " ORDER BY kind, version DESC",
        [council_id],
    )
    return [{**r, "created_at": from_iso(r["created_at"])} for r in found]


def choose_template(db: Database, council_id: int, kind: str, name: str) -> None:
    """The council's documents of ``kind`` are made from ``name`` (a default's, or own)."""
    with immediate(db):
        _choose(db, council_id, kind, name)


def _choose(db: Database, council_id: int, kind: str, name: str) -> None:
    db.execute(
        "INSERT INTO template_choices (council_id, kind, name) VALUES (?, ?, ?)"
        " ON CONFLICT (council_id, kind) DO UPDATE SET name = excluded.name",
        [council_id, kind, name],
    )


def template_choices(db: Database, council_id: int) -> dict[str, str]:
    """The council's choice per kind (only the kinds it has chosen for)."""
    found = rows(db, "SELECT kind, name FROM template_choices WHERE council_id = ?", [council_id])
    return {r["kind"]: r["name"] for r in found}


def remember_session_templates(db: Database, session_id: int) -> None:
    """The record is confirmed: keep, per kind, the template its council has chosen now (own:
    the version it is at). A kind the council has not chosen for gets no row: its first
    default. Takes part in the caller's transaction."""
    db.execute(
        "INSERT OR REPLACE INTO session_templates (session_id, kind, name, version)"
        " SELECT s.id, c.kind, c.name, CASE WHEN c.name = 'own' THEN ("
        "  SELECT max(t.version) FROM templates t"
        "  WHERE t.council_id = c.council_id AND t.kind = c.kind) END"
        " FROM sessions s JOIN template_choices c ON c.council_id = s.council_id"
        " WHERE s.id = ? AND (c.name <> 'own' OR EXISTS (SELECT 1 FROM templates t"
        "  WHERE t.council_id = c.council_id AND t.kind = c.kind))",
        [session_id],
    )


def session_template(db: Database, session_id: int, kind: str) -> dict[str, Any] | None:
    """The template a confirmed record of ``kind`` was made with: ``name`` and ``version``
    (own) or None (a default); None when the record remembers none for the kind."""
    return one(
        db,
        "SELECT name, version FROM session_templates WHERE session_id = ? AND kind = ?",
        [session_id, kind],
    )
