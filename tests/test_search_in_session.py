"""Searching one session's record, and opening a hit at its line.

The clerk, mid-session, wonders where 個人番号 came up: ctrl+f on the live screen (or / on the
lines screen) searches this session, Enter on a hit shows its item's lines with the cursor on
that line, and Esc comes back to the live screen with the half-typed line as it was.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import DataTable, Input, Static

from agendas.model import ItemKind
from agendas.store import add_agenda_item, set_item_public
from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.dates import TOKYO, at
from meeting.errors import InputError
from meeting.model import AgendaNumbering, CouncilDraft, SessionPlan, SittingPlan
from meeting.quorum import Presence
from meeting.screens.lines import LinesScreen
from meeting.screens.live import LiveScreen
from meeting.screens.search import SearchScreen, highlighted
from meeting.store import list_members, schedule_session, update_council
from minutes.model import SpeakerKind
from minutes.roll import set_presence
from minutes.search import Excerpt, excerpt, place_of, search, term_spans
from minutes.speakers import Speaker
from minutes.store import set_line_public
from minutes.utterances import enter_line, load_draft

SIZE = (120, 40)
DAY = date(2026, 12, 14)
NOW = datetime(2026, 12, 14, 15, 30, tzinfo=TOKYO)
TERM = "個人番号"
DRAFT = "ただいまの説明に"


class Record:
    """A session whose agenda is 1 開会, 2 議事 ((1) the consultation, (2) 報告), 3 その他,
    with 個人番号 said in 2(1) twice, in 2(2) and in 3; and a later session that says it too."""

    def __init__(self, db, council, consultation):
        self.db = db
        plan = SessionPlan(sittings=(SittingPlan(at(DAY, time(14)), at(DAY, time(16)), "室"),))
        self.session = schedule_session(db, council.id, plan, now=NOW)
        sid = self.session.id
        self.opening = add_agenda_item(db, sid, ItemKind.OPENING, "開会")
        heading = add_agenda_item(db, sid, ItemKind.PROCEEDINGS, "議事")
        self.consultation = add_agenda_item(
            db, sid, ItemKind.CONSULTATION, consultation_id=consultation.id, parent_id=heading.id
        )
        self.report = add_agenda_item(db, sid, ItemKind.REPORT, "報告", parent_id=heading.id)
        self.other = add_agenda_item(db, sid, ItemKind.OTHER, "その他")
        for m in list_members(db, council.id, on=DAY):
            set_presence(db, sid, self.session.sittings[0].id, m.id, Presence(True))
        self.clock = at(DAY, time(14))
        self.say(self.opening, "ただいまから会議を開きます。")
        self.say(self.report, "個人番号カードの交付状況を報告します。")
        self.say(self.consultation, "資料に沿って説明します。")
        self.used = self.say(self.consultation, "個人番号の利用について説明します。")
        self.sent = self.say(self.consultation, "個人番号は暗号化して送ります。")
        self.next_time = self.say(self.other, "次回は個人番号の件を扱います。")
        later = SessionPlan(sittings=(SittingPlan(at(DAY + timedelta(30), time(14)), None, "室"),))
        self.elsewhere = schedule_session(db, council.id, later, now=NOW)
        self.far = enter_line(
            db,
            self.elsewhere.id,
            "前回の個人番号の件の続きです。",
            at=at(DAY + timedelta(30), time(14)),
            agenda_item_id=None,
            speaker=Speaker(SpeakerKind.SECRETARIAT),
        )

    def say(self, item, text):
        self.clock += timedelta(minutes=3)
        return enter_line(
            self.db,
            self.session.id,
            text,
            at=self.clock,
            agenda_item_id=item.id,
            speaker=Speaker(SpeakerKind.SECRETARIAT),
        )


@pytest.fixture
def record(db, council, consultation):
    return Record(db, council, consultation)


# The core: one session's lines, each with its item as the agenda numbers it


def test_a_session_search_finds_only_that_sessions_lines_newest_first(db, record):
    hits = search(db, TERM, session_id=record.session.id)
    assert [h.utterance_id for h in hits][:3] == [
        record.next_time.id,
        record.sent.id,
        record.used.id,
    ]
    assert len(hits) == 4
    assert record.far.id not in {h.utterance_id for h in hits}
    assert record.far.id in {h.utterance_id for h in search(db, TERM)}
    assert search(db, "番号", session_id=record.elsewhere.id)[0].utterance_id == record.far.id


def test_each_hit_names_its_item_as_the_agenda_numbers_it(db, record, council):
    by_line = {h.utterance_id: h for h in search(db, TERM, session_id=record.session.id)}
    title = record.consultation.title
    assert by_line[record.sent.id].item == f"2(1) {title}"
    assert by_line[record.next_time.id].item == "3 その他"
    assert by_line[record.sent.id].agenda_item_id == record.consultation.id
    assert by_line[record.sent.id].spoken_at == record.sent.spoken_at
    assert search(db, TERM, session_id=record.elsewhere.id)[0].item == ""  # no item
    update_council(
        db,
        council.id,
        CouncilDraft(council.name, council.municipality, agenda_numbering=AgendaNumbering.FLAT),
    )
    by_line = {h.utterance_id: h for h in search(db, TERM, session_id=record.session.id)}
    assert by_line[record.sent.id].item == f"2 {title}"
    assert by_line[record.next_time.id].item == "4 その他"


def test_a_hit_is_closed_when_its_line_or_its_item_is(db, record):
    set_item_public(db, record.report.id, False)
    set_line_public(db, record.sent.id, False)
    closed = {h.utterance_id for h in search(db, TERM, session_id=record.session.id) if h.closed}
    assert closed == {record.sent.id, search(db, "交付状況")[0].utterance_id}


@pytest.mark.parametrize(
    "term",
    [
        '"',
        '""',
        "*",
        "-",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "NEAR(",
        '"個人',
        "個人*",
        "-個人",
        "個人 AND 番号",
        "個人 OR",
        "(",
        ")",
        "^個人",
        "body:個人",
        "{body}",
        "+",
        "'",
        "\\",
    ],
)
def test_a_term_with_the_index_syntax_is_searched_as_text(db, record, term):
    """Quotes, *, -, AND… are never the index's query syntax: nothing raises."""
    search(db, term, session_id=record.session.id)
    search(db, term)


