"""Full-text search across the whole record, every session of every year, or one session.

The index (``utterance_search``, FTS5 with the trigram tokenizer) holds each line folded by
NFKC, so ＡＢＣ finds ABC and ｶﾅ finds カナ; the stored text stays as entered. A term of three
characters or more is matched through the trigram index; a shorter one (議長, 条例) through the
index of each line's characters and pairs of characters (``utterance_grams``): every term is an
index lookup, and the lines found are exactly those a substring match would find
(:mod:`minutes.store.search`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from agendas.model import AgendaItem
from agendas.rules import item_title, numbered
from agendas.store import agenda, get_item
from meeting.errors import InputError
from meeting.model import AgendaNumbering, Member, Session
from meeting.store import get_council, get_session
from minutes.model import SpeakerKind
from minutes.roll import members_for
from minutes.speakers import Speaker, speaker_tag
from minutes.store import in_closed_parts
from minutes.store.search import hit_rows, newest_matches, session_matches

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
    """The line's own mark (非公開 set on the line itself)."""
    agenda_item_id: int | None
    item: str
    """The item as the agenda shows it, numbered as the council numbers it (2(1) 題名), or ''."""
    spoken_at: datetime
    closed: bool
    """A public document leaves the line out: closed itself, or its item or session closed."""


def search(
    db: Database,
    query: str,
    *,
    council_id: int | None = None,
    session_id: int | None = None,
    limit: int = LIMIT,
) -> list[Hit]:
    """Lines holding every word of ``query`` (words split by spaces), the newest first; only
    the council's or the session's when given.

    The index is read newest line first (``rowid`` order, which FTS5 walks without sorting)
    in batches, so a common word stops at ``limit`` lines instead of sorting every match. A
    session's lines are matched one by one (:func:`minutes.store.search.session_matches`):
    the same text, the case of ASCII letters ignored as by a short term.
    A term is always searched for as text: quotes, ``*``, ``-`` or ``AND`` are never read as
    the index's query syntax.
    """
    terms = _terms(query)
    if not terms:
        raise InputError("検索", "探す言葉を入れてください")
    if any("\x00" in t for t in terms):
        # SQLite ends a LIKE pattern and an FTS5 query at a NUL: "%\x00%" would match every
        # line and '"a\x00"' fails to parse. No line is searched for one; none matches.
        return []
    if session_id is not None:
        return _hits(db, hit_rows(db, session_matches(db, session_id, terms, limit=limit), None))
    found: list[dict[str, Any]] = []
    below = None
    while len(found) < limit:
        ids = newest_matches(db, terms, below=below, limit=_BATCH)
        if not ids:
            break
        below = ids[-1]
        found += hit_rows(db, ids, council_id)
        if len(ids) < _BATCH:
            break
    return _hits(db, found[:limit])


_BATCH = 500


def _terms(query: str) -> list[str]:
    """The words of ``query`` folded as the index folds a line (NFKC)."""
    # A lone surrogate is stored as U+FFFD (minutes.utterances.keep_text): folded the same way here.
    folded = query.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return unicodedata.normalize("NFKC", folded).split()


class _ItemNames:
    """Each session's items as its agenda shows them, read once a search."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.by_session: dict[int, dict[int, str]] = {}
        self.numbering: dict[int, AgendaNumbering] = {}

    def name(self, row: dict[str, Any]) -> str:
        session_id, item_id = row["session_id"], row["agenda_item_id"]
        if item_id is None:
            return ""
        if session_id not in self.by_session:
            council_id = row["council_id"]
            if council_id not in self.numbering:
                self.numbering[council_id] = get_council(self.db, council_id).agenda_numbering
            shown = numbered(agenda(self.db, session_id), self.numbering[council_id])
            self.by_session[session_id] = {
                n.item.id: f"{n.number} {item_title(n.item)}".strip() for n in shown
            }
        return self.by_session[session_id].get(item_id, "")


def _hits(db: Database, found: list[dict[str, Any]]) -> list[Hit]:
    closed = in_closed_parts(db, [r["id"] for r in found])
    items = _ItemNames(db)
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
            agenda_item_id=r["agenda_item_id"],
            item=items.name(r),
            spoken_at=r["spoken_at"],
            closed=not r["public"] or r["id"] in closed,
        )
        for r in found
    ]


def _speaker(kind: str, speaker_kind: str | None, name: str, label: str) -> str:
    if kind == "narration":
        return "（ト書き）"
    if name:
        return name  # the full name: the clerk searching knows everyone
    other = Speaker(SpeakerKind(speaker_kind or SpeakerKind.OTHER.value), None, label)
    return speaker_tag(other, None, anonymised=False)


# Showing a hit


@dataclass(frozen=True)
class Excerpt:
    """A stretch of a line around the first place the words were found, and where each
    word stands in it (start, end) to be highlighted."""

    text: str
    spans: tuple[tuple[int, int], ...]


def excerpt(text: str, query: str, *, width: int = 60) -> Excerpt:
    """At most ``width`` characters of ``text`` (… where cut), from a little before the first
    word found, so a word late in a long remark is in sight."""
    spans = term_spans(text, query)
    if len(text) <= width:
        return Excerpt(text, tuple(spans))
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 4, len(text) - width))
    end = start + width
    head = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    shift = start - len(head)
    shown = [
        (max(a, start) - shift, min(b, end) - shift) for a, b in spans if a < end and b > start
    ]
    return Excerpt(head + text[start:end] + tail, tuple(shown))


def term_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the words of ``query`` stand in ``text`` (start, end), found as the search finds
    them: both folded by NFKC (ＡＢＣ is ABC, ｶﾞ is ガ), case ignored. Overlapping places are
    joined; the spans are in order."""
    terms = [t.lower() for t in _terms(query)]
    chunks = list(_chunks(text))
    folded = "".join(f for _, _, f in chunks)
    # Where each folded character came from: the chunk of text it was folded from.
    owner = [i for i, (_, _, f) in enumerate(chunks) for _ in f]
    spans: list[tuple[int, int]] = []
    for term in terms:
        at = folded.find(term)
        while term and at >= 0:
            first, last = owner[at], owner[at + len(term) - 1]
            spans.append((chunks[first][0], chunks[last][1]))
            at = folded.find(term, at + 1)
    joined: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if joined and a <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(b, joined[-1][1]))
        else:
            joined.append((a, b))
    return joined


def _chunks(text: str) -> Iterator[tuple[int, int, str]]:
    """``text`` in pieces that fold on their own — a character with the marks that combine
    with it (ｶﾞ folds to one ガ) —, each as (start, end, folded and lowered)."""
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and _combines(text[i]):
            continue
        piece = text[start:i]
        yield start, i, unicodedata.normalize("NFKC", piece).lower()
        start = i


def _combines(char: str) -> bool:
    folded = unicodedata.normalize("NFKC", char)
    return bool(folded) and unicodedata.combining(folded[0]) != 0


# Opening a hit


@dataclass(frozen=True)
class Place:
    """What the lines screen needs to show a hit's line: its session, its item, the roll."""

    session: Session
    item: AgendaItem | None
    members: list[Member]


def place_of(db: Database, hit: Hit) -> Place:
    session = get_session(db, hit.session_id)
    item = get_item(db, hit.agenda_item_id) if hit.agenda_item_id is not None else None
    return Place(session, item, members_for(db, session))
