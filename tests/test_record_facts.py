"""The record file carries the facts of issue 13: headings, the council's numbering, turns of
several paragraphs; and a record imported without its speakers' letters gets them."""

from __future__ import annotations

import json

import pytest

from exports.record_json import export_record, import_with_notes
from exports.summary import gather_summary, summary_text
from meeting.db import open_database
from meeting.entry.demo import load_demo
from meeting.errors import InputError
from meeting.model import SessionStatus
from meeting.store import list_sessions
from minutes.utterances import letters


@pytest.fixture
def held(db, now):
    council = load_demo(db, now=now)
    return next(s for s in list_sessions(db, council.id) if s.status is SessionStatus.HELD)


def copy(data):
    return json.loads(json.dumps(data, ensure_ascii=False))


def test_a_record_without_letters_gets_them_as_first_lines_give_them(db, held, tmp_path, now):
    data = export_record(db, held.id)
    assert data["tables"]["speaker_letters"]
    data["tables"]["speaker_letters"] = []
    other = open_database(tmp_path / "other.db")
    imported = import_with_notes(other, copy(data), at=now)
    assert letters(other, imported.session_id).values() and sorted(
        letters(other, imported.session_id).values()
    ) == sorted(letters(db, held.id).values())
    (note,) = [n for n in imported.notes if "記号" in n]
    assert "石田 健一 → A委員" in note and "大野 真理 → C委員" in note
    text = summary_text(gather_summary(other, imported.session_id, public=True))
    assert not any("?委員" in t for t in text)
    here = summary_text(gather_summary(db, held.id, public=True))
    assert text == [t for t in here if not t.startswith("次回の日時")]  # no next session there


def test_a_record_with_its_letters_keeps_them_and_says_nothing(db, held, tmp_path, now):
    other = open_database(tmp_path / "other.db")
    imported = import_with_notes(other, copy(export_record(db, held.id)), at=now)
    assert not any("記号" in n for n in imported.notes)


@pytest.mark.parametrize(
    ("table", "column", "value", "words"),
    [
        ("councils", "agenda_numbering", "tree", "知らない値です"),
        ("utterances", "continues", 2, "0 か 1"),
        ("agenda_items", "kind", "heading", "知らない値です"),
    ],
)
def test_the_new_facts_are_checked_on_import(db, held, tmp_path, now, table, column, value, words):
    data = copy(export_record(db, held.id))
    data["tables"][table][-1][column] = value
    other = open_database(tmp_path / "other.db")
    with pytest.raises(InputError, match=words) as refused:
        import_with_notes(other, data, at=now)
    assert f"表 {table}" in refused.value.message and column in refused.value.message
    assert other.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0


def test_the_new_facts_travel(db, held, tmp_path, now):
    data = export_record(db, held.id)
    items = data["tables"]["agenda_items"]
    assert {r["kind"] for r in items} >= {"proceedings", "next_session"}
    assert sum(1 for r in items if r["parent_id"] is not None) == 3
    assert sum(r["continues"] for r in data["tables"]["utterances"]) == 1
    assert data["tables"]["councils"][0]["agenda_numbering"] == "nested"
    other = open_database(tmp_path / "other.db")
    new_id = import_with_notes(other, copy(data), at=now).session_id
    again = export_record(other, new_id)
    assert [r["continues"] for r in again["tables"]["utterances"]] == [
        r["continues"] for r in data["tables"]["utterances"]
    ]