def test_syntax_characters_find_the_lines_that_hold_them(db, record):
    line = record.say(record.other, '「J-LIS」 AND 条件の "引用" と *印')
    for term in ("J-LIS", "AND", "and", '"引用"', "*印", "-", '"'):
        hits = search(db, term, session_id=record.session.id)
        assert [h.utterance_id for h in hits] == [line.id], term


def test_an_empty_term_is_refused_in_a_session_too(db, record):
    with pytest.raises(InputError, match="探す言葉"):
        search(db, " 　", session_id=record.session.id)


def test_the_place_of_a_hit(db, record):
    [hit] = [h for h in search(db, TERM) if h.utterance_id == record.sent.id]
    place = place_of(db, hit)
    assert place.session.id == record.session.id
    assert place.item is not None and place.item.id == record.consultation.id
    assert place.members and place.members[0].name == "青木 一郎"


# Where the words stand in a line, for the highlight


@pytest.mark.parametrize(
    ("text", "query", "spans"),
    [
        ("個人番号の利用", "個人番号", [(0, 4)]),
        ("個人番号と個人", "個人", [(0, 2), (5, 7)]),
        ("ＩＣカードを使う", "ICカード", [(0, 5)]),  # full-width letters, as the index folds
        ("ICカード", "ｉｃカード", [(0, 5)]),  # and the case ignored
        ("ｶﾞｲﾄﾞの件", "ガイド", [(0, 5)]),  # half-width kana: ｶﾞ is one ガ
        ("第（１）号", "(1)", [(1, 4)]),
        ("個人番号", "個人 番号", [(0, 4)]),  # touching places joined
        ("個人番号", "人番 個人", [(0, 3)]),  # overlapping ones too
        ("個人番号", "住所", []),
        ("J-LIS", '"', []),
        ("", "個人", []),
    ],
)
def test_term_spans(text, query, spans):
    assert term_spans(text, query) == spans


