"""Control characters in a search term: a NUL matches nothing (never everything) and nothing
raises; other control characters are searched for like any character."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meeting.entry.demo import load_demo
from meeting.errors import InputError
from meeting.model import SessionStatus
from meeting.store import list_sessions
from minutes.model import SpeakerKind
from minutes.search import search
from minutes.speakers import Speaker
from minutes.utterances import enter_line


@pytest.fixture
def held(db, now):
    council = load_demo(db, now=now)
    return next(s for s in list_sessions(db, council.id) if s.status is SessionStatus.HELD)


def say(db, session, text, now):
    return enter_line(
        db, session.id, text, at=now, agenda_item_id=None, speaker=Speaker(SpeakerKind.SECRETARIAT)
    )


@pytest.mark.parametrize(
    "term",
    [
        "\x00",
        "a\x00",
        "\x00\x00\x00",
        "メール\x00アドレス",
        "メールアドレス\x00",
        "議長 \x00",
        "\x00 メールアドレス",
    ],
)
def test_a_nul_in_a_term_matches_nothing(db, held, now, term):
    say(db, held, "NULを含む\x00行", now)  # even a line that holds one
    assert search(db, "メールアドレス")  # the record is not empty
    assert search(db, term) == []


def test_other_control_characters_find_the_lines_that_hold_them(db, held, now):
    line = say(db, held, "色を変える\x1b[31m指示", now)
    assert [h.utterance_id for h in search(db, "\x1b[31m")] == [line.id]
    assert [h.utterance_id for h in search(db, "\x1b")] == [line.id]  # a short term: LIKE
    assert search(db, "\x07") == []


def test_a_lone_surrogate_searches_as_it_was_stored(db, held, now):
    line = say(db, held, "壊れた\ud800文字", now)  # stored with U+FFFD
    assert [h.utterance_id for h in search(db, "壊れた\ud800文字")] == [line.id]
    assert all("\ufffd" in h.text for h in search(db, "\udfff"))  # and never raises


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(term=st.text(st.characters(codec=None, categories=None, exclude_categories=()), max_size=8))
def test_no_term_raises_anything_but_the_empty_one(db, held, term):
    try:
        hits = search(db, term)
    except InputError as error:
        assert error.message == "探す言葉を入れてください"
        return
    if "\x00" in term:
        assert hits == []


async def test_the_search_screen_with_a_nul(db, held):
    from textual.widgets import DataTable, Input, Static

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from tests.conftest import NOW

    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        screen = app.screen
        query = screen.query_one("#query", Input)
        query.value = "\x00"
        query.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert str(screen.query_one("#search-count", Static).render()) == "見つかりませんでした"
        assert screen.query_one("#hits", DataTable).row_count == 0
