"""Correcting a long remark: `e` on the lines screen opens the whole remark, wrapped, with the
cursor at its end; Enter, ctrl+s or 保存 keeps it (with its history), a line end is never kept,
an empty text is refused in place, Esc after a change asks first."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, Static

from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.screens.dialogs import AskDialog, ConfirmDialog
from meeting.screens.lines import LinesScreen
from meeting.screens.text_dialog import EditTextDialog
from meeting.text import one_paragraph
from meeting.widgets.paragraph import ParagraphArea
from minutes.model import SpeakerKind
from minutes.speakers import Speaker
from minutes.store import utterances
from minutes.utterances import enter_line, history
from tests.test_live_screen import NOW, setup

LONG = (
    "ただいまの御質問について、J-LIS（地方公共団体情報システム機構）から2024-05-01付けで"
    "通知がありました内容を踏まえ、市民課では、窓口の混雑を避けるため、予約制を試行しています。"
    "e-Taxとの連携についても、国の方針を確認しながら、順次、準備を進めてまいります。"
) * 3


def a_long_line(db, council, consultation):
    session, item, members = setup(db, council, consultation)
    line = enter_line(
        db,
        session.id,
        LONG,
        at=NOW,
        agenda_item_id=item.id,
        speaker=Speaker(SpeakerKind.SECRETARIAT),
    )
    return session, item, members, line


async def open_editor(pilot, session, item, members) -> EditTextDialog:
    await pilot.app.push_screen(LinesScreen(session, item, members))
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, EditTextDialog)
    return dialog


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_whole_remark_is_in_view_and_saved_with_its_history(
    db, council, consultation, size
):
    assert len(LONG) >= 400
    session, item, members, line = a_long_line(db, council, consultation)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=size) as pilot:
        dialog = await open_editor(pilot, session, item, members)
        area = dialog.query_one(ParagraphArea)
        assert area.text == line.text
        assert area.wrapped_document.height > 1  # wrapped, not one line scrolled sideways
        assert area.max_scroll_y == 0  # all of it in view
        assert area.cursor_location == area.document.end
        save = dialog.query_one("#save")
        assert save.region.bottom <= size[1]  # the 保存 button in view too
        assert "ctrl+s" in str(dialog.query_one(".title").render())

        area.insert("（訂正）")  # as an IME commits it, at the cursor: the end
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LinesScreen)
    (saved,) = utterances(db, session.id)
    assert saved.text == LONG + "（訂正）"
    (change,) = history(db, line.id)
    assert change.action == "correct"
    assert change.before["text"] == LONG and change.after["text"] == LONG + "（訂正）"


async def test_enter_saves_and_the_button_too(db, council, consultation):
    session, item, members, line = a_long_line(db, council, consultation)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_editor(pilot, session, item, members)
        dialog.query_one(ParagraphArea).insert("一")
        await pilot.press("enter")  # saves: a line of the record is one paragraph
        await pilot.pause()
        assert isinstance(app.screen, LinesScreen)
        assert utterances(db, session.id)[0].text == LONG + "一"

        dialog = await open_editor(pilot, session, item, members)
        dialog.query_one(ParagraphArea).insert("二")
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, LinesScreen)
    assert utterances(db, session.id)[0].text == LONG + "一二"
    assert "\n" not in utterances(db, session.id)[0].text
    assert len(history(db, line.id)) == 2


async def test_a_pasted_text_loses_its_line_ends(db, council, consultation):
    session, item, members, _line = a_long_line(db, council, consultation)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_editor(pilot, session, item, members)
        area = dialog.query_one(ParagraphArea)
        area.post_message(events.Paste("以上です。\n次に、\r\nJ-LISの\nAPI\nkey について。"))
        await pilot.pause()
        assert area.text == LONG + "以上です。次に、J-LISのAPI key について。"
        assert area.cursor_location == area.document.end
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert utterances(db, session.id)[0].text.endswith("J-LISのAPI key について。")


async def test_an_empty_text_is_refused_and_the_dialog_stays(db, council, consultation):
    session, item, members, line = a_long_line(db, council, consultation)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_editor(pilot, session, item, members)
        area = dialog.query_one(ParagraphArea)
        area.text = "　 "
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "空にはできません" in str(dialog.query_one("#error", Static).render())
        assert area.text == "　 "
    assert utterances(db, session.id)[0].text == LONG
    assert history(db, line.id) == []


async def test_escape_after_a_change_asks_before_the_change_is_lost(db, council, consultation):
    session, item, members, line = a_long_line(db, council, consultation)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_editor(pilot, session, item, members)
        await pilot.press("escape")  # nothing changed: closes at once
        await pilot.pause()
        assert isinstance(app.screen, LinesScreen)

        dialog = await open_editor(pilot, session, item, members)
        dialog.query_one(ParagraphArea).insert("（訂正）")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # back to the text, as it was
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.query_one(ParagraphArea).text == LONG + "（訂正）"
        await pilot.press("escape")
        await pilot.press("y")  # 破棄する
        await pilot.pause()
        assert isinstance(app.screen, LinesScreen)

        dialog = await open_editor(pilot, session, item, members)
        await pilot.press("ctrl+s")  # unchanged: nothing to keep, no history
        await pilot.pause()
        assert isinstance(app.screen, LinesScreen)
    assert utterances(db, session.id)[0].text == LONG
    assert history(db, line.id) == []


async def test_the_one_line_dialog_scrolls_to_the_end(db):
    """The other one-line questions keep AskDialog; End there shows the end of a long value."""
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(AskDialog("題", "文", LONG, lambda t: t, select=False))
        await pilot.pause()
        field = app.screen.query_one(Input)
        await pilot.press("home")
        assert field.cursor_position == 0 and field.scroll_x == 0
        await pilot.press("end")
        await pilot.pause()
        assert field.cursor_position == len(LONG)
        assert field.scroll_x > 0
        assert "まいります。" in str(field.render_line(0).text)


@pytest.mark.parametrize(
    ("pasted", "kept"),
    [
        ("です。\n次に", "です。次に"),
        ("です。\r\n\r\n次に", "です。次に"),
        ("API\nkey", "API key"),
        ("API  \n  key", "API key"),
        ("J-LIS\nの", "J-LISの"),
        ("\n前後\n", "前後"),
        ("改行なし", "改行なし"),
    ],
)
def test_one_paragraph(pasted, kept):
    assert one_paragraph(pasted) == kept
