"""Full-text search: trigrams over NFKC-folded text, short terms by their own index, kept by
triggers."""

from __future__ import annotations

import pytest

from meeting.entry.demo import load_demo
from meeting.errors import InputError
from meeting.model import SessionStatus
from meeting.store import list_sessions
from minutes.line_order import merge_lines
from minutes.model import SpeakerKind
from minutes.search import search
from minutes.speakers import Speaker
from minutes.store import utterances
from minutes.utterances import correct_line, enter_line


@pytest.fixture
def held(db, now):
    council = load_demo(db, now=now)
    return next(s for s in list_sessions(db, council.id) if s.status is SessionStatus.HELD)


def say(db, session, text, now):
    return enter_line(
        db, session.id, text, at=now, agenda_item_id=None, speaker=Speaker(SpeakerKind.SECRETARIAT)
    )


def test_words_are_found_across_the_record(db, held, now):
    hits = search(db, "メールアドレス")
    assert hits and all("メールアドレス" in h.text for h in hits)
    assert hits[0].fiscal_year == 2026 and hits[0].day is not None
    assert {h.speaker for h in search(db, "電子図書館")} >= {"実施機関"}


def test_folded_forms_find_each_other_and_the_text_stays_as_entered(db, held, now):
    line = say(db, held, "ＩＣカードとｶﾅの（１）番", now)
    assert [h.utterance_id for h in search(db, "ICカード")] == [line.id]
    assert [h.utterance_id for h in search(db, "カナ")] == [line.id]  # short: the grams index
    assert [h.utterance_id for h in search(db, "(1)")] == [line.id]
    assert utterances(db, held.id)[-1].text == "ＩＣカードとｶﾅの（１）番"


def test_short_terms_several_words_and_special_characters(db, held, now):
    say(db, held, "議長の発言、条例第5条による100%_の確認", now)
    assert len(search(db, "議長")) == 1
    assert len(search(db, "議長 100%_")) == 1  # every word must be there
    assert search(db, "議長 見当たらない語") == []
    assert search(db, "%") and search(db, '"') == []
    with pytest.raises(InputError, match="探す言葉"):
        search(db, "　 ")


def test_corrections_and_merges_keep_the_index_in_step(db, held, now):
    first = say(db, held, "旧い言い回しの行", now)
    second = say(db, held, "続きの行", now)
    correct_line(db, first.id, "新しい言い回しの行", at=now)
    assert search(db, "旧い言い回し") == []
    assert [h.utterance_id for h in search(db, "新しい言い回し")] == [first.id]
    merge_lines(db, first.id, second.id, at=now)
    assert [h.utterance_id for h in search(db, "続きの行")] == [first.id]


def test_a_council_filter_and_closed_lines_are_marked(db, held, now, council):
    from minutes.store import set_line_public

    line = say(db, held, "非公開の審議で話された内容", now)
    set_line_public(db, line.id, False)
    [hit] = search(db, "非公開の審議")
    assert not hit.public
    assert search(db, "非公開の審議", council_id=council.id) == []


async def test_the_search_screen(db, held):
    from textual.widgets import DataTable, Input, Static

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.search import SearchScreen
    from tests.conftest import NOW

    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one("#query", Input).insert_text_at_cursor("ﾒｰﾙ")
        await pilot.press("enter")
        await pilot.pause()
        assert str(screen.query_one("#search-count", Static).render()) == "1件"
        assert screen.query_one("#hits", DataTable).row_count == 1
        assert "メールアドレス" in screen.query_one("#hit-text").text
        screen.query_one("#query", Input).value = " "
        screen.query_one("#query", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        # Nothing to look for: nothing changes.
        assert str(screen.query_one("#search-count", Static).render()) == "1件"
        assert screen.query_one("#hits", DataTable).row_count == 1
