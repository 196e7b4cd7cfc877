"""The clerk closes (非公開) an item with its reason, a line or a range of lines, and opens them
again — on the agenda, on the correcting-lines screen and from the command line — and an
anonymised record's text names no member."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Input, OptionList

from agendas.model import ItemKind
from agendas.rules import numbered
from agendas.store import agenda, get_item, set_item_public
from exports.documents import prepare_document
from exports.full_minutes import gather_minutes
from exports.summary import gather_summary, summary_text
from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.entry.cli import main
from meeting.entry.demo import load_demo
from meeting.errors import InputError
from meeting.model import SessionStatus, SpeakerNames
from meeting.store import list_sessions, set_speaker_names
from minutes.approval import confirm_minutes
from minutes.line_order import merge_lines, move_line
from minutes.opinions import opinions
from minutes.roll import members_for
from minutes.store import (
    closed_lines,
    decisions,
    in_closed_parts,
    line_in_closed_part,
    lines_in_closed_parts,
    set_line_public,
    utterances,
)
from minutes.utterances import history, set_lines_public
from tests.conftest import NOW

REASON = "ひばり野市情報公開条例第7条第2号に該当する情報を含むため"


@pytest.fixture
def demo(db, now):
    council = load_demo(db, now=now)
    held = next(s for s in list_sessions(db, council.id) if s.status is SessionStatus.HELD)
    items = [i for i in agenda(db, held.id) if i.kind is ItemKind.CONSULTATION]
    return council, held, items[0], items[1]


def lines_of(db, session, item):
    return [u for u in utterances(db, session.id) if u.agenda_item_id == item.id]


# The rules


def test_an_item_is_closed_with_its_reason_and_opened_without(db, demo):
    _, _, _, item = demo
    closed = set_item_public(db, item.id, False, f"  {REASON}\n")
    assert (closed.public, closed.closed_reason) == (False, REASON)
    opened = set_item_public(db, item.id, True, REASON)
    assert (opened.public, opened.closed_reason) == (True, "")


def test_a_range_of_lines_is_closed_in_either_order_and_kept_in_history(db, demo, now):
    _, held, item, _ = demo
    lines = lines_of(db, held, item)
    ids = set_lines_public(db, lines[4].id, lines[2].id, public=False, at=now)
    assert ids == [lines[2].id, lines[3].id, lines[4].id]
    assert closed_lines(db, held.id) == set(ids)
    assert [c.action for c in history(db, lines[3].id)] == ["close"]
    set_lines_public(db, lines[3].id, public=True, at=now)
    assert closed_lines(db, held.id) == {lines[2].id, lines[4].id}


def test_a_range_stays_within_one_session(db, demo, now):
    council, held, item, _ = demo
    other = next(s for s in list_sessions(db, council.id) if s.id != held.id)
    from minutes.model import SpeakerKind
    from minutes.speakers import Speaker
    from minutes.utterances import enter_line

    there = enter_line(
        db,
        other.id,
        "別の会議",
        at=now,
        agenda_item_id=None,
        speaker=Speaker(SpeakerKind.SECRETARIAT),
    )
    with pytest.raises(InputError, match="同じ会議"):
        set_lines_public(db, lines_of(db, held, item)[0].id, there.id, public=False, at=now)


def test_a_confirmed_record_refuses_closing_and_opening(db, demo, now):
    _, held, item, other = demo
    confirm_minutes(db, held.id, on=date(2026, 12, 16))
    line = lines_of(db, held, item)[0]
    for attempt in (
        lambda: set_item_public(db, other.id, False, REASON),
        lambda: set_lines_public(db, line.id, public=False, at=now),
    ):
        with pytest.raises(InputError, match="確定しています"):
            attempt()
    assert closed_lines(db, held.id) == set() and get_item(db, other.id).public


@pytest.mark.parametrize(
    ("first_closed", "second_closed", "merged_closed"),
    [(False, False, False), (True, False, True), (False, True, True), (True, True, True)],
)
def test_a_merged_line_is_closed_if_either_was(
    db, demo, now, first_closed, second_closed, merged_closed
):
    _, held, item, _ = demo
    first, second = lines_of(db, held, item)[2:4]
    for line, closed in ((first, first_closed), (second, second_closed)):
        if closed:
            set_line_public(db, line.id, False)
    merged = merge_lines(db, first.id, second.id, at=now)
    assert (merged.id in closed_lines(db, held.id)) is merged_closed


@pytest.mark.parametrize(
    ("closed_line", "closed_item", "choice", "stays_closed"),
    [
        (True, False, None, True),  # a closed line keeps its mark
        (False, True, None, True),  # a line of a closed item takes one
        (True, False, True, False),  # the clerk chose to open it
        (False, True, True, False),
        (False, False, None, False),  # a public line stays public
        (False, False, False, True),  # or is closed on the way, when asked
    ],
)
def test_a_line_moved_into_a_public_item(
    db, demo, now, closed_line, closed_item, choice, stays_closed
):
    _, held, target, source = demo
    line = lines_of(db, held, source)[1]
    if closed_line:
        set_line_public(db, line.id, False)
    if closed_item:
        set_item_public(db, source.id, False)
    moved = move_line(db, line.id, target.id, at=now, public=choice)
    assert moved.agenda_item_id == target.id
    assert line_in_closed_part(db, line.id) is stays_closed


def test_closed_parts_are_found_by_line_item_and_session(db, demo, now):
    from tests.test_closed_parts import _close_session

    _, held, item, other = demo
    one = lines_of(db, held, item)[0]
    set_line_public(db, one.id, False)
    set_item_public(db, other.id, False)
    of_item = {u.id for u in lines_of(db, held, other)}
    assert lines_in_closed_parts(db, held.id) == of_item | {one.id}
    assert in_closed_parts(db, [one.id, lines_of(db, held, item)[1].id]) == {one.id}
    _close_session(db, held, now)
    assert lines_in_closed_parts(db, held.id) == {u.id for u in utterances(db, held.id)}


# Names in an anonymised record's text


def test_an_anonymised_record_names_no_member_in_its_text(db, demo, now, capsys, tmp_path):
    _, held, item, _ = demo
    set_speaker_names(db, held.id, SpeakerNames.ANONYMISED)
    line = lines_of(db, held, item)[4]
    from minutes.utterances import correct_line

    correct_line(db, line.id, "石田委員から、森川 聡子会長と大野さんへ質問があった。", at=now)
    minutes = gather_minutes(db, held.id, public=True)
    text = "\n".join(minutes.text_lines())
    assert "A委員から、会長とC委員へ質問があった。" in text
    assert not any(name in text for name in ("石田", "森川", "大野"))
    assert minutes.replacements == [
        "議事2(2) 14:33 石田委員 → A委員",
        "議事2(2) 14:33 森川 聡子会長 → 会長",
        "議事2(2) 14:33 大野さん → C委員",
        "議事2(2) 14:51 大野委員 → C委員",  # the chair names who asked for the opinion
    ]
    assert prepare_document(db, "minutes", held.id, public=True).replacements
    summary = gather_summary(db, held.id, public=True)  # always anonymised
    assert "A委員から、会長とC委員へ質問があった。" in "\n".join(summary_text(summary))
    assert len(summary.replacements) == 4

    code = main(
        [
            "--db",
            str(tmp_path / "meeting.db"),
            "export",
            "summary",
            "--session",
            str(held.id),
            "--public",
            "-o",
            str(tmp_path / "s.md"),
        ]
    )
    assert code == 0
    assert "meeting: 置き換え: 議事2(2) 14:33 石田委員 → A委員" in capsys.readouterr().err


def test_a_named_record_keeps_the_names(db, demo, now):
    _, held, item, _ = demo
    line = lines_of(db, held, item)[4]
    from minutes.utterances import correct_line

    correct_line(db, line.id, "石田委員から質問があった。", at=now)
    minutes = gather_minutes(db, held.id, public=True)
    assert any("石田委員から質問があった。" in t for t in minutes.text_lines())
    assert minutes.replacements == []


# The command line


def cli(tmp_path, *args):
    return main(["--db", str(tmp_path / "meeting.db"), *args])


def test_the_command_line_closes_and_opens(db, demo, tmp_path, capsys):
    _, held, item, other = demo
    lines = lines_of(db, held, item)
    assert cli(tmp_path, "close", "item", str(other.id), "--reason", REASON) == 0
    assert f"を非公開にしました（{REASON}）" in capsys.readouterr().out
    assert get_item(db, other.id).closed_reason == REASON
    assert cli(tmp_path, "close", "line", str(lines[1].id), "--to", str(lines[3].id)) == 0
    assert "3行を非公開にしました" in capsys.readouterr().out
    assert closed_lines(db, held.id) == {u.id for u in lines[1:4]}
    assert cli(tmp_path, "open", "line", str(lines[2].id)) == 0
    assert cli(tmp_path, "open", "item", str(other.id)) == 0
    assert closed_lines(db, held.id) == {lines[1].id, lines[3].id}
    assert get_item(db, other.id).public

    assert cli(tmp_path, "record", "show", "--session", str(held.id)) == 0
    shown = capsys.readouterr().out
    assert f"{lines[1].id}  " in shown and "【非公開】" + lines[1].text[:10] in shown

    confirm_minutes(db, held.id, on=date(2026, 12, 16))
    assert cli(tmp_path, "close", "item", str(other.id)) == 2
    assert "確定しています" in capsys.readouterr().err
    assert cli(tmp_path, "close", "line", "99999") == 2


# The screens


async def test_the_clerk_closes_an_item_on_the_agenda(db, demo):
    from meeting.screens.agenda import AgendaScreen
    from meeting.screens.dialogs import AskDialog, ConfirmDialog

    _, held, _, item = demo
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(AgendaScreen(held))
        screen = app.screen
        table = screen.query_one("#agenda", DataTable)
        table.move_cursor(row=[i.id for i in screen.items].index(item.id))
        await pilot.press("p")
        assert isinstance(app.screen, AskDialog)
        app.screen.query_one(Input).value = REASON
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert get_item(db, item.id).closed_reason == REASON
        row = table.get_row(str(item.id))
        assert str(row[-1]).startswith("【非公開】")
        await pilot.press("p")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert get_item(db, item.id).public
        assert not str(table.get_row(str(item.id))[-1]).startswith("【非公開】")


async def test_the_clerk_moves_a_closed_items_record_and_it_stays_closed(db, demo):
    from meeting.screens.agenda import AgendaScreen
    from meeting.screens.dialogs import AskDialog, ChoiceDialog

    _, held, target, item = demo
    set_item_public(db, item.id, False)
    moved = {u.id for u in lines_of(db, held, item)}
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(AgendaScreen(held))
        screen = app.screen
        screen.query_one("#agenda", DataTable).move_cursor(
            row=[i.id for i in screen.items].index(item.id)
        )
        await pilot.press("v")
        assert isinstance(app.screen, AskDialog)
        app.screen.query_one(Input).value = str(target.position)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the first choice: 非公開のまま
        await pilot.pause()
        assert app.screen is screen
    assert moved <= closed_lines(db, held.id)
    assert all(u.agenda_item_id == target.id for u in utterances(db, held.id) if u.id in moved)


async def lines_screen(app, db, held, item):
    from meeting.screens.lines import LinesScreen

    await app.push_screen(LinesScreen(held, item, members_for(db, held)))
    return app.screen


async def test_the_clerk_closes_a_line_and_a_range_on_the_lines_screen(db, demo):
    _, held, item, _ = demo
    lines = lines_of(db, held, item)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await lines_screen(app, db, held, item)
        table = screen.query_one("#lines", DataTable)
        table.move_cursor(row=1)
        await pilot.press("h")
        await pilot.pause()
        assert closed_lines(db, held.id) == {lines[1].id}
        assert str(table.get_row(str(lines[1].id))[-1]).startswith("【非公開】")
        table.move_cursor(row=3)
        await pilot.press("b")
        await pilot.pause()
        assert str(table.get_row(str(lines[3].id))[0]).startswith("▶")
        table.move_cursor(row=5)
        await pilot.press("h")
        await pilot.pause()
        assert closed_lines(db, held.id) == {lines[1].id} | {u.id for u in lines[3:6]}
        table.move_cursor(row=1)
        await pilot.press("h")  # a closed line: opened again
        await pilot.pause()
        assert lines[1].id not in closed_lines(db, held.id)
        assert "非公開にしました" in screen.query_one("#line-history").render().plain  # type: ignore[union-attr]


async def test_moving_or_promoting_a_closed_line_asks_and_keeps_it_closed(db, demo):
    from meeting.screens.dialogs import AskDialog, ChoiceDialog

    _, held, item, other = demo
    lines = lines_of(db, held, item)
    set_line_public(db, lines[2].id, False)
    decision = next(d for d in decisions(db, held.id) if d.agenda_item_id == item.id)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await lines_screen(app, db, held, item)
        table = screen.query_one("#lines", DataTable)
        table.move_cursor(row=2)
        await pilot.press("p")
        assert isinstance(app.screen, ChoiceDialog)  # the kind
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)  # closed or not
        assert "非公開の行です" in app.screen.title_text
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert [o.public for o in opinions(db, decision.id)] == [True, False]  # the demo's, this

        table.move_cursor(row=2)
        await pilot.press("v")
        assert isinstance(app.screen, AskDialog)
        shown = {n.item.id: n.number for n in numbered(agenda(db, held.id))}
        app.screen.query_one(Input).value = shown[other.id]  # as the agenda shows it: 2(3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert app.screen.query_one(OptionList).highlighted == 0
        await pilot.press("enter")  # 非公開のまま
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any(f"議題{shown[other.id]} " in m and "に移しました" in m for m in said), said
    assert lines[2].id in closed_lines(db, held.id)


async def test_search_marks_lines_of_a_closed_item(db, demo):
    from meeting.screens.search import SearchScreen

    _, held, _, item = demo
    set_item_public(db, item.id, False)
    line = lines_of(db, held, item)[2]
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(SearchScreen())
        screen = app.screen
        screen.query_one("#query", Input).value = line.text[:8]
        screen.query_one("#query", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        table = screen.query_one("#hits", DataTable)
        assert table.row_count >= 1
        assert str(table.get_row_at(0)[-1]).startswith("【非公開】")
        assert screen.query_one("#hit-text").text.startswith("【非公開】")


async def test_the_export_screen_lists_the_replacements(db, demo, now):
    from meeting.screens.export import ExportScreen
    from minutes.utterances import correct_line

    _, held, item, _ = demo
    set_speaker_names(db, held.id, SpeakerNames.ANONYMISED)
    correct_line(db, lines_of(db, held, item)[4].id, "石田委員の質問に答える。", at=now)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)):
        await app.push_screen(ExportScreen(held))
        preview = app.screen.query_one("#export-preview-text").text
        assert "委員の氏名を記号に置き換えました（2件）" in preview
        assert "議事2(2) 14:33 石田委員 → A委員" in preview
