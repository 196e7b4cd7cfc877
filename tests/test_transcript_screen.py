"""The clerk imports the speech-recognition service's transcript from the session screen: the
file (a bad one named in place), who each label is, the preview with its counts, and the lines
in the record; escape keeps nothing; the second file of the session finds its labels remembered.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from textual.widgets import DataTable, Input, Select, Static

from agendas.model import ItemKind
from agendas.store import add_agenda_item
from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.dates import TOKYO, at
from meeting.model import SessionPlan, SittingPlan
from meeting.screens.dialogs import AskDialog, ConfirmDialog, SpeakerPicker
from meeting.screens.session import SessionScreen
from meeting.screens.transcript import TranscriptScreen
from meeting.store import list_members, schedule_session
from minutes.labels import change_text
from minutes.model import SpeakerKind, UtteranceKind
from minutes.store import utterances
from minutes.utterances import history

SIZE = (120, 40)
DAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 13, 0, tzinfo=TOKYO)

TRANSCRIPT = """\
WEBVTT

00:00:03.000 --> 00:00:06.000
<v 話者1>ただいまから会議を開会します。

00:00:07.000 --> 00:00:09.000
<v 話者2>資料2について伺います。

00:00:09.000 --> 00:00:12.000
<v 話者2>保存期間は何年ですか。

00:00:13.000 --> 00:00:15.000
<v 事務局>5年です。

