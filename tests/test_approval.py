"""Approval of the minutes: draft, confirmed and locked, errata raising the revision."""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta

import pytest

from agendas.model import Outcome
from agendas.store import agenda
from exports.documents import write_document
from exports.full_minutes import gather_minutes
from exports.record_json import export_record, import_record
from exports.summary import gather_summary
from meeting.db import open_database
from meeting.entry.demo import load_demo
from meeting.errors import InputError
from meeting.model import SessionStatus
from meeting.store import get_council, list_sessions
from minutes.approval import approval, confirm_minutes, record_erratum
from minutes.line_order import merge_lines, move_line
from minutes.model import SpeakerKind
from minutes.speakers import Speaker
from minutes.store import record_decision, set_line_public, utterances
from minutes.utterances import correct_line, enter_line, split_line
from tests.test_minutes_export import docx_text

CONFIRMED_ON = date(2026, 12, 14)


@pytest.fixture
def sessions(db, now):
    council = load_demo(db, now=now)
    held = next(s for s in list_sessions(db, council.id) if s.status is SessionStatus.HELD)
    later = next(s for s in list_sessions(db, council.id) if s.id != held.id and s.sittings)
    return held, later


def test_a_record_is_a_draft_until_confirmed(db, sessions):
    held, later = sessions
    assert approval(db, held.id).stamp == "（案）"
    assert gather_minutes(db, held.id, public=True).stamp == "（案）"
    state = confirm_minutes(db, held.id, on=CONFIRMED_ON, by_session_id=later.id)
    assert state.confirmed and state.revision == 1 and state.confirmed_by == later.id
    assert state.stamp == "第1版（令和8年12月14日確定）"
    assert gather_summary(db, held.id, public=True).stamp == state.stamp


def test_a_confirmed_record_is_locked(db, sessions, now):
    held, _ = sessions
    confirm_minutes(db, held.id, on=CONFIRMED_ON)
    lines = utterances(db, held.id)
    first, second = lines[3], lines[4]
    items = agenda(db, held.id)
    attempts = [
        lambda: enter_line(
            db,
            held.id,
            "追加の発言",
            at=now,
            agenda_item_id=None,
            speaker=Speaker(SpeakerKind.SECRETARIAT),
        ),
        lambda: correct_line(db, first.id, "書き換え", at=now),
        lambda: split_line(db, first.id, 2, at=now),
        lambda: merge_lines(db, first.id, second.id, at=now),
        lambda: move_line(db, first.id, items[-1].id, at=now),
        lambda: set_line_public(db, first.id, False),
        lambda: record_decision(
            db, items[1].id, Outcome.APPROVED, at=now, narration="", quorum=_quorum()
        ),
    ]
    for attempt in attempts:
        with pytest.raises(InputError) as e:
            attempt()
        assert "令和8年12月14日に確定しています" in e.value.message
        assert "正誤" in e.value.message
    assert utterances(db, held.id) == lines


def _quorum():
    from meeting.model import QuorumRule
    from meeting.quorum import QuorumState

    return QuorumState(present=5, needed=4, base=7, names=(), rule=QuorumRule())


def test_an_erratum_keeps_its_reason_and_raises_the_revision(db, sessions, now, tmp_path):
    held, _ = sessions
    confirm_minutes(db, held.id, on=CONFIRMED_ON)
    line = next(u for u in utterances(db, held.id) if u.speaker_kind is SpeakerKind.MEMBER)
    later = now + timedelta(days=30)
    state = record_erratum(
        db, line.id, line.text + "（補足）", reason="発言者の申し出による", at=later
    )
    assert state.revision == 2
    assert state.stamp == "第2版（令和8年12月14日確定・令和8年12月25日訂正）"
    minutes = gather_minutes(db, held.id, public=True)
    [entry] = minutes.errata
    assert entry.startswith("第2版（令和8年12月25日）議事")
    assert entry.endswith(
        f"（{_time(line)}）の発言「{line.text}」を「{line.text}（補足）」に訂正。"
        "理由: 発言者の申し出による"
    )
    assert any(t.endswith("：" + line.text + "（補足）") for t in minutes.text_lines())
    path, _ = write_document(db, "minutes", held.id, tmp_path / "m.docx", public=True)
    text = docx_text(path)
    assert "第2版（令和8年12月14日確定・令和8年12月25日訂正）" in text
    assert "正誤" in text and "発言者の申し出による" in text


def _time(line):
    from meeting.dates import format_time, to_tokyo

    return format_time(to_tokyo(line.spoken_at).time())