def test_a_long_line_shows_the_stretch_around_the_word():
    text = "あ" * 100 + "個人番号" + "い" * 100
    shown = excerpt(text, TERM, width=40)
    assert shown.text.startswith("…") and shown.text.endswith("…")
    assert len(shown.text) == 42
    [(start, end)] = shown.spans
    assert shown.text[start:end] == TERM
    assert excerpt("短い個人番号", TERM) == Excerpt("短い個人番号", ((2, 6),))
    end_of_line = excerpt("あ" * 100 + "個人番号", TERM, width=40)
    assert end_of_line.text.endswith(TERM) and not end_of_line.text.endswith("…")


def test_a_highlighted_cell_is_stored_text_never_markup():
    cell = highlighted(Excerpt("[b]個人番号\x1b[31m", ((3, 7),)), "【非公開】")
    assert cell.plain.startswith("【非公開】[b]個人番号")
    assert "\x1b" not in cell.plain
    [span] = [s for s in cell.spans if s.style]
    assert cell.plain[span.start : span.end] == TERM


# On screen


async def type_and_search(pilot, term: str) -> SearchScreen:
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    query = screen.query_one("#query", Input)
    query.value = ""
    query.focus()
    query.insert_text_at_cursor(term)
    await pilot.press("enter")
    await pilot.pause()
    return screen


def cursor_line(screen: LinesScreen) -> int:
    return screen.lines[screen.query_one("#lines", DataTable).cursor_row].id


async def open_live(app, pilot, record) -> LiveScreen:
    await app.push_screen(LiveScreen(record.session))
    await pilot.pause()
    live = app.screen
    assert isinstance(live, LiveScreen)
    live.pane.line.insert_text_at_cursor(DRAFT)
    await pilot.pause()
    return live


async def test_from_the_live_screen_to_a_line_and_back(db, record):
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        live = await open_live(app, pilot, record)
        await pilot.press("ctrl+f")
        await pilot.pause()
        screen = await type_and_search(pilot, TERM)
        assert "この会議の中を検索" in str(screen.query_one("#search-title").render())
        table = screen.query_one("#hits", DataTable)
        assert table.row_count == 4
        assert str(screen.query_one("#search-count", Static).render()) == "4件"
        row = [str(c) for c in table.get_row_at(1)]
        assert row[:3] == [
            record.sent.spoken_at.strftime("%H:%M"),
            "2(1) 住民情報の目的外利用…",
            "事務局",
        ]
        assert row[3] == "個人番号は暗号化して送ります。"
        await pilot.press("down", "enter")  # the second hit
        await pilot.pause()
        lines = app.screen
        assert isinstance(lines, LinesScreen)
        assert lines.item is not None and lines.item.id == record.consultation.id
        assert cursor_line(lines) == record.sent.id
        assert lines.query_one("#lines", DataTable).cursor_row == 2
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is live
        assert live.pane.line.value == DRAFT
        assert live.pane.line.has_focus
        assert live.item is not None and live.item.id == record.other.id  # where it was
    draft = load_draft(db, record.session.id)
    assert draft is not None and draft.text == DRAFT


