"""A record file is untrusted input: every hostile file is refused by name and changes nothing.

The corpus is table-driven: each case mutates a valid export (or replaces the file's bytes)
and names the words the refusal must contain; every refusal leaves the database's dump as it
was. The accepted cases (SQL and any Unicode in values, an older schema) round-trip unchanged.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import exports.record_json as record_json
from exports.record_json import (
    MAX_TEXT,
    TABLES,
    export_record,
    import_record,
    import_with_notes,
    read_record,
)
from meeting.db import open_database
from meeting.entry.cli import main
from meeting.entry.demo import load_demo
from meeting.errors import InputError
from meeting.migrations import SCHEMA_VERSION
from meeting.model import SessionStatus
from meeting.store import list_sessions
from minutes.answers import answer_text, save_answer_text
from minutes.approval import approval, confirm_minutes, record_erratum
from minutes.opinions import OpinionKind, add_opinion
from minutes.store import decisions, utterances
from minutes.utterances import correct_line
from tests.conftest import NOW

# The source: the demo's held session (with a corrected line and an opinion) and its upcoming
# session, exported from a fresh database, so ids are small and fixed (the session is id 1).


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = open_database(tmp_path_factory.mktemp("source") / "source.db")
    council = load_demo(db, now=NOW)
    sessions = list_sessions(db, council.id)
    held = next(s for s in sessions if s.status is SessionStatus.HELD)
    upcoming = next(s for s in sessions if s.status is SessionStatus.SCHEDULED and s.sittings)
    line = utterances(db, held.id)[4]
    correct_line(db, line.id, line.text + "（訂正）", at=NOW)
    add_opinion(db, decisions(db, held.id)[0].id, OpinionKind.REMARK, "保存期間を定めること。")
    out = {
        "held": json.loads(json.dumps(export_record(db, held.id), ensure_ascii=False)),
        "upcoming": json.loads(json.dumps(export_record(db, upcoming.id), ensure_ascii=False)),
    }
    db.close()
    return out


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, exported: dict[str, Any]) -> Path:
    """The target: the demo loaded a year earlier, plus a previous import (the upcoming session)."""
    path = tmp_path_factory.mktemp("target") / "target.db"
    db = open_database(path)
    load_demo(db, now=NOW - timedelta(days=365))
    import_with_notes(db, copy.deepcopy(exported["upcoming"]), at=NOW)
    db.close()
    return path


@pytest.fixture
def target(template: Path, tmp_path: Path) -> Iterator[Any]:
    path = tmp_path / "target.db"
    shutil.copyfile(template, path)
    db = open_database(path)
    yield db
    db.close()


@pytest.fixture
def valid(exported: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(exported["held"])


def dump(db: Any) -> str:
    return "\n".join(db.conn.iterdump())


def refusal(db: Any, content: bytes, tmp_path: Path) -> str:
    """Import the file; it must be refused, with the database exactly as it was."""
    before = dump(db)
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as refused:
        import_with_notes(db, read_record(path), at=NOW)
    assert dump(db) == before
    return str(refused.value)


def as_file(data: Any) -> bytes:
    # ASCII escapes carry a lone surrogate, which UTF-8 cannot.
    return json.dumps(data, ensure_ascii=True).encode("utf-8")


# The corpus: (name, mutation of a valid export, words of the refusal). A mutation changes the
# data in place (returning None), returns another top-level value, or returns the file's bytes.

Mutation = Callable[[dict[str, Any]], Any]


def setting(table: str, column: str, value: Any, row: int = 0) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        data["tables"][table][row][column] = value

    return mutate


def dropping(table: str, column: str, row: int = 0) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        del data["tables"][table][row][column]

    return mutate


def adding(
    table: str, row: dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]]
) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        data["tables"].setdefault(table, []).append(row(data) if callable(row) else row)

    return mutate


def copying(table: str, row: int = 0, **changes: Any) -> Mutation:
    return adding(table, lambda data: {**data["tables"][table][row], **changes})


def top(key: str, value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        data[key] = value

    return mutate


def raw(content: bytes) -> Mutation:
    return lambda data: content


def erratum(utterance_id: int) -> dict[str, Any]:
    return {
        "id": 1,
        "session_id": 1,
        "utterance_id": utterance_id,
        "revision": 1,
        "reason": "誤記",
        "before": "前",
        "after": "後",
        "recorded_at": "2026-11-01T10:00:00+09:00",
    }


def nested(depth: int) -> bytes:
    return (
        '{"format": "meeting-record", "version": 1, "schema": 8, "tables": {"x": '
        + "[" * depth
        + "]" * depth
        + "}}"
    ).encode()


CASES: list[tuple[str, Mutation, str]] = [
    # SQL in names: never reaches a statement
    (
        "sql in a column name",
        setting("utterances", "text; DROP TABLE councils", "x", row=2),
        "表 utterances の 3 行目（id 3）に知らない列があります: 'text; DROP TABLE councils'",
    ),
    (
        "sql with quotes in a column name",
        setting("members", '"); DELETE FROM sessions; --', 1),
        "表 members の 1 行目（id 1）に知らない列があります: '\"); DELETE FROM sessions; --'",
    ),
    (
        "sql in a table name",
        top("tables", {"utterances; DROP TABLE sessions": []}),
        "知らない表があります: 'utterances; DROP TABLE sessions'",
    ),
    (
        "a table of the database that is not a record's",
        top("tables", {"session_holds": []}),
        "知らない表があります: 'session_holds'",
    ),
    ("the schema table", top("tables", {"sqlite_master": []}), "知らない表があります"),
    # Wrong types, for each kind of column
    (
        "a fiscal year as text",
        setting("sessions", "fiscal_year", "2026"),
        "表 sessions の 1 行目（id 1）の列 fiscal_year: 整数ではありません（値: '2026'）",
    ),
    (
        "a fiscal year with a fraction",
        setting("sessions", "fiscal_year", 2026.5),
        "列 fiscal_year: 整数ではありません（値: 2026.5）",
    ),
    (
        "a float where an integer is expected",
        setting("sittings", "ordinal", 1.0),
        "列 ordinal: 整数ではありません（値: 1.0）",
    ),
    (
        "a bool where an integer is expected",
        setting("sessions", "number", True),
        "列 number: 整数ではありません（値: True）",
    ),
    (
        "a flag that is neither 0 nor 1",
        setting("utterances", "public", 2),
        "表 utterances の 1 行目（id 1）の列 public: 0 か 1 でなければなりません（値: 2）",
    ),
    (
        "an integer beyond 64 bits",
        setting("utterances", "position", 2**70),
        "列 position: 整数が大きすぎます",
    ),
    (
        "a number as text",
        setting("councils", "page_size_pt", "10.5"),
        "表 councils の 1 行目（id 1）の列 page_size_pt: 数ではありません（値: '10.5'）",
    ),
    (
        "a list where text is expected",
        setting("utterances", "text", [1, 2], row=2),
        "記録ファイル: 表 utterances の 3 行目（id 3）の列 text: "
        "文字列ではありません（値: [1, 2]）",
    ),
    (
        "a nested object where text is expected",
        setting("councils", "name", {"$gt": ""}),
        "列 name: 文字列ではありません（値: {'$gt': ''}）",
    ),
    (
        "a number where text is expected",
        setting("members", "name", 17),
        "表 members の 1 行目（id 1）の列 name: 文字列ではありません（値: 17）",
    ),
    (
        "null in a required column",
        setting("agenda_items", "title", None),
        "表 agenda_items の 1 行目（id 1）の列 title: 空（null）にはできません（値: None）",
    ),
    (
        "an id as text",
        setting("members", "id", "1"),
        "表 members の 1 行目の列 id: 整数ではありません（値: '1'）",
    ),
    ("a null id", setting("utterances", "id", None), "列 id: 空（null）にはできません"),
    # Dates and times that do not parse, or not in the app's form
    (
        "a moment in words",
        setting("utterances", "spoken_at", "yesterday"),
        "列 spoken_at: 日時ではありません（例: 2026-10-21T14:00:00+09:00）（値: 'yesterday'）",
    ),
    (
        "a moment without its offset",
        setting("sittings", "starts_at", "2026-10-21T14:00:00"),
        "表 sittings の 1 行目（id 1）の列 starts_at: 日時ではありません",
    ),
    (
        "a moment in the thirteenth month",
        setting("decisions", "decided_at", "2026-13-01T10:00:00+09:00"),
        "列 decided_at: 日時ではありません",
    ),
    (
        "a date with slashes",
        setting("consultations", "filed_on", "2026/09/24"),
        "表 consultations の 1 行目（id 1）の列 filed_on: 日付ではありません（例: 2026-10-21）",
    ),
    (
        "the thirtieth of February",
        setting("members", "term_start", "2026-02-30"),
        "列 term_start: 日付ではありません",
    ),
    (
        "an era date",
        setting("sessions", "minutes_confirmed_on", "令和8年11月1日"),
        "列 minutes_confirmed_on: 日付ではありません",
    ),
    # Values outside the known ones
    (
        "an unknown kind of session",
        setting("sessions", "kind", "emergency"),
        "列 kind: 知らない値です（regular、extraordinary のどれか）（値: 'emergency'）",
    ),
    (
        "an unknown attendance",
        setting("attendance", "status", "asleep"),
        "表 attendance の 1 行目の列 status: 知らない値です",
    ),
    (
        "an unknown way of naming speakers",
        setting("councils", "speaker_names", "partly"),
        "列 speaker_names: 知らない値です",
    ),
    (
        "an unknown speaker",
        setting("utterances", "speaker_kind", "robot", row=2),
        "表 utterances の 3 行目（id 3）の列 speaker_kind: 知らない値です",
    ),
    ("an unknown outcome", setting("decisions", "outcome", "maybe"), "列 outcome: 知らない値です"),
    ("an unknown role", setting("members", "role", "emperor"), "列 role: 知らない値です"),
    (
        "names present that are not JSON",
        setting("decisions", "present_names", "森川, 石田"),
        "列 present_names: JSON の文字列の配列ではありません",
    ),
    (
        "an answer's body that is not an object",
        setting("answers", "body", "[1]"),
        "表 answers の 1 行目（id 1）の列 body: JSON のオブジェクトではありません",
    ),
    # Issue 13's facts: a case's kind and its appeal, the council's settings, the 諮問書's body
    (
        "an unknown kind of case",
        setting("consultations", "kind", "lawsuit"),
        "表 consultations の 1 行目（id 1）の列 kind: "
        "知らない値です（consultation、appeal のどれか）",
    ),
    (
        "an unknown decision appealed",
        setting("consultations", "disposition", "secret"),
        "列 disposition: 知らない値です"
        "（non_disclosure、partial_disclosure、refusal_to_confirm、other のどれか）",
    ),
    (
        "an unknown conclusion",
        setting("consultations", "conclusion", "maybe"),
        "列 conclusion: 知らない値です",
    ),
    (
        "a deadline that is not a date",
        setting("consultations", "answer_due", "来月末"),
        "表 consultations の 1 行目（id 1）の列 answer_due: 日付ではありません",
    ),
    (
        "a withdrawal that is not a date",
        setting("consultations", "withdrawn_on", "2026-11-31"),
        "列 withdrawn_on: 日付ではありません",
    ),
    (
        "a number of a consultation that is not text",
        setting("consultations", "number", 57),
        "表 consultations の 1 行目（id 1）の列 number: 文字列ではありません（値: 57）",
    ),
    (
        "an unknown way of concluding the year",
        setting("councils", "annual_conclusions", "yearly"),
        "表 councils の 1 行目（id 1）の列 annual_conclusions: "
        "知らない値です（item、session のどれか）",
    ),
    (
        "an unknown wording of the request",
        setting("councils", "request_wording", "demand"),
        "列 request_wording: 知らない値です",
    ),
    (
        "a yes/no for the summary's questions that is neither",
        setting("councils", "summary_questions", 3),
        "表 councils の 1 行目（id 1）の列 summary_questions: 0 か 1 でなければなりません",
    ),
    (
        "a department's path that is not a list of names",
        setting("consultation_departments", "path", "危機管理部"),
        "列 path: JSON の文字列の配列ではありません",
    ),
    (
        "a section of a consultation that is not there",
        setting("consultation_sections", "consultation_id", 77),
        "表 consultation_sections の 1 行目の列 consultation_id: "
        "表 consultations にない行を指しています（値: 77）",
    ),
    (
        "two sections in one place",
        copying("consultation_sections", 0),
        "列 consultation_id, position: 1 行目と同じ値です",
    ),
    (
        "a section's text as a list",
        setting("consultation_sections", "text", ["項目", "内容"]),
        "表 consultation_sections の 1 行目の列 text: 文字列ではありません",
    ),
    (
        "an attachment without its name",
        dropping("consultation_attachments", "name"),
        "表 consultation_attachments の 1 行目の列 name: ありません（必ず要る列です）",
    ),
    (
        "an appellant of a consultation that is not there",
        adding("appellants", {"consultation_id": 77, "name": "架空"}),
        "表 appellants の 1 行目の列 consultation_id: 表 consultations にない行を指しています",
    ),
    (
        "two appellants of one case",
        lambda data: (
            [adding("appellants", {"consultation_id": 2, "name": name})(data) for name in "甲乙"]
            and None
        ),
        "表 appellants の 2 行目の列 consultation_id: 1 行目と同じ値です（値: 2）",
    ),
    (
        "an appellant's name as a number",
        adding("appellants", {"consultation_id": 2, "name": 1}),
        "表 appellants の 1 行目の列 name: 文字列ではありません（値: 1）",
    ),
    (
        "an extension without its reason",
        adding(
            "consultation_extensions", {"id": 1, "consultation_id": 2, "extended_to": "2027-01-29"}
        ),
        "表 consultation_extensions の 1 行目（id 1）の列 reason: ありません（必ず要る列です）",
    ),
    (
        "an extension to a day that is not a date",
        adding(
            "consultation_extensions",
            {"id": 1, "consultation_id": 2, "extended_to": "2027/01/29", "reason": "x"},
        ),
        "表 consultation_extensions の 1 行目（id 1）の列 extended_to: 日付ではありません",
    ),
    (
        "an extension of a consultation that is not there",
        adding(
            "consultation_extensions",
            {"id": 1, "consultation_id": 9, "extended_to": "2027-01-29", "reason": "x"},
        ),
        "列 consultation_id: 表 consultations にない行を指しています（値: 9）",
    ),
    # Missing and extra fields
    (
        "a line without its text",
        dropping("utterances", "text", row=2),
        "表 utterances の 3 行目（id 3）の列 text: ありません（必ず要る列です）",
    ),
    (
        "a session without its uid",
        dropping("sessions", "uid"),
        "表 sessions の 1 行目（id 1）の列 uid: ありません",
    ),
    (
        "a member without an id",
        dropping("members", "id"),
        "表 members の 1 行目の列 id: ありません",
    ),
    (
        "an unknown field",
        setting("attendance", "comment", "遅刻"),
        "表 attendance の 1 行目に知らない列があります: 'comment'",
    ),
    ("an unknown top-level field", top("signature", "x"), "知らない項目があります: 'signature'"),
    (
        "a field twice in one object",
        lambda data: as_file(data).replace(b'"uid":', b'"uid": "x", "uid":', 1),
        "同じ名前の項目が2回あります: 'uid'",
    ),
    # Duplicates inside the file
    (
        "two lines with one id",
        setting("utterances", "id", 1, row=1),
        "表 utterances の 2 行目（id 1）の列 id: 1 行目と同じ値です（値: 1）",
    ),
    (
        "a member present twice",
        copying("attendance", 0),
        "表 attendance の 17 行目の列 sitting_id, member_id: 1 行目と同じ値です",
    ),
    (
        "two sittings with one uid",
        copying("sittings", 0, id=99, ordinal=3),
        "表 sittings の 3 行目（id 99）の列 uid: 1 行目と同じ値です",
    ),
    (
        "two answers to one consultation",
        copying("answers", 0, id=99),
        "表 answers の 2 行目（id 99）の列 consultation_id: 1 行目と同じ値です",
    ),
    # References to rows that are nowhere
    (
        "a line by a member who is not there",
        setting("utterances", "member_id", 9999, row=2),
        "表 utterances の 3 行目（id 3）の列 member_id: "
        "表 members にない行を指しています（値: 9999）",
    ),
    (
        "attendance at a sitting that is not there",
        setting("attendance", "sitting_id", 77),
        "表 attendance の 1 行目の列 sitting_id: 表 sittings にない行を指しています（値: 77）",
    ),
    (
        "a decision on an item that is not there",
        setting("decisions", "agenda_item_id", 77),
        "列 agenda_item_id: 表 agenda_items にない行を指しています",
    ),
    (
        "an item of a consultation that is not there",
        setting("agenda_items", "consultation_id", 77, row=2),
        "列 consultation_id: 表 consultations にない行を指しています",
    ),
    (
        "a member of a council that is not there",
        setting("members", "council_id", 2),
        "表 members の 1 行目（id 1）の列 council_id: 表 councils にない行を指しています（値: 2）",
    ),
    (
        "a session of a council that is not there",
        setting("sessions", "council_id", 2),
        "表 sessions の 1 行目（id 1）の列 council_id: 表 councils にない行を指しています",
    ),
    (
        "an opinion made from a line that is not there",
        setting("opinions", "utterance_id", 500),
        "表 opinions の 1 行目（id 1）の列 utterance_id: 表 utterances にない行を指しています",
    ),
    (
        "the history of a line that is not there",
        setting("utterance_history", "utterance_id", 500),
        "表 utterance_history の 1 行目（id 1）の列 utterance_id: 表 utterances にない行を指して",
    ),
    (
        "an erratum to a line that is not there",
        adding("errata", erratum(500)),
        "表 errata の 1 行目（id 1）の列 utterance_id: 表 utterances にない行を指しています",
    ),
    (
        "a department of a consultation that is not there",
        setting("consultation_departments", "consultation_id", 77),
        "列 consultation_id: 表 consultations にない行を指しています（値: 77）",
    ),
    # The session itself
    (
        "no session",
        top("tables", {"councils": [{"id": 1, "name": "x", "created_at": "x"}]}),
        "表 sessions にはちょうど1行が要ります（0行あります）",
    ),
    (
        "two sessions",
        copying("sessions", 0, id=2, uid="another"),
        "表 sessions にはちょうど1行が要ります（2行あります）",
    ),
    (
        "two councils",
        copying("councils", 0, id=2),
        "表 councils にはちょうど1行が要ります（2行あります）",
    ),
    (
        "a session numbered 0",
        setting("sessions", "number", 0),
        "表 sessions の 1 行目（id 1）: このデータベースに書き込めません（CHECK constraint failed",
    ),
    (
        "a session whose number is taken here",
        setting("sessions", "number", 2),
        "表 sessions の 1 行目（id 1）: このデータベースに書き込めません（UNIQUE constraint failed",
    ),
    # Size and text
    (
        "a text over the cap",
        setting("utterances", "text", "あ" * (MAX_TEXT + 1), row=2),
        "表 utterances の 3 行目（id 3）の列 text: 1,000,001字は長すぎます（1,000,000字まで）",
    ),
    (
        "a lone high surrogate",
        setting("utterances", "text", "発言\ud800です", row=2),
        "列 text: 対になっていないサロゲート U+D800 があります（3字目）（値: '発言\\ud800です'）",
    ),
    (
        "a lone low surrogate in a name",
        setting("councils", "name", "\udfb7審議会"),
        "表 councils の 1 行目（id 1）の列 name: "
        "対になっていないサロゲート U+DFB7 があります（1字目）",
    ),
    # The file's shape
    ("a list at the top", lambda data: [data], "meeting の記録ファイルではありません"),
    ("a string at the top", lambda data: "meeting-record", "meeting の記録ファイルではありません"),
    (
        "tables as a list",
        top("tables", [["sessions", []]]),
        "tables が表の名前と行の組ではありません",
    ),
    (
        "a table that is not a list",
        top("tables", {"sessions": {"id": 1}}),
        "表 sessions が行の並び（リスト）ではありません",
    ),
    (
        "a row that is not an object",
        adding("utterances", ["id", 99]),
        "表 utterances の 34 行目が列と値の組ではありません（値: ['id', 99]）",
    ),
    (
        "a newer schema",
        top("schema", SCHEMA_VERSION + 1),
        f"スキーマ第{SCHEMA_VERSION + 1}版の meeting で書かれた記録です",
    ),
    ("a schema as text", top("schema", "8"), "schema（スキーマの版）が正しくありません（値: '8'）"),
    (
        "no schema",
        lambda data: {k: v for k, v in data.items() if k != "schema"},
        "schema（スキーマの版）が正しくありません（値: None）",
    ),
    ("another version", top("version", 2), "記録ファイルの版 2 は読めません（版 1 のみ）"),
    ("a version as text", top("version", "1"), "記録ファイルの版 '1' は読めません"),
    ("another format", top("format", "other-record"), "meeting の記録ファイルではありません"),
    # The file's bytes
    (
        "bytes that are not UTF-8",
        lambda data: as_file(data).replace(b"{", b"{\xff", 1),
        "を読めません（UTF-8 ではありません: 2バイト目）",
    ),
    ("Shift_JIS", raw('{"format": "会議"}'.encode("shift_jis")), "UTF-8 ではありません"),
    (
        "truncated JSON",
        lambda data: as_file(data)[:5000],
        "を読めません（JSON として正しくありません: 1行",
    ),
    ("an empty file", raw(b""), "を読めません（空のファイルです）"),
    ("a file of blanks", raw(b" \n\t\n"), "空のファイルです"),
    ("NaN", raw(b'{"format": "meeting-record", "version": NaN}'), "JSON にない値 NaN があります"),
    ("nesting deeper than Python recurses", raw(nested(100_000)), "入れ子が深すぎます"),
    (
        "a number of five thousand digits",
        raw(b'{"version": ' + b"9" * 5000 + b"}"),
        "数の桁が多すぎる",
    ),
]


@pytest.mark.parametrize(("name", "mutate", "words"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_file_is_refused_by_name_and_changes_nothing(
    target, valid, tmp_path, name, mutate, words
):
    result = mutate(valid)
    content = result if isinstance(result, bytes) else as_file(valid if result is None else result)
    message = refusal(target, content, tmp_path)
    assert words in message
    assert "Traceback" not in message


def test_the_corpus_is_large_and_every_table_of_the_record_is_known():
    assert len(CASES) >= 40
    assert {table for table, _, _ in TABLES} >= {"answer_history", "errata", "utterance_history"}
    assert "session_holds" not in {table for table, _, _ in TABLES}


def test_a_file_over_the_size_cap_is_refused_before_it_is_parsed(
    target, valid, tmp_path, monkeypatch
):
    monkeypatch.setattr(record_json, "MAX_FILE_BYTES", 1000)
    assert "大きすぎます（1,000バイトまで）" in refusal(target, as_file(valid), tmp_path)


def test_the_same_session_twice_is_refused(target, exported, tmp_path):
    message = refusal(target, as_file(exported["upcoming"]), tmp_path)
    assert "既に取り込まれています" in message


def test_a_sitting_already_here_is_refused(target, valid, exported, tmp_path):
    valid["tables"]["sittings"][0]["uid"] = exported["upcoming"]["tables"]["sittings"][0]["uid"]
    message = refusal(target, as_file(valid), tmp_path)
    assert "表 sittings の 1 行目（id 1）の列 uid: 同じUIDの会議日が既にあります" in message


# Accepted: values are stored as given


def stored(db: Any, sql: str, params: list[Any]) -> list[Any]:
    return [r[0] for r in db.execute(sql, params).fetchall()]


def test_sql_in_values_is_plain_text_and_round_trips(target, valid):
    texts = [
        "'); DROP TABLE utterances; --",
        'Robert"); DELETE FROM councils WHERE 1=1; --',
        "1; UPDATE sessions SET status = 'cancelled'",
    ]
    for line, text in zip(valid["tables"]["utterances"], texts, strict=False):
        line["text"] = text
    valid["tables"]["others_present"][0]["name"] = "x' OR '1'='1"
    new_id = import_record(target, valid)
    assert (
        stored(
            target, "SELECT text FROM utterances WHERE session_id = ? ORDER BY position", [new_id]
        )[:3]
        == texts
    )
    assert "x' OR '1'='1" in stored(
        target, "SELECT name FROM others_present WHERE session_id = ?", [new_id]
    )
    again = export_record(target, new_id)
    assert [u["text"] for u in again["tables"]["utterances"]][:3] == texts


UNICODE = [
    "審議会👩‍⚖️🏛️",  # emoji with a zero-width joiner and variation selectors
    "か\u3099と\u309a、e\u0301",  # combining marks
    "\u200f右から左\u200e、\u202eCBA\u202c、\u2067隔離\u2069",  # bidi marks and overrides
    "𠮷野家の𩸽",  # outside the BMP (a surrogate pair in JSON)
    "\ufffe\uffff\ufeff",  # noncharacters and a BOM inside the text
    "鐘\x07、色\x1b[31m赤\x1b[0m、\x00、\x7f\x85\u2028\u2029、\t\r\n",  # control characters
    "Ａ１ｱｲｳ①㈱",  # full and half width, as typed
]


def test_every_kind_of_unicode_is_stored_as_given(target, valid, tmp_path):
    for line, text in zip(valid["tables"]["utterances"], UNICODE, strict=False):
        line["text"] = text
    path = tmp_path / "unicode.json"
    path.write_bytes(as_file(valid))
    new_id = import_with_notes(target, read_record(path), at=NOW).session_id
    texts = stored(
        target, "SELECT text FROM utterances WHERE session_id = ? ORDER BY position", [new_id]
    )
    assert texts[: len(UNICODE)] == UNICODE


def test_a_huge_text_within_the_cap_is_kept(target, valid):
    valid["tables"]["others_present"][0]["title"] = "長" * MAX_TEXT
    new_id = import_record(target, valid)
    assert (
        stored(target, "SELECT length(title) FROM others_present WHERE session_id = ?", [new_id])[0]
        == MAX_TEXT
    )


def test_true_and_false_are_taken_for_yes_no_columns(target, valid):
    valid["tables"]["utterances"][0]["public"] = False
    valid["tables"]["sessions"][0]["public"] = True
    new_id = import_record(target, valid)
    assert stored(target, "SELECT public FROM sessions WHERE id = ?", [new_id]) == [1]
    assert 0 in stored(target, "SELECT public FROM utterances WHERE session_id = ?", [new_id])


def test_an_older_schema_without_the_newer_columns_still_imports(target, valid):
    valid["schema"] = 7
    del valid["tables"]["answer_history"]
    for item in valid["tables"]["agenda_items"]:
        del item["closed_reason"]
    for opinion in valid["tables"]["opinions"]:
        del opinion["public"]
    new_id = import_record(target, valid)
    assert stored(
        target, "SELECT DISTINCT closed_reason FROM agenda_items WHERE session_id = ?", [new_id]
    ) == [""]
    assert len(utterances(target, new_id)) == len(valid["tables"]["utterances"])


def test_an_older_files_blank_numbers_are_consultations_not_yet_numbered(target, valid):
    """Schema 8 wrote an unnumbered consultation's number as ''; two of them come in as two
    unnumbered consultations, as the migration makes them, not as one number taken twice."""
    valid["schema"] = 8
    for c in valid["tables"]["consultations"]:
        c["number"] = " "
        c["title"] += "（番号なし）"
    new_id = import_record(target, valid)
    numbers = stored(
        target,
        "SELECT number FROM consultations WHERE id IN"
        " (SELECT consultation_id FROM agenda_items WHERE session_id = ?)",
        [new_id],
    )
    assert numbers == [None, None]


def test_the_session_that_confirmed_the_minutes_is_left_empty(target, valid):
    valid["tables"]["sessions"][0]["minutes_confirmed_on"] = "2026-12-16"
    valid["tables"]["sessions"][0]["minutes_confirmed_by"] = 12345  # a session of the source
    new_id = import_record(target, valid)
    assert target.execute(
        "SELECT minutes_confirmed_on, minutes_confirmed_by FROM sessions WHERE id = ?", [new_id]
    ).fetchone() == ("2026-12-16", None)


# Councils: reused only when they are the same council


def test_a_council_that_differs_is_refused_with_its_differences(target, valid, tmp_path):
    council = valid["tables"]["councils"][0]
    council["municipality"] = "かもめ台市"
    council["speaker_names"] = "anonymised"
    valid["tables"]["members"][0]["name"] = "別の 委員"
    valid["tables"]["members"][1]["role"] = "chair"
    message = refusal(target, as_file(valid), tmp_path)
    assert "同じ名前の審議会（ID 1）と違います" in message
    assert "市町村（ファイル: かもめ台市、このデータベース: ひばり野市）" in message
    assert "発言者の表記（ファイル: 匿名（A委員…）、このデータベース: 氏名を記載）" in message
    assert "委員「別の 委員」がいません" in message
    assert "委員「石田 健一」の役職（ファイル: 会長、このデータベース: 副会長）" in message
    assert "--as-new-council" in message


def test_a_council_that_differs_can_come_in_as_a_separate_council(target, valid):
    valid["tables"]["councils"][0]["speaker_names"] = "anonymised"
    before = {
        table: target.execute(f"SELECT * FROM {table} WHERE {where}").fetchall()
        for table, where in (("councils", "id = 1"), ("members", "council_id = 1"))
    }
    imported = import_with_notes(target, valid, as_new_council=True, at=NOW)
    council_id = stored(
        target, "SELECT council_id FROM sessions WHERE id = ?", [imported.session_id]
    )[0]
    assert council_id != 1
    assert stored(target, "SELECT speaker_names FROM councils WHERE id = ?", [council_id]) == [
        "anonymised"
    ]
    assert any("別の審議会として取り込みました" in note for note in imported.notes)
    for table, where in (("councils", "id = 1"), ("members", "council_id = 1")):
        assert target.execute(f"SELECT * FROM {table} WHERE {where}").fetchall() == before[table]
    # The anonymised council's lines name no member of the named council.
    members_here = set(stored(target, "SELECT id FROM members WHERE council_id = 1", []))
    speakers = set(
        stored(
            target, "SELECT member_id FROM utterances WHERE session_id = ?", [imported.session_id]
        )
    )
    assert not speakers & members_here


def test_the_same_council_is_reused_and_a_differing_consultation_is_reported(target, valid):
    valid["tables"]["consultations"][0]["title"] = "書き換えた件名"
    number = valid["tables"]["consultations"][0]["number"]
    before = target.execute("SELECT * FROM consultations WHERE number = ?", [number]).fetchall()
    imported = import_with_notes(target, valid, at=NOW)
    assert stored(target, "SELECT count(*) FROM councils", []) == [1]
    assert target.execute("SELECT * FROM consultations WHERE number = ?", [number]).fetchall() == (
        before
    )
    assert any(
        f"諮問 {number} は、このデータベースにあるものと違います（件名" in n for n in imported.notes
    )


def test_a_carried_item_without_its_earlier_session_is_said(tmp_path, exported):
    db = open_database(tmp_path / "fresh.db")
    imported = import_with_notes(db, copy.deepcopy(exported["upcoming"]), at=NOW)
    assert any("継続の印を付けずに取り込みました" in note for note in imported.notes)
    assert any("を新しく登録しました" in note for note in imported.notes)
    db.close()


# Answers: never overwritten silently


def answer_of(db: Any, number: str) -> tuple[Any, ...]:
    return db.execute(
        "SELECT a.body, a.updated_at FROM answers a"
        " JOIN consultations c ON c.id = a.consultation_id"
        " WHERE c.number = ? AND c.council_id = 1",
        [number],
    ).fetchone()


def history_of(db: Any, number: str) -> list[tuple[Any, ...]]:
    return db.execute(
        "SELECT h.body, h.updated_at, h.replaced_by FROM answer_history h"
        " JOIN consultations c ON c.id = h.consultation_id WHERE c.number = ? AND c.council_id = 1",
        [number],
    ).fetchall()


def with_answer(valid: dict[str, Any], reasoning: str, updated_at: str) -> str:
    answer = valid["tables"]["answers"][0]
    body = json.loads(answer["body"])
    answer["body"] = json.dumps({**body, "reasoning": reasoning}, ensure_ascii=False)
    answer["updated_at"] = updated_at
    consultation = next(
        c for c in valid["tables"]["consultations"] if c["id"] == answer["consultation_id"]
    )
    return str(consultation["number"])


def test_a_newer_answer_replaces_the_local_one_which_is_kept_in_history(target, valid):
    number = with_answer(valid, "1　新しい理由", "2027-01-01T09:00:00+09:00")
    local = answer_of(target, number)
    imported = import_with_notes(target, valid, at=NOW)
    assert "新しい理由" in answer_of(target, number)[0]
    assert history_of(target, number) == [(local[0], local[1], "import")]
    assert f"答申書の本文を更新しました（諮問 {number}、前の本文は履歴に保存）" in imported.notes


def test_an_older_answer_is_only_kept_in_history(target, valid):
    number = with_answer(valid, "1　古い理由", "2020-01-01T09:00:00+09:00")
    local = answer_of(target, number)
    imported = import_with_notes(target, valid, at=NOW)
    assert answer_of(target, number) == local
    [(body, updated_at, by)] = history_of(target, number)
    assert "古い理由" in body and updated_at == "2020-01-01T09:00:00+09:00" and by == "import"
    assert any("履歴にだけ保存しました" in note and number in note for note in imported.notes)


def test_the_same_answer_with_a_newer_stamp_changes_nothing(target, valid):
    number = with_answer(valid, "", "2030-01-01T09:00:00+09:00")
    local = answer_of(target, number)
    valid["tables"]["answers"][0]["body"] = local[0]
    imported = import_with_notes(target, valid, at=NOW)
    assert answer_of(target, number) == local and history_of(target, number) == []
    assert not any("答申書" in note for note in imported.notes)


# A confirmed record is never changed by an import


SESSION_TABLES = [
    (table, where)
    for table, where, _ in TABLES
    if table
    not in {
        "councils",
        "members",
        "consultations",
        "consultation_departments",
        "consultation_questions",
        "consultation_materials",
        "answers",
        "answer_history",
    }
]


def session_rows(db: Any, session_id: int) -> dict[str, list[Any]]:
    return {
        table: db.execute(
            f"SELECT * FROM {table} WHERE {where} ORDER BY rowid", {"session": session_id}
        ).fetchall()
        for table, where in SESSION_TABLES
    }


def test_an_import_leaves_a_confirmed_record_as_it_was(target, valid):
    demo_held = next(
        s
        for s in list_sessions(target, 1)
        if s.status is SessionStatus.HELD and s.fiscal_year == 2025
    )
    confirm_minutes(target, demo_held.id, on=date(2025, 12, 1))
    line = utterances(target, demo_held.id)[3]
    record_erratum(target, line.id, line.text + "。", reason="句点の脱落", at=NOW)
    save_answer_text(  # an answer of a consultation on the confirmed session's agenda
        target, 1, answer_text(target, 1), at=NOW - timedelta(days=400)
    )
    rows = session_rows(target, demo_held.id)
    with_answer(valid, "1　取り込んだ理由", "2027-01-01T09:00:00+09:00")
    imported = import_with_notes(target, valid, at=NOW)
    assert session_rows(target, demo_held.id) == rows
    assert rows["errata"] and approval(target, demo_held.id).confirmed
    assert any("答申書の本文を更新しました" in note for note in imported.notes)


# The command line


def test_the_command_line_names_a_hostile_file_without_a_traceback(tmp_path, valid, capsys):
    path = tmp_path / "hostile.json"
    valid["tables"]["utterances"][2]["text"] = [1, 2]
    path.write_bytes(as_file(valid))
    db_path = str(tmp_path / "cli.db")
    assert main(["--db", db_path, "record", "import", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("meeting: 記録ファイル: 表 utterances の 3 行目（id 3）")
    assert "Traceback" not in captured.err + captured.out
    path.write_bytes(b"\xff\xfe{")
    assert main(["--db", db_path, "record", "import", str(path)]) == 2
    assert "UTF-8 ではありません" in capsys.readouterr().err


def test_the_command_line_imports_as_a_new_council_when_asked(tmp_path, exported, capsys):
    db_path = tmp_path / "cli.db"
    db = open_database(db_path)
    load_demo(db, now=NOW - timedelta(days=365))
    db.execute("UPDATE councils SET speaker_names = 'anonymised'")  # the council here differs
    db.conn.commit()
    db.close()
    path = tmp_path / "record.json"
    path.write_text(json.dumps(exported["held"], ensure_ascii=False), encoding="utf-8")
    assert main(["--db", str(db_path), "record", "import", str(path)]) == 2
    assert "--as-new-council" in capsys.readouterr().err
    assert main(["--db", str(db_path), "record", "import", str(path), "--as-new-council"]) == 0
    out = capsys.readouterr().out
    assert "取り込みました: 会議ID" in out and "別の審議会として取り込みました" in out