@pytest.mark.parametrize(
    ("text", "reason", "field", "words"),
    [
        ("直した文", "", "訂正の理由", "理由を入れてください"),
        ("直した文", "　", "訂正の理由", "理由を入れてください"),
        ("", "誤記", "発言", "空にはできません"),
        (None, "誤記", "発言", "文が変わっていません"),
    ],
)
def test_a_bad_erratum_is_named_and_nothing_changes(db, sessions, now, text, reason, field, words):
    held, _ = sessions
    confirm_minutes(db, held.id, on=CONFIRMED_ON)
    line = utterances(db, held.id)[2]
    with pytest.raises(InputError) as e:
        record_erratum(db, line.id, line.text if text is None else text, reason=reason, at=now)
    assert (e.value.field, words in e.value.message) == (field, True)
    assert approval(db, held.id).revision == 1
    assert utterances(db, held.id)[2] == line


def test_an_erratum_needs_a_confirmed_record(db, sessions, now):
    held, _ = sessions
    line = utterances(db, held.id)[2]
    with pytest.raises(InputError, match="まだ確定していない"):
        record_erratum(db, line.id, "別の文", reason="誤記", at=now)


def test_confirming_what_cannot_be_confirmed_is_named(db, sessions, council, now):
    held, later = sessions
    with pytest.raises(InputError, match="記録（発言）がない"):
        confirm_minutes(db, later.id, on=CONFIRMED_ON)
    with pytest.raises(InputError, match="会議の開催より前"):
        confirm_minutes(db, held.id, on=date(2026, 10, 1))
    with pytest.raises(InputError, match="同じ審議会の、後の会議"):
        confirm_minutes(db, held.id, on=CONFIRMED_ON, by_session_id=held.id)
    confirm_minutes(db, held.id, on=CONFIRMED_ON)
    with pytest.raises(InputError, match="確定済み"):
        confirm_minutes(db, held.id, on=CONFIRMED_ON + timedelta(days=1))
    assert approval(db, held.id).confirmed_on == CONFIRMED_ON


def test_a_closed_lines_erratum_never_reaches_the_public_version(db, sessions, now, tmp_path):
    held, _ = sessions
    line = next(u for u in utterances(db, held.id) if u.speaker_kind is SpeakerKind.MEMBER)
    set_line_public(db, line.id, False)
    confirm_minutes(db, held.id, on=CONFIRMED_ON)
    record_erratum(db, line.id, "非公開の訂正後の文", reason="非公開の理由", at=now)
    public = docx_text(write_document(db, "minutes", held.id, tmp_path / "p.docx", public=True)[0])
    assert "非公開の訂正後の文" not in public and "非公開の理由" not in public
    assert "第2版" in public  # the revision is public all the same
    internal = gather_minutes(db, held.id, public=False)
    assert any("非公開の理由" in e for e in internal.errata)


def test_the_approval_and_errata_travel_in_the_json_record(db, sessions, now, tmp_path):
    held, _ = sessions
    confirm_minutes(db, held.id, on=CONFIRMED_ON)
    line = utterances(db, held.id)[2]
    record_erratum(db, line.id, line.text + "。", reason="句点の脱落", at=now)
    data = json.loads(json.dumps(export_record(db, held.id), ensure_ascii=False))
    other = open_database(tmp_path / "other.db")
    new_id = import_record(other, data)
    assert approval(other, new_id).stamp == approval(db, held.id).stamp
    assert [e.reason for e in approval(other, new_id).errata] == ["句点の脱落"]
    assert (
        gather_minutes(other, new_id, public=False).errata
        == gather_minutes(db, held.id, public=False).errata
    )


async def test_the_clerk_confirms_and_then_records_an_erratum_in_the_app(db, sessions, tmp_path):
    from textual.widgets import DataTable, Input, Static

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.dialogs import AskDialog
    from meeting.screens.export import ExportScreen
    from meeting.screens.lines import LinesScreen
    from meeting.screens.text_dialog import EditTextDialog
    from meeting.widgets.paragraph import ParagraphArea
    from tests.conftest import NOW

    held, later = sessions
    app = MeetingApp(db, clock=fixed_clock(NOW + timedelta(days=19)))  # 令和8年12月14日
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        ids = [s.id for s in home.sessions]
        home.query_one("#sessions", DataTable).move_cursor(row=ids.index(held.id))
        await pilot.press("w")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        assert "（案）" in str(screen.query_one("#export-approval", Static).render())
        await pilot.press("ctrl+k")
        assert isinstance(app.screen, AskDialog)
        assert app.screen.query_one(Input).value == "令和8年12月14日"
        await pilot.press("enter")
        await pilot.pause()
        assert "第1版（令和8年12月14日確定）" in str(
            screen.query_one("#export-approval", Static).render()
        )
        await pilot.press("ctrl+o")  # no desktop in the test: the folder is named instead
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("この端末ではフォルダを開けません" in m for m in said)
        await pilot.press("escape")

        # A correction now is an erratum, with its reason.
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("ctrl+r")
        lines = app.screen
        assert isinstance(lines, LinesScreen)
        line = lines.selected()
        await pilot.press("e")
        assert isinstance(app.screen, EditTextDialog)
        await pilot.pause()
        app.screen.query_one(ParagraphArea).insert("（訂正）")  # typed after the text
        assert app.screen.query_one(ParagraphArea).text == line.text + "（訂正）"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)  # the reason
        await pilot.press("enter")  # empty: named, the dialog stays
        await pilot.pause()
        assert "理由を入れてください" in str(app.screen.query_one("#error", Static).render())
        app.screen.query_one(Input).value = "委員の申し出による"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is lines
    state = approval(db, held.id)
    assert state.revision == 2 and state.errata[0].reason == "委員の申し出による"