async def test_from_the_lines_screen_to_another_item(db, record):
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        live = await open_live(app, pilot, record)
        await pilot.press("ctrl+r")  # the current item's lines: 3 その他
        await pilot.pause()
        lines = app.screen
        assert isinstance(lines, LinesScreen) and lines.item.id == record.other.id
        await pilot.press("slash")
        await pilot.pause()
        screen = await type_and_search(pilot, TERM)
        assert screen.query_one("#hits", DataTable).row_count == 4
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen is lines  # the same screen, now at the hit's item
        assert lines.item.id == record.consultation.id
        assert cursor_line(lines) == record.sent.id
        assert "住民情報の目的外利用" in str(lines.query_one("#lines-title").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is live
        assert live.pane.line.value == DRAFT


async def test_the_home_search_opens_the_line_and_esc_comes_back_to_the_results(db, record):
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        screen = await type_and_search(pilot, TERM)
        table = screen.query_one("#hits", DataTable)
        assert table.row_count == 5  # the later session's line too
        assert table.get_row_at(0)[0] == "令和8年度第2回"  # the later session, newest first
        await pilot.press("down", "down", "enter")  # 2(1)'s 暗号化
        await pilot.pause()
        lines = app.screen
        assert isinstance(lines, LinesScreen)
        assert lines.session.id == record.session.id
        assert lines.item.id == record.consultation.id
        assert cursor_line(lines) == record.sent.id
        assert lines.title == "令和8年度第1回定例会"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#query", Input).value == TERM
        assert table.row_count == 5
        assert screen.current().utterance_id == record.sent.id  # the cursor where it was


async def test_widening_to_every_session_and_a_hit_elsewhere(db, record):
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        live = await open_live(app, pilot, record)
        await pilot.press("ctrl+f")
        await pilot.pause()
        screen = await type_and_search(pilot, TERM)
        assert screen.query_one("#hits", DataTable).row_count == 4
        await pilot.press("ctrl+f")  # every session of the council
        await pilot.pause()
        table = screen.query_one("#hits", DataTable)
        assert table.row_count == 5
        assert "すべての会議" in str(screen.query_one("#search-title").render())
        assert screen.current().utterance_id == record.next_time.id  # the cursor kept
        await pilot.press("up", "enter")  # the later session's line: opens over the search
        await pilot.pause()
        lines = app.screen
        assert isinstance(lines, LinesScreen)
        assert lines.session.id == record.elsewhere.id and lines.item is None
        assert cursor_line(lines) == record.far.id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+f")  # back to this session
        await pilot.pause()
        assert screen.query_one("#hits", DataTable).row_count == 4
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is live and live.pane.line.value == DRAFT


async def test_no_hits_an_empty_term_and_the_index_syntax_on_screen(db, record):
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await open_live(app, pilot, record)
        await pilot.press("ctrl+f")
        await pilot.pause()
        screen = await type_and_search(pilot, "見当たらない言葉")
        count = screen.query_one("#search-count", Static)
        assert str(count.render()) == "見つかりませんでした"
        screen = await type_and_search(pilot, TERM)
        assert str(count.render()) == "4件"
        screen = await type_and_search(pilot, "　 ")  # nothing to look for: nothing changes
        assert str(count.render()) == "4件"
        assert screen.query_one("#hits", DataTable).row_count == 4
        for term in ('"', "*", "-", "AND", '"個人', "個人*", "-個人", "NEAR(", "個人 AND"):
            await type_and_search(pilot, term)
            assert app.screen is screen, term
        await type_and_search(pilot, "AND")
        assert str(count.render()) == "見つかりませんでした"
        await pilot.press("enter")  # Enter with no hit opens nothing
        await pilot.pause()
        assert app.screen is screen


async def test_a_closed_line_is_marked_and_the_term_highlighted(db, record):
    set_line_public(db, record.sent.id, False)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await open_live(app, pilot, record)
        await pilot.press("ctrl+f")
        await pilot.pause()
        screen = await type_and_search(pilot, TERM)
        said = screen.query_one("#hits", DataTable).get_row_at(1)[-1]
        assert said.plain == "【非公開】個人番号は暗号化して送ります。"
        assert [said.plain[s.start : s.end] for s in said.spans] == [TERM]
        await pilot.press("down")
        await pilot.pause()
        assert screen.query_one("#hit-text").text.startswith("【非公開】［2(1) 住民情報")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(term=st.text(st.characters(codec=None, categories=None, exclude_categories=()), max_size=8))
def test_no_term_raises_in_a_session_but_the_empty_one(db, record, term):
    try:
        hits = search(db, term, session_id=record.session.id)
    except InputError as error:
        assert error.message == "探す言葉を入れてください"
        return
    assert all(h.session_id == record.session.id for h in hits)
    for hit in hits:
        term_spans(hit.text, term)
        excerpt(hit.text, term)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(st.characters(codec=None, categories=None, exclude_categories=()), max_size=30),
    data=st.data(),
)
def test_spans_of_any_text_are_in_it_and_the_excerpt_holds_them(text, data):
    start = data.draw(st.integers(0, len(text)))
    term = text[start : data.draw(st.integers(start, len(text)))]
    spans = term_spans(text, term)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert spans == sorted(spans)
    shown = excerpt(text, term, width=10)
    assert len(shown.text) <= 12
    assert all(0 <= a < b <= len(shown.text) for a, b in shown.spans)
