"""Full-text search across the whole record, every session of every year.

The index (``utterance_search``, FTS5 with the trigram tokenizer) holds each line folded by
NFKC, so ＡＢＣ finds ABC and ｶﾅ finds カナ; the stored text stays as entered. A term of three
characters or more is matched through the trigram index; a shorter one (議長, 条例) through the
index of each line's characters and pairs of characters (``utterance_grams``): every term is an
index lookup, and the lines found are exactly those a substring match would find
(:mod:`minutes.store.search`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from meeting.errors import InputError
from minutes.model import SpeakerKind
from minutes.speakers import Speaker, speaker_tag
from minutes.store.search import hit_rows, newest_matches

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
    hits: list[Hit] = []
    below = None
    while len(hits) < limit:
        ids = newest_matches(db, terms, below=below, limit=_BATCH)
        if not ids:
            break
        below = ids[-1]
        hits += _hits(db, ids, council_id)
        if len(ids) < _BATCH:
            break
    return hits[:limit]


_BATCH = 500


def _hits(db: Database, ids: list[int], council_id: int | None) -> list[Hit]:
    return [
        Hit(
            utterance_id=r["id"],
            session_id=r["session_id"],
            fiscal_year=r["fiscal_year"],
            number=r["number"],
            day=r["first_start"].date() if r["first_start"] else None,
            speaker=_speaker(r["kind"], r["speaker_kind"], r["name"], r["speaker_label"]),
            text=r["text"],
            public=r["public"],
        )
        for r in hit_rows(db, ids, council_id)
    ]


def _speaker(kind: str, speaker_kind: str | None, name: str, label: str) -> str:
    if kind == "narration":
        return "（ト書き）"
    if name:
        return name  # the full name: the clerk searching knows everyone
    other = Speaker(SpeakerKind(speaker_kind or SpeakerKind.OTHER.value), None, label)
    return speaker_tag(other, None, anonymised=False)