@pytest.mark.skipif(
    sys.platform == "win32", reason="a shell script as xdg-open (Windows: test_windows)"
)
def test_the_folder_opener_is_chosen_for_the_desktop(tmp_path, monkeypatch):
    from exports.folder import open_command, open_folder

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert open_command(tmp_path) is None  # a console or ssh: nothing could show it
    with pytest.raises(InputError, match="フォルダがありません"):
        open_folder(tmp_path / "missing")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    opener = bin_dir / "xdg-open"
    opener.write_text('#!/bin/sh\necho "$1" > "$(dirname "$0")/opened"\n')
    opener.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.setenv("DISPLAY", ":0")
    assert open_command(tmp_path) == [str(opener), str(tmp_path)]
    open_folder(tmp_path)
    import time

    for _ in range(100):
        if (bin_dir / "opened").exists():
            break
        time.sleep(0.02)
    assert (bin_dir / "opened").read_text().strip() == str(tmp_path)


def test_letters_item_openness_and_moved_records_are_locked_too(db, sessions, now):
    from agendas.store import move_record, set_item_public
    from minutes.utterances import set_letter

    held, later = sessions
    confirm_minutes(db, held.id, on=CONFIRMED_ON)
    items = agenda(db, held.id)
    member_id = next(u.member_id for u in utterances(db, held.id) if u.member_id)
    for attempt in (
        lambda: set_letter(db, held.id, member_id, "Z"),
        lambda: set_item_public(db, items[1].id, False),
        lambda: move_record(db, items[1].id, items[2].id),
    ):
        with pytest.raises(InputError, match="確定しています"):
            attempt()
    assert agenda(db, held.id) == items


def test_the_confirming_session_must_come_later(db, sessions, now):
    from tests.test_minutes_export import afternoon_session

    held, _ = sessions
    council = get_council(db, held.council_id)
    earlier = afternoon_session(db, council, now, date(2026, 5, 12))
    with pytest.raises(InputError, match="後の会議"):
        confirm_minutes(db, held.id, on=CONFIRMED_ON, by_session_id=earlier.id)
    assert not approval(db, held.id).confirmed


def test_opinions_lines_openness_and_the_sessions_openness_are_locked_too(db, sessions, now):
    """Nothing that changes what a published record prints slips past confirmation."""
    from meeting.model import SessionPlan, SittingPlan
    from meeting.store import get_session, reschedule_session
    from minutes.opinions import OpinionKind, add_opinion, promote_to_opinion
    from minutes.store import decisions
    from minutes.utterances import set_lines_public

    held, _ = sessions
    confirm_minutes(db, held.id, on=CONFIRMED_ON)
    decision = decisions(db, held.id)[0]
    line = next(u for u in utterances(db, held.id) if u.member_id)
    before = "\n".join(db.conn.iterdump())
    session = get_session(db, held.id)
    reopened = SessionPlan(
        kind=session.kind,
        form=session.form,
        public=not session.public,
        sittings=tuple(
            SittingPlan(t.starts_at, t.ends_at, t.place, t.online) for t in session.active_sittings
        ),
        fiscal_year=session.fiscal_year,
        number=session.number,
    )
    for attempt in (
        lambda: add_opinion(db, decision.id, OpinionKind.REMARK, "確定後に足した意見"),
        lambda: promote_to_opinion(db, line.id, decision.id, OpinionKind.REMARK),
        lambda: set_lines_public(db, line.id, public=False, at=now),
        lambda: reschedule_session(db, held.id, reopened, now=now),
    ):
        with pytest.raises(InputError, match="確定しています"):
            attempt()
    assert "\n".join(db.conn.iterdump()) == before
