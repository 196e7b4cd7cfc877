"""A transcript comes into a session's record: labels mapped to the roster once, lines after the
record's own in one transaction, each with its history; the command line says the plan first.

Fictional people: the fixture council of かもめ台市 (青木会長, 井上副会長, 上田委員…).
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from agendas.model import ItemKind
from agendas.store import add_agenda_item
from meeting.dates import TOKYO, at
from meeting.entry.cli import main
from meeting.errors import InputError
from meeting.model import Member, Role, SessionPlan, SittingPlan
from meeting.store import get_session, list_members, schedule_session
from minutes.approval import confirm_minutes
from minutes.labels import change_text
from minutes.model import SpeakerKind, UtteranceKind
from minutes.recording import attach_recording
from minutes.speakers import Speaker
from minutes.store import utterances
from minutes.store.letters import letters
from minutes.transcript import NARRATION_LABEL, parse_transcript
from minutes.transcript_import import UnmappedLabels, import_transcript, placement, plan_import
from minutes.transcript_labels import (
    DROP,
    Assignment,
    Use,
    assignment_from_text,
    label_choices,
    propose,
)
from minutes.utterances import enter_line, history

DAY = date(2026, 12, 14)
NOW = datetime(2026, 12, 14, 17, 0, tzinfo=TOKYO)

VTT = """\
WEBVTT

00:00:05.000 --> 00:00:08.000
<v 発言者1>ただいまから

00:00:08.000 --> 00:00:10.000
<v 発言者1>開会します。

00:10:00.000 --> 00:10:04.000
<v 発言者2>資料について質問します。

00:31:00.000 --> 00:31:03.000
<v 事務局>お答えします。

