"""The whole record as JSON: export, import into another database, export again — identical."""

from __future__ import annotations

import json

import pytest

from agendas.store import agenda
from exports.full_minutes import gather_minutes
from exports.record_json import TABLES, export_record, import_record, read_record
from meeting.db import open_database
from meeting.entry.cli import main
from meeting.entry.demo import load_demo
from meeting.errors import InputError
from meeting.model import SessionStatus
from meeting.store import list_sessions
from minutes.store import utterances
from minutes.utterances import correct_line


def canonical(data: dict) -> dict:
    """Ids replaced by each row's place in its table, references by the place of their row."""
    places: dict[str, dict] = {}
    for table, _, _ in TABLES:
        places[table] = {row["id"]: n for n, row in enumerate(data["tables"][table]) if "id" in row}
    out = {}
    for table, _, references in TABLES:
        rows = []
        for row in data["tables"][table]:
            row = dict(row)
            if "id" in row:
                row["id"] = places[table][row["id"]]
            for column, parent in references.items():
                if row.get(column) is not None:
                    row[column] = places[parent].get(row[column], "outside")
            rows.append(row)
        out[table] = rows
    return out


@pytest.fixture
def held(db, now):
    council = load_demo(db, now=now)
    session = next(s for s in list_sessions(db, council.id) if s.status is SessionStatus.HELD)
    line = utterances(db, session.id)[5]
    correct_line(db, line.id, line.text + "（訂正）", at=now)  # some history to carry
    return session


def test_round_trip_loses_nothing(db, held, tmp_path):
    first = export_record(db, held.id)
    assert first["format"] == "meeting-record" and first["version"] == 1
    other = open_database(tmp_path / "other.db")
    new_id = import_record(other, json.loads(json.dumps(first, ensure_ascii=False)))
    second = export_record(other, new_id)
    assert canonical(second) == canonical(first)
    assert (
        gather_minutes(other, new_id, public=False).text_lines()
        == gather_minutes(db, held.id, public=False).text_lines()
    )
    assert len(agenda(other, new_id)) == len(agenda(db, held.id))


def test_importing_twice_is_refused_and_changes_nothing(db, held, tmp_path):
    data = export_record(db, held.id)
    other = open_database(tmp_path / "other.db")
    import_record(other, data)
    count = other.execute("SELECT count(*) FROM utterances").fetchone()[0]
    with pytest.raises(InputError, match="既に取り込まれています"):
        import_record(other, data)
    assert other.execute("SELECT count(*) FROM utterances").fetchone()[0] == count
    assert other.execute("SELECT count(*) FROM members").fetchone()[0] == 9  # not doubled


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("not json", "読めません"),
        ('{"format": "other"}', "記録ファイルではありません"),
        ('{"format": "meeting-record", "version": 9}', "版 9"),
    ],
)
def test_bad_record_files_are_named(tmp_path, content, words):
    path = tmp_path / "r.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=words):
        read_record(path)


def test_the_command_line_round_trip(db, held, tmp_path, capsys):
    out = tmp_path / "record.json"
    db_path = str(tmp_path / "meeting.db")
    assert (
        main(["--db", db_path, "record", "export", "--session", str(held.id), "-o", str(out)]) == 0
    )
    assert (
        main(["--db", db_path, "record", "export", "--session", str(held.id), "-o", str(out)]) == 2
    )
    other = str(tmp_path / "other.db")
    assert main(["--db", other, "record", "import", str(out)]) == 0
    assert "取り込みました" in capsys.readouterr().out
    assert main(["--db", other, "record", "import", str(out)]) == 2


def test_an_answers_earlier_texts_travel_with_it(db, held, tmp_path):
    answer = db.execute("SELECT consultation_id, body, updated_at FROM answers").fetchone()
    db.execute(
        "INSERT INTO answer_history (consultation_id, number, body, updated_at, replaced_at,"
        " replaced_by) VALUES (?, '', ?, '2026-10-01T09:00:00+09:00', ?, 'clerk')",
        [answer[0], json.dumps({**json.loads(answer[1]), "remarks": "前の付言"}), answer[2]],
    )
    db.conn.commit()
    first = export_record(db, held.id)
    assert len(first["tables"]["answer_history"]) == 1
    other = open_database(tmp_path / "other.db")
    second = export_record(other, import_record(other, json.loads(json.dumps(first))))
    assert canonical(second) == canonical(first)


def test_an_appeal_travels_whole_and_an_unnumbered_one_is_found_again(db, held, tmp_path):
    """Sections, attachments, the appeal's facts, its extension and its appellant travel; an
    import into a database that has the same unnumbered case reuses it by title and date."""
    from agendas.consultations import get_appellant, list_consultations, update_consultation
    from agendas.model import ItemKind
    from agendas.store import add_agenda_item
    from tests.test_appeals import as_draft

    appeal = next(c for c in list_consultations(db, held.council_id) if c.is_appeal)
    appeal = update_consultation(db, appeal.id, as_draft(appeal, number=""))
    add_agenda_item(db, held.id, ItemKind.CONSULTATION, consultation_id=appeal.id)
    first = export_record(db, held.id)
    tables = first["tables"]
    assert {r["heading"] for r in tables["consultation_sections"]} >= {"提供する個人情報"}
    assert len(tables["consultation_attachments"]) == 2
    assert len(tables["consultation_extensions"]) == 1 and len(tables["appellants"]) == 1
    other = open_database(tmp_path / "other.db")
    new_id = import_record(other, json.loads(json.dumps(first, ensure_ascii=False)))
    assert canonical(export_record(other, new_id)) == canonical(first)
    (copied,) = [c for c in list_consultations(other, 1) if c.is_appeal]
    assert (copied.number, copied.due, copied.appeal) == ("", appeal.due, appeal.appeal)
    assert get_appellant(other, copied.id) == get_appellant(db, appeal.id)

    upcoming = next(
        s
        for s in list_sessions(db, held.council_id)
        if s.status is SessionStatus.SCHEDULED and len(s.sittings) == 2
    )
    add_agenda_item(db, upcoming.id, ItemKind.CONSULTATION, consultation_id=appeal.id)
    import_record(other, export_record(db, upcoming.id))
    assert [c.title for c in list_consultations(other, 1) if c.is_appeal] == [appeal.title]
