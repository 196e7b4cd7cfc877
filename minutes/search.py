"""Full-text search across the whole record, every session of every year.

The index (``utterance_search``, FTS5 with the trigram tokenizer) holds each line folded by
NFKC, so ＡＢＣ finds ABC and ｶﾅ finds カナ; the stored text stays as entered. A term of three
characters or more is matched through the index; a shorter one (議長, 条例) by LIKE over the
index's own text, which SQLite scans without Python in the loop.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from meeting.dates import from_iso
from meeting.errors import InputError

LIMIT = 200


@dataclass(frozen=True)
class Hit:
    utterance_id: int
    session_id: int
    fiscal_year: int
    number: int
    day: date | None
    speaker: str
    text: str
    public: bool


def search(
    db: Database, query: str, *, council_id: int | None = None, limit: int = LIMIT
) -> list[Hit]:
    """Lines holding every word of ``query`` (words split by spaces), newest session first."""
    terms = unicodedata.normalize("NFKC", query).split()
    if not terms:
        raise InputError("検索", "探す言葉を入れてください")
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    where: list[str] = []
    params: list[object] = []
    if long_terms:
        where.append("utterance_search MATCH ?")
        params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
    for t in short_terms:
        where.append("utterance_search.body LIKE ? ESCAPE '\\'")
        params.append("%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if council_id is not None:
        where.append("s.council_id = ?")
        params.append(council_id)
    sql = (
        "SELECT u.id, u.session_id, s.fiscal_year, s.number,"
        " (SELECT min(starts_at) FROM sittings WHERE session_id = s.id),"
        " u.kind, u.speaker_kind, coalesce(m.name, ''), u.speaker_label, u.text, u.public"
        " FROM utterance_search"
        " JOIN utterances u ON u.id = utterance_search.rowid"
        " JOIN sessions s ON s.id = u.session_id"
        " LEFT JOIN members m ON m.id = u.member_id"
        f" WHERE {' AND '.join(where)}"
        " ORDER BY s.fiscal_year DESC, s.number DESC, u.position"
        " LIMIT ?"
    )
    rows = db.execute(sql, [*params, limit]).fetchall()
    return [
        Hit(
            utterance_id=r[0],
            session_id=r[1],
            fiscal_year=r[2],
            number=r[3],
            day=from_iso(r[4]).date() if r[4] else None,
            speaker=_speaker(r[5], r[6], r[7], r[8]),
            text=r[9],
            public=bool(r[10]),
        )
        for r in rows
    ]


def _speaker(kind: str, speaker_kind: str | None, name: str, label: str) -> str:
    if kind == "narration":
        return "（ト書き）"
    if name:
        return name
    return label or {
        "secretariat": "事務局",
        "agency": "実施機関",
        "all_members": "委員全員",
    }.get(speaker_kind or "", "")
