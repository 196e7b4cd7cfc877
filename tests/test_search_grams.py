"""Short terms through the grams index (migration m014): exactly a substring match, and an
index lookup whose work does not grow with the record."""

from __future__ import annotations

import sqlite3
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from meeting.db import open_database
from meeting.migrations import MIGRATION_NAMES, MIGRATIONS
from meeting.search_index import grams, register_functions
from minutes.search import search
from minutes.store.search import newest_matches

# Japanese, ASCII of both cases, full-width forms NFKC folds to ASCII, half-width kana NFKC
# folds (and composes: ｶﾞ → ガ), LIKE's and FTS5's special characters, two kinds of space.
ALPHABET = "あのはが議長会条例森カナガｶﾅﾞｶﾞaAbB1%_\\\"'ＡａＢ１％＿、。（）() 　"

SPOKEN = "2026-07-01T10:00:00+09:00"


def _put(db: Database, session_id: int, lines: list[str]) -> None:
    db.execute("DELETE FROM utterances WHERE session_id = ?", [session_id])
    for n, text in enumerate(lines, start=1):
        db.execute(
            "INSERT INTO utterances (session_id, position, text, spoken_at) VALUES (?, ?, ?, ?)",
            [session_id, n, text, SPOKEN],
        )
    db.conn.commit()


def _like(db: Database, terms: list[str]) -> list[int]:
    """The reference: every term a substring of the folded line (LIKE), newest first."""
    where = " AND ".join("nfkc(text) LIKE ? ESCAPE '\\'" for _ in terms)
    params = [
        "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms
    ]
    found = db.execute(f"SELECT id FROM utterances WHERE {where} ORDER BY id DESC", params)
    return [r[0] for r in found.fetchall()]


@st.composite
def corpus_and_query(draw: st.DrawFn) -> tuple[list[str], str]:
    lines = draw(st.lists(st.text(ALPHABET, min_size=1, max_size=14), min_size=1, max_size=8))
    words = []
    for _ in range(draw(st.integers(1, 2))):
        if draw(st.booleans()):  # a piece of a line: often at its start or its end
            line = draw(st.sampled_from(lines))
            size = draw(st.integers(1, min(4, len(line))))
            start = draw(st.sampled_from([0, len(line) - size, *range(len(line) - size + 1)]))
            words.append(line[start : start + size])
        else:
            words.append(draw(st.text(ALPHABET, min_size=1, max_size=4)))
    return lines, " ".join(words)


def test_a_search_finds_exactly_what_a_substring_match_finds(sitting_now):
    path, session = sitting_now
    db = open_database(path)

    @settings(max_examples=250, deadline=None)
    @given(corpus_and_query())
    def check(case: tuple[list[str], str]) -> None:
        lines, query = case
        _put(db, session.id, lines)
        terms = unicodedata.normalize("NFKC", query).split()
        if not terms:
            return
        expected = _like(db, terms)
        # The store's answer first: a line deleted before this example and still in an index
        # would show here (its id is reused by the next example's lines).
        assert newest_matches(db, terms, below=None, limit=1000) == expected, (lines, terms)
        assert [h.utterance_id for h in search(db, query)] == expected
        if len(expected) > 1:  # read in batches below a line, as a long result is
            assert newest_matches(db, terms, below=expected[0], limit=1000) == expected[1:]

    try:
        check()
    finally:
        db.close()


def test_short_and_long_terms_together_either_index_leading(sitting_now, monkeypatch):
    """議長 is in ten lines and 開会を宣言 in two: counted in full the trigrams lead; counted up
    to one line each the grams lead (a tie). Either way the same two lines."""
    import minutes.store.search as store

    path, session = sitting_now
    db = open_database(path)
    lines = ["議長が開会を宣言", "森の議長が開会を宣言", "議長の宣言"] + ["議長"] * 7 + ["開会"]
    _put(db, session.id, lines)
    expected = _like(db, ["議長", "開会を宣言"])
    assert len(expected) == 2
    asked: list[str] = []
    real_rows = store.rows

    def spy(db, sql, params):  # type: ignore[no-untyped-def]
        asked.append(sql)
        return real_rows(db, sql, params)

    monkeypatch.setattr(store, "rows", spy)
    for probe, leader in ((2000, "utterance_search"), (1, "utterance_grams")):
        monkeypatch.setattr(store, "_PROBE", probe)
        asked.clear()
        assert newest_matches(db, ["議長", "開会を宣言"], below=None, limit=10) == expected
        assert f"FROM {leader} g" in asked[-1], (probe, asked[-1])
    db.close()