00:00:16.000 --> 00:00:17.000
<v 不明>（聞き取れず）
"""


@pytest.fixture
def session(db, council):
    plan = SessionPlan(sittings=(SittingPlan(at(DAY, time(10)), at(DAY, time(12)), "第1会議室"),))
    session = schedule_session(db, council.id, plan, now=NOW)
    add_agenda_item(db, session.id, ItemKind.OPENING)
    add_agenda_item(db, session.id, ItemKind.REPORT, "個人情報の取扱状況について")
    return session


async def open_session(pilot, session) -> SessionScreen:
    home = pilot.app.screen
    ids = [s.id for s in home.sessions]
    home.query_one("#sessions", DataTable).move_cursor(row=ids.index(session.id))
    await pilot.press("o")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    return pilot.app.screen


async def give_path(pilot, path) -> None:
    await pilot.press("i")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, AskDialog)
    dialog.query_one(Input).value = str(path)
    await pilot.press("enter")
    await pilot.pause()


async def pick(pilot, key: str) -> None:
    """Enter on the label under the cursor, then one key in the picker."""
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SpeakerPicker)
    await pilot.press(key)
    await pilot.pause()


def rows(screen: TranscriptScreen) -> list[tuple[str, ...]]:
    table = screen.query_one("#transcript-labels", DataTable)
    return [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def test_the_clerk_maps_each_label_previews_and_imports(db, council, session, tmp_path):
    members = list_members(db, council.id, on=DAY)
    (tmp_path / "第4回.vtt").write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "壊れた.csv").write_text("話者,時刻\n話者1,0:00:01\n", encoding="utf-8")
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await open_session(pilot, session)

        await give_path(pilot, tmp_path / "壊れた.csv")  # a bad file is named in the dialog
        dialog = app.screen
        assert isinstance(dialog, AskDialog)
        assert "発言の列がありません" in str(dialog.query_one("#error", Static).render())
        dialog.query_one(Input).value = str(tmp_path / "第4回.vtt")
        await pilot.press("enter")
        await pilot.pause()

        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        assert rows(screen) == [
            ("話者1", "1", "（未定）", "ただいまから会議を開会します。（3行目）"),
            ("話者2", "2", "（未定）", "資料2について伺います。（6行目）"),
            ("事務局", "1", "事務局", "5年です。（12行目）"),
            ("不明", "1", "（未定）", "（聞き取れず）（15行目）"),
        ]
        await pilot.press("ctrl+s")  # not yet: the labels left are named, nothing is written
        await pilot.pause()
        assert app.screen is screen
        error = str(screen.query_one("#error", Static).render())
        assert "「話者1」（1行）、「話者2」（2行）、「不明」（1行）" in error

        await pick(pilot, "1")  # 話者1 is the chair (the first key)
        await pick(pilot, "3")  # 話者2 is 上田委員
        await pilot.press("down")  # 事務局 as proposed
        await pick(pilot, "x")  # 不明: not imported
        assert [r[2] for r in rows(screen)] == ["青木会長", "上田委員", "事務局", "取り込まない"]
        choice = screen.query_one("#transcript-item", Select)
        assert choice.value == session_items(db, session)[0]  # no times: the first item
        choice.value = session_items(db, session)[1]

        await pilot.press("ctrl+s")
        await pilot.pause()
        preview = app.screen
        assert isinstance(preview, ConfirmDialog)
        assert preview.question.splitlines()[:3] == [
            "第4回.vtt: 3行（発言3行）を記録の最後に加えます",
            "  2 個人情報の取扱状況について: 3行",
            "  「話者1」→ 青木会長",
        ]
        assert "  取り込まない: 1件" in preview.question
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert any("3行を記録に取り込みました" in n.message for n in app._notifications)

    lines = utterances(db, session.id)
    assert [(line.text, line.member_id, line.speaker_kind) for line in lines] == [
        ("ただいまから会議を開会します。", members[0].id, SpeakerKind.MEMBER),
        ("資料2について伺います。保存期間は何年ですか。", members[2].id, SpeakerKind.MEMBER),
        ("5年です。", None, SpeakerKind.SECRETARIAT),
    ]
    assert {line.kind for line in lines} == {UtteranceKind.SPEECH}
    assert change_text(history(db, lines[1].id)[0]) == "取り込み: 第4回.vtt（6行目）"


async def test_the_second_file_of_the_session_reuses_the_labels(db, council, session, tmp_path):
    first = tmp_path / "前半.vtt"
    first.write_text(TRANSCRIPT, encoding="utf-8")
    second = tmp_path / "後半.txt"
    second.write_text("話者2：後半の質問です。\n不明：雑音\n", encoding="utf-8")
    third = tmp_path / "字幕.srt"
    third.write_text("1\n00:40:00,000 --> 00:40:03,000\n参考人の説明です。\n", encoding="cp932")
    before = list(db.conn.iterdump())
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await open_session(pilot, session)
        await give_path(pilot, first)
        await pick(pilot, "1")
        await pilot.press("escape")  # changed its mind: nothing kept, not even the label
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert list(db.conn.iterdump()) == before

        await give_path(pilot, first)
        for key in ("1", "3"):
            await pick(pilot, key)
        await pilot.press("down")
        await pick(pilot, "n")  # 不明 as stage directions this time
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()

        await give_path(pilot, second)
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        assert [r[2] for r in rows(screen)] == ["上田委員（前回）", "ト書き（前回）"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()

        await give_path(pilot, third)  # no speaker named: the clerk gives a name of its own
        screen = app.screen
        assert rows(screen)[0][:3] == ("（話者なし）", "1", "（未定）")
        await pick(pilot, "t")
        assert isinstance(app.screen, AskDialog)
        app.screen.query_one(Input).value = "参考人"
        await pilot.press("enter")
        await pilot.pause()
        assert rows(screen)[0][2] == "参考人"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    texts = [(line.kind, line.text) for line in utterances(db, session.id)][-3:]
    assert texts == [
        (UtteranceKind.SPEECH, "後半の質問です。"),
        (UtteranceKind.NARRATION, "雑音"),
        (UtteranceKind.SPEECH, "参考人の説明です。"),
    ]
    assert utterances(db, session.id)[-1].speaker_label == "参考人"


def session_items(db, session) -> list[int]:
    from agendas.store import agenda

    return [i.id for i in agenda(db, session.id)]
