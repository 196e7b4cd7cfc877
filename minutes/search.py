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
from minutes.model import SpeakerKind
from minutes.speakers import Speaker, speaker_tag

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
    """Lines holding every word of ``query`` (words split by spaces), the newest first.

    The index is read newest line first (``rowid`` order, which FTS5 walks without sorting)
    in batches, so a common word stops at ``limit`` lines instead of sorting every match.
    """
    # A lone surrogate is stored as U+FFFD (minutes.utterances.keep_text): folded the same way here.
    folded = query.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    terms = unicodedata.normalize("NFKC", folded).split()
    if not terms:
        raise InputError("検索", "探す言葉を入れてください")
    if any("\x00" in t for t in terms):
        # SQLite ends a LIKE pattern and an FTS5 query at a NUL: "%\x00%" would match every
        # line and '"a\x00"' fails to parse. No line is searched for one; none matches.
        return []
    where: list[str] = []
    params: list[object] = []
    long_terms = [t for t in terms if len(t) >= 3]
    if long_terms:
        where.append("utterance_search MATCH ?")
        params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
    for t in (t for t in terms if len(t) < 3):
        where.append("body LIKE ? ESCAPE '\\'")
        params.append("%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    hits: list[Hit] = []
    below = None
    while len(hits) < limit:
        bound: list[object] = [] if below is None else [below]
        ids = [
            r[0]
            for r in db.execute(
                f"SELECT rowid FROM utterance_search WHERE {' AND '.join(where)}"
                + ("" if below is None else " AND rowid < ?")
                + " ORDER BY rowid DESC LIMIT ?",
                [*params, *bound, _BATCH],
            ).fetchall()
        ]
        if not ids:
            break
        below = ids[-1]
        hits += _hits(db, ids, council_id)
        if len(ids) < _BATCH:
            break
    return hits[:limit]


_BATCH = 500


def _hits(db: Database, ids: list[int], council_id: int | None) -> list[Hit]:
    marks = ",".join("?" * len(ids))
    council = "" if council_id is None else " AND s.council_id = ?"
    rows = db.execute(
        "SELECT u.id, u.session_id, s.fiscal_year, s.number,"
        " (SELECT min(starts_at) FROM sittings WHERE session_id = s.id),"
        " u.kind, u.speaker_kind, coalesce(m.name, ''), u.speaker_label, u.text, u.public"
        " FROM utterances u JOIN sessions s ON s.id = u.session_id"
        " LEFT JOIN members m ON m.id = u.member_id"
        f" WHERE u.id IN ({marks}){council} ORDER BY u.id DESC",
        [*ids, *([] if council_id is None else [council_id])],
    ).fetchall()
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
        return name  # the full name: the clerk searching knows everyone
    other = Speaker(SpeakerKind(speaker_kind or SpeakerKind.OTHER.value), None, label)
    return speaker_tag(other, None, anonymised=False)