def test_a_corrected_or_deleted_line_leaves_the_short_term_index(db, sitting_now, now):
    from minutes.line_order import delete_line
    from minutes.model import SpeakerKind
    from minutes.speakers import Speaker
    from minutes.utterances import correct_line, enter_line

    _, session = sitting_now
    line = enter_line(
        db,
        session.id,
        "議長が発言",
        at=now,
        agenda_item_id=None,
        speaker=Speaker(SpeakerKind.SECRETARIAT),
    )
    assert [h.utterance_id for h in search(db, "議長")] == [line.id]
    correct_line(db, line.id, "委員が発言", at=now)
    assert search(db, "議長") == [] and search(db, "議") == []
    assert [h.utterance_id for h in search(db, "委員")] == [line.id]
    delete_line(db, line.id, at=now)
    assert newest_matches(db, ["委員"], below=None, limit=10) == []


def _steps(db: Database, terms: list[str]) -> int:
    """SQLite's virtual-machine steps (in hundreds) to answer ``terms``: deterministic work."""
    count = 0

    def tick() -> int:
        nonlocal count
        count += 1
        return 0

    db.conn.set_progress_handler(tick, 100)
    try:
        newest_matches(db, terms, below=None, limit=200)
    finally:
        db.conn.set_progress_handler(None, 100)
    return count


def test_an_absent_short_term_is_a_lookup_not_a_scan(sitting_now):
    """The work for 議長 (found nowhere) and for a rare 騒 is the same on 100 lines and on
    2,000: the index is looked up, no line is read. (A LIKE scan grows 20-fold.)"""
    path, session = sitting_now
    db = open_database(path)
    filler = "委託先の管理体制について説明をお願いします。"
    _put(db, session.id, [filler] * 99 + ["騒音の苦情"])
    small = {t: _steps(db, [t]) for t in ("議長", "騒", "騒音")}
    _put(db, session.id, [filler] * 1999 + ["騒音の苦情"])
    large = {t: _steps(db, [t]) for t in ("議長", "騒", "騒音")}
    for term in small:
        assert large[term] <= small[term] + 2, (term, small, large)
    db.close()


def test_the_migration_indexes_the_lines_already_recorded(tmp_path):
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path)
    register_functions(connection)
    old = Database(connection)
    MIGRATIONS.apply(old, stop_before="m014_short_term_search")
    old.execute("INSERT INTO councils (name, created_at) VALUES ('旧い審議会', '2024-01-01')")
    old.execute(
        "INSERT INTO sessions (id, council_id, fiscal_year, number, uid, created_at, updated_at)"
        " VALUES (1, 1, 2024, 1, 's1', '2024-05-01', '2024-05-01')"
    )
    for n, text in enumerate(["議長が開会を宣言", "ＩＤの確認", "条例"], start=1):
        old.execute(
            "INSERT INTO utterances (session_id, position, text, spoken_at) VALUES (1, ?, ?, ?)",
            [n, text, SPOKEN],
        )
    connection.commit()
    connection.close()
    db = open_database(path)
    assert MIGRATION_NAMES.index("m014_short_term_search") < len(MIGRATION_NAMES)
    assert newest_matches(db, ["議長"], below=None, limit=10) == [1]
    assert newest_matches(db, ["id"], below=None, limit=10) == [2]  # ＩＤ folded, ASCII case too
    assert newest_matches(db, ["例"], below=None, limit=10) == [3]
    db.execute(
        "INSERT INTO utterances (session_id, position, text, spoken_at) VALUES (1, 4, '議長', ?)",
        [SPOKEN],
    )
    assert newest_matches(db, ["議長"], below=None, limit=10) == [4, 1]
    for index in ("utterance_grams", "utterance_search"):  # merged 16 segments at a time
        assert db.execute(f"SELECT v FROM {index}_config WHERE k = 'automerge'").fetchone() == (16,)
    db.close()


def test_grams_are_each_character_and_pair_once_without_spaces():
    assert grams("議長 AB議長") == " ".join(
        ["008b70", "009577", "000061", "000062", "008b70009577", "000061000062", "000062008b70"]
    )
    assert grams("") == "" and grams(None) is None