00:32:00.000 --> 00:32:02.000
<v 発言者3>傍聴席からの声です。
"""


@pytest.fixture
def session(db, council):
    plan = SessionPlan(sittings=(SittingPlan(at(DAY, time(14)), at(DAY, time(16)), "第1会議室"),))
    return schedule_session(db, council.id, plan, now=NOW)


@pytest.fixture
def items(db, session):
    return [
        add_agenda_item(db, session.id, ItemKind.OPENING),
        add_agenda_item(db, session.id, ItemKind.REPORT, "個人情報の取扱状況について"),
    ]


@pytest.fixture
def members(db, council):
    return list_members(db, council.id, on=DAY)


def by_name(members: list[Member], name: str) -> int:
    return next(m.id for m in members if m.name.startswith(name))


def speaker(member_id: int) -> Assignment:
    return Assignment(Use.SPEECH, Speaker(SpeakerKind.MEMBER, member_id))


def mapping_for(members):
    return {
        "発言者1": speaker(by_name(members, "青木")),
        "発言者2": speaker(by_name(members, "上田")),
        "事務局": Assignment(Use.SPEECH, Speaker(SpeakerKind.SECRETARIAT)),
        "発言者3": DROP,
    }


def typed_line(db, session, item, text, when):
    return enter_line(
        db,
        session.id,
        text,
        at=at(DAY, when),
        agenda_item_id=item.id,
        speaker=Speaker(SpeakerKind.SECRETARIAT),
        sitting_id=session.sittings[0].id,
    )


# Who each label is


def roster() -> list[Member]:
    people = [
        ("青木 一郎", "あおき いちろう", Role.CHAIR),
        ("井上 花", "いのうえ はな", Role.VICE_CHAIR),
        ("上田 進", "うえだ すすむ", Role.MEMBER),
        ("上田 和子", "うえだ かずこ", Role.MEMBER),
        ("加藤 静", "かとう しずか", Role.MEMBER),
    ]
    return [
        Member(i, 1, name, reading, role, None, None)
        for i, (name, reading, role) in enumerate(people, 1)
    ]


@pytest.mark.parametrize(
    ("label", "member_id"),
    [
        ("青木 一郎", 1),
        ("青木一郎", 1),
        ("青木会長", 1),
        ("会長", 1),
        ("議長", 1),
        ("副会長", 2),
        ("井上委員", 2),
        ("加藤", 3 + 2),
        ("加藤さん", 5),
        ("カトウ", 5),  # the reading, in katakana
        ("上田 和子", 4),
        ("B委員", 3),  # the letter the session gave
    ],
)
def test_labels_that_name_a_member_are_proposed(label, member_id):
    proposed = propose(label, roster(), {3: "B", 5: "C"})
    assert proposed == speaker(member_id)


@pytest.mark.parametrize(
    ("label", "kind"),
    [("事務局", SpeakerKind.SECRETARIAT), ("事務局(田中)", SpeakerKind.SECRETARIAT)]
    + [("実施機関", SpeakerKind.AGENCY), ("委員全員", SpeakerKind.ALL_MEMBERS)],
)
def test_staff_labels_are_proposed(label, kind):
    assert propose(label, roster()) == Assignment(Use.SPEECH, Speaker(kind))


@pytest.mark.parametrize("label", ["上田委員", "発言者1", "Speaker 2", "D委員", "", "委員"])
def test_labels_that_do_not_say_who_or_name_two_are_left_to_the_clerk(label):
    assert propose(label, roster(), {3: "B"}) is None


def test_a_stage_direction_is_proposed_as_one():
    assert propose(NARRATION_LABEL, roster()).use is Use.NARRATION


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("青木", speaker(1)),
        ("会長", speaker(1)),
        ("上田 進", speaker(3)),
        ("事務局", Assignment(Use.SPEECH, Speaker(SpeakerKind.SECRETARIAT))),
        ("ト書き", Assignment(Use.NARRATION)),
        ("取り込まない", DROP),
        ("その他:参考人", Assignment(Use.SPEECH, Speaker(SpeakerKind.OTHER, label="参考人"))),
    ],
)
def test_what_the_clerk_types_for_a_label(typed, expected):
    assert assignment_from_text(typed, roster()) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("上田", "「上田」に当たる委員が複数います（上田 進、上田 和子）"),
        ("酒井", "「酒井」は名簿にありません"),
    ],
)
def test_what_cannot_be_a_label_s_speaker_is_named(typed, message):
    with pytest.raises(InputError, match=message):
        assignment_from_text(typed, roster())


# The import


def test_lines_land_after_the_record_s_own_with_their_history(db, session, items, members):
    typed = typed_line(db, session, items[0], "手で入力した行です。", time(14, 0))
    before = utterances(db, session.id)
    transcript = parse_transcript(VTT.encode(), "第3回.vtt")
    plan = plan_import(db, session, transcript, mapping_for(members), item_id=items[1].id, now=NOW)
    ids = import_transcript(db, plan, at=NOW)

    after = utterances(db, session.id)
    assert after[: len(before)] == before  # nothing in the record changed
    new = after[len(before) :]
    assert [line.id for line in new] == ids
    assert [(line.text, line.member_id, line.speaker_kind) for line in new] == [
        ("ただいまから開会します。", by_name(members, "青木"), SpeakerKind.MEMBER),  # one turn
        ("資料について質問します。", by_name(members, "上田"), SpeakerKind.MEMBER),
        ("お答えします。", None, SpeakerKind.SECRETARIAT),
    ]
    assert {line.agenda_item_id for line in new} == {items[1].id}
    assert [line.position for line in new] == [
        typed.position + 1,
        typed.position + 2,
        typed.position + 3,
    ]
    assert [line.spoken_at for line in new] == [
        at(DAY, time(14, 0, 5)),
        at(DAY, time(14, 10)),
        at(DAY, time(14, 31)),
    ]
    assert plan.dropped == 1
    (change,) = history(db, ids[1])
    assert change.action == "import" and change.after["file"] == "第3回.vtt"
    assert change_text(change) == "取り込み: 第3回.vtt（9行目）"
    assert letters(db, session.id) == {by_name(members, "上田"): "A"}  # the chair takes none


def test_times_count_from_the_recording_s_start_when_there_is_one(
    db, session, items, members, tmp_path
):
    audio = tmp_path / "第3回.mp3"
    audio.write_bytes(b"ID3")
    attach_recording(db, session.sittings[0], str(audio), "13:58:30", now=NOW)
    plan = plan_import(
        db,
        session,
        parse_transcript(VTT.encode(), "a.vtt"),
        mapping_for(members),
        item_id=items[0].id,
        now=NOW,
    )
    assert plan.lines[0].spoken_at == at(DAY, time(13, 58, 35))


def test_times_place_lines_in_the_items_the_live_record_took_up(db, session, items, members):
    typed_line(db, session, items[0], "開会の時刻です。", time(14, 0))
    typed_line(db, session, items[1], "報告事項に入ります。", time(14, 30))
    session = get_session(db, session.id)
    transcript = parse_transcript(VTT.encode(), "a.vtt")
    assert placement(db, session, transcript, session.sittings[0]).by_time
    plan = plan_import(
        db, session, transcript, mapping_for(members), item_id=None, by_time=True, now=NOW
    )
    assert [(line.text, line.agenda_item_id) for line in plan.lines] == [
        ("ただいまから開会します。", items[0].id),
        ("資料について質問します。", items[0].id),
        ("お答えします。", items[1].id),  # 14:31, after 報告事項 began at 14:30
    ]
    assert plan.by_time


def test_clock_times_in_a_csv_are_read_as_the_sitting_s_clock(db, session, items, members):
    typed_line(db, session, items[0], "開会です。", time(14, 0))
    typed_line(db, session, items[1], "報告です。", time(14, 30))
    csv = "時刻,話者,発言\n14:05:00,発言者1,はじめに\n14:45:10,事務局,報告の説明です。\n"
    plan = plan_import(
        db,
        session,
        parse_transcript(csv.encode("cp932"), "認識結果.csv"),
        mapping_for(members),
        item_id=None,
        by_time=True,
        now=NOW,
    )
    assert [(line.spoken_at, line.agenda_item_id) for line in plan.lines] == [
        (at(DAY, time(14, 5)), items[0].id),
        (at(DAY, time(14, 45, 10)), items[1].id),
    ]


def test_without_times_in_the_record_the_lines_go_where_the_clerk_says(db, session, items, members):
    transcript = parse_transcript(VTT.encode(), "a.vtt")
    assert not placement(db, session, transcript, session.sittings[0]).by_time
    with pytest.raises(InputError, match="時刻で議題に振り分けられません"):
        plan_import(
            db, session, transcript, mapping_for(members), item_id=None, by_time=True, now=NOW
        )


def test_typed_paragraphs_keep_their_turns_and_stage_directions(db, session, items, members):
    text = "上田委員：一点目です。\n二点目です。\n～実施機関職員による説明～\n事務局：以上です。\n"
    transcript = parse_transcript(text.encode(), "議事.txt")
    choices = label_choices(db, session.id, transcript, members)
    mapping = {c.label: c.assignment for c in choices}  # every label proposed from the roster
    ids = import_transcript(
        db, plan_import(db, session, transcript, mapping, item_id=items[1].id, now=NOW), at=NOW
    )
    lines = utterances(db, session.id)
    assert [line.id for line in lines] == ids
    assert [(line.kind, line.continues) for line in lines] == [
        (UtteranceKind.SPEECH, False),
        (UtteranceKind.SPEECH, True),  # a new paragraph of the same turn
        (UtteranceKind.NARRATION, False),
        (UtteranceKind.SPEECH, False),
    ]


def test_labels_not_mapped_are_named_or_kept_as_free_labels(db, session, items, members):
    transcript = parse_transcript(VTT.encode(), "a.vtt")
    mapping = mapping_for(members)
    del mapping["発言者2"], mapping["発言者3"]
    with pytest.raises(UnmappedLabels) as caught:
        plan_import(db, session, transcript, mapping, item_id=items[0].id, now=NOW)
    assert caught.value.labels == ["発言者2", "発言者3"]
    assert caught.value.message == (
        "発言者が決まっていないラベルがあります: 「発言者2」（1行）、「発言者3」（1行）"
    )
    plan = plan_import(
        db, session, transcript, mapping, item_id=items[0].id, free_unmapped=True, now=NOW
    )
    assert plan.lines[1].speaker == Speaker(SpeakerKind.OTHER, label="発言者2")


def test_the_mapping_is_remembered_for_the_session_and_reused(db, session, items, members):
    first = parse_transcript(VTT.encode(), "1日目.vtt")
    import_transcript(
        db,
        plan_import(db, session, first, mapping_for(members), item_id=items[0].id, now=NOW),
        at=NOW,
    )
    again = parse_transcript("発言者2：二つ目のファイルです。\n発言者3：声\n".encode(), "追加.txt")
    choices = label_choices(db, session.id, again, members)
    assert [(c.label, c.assignment, c.remembered) for c in choices] == [
        ("発言者2", speaker(by_name(members, "上田")), True),
        ("発言者3", DROP, True),
    ]
    mapping = {c.label: c.assignment for c in choices}
    plan = plan_import(db, session, again, mapping, item_id=items[1].id, now=NOW)
    assert [line.text for line in plan.lines] == ["二つ目のファイルです。"]


def test_a_member_of_another_council_is_refused(db, session, items, members):
    from meeting.model import CouncilDraft, MemberDraft
    from meeting.store import add_council, add_member

    other = add_council(db, CouncilDraft(name="ほかの審議会", municipality="かもめ台市"), now=NOW)
    stranger = add_member(db, other.id, MemberDraft("別所 一"))
    mapping = mapping_for(members) | {"発言者2": speaker(stranger.id)}
    with pytest.raises(InputError, match="別所 一さんはこの審議会の委員ではありません"):
        plan_import(
            db,
            session,
            parse_transcript(VTT.encode(), "a.vtt"),
            mapping,
            item_id=items[0].id,
            now=NOW,
        )


def test_a_failed_import_leaves_the_database_as_it_was(db, session, items, members, monkeypatch):
    import minutes.transcript_import as module

    typed_line(db, session, items[0], "手で入力した行です。", time(14, 0))
    before = list(db.conn.iterdump())
    plan = plan_import(
        db,
        session,
        parse_transcript(VTT.encode(), "a.vtt"),
        mapping_for(members),
        item_id=items[0].id,
        now=NOW,
    )
    calls = []

    def fail_on_the_third(*args, **kwargs):
        calls.append(args)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "add_change", fail_on_the_third)
    with pytest.raises(OSError):
        import_transcript(db, plan, at=NOW)
    assert list(db.conn.iterdump()) == before


def test_a_confirmed_record_takes_no_import(db, session, items, members):
    typed_line(db, session, items[0], "手で入力した行です。", time(14, 0))
    confirm_minutes(db, session.id, on=DAY)
    before = list(db.conn.iterdump())
    plan = plan_import(
        db,
        session,
        parse_transcript(VTT.encode(), "a.vtt"),
        mapping_for(members),
        item_id=items[0].id,
        now=NOW,
    )
    with pytest.raises(InputError, match="確定しています"):
        import_transcript(db, plan, at=NOW)
    assert list(db.conn.iterdump()) == before


def test_everything_dropped_is_not_an_import(db, session, items, members):
    transcript = parse_transcript("発言者3：声\n".encode(), "a.txt")
    plan = plan_import(db, session, transcript, {"発言者3": DROP}, item_id=items[0].id, now=NOW)
    with pytest.raises(InputError, match="取り込む行がありません"):
        import_transcript(db, plan, at=NOW)


# The command line


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def clerk_db(db, session, items, tmp_path):
    """The fixture database as a file the command line opens, with the transcript beside it."""
    (tmp_path / "第3回.vtt").write_text(VTT, encoding="utf-8")
    return str(tmp_path / "meeting.db"), str(session.id), str(tmp_path / "第3回.vtt")


def test_cli_names_unmapped_labels_and_imports_nothing(capsys, clerk_db, db):
    path, session_id, vtt = clerk_db
    code, out, err = run(
        capsys, "--db", path, "record", "transcript", vtt, "--session", session_id, "--item", "2"
    )
    assert code == 2
    assert "「発言者1」2行 → （未定）　例: 「ただいまから」（3行目）" in out
    assert "「事務局」1行 → 事務局" in out
    assert err.strip() == (
        "meeting: 話者: 発言者が決まっていないラベルがあります: "
        "「発言者1」（2行）、「発言者2」（1行）、「発言者3」（1行）。"
        "--map ラベル=委員名 で割り当てるか、--yes で名前のまま取り込みます"
    )
    assert utterances(db, int(session_id)) == []


def test_cli_maps_labels_prints_the_plan_and_imports(capsys, clerk_db, db):
    path, session_id, vtt = clerk_db
    args = ["--db", path, "record", "transcript", vtt, "--session", session_id, "--item", "2"]
    maps = ["--map", "発言者1=会長", "--map", "発言者2=上田 進", "--map", "発言者3=取り込まない"]
    code, out, _ = run(capsys, *args, *maps, "--dry-run")
    assert code == 0 and "（--dry-run: 取り込んでいません）" in out
    assert "第3回.vtt: 3行（発言3行）を記録の最後に加えます" in out
    assert "  2 個人情報の取扱状況について: 3行" in out
    assert "  取り込まない: 1件" in out
    assert utterances(db, int(session_id)) == []

    code, out, _ = run(capsys, *args, *maps)
    assert code == 0 and "取り込みました: 3行" in out
    assert len(utterances(db, int(session_id))) == 3

    code, out, _ = run(capsys, *args, "--dry-run")  # the mapping is remembered
    assert code == 0
    assert "「発言者1」2行 → 青木会長（前回の対応）" in out


def test_cli_yes_keeps_unmapped_labels_by_their_names(capsys, clerk_db, db):
    path, session_id, vtt = clerk_db
    code, out, _ = run(
        capsys,
        "--db",
        path,
        "record",
        "transcript",
        vtt,
        "--session",
        session_id,
        "--item",
        "1",
        "--yes",
    )
    assert code == 0
    labels = [line.speaker_label for line in utterances(db, int(session_id))]
    assert labels == ["発言者1", "発言者2", "", "発言者3"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            ["--map", "発言者9=会長"],
            "「発言者9」というラベルはこのファイルにありません（「発言者1」、「発言者2」、「事務局」、「発言者3」）",
        ),
        (["--map", "発言者1"], "「発言者1」は ラベル=委員名 の形ではありません"),
        (["--map", "発言者1=酒井"], "「酒井」は名簿にありません"),
        (["--item", "5"], "「5」という番号の議題はありません（1、2）"),
        (["--sitting", "2"], "この会議に2日目はありません（1日まで）"),
    ],
)
def test_cli_refuses_what_it_cannot_do_by_name(capsys, clerk_db, db, extra, message):
    path, session_id, vtt = clerk_db
    code, _, err = run(
        capsys, "--db", path, "record", "transcript", vtt, "--session", session_id, "--yes", *extra
    )
    assert code == 2 and message in err
    assert utterances(db, int(session_id)) == []


def test_cli_asks_for_the_item_when_the_record_has_no_times(capsys, clerk_db):
    path, session_id, vtt = clerk_db
    code, _, err = run(
        capsys, "--db", path, "record", "transcript", vtt, "--session", session_id, "--yes"
    )
    assert code == 2
    assert "--item で議題の番号を選んでください（1、2）" in err


def test_cli_refuses_a_broken_file_with_its_message(capsys, clerk_db, tmp_path):
    path, session_id, _ = clerk_db
    broken = tmp_path / "逆.srt"
    broken.write_text("1\n00:00:03,000 --> 00:00:01,000\n逆です\n", encoding="utf-8")
    code, _, err = run(
        capsys, "--db", path, "record", "transcript", str(broken), "--session", session_id
    )
    assert code == 2
    assert (
        err.strip()
        == "meeting: 文字起こし: 字幕1（2行目）: 終わりが始まりより前です（0:00:03 --> 0:00:01）"
    )
