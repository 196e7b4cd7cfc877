"""The live record pane breaks a long remark as Japanese is written: no line of the pane starts
with 、。」, J-LIS and 2024-05-01 stay whole, at 120×40 and at 80×24, and again after a resize."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.content import Content

from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.text import NO_START
from meeting.widgets.record import WrappedLines
from tests.test_live_screen import NOW, open_live, say, setup

REMARK = (
    "「個人番号カード」の交付について、J-LIS（地方公共団体情報システム機構）から2024-05-01付けで"
    "通知がありました。市民課では、窓口の混雑を避けるため、予約制を試行しています。"
    "e-Taxとの連携についても、国の方針を確認しながら、順次、準備を進めてまいります。"
) * 3
WORDS = ("J-LIS", "2024-05-01", "e-Tax")


def pane_rows(app, pane: WrappedLines) -> list[str]:
    """The pane's rows as the terminal draws them, read from the screen itself."""
    region = pane.content_region.intersection(pane.parent.content_region)
    strips = app.screen._compositor.render_update(full=True).strips
    rows = []
    for y in range(region.y, region.bottom):
        line = "".join(seg.text for strip in strips[y] for seg in strip if not seg.control)
        rows.append(_cells(line, region.x, region.right).rstrip())
    return rows


def in_view(pane: WrappedLines, rows: list[str], height: int) -> list[str]:
    top = round(pane.parent.scroll_offset.y)
    return [r.rstrip() for r in rows[top : top + height]]


def _cells(line: str, start: int, end: int) -> str:
    out, at = "", 0
    for char in line:
        if start <= at < end:
            out += char
        at += cell_len(char)
    return out


def badly_broken(text: str, width: int) -> bool:
    """Whether the terminal's own folding would start a line with 、。」 or cut a word."""
    rows = [str(row) for row in Content(text).wrap(width)]
    cut = any(sum(r.count(w) for r in rows) < text.count(w) for w in WORDS)
    return cut or any(r[0] in NO_START for r in rows[1:])


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_long_remark_breaks_where_japanese_allows(db, council, consultation, size):
    assert len(REMARK) >= 400
    session, _item, _members = setup(db, council, consultation)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=size) as pilot:
        live = await open_live(pilot, session)
        await pilot.press("ctrl+n")  # to the consultation
        await pilot.press("f10")
        await say(pilot, REMARK)
        pane = live.query_one("#live-record-text", WrappedLines)
        width = pane.size.width
        assert badly_broken("事務局：" + REMARK, width)  # what the pane showed before

        rows = pane.rows()
        assert len(rows) > 5
        assert "".join(rows) == live.record_lines[-1]  # nothing lost, nothing added
        assert not [r for r in rows[1:] if r[0] in NO_START]
        assert all(cell_len(r) <= width for r in rows)
        for word in WORDS:
            assert sum(word in r for r in rows) == 3, word

        # The screen shows those rows, one for one: the terminal folded nothing again.
        shown = pane_rows(app, pane)
        assert shown and shown == in_view(pane, rows, len(shown))
        assert not [r for r in shown if r and r[0] in NO_START]

        # A narrower terminal: broken again at the new width, by the same rules.
        await pilot.resize_terminal(size[0] - 17, size[1])
        await pilot.pause()
        assert pane.size.width < width
        rows = pane.rows()
        assert all(cell_len(r) <= pane.size.width for r in rows)
        assert not [r for r in rows[1:] if r[0] in NO_START]
        assert sum("J-LIS" in r for r in rows) == 3
        shown = pane_rows(app, pane)
        assert shown == in_view(pane, rows, len(shown))


async def test_the_chairs_recent_lines_break_the_same_way(db, council, consultation):
    from minutes.model import SpeakerKind
    from minutes.speakers import Speaker
    from minutes.utterances import enter_line

    session, item, _members = setup(db, council, consultation)
    for i in range(3):
        enter_line(
            db,
            session.id,
            REMARK[10 + i :],  # J-LIS where the terminal would have cut it
            at=NOW,
            agenda_item_id=item.id,
            speaker=Speaker(SpeakerKind.SECRETARIAT),
        )
    app = MeetingApp(db, clock=fixed_clock(NOW), chair_session=session.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one("#chair-latest", WrappedLines)
        rows = pane.rows()
        assert len(rows) > len(pane.lines) == 3  # they wrap
        assert any(badly_broken(line, pane.size.width) for line in pane.lines)
        assert not [r for r in rows if r[0] in NO_START]
        assert all(cell_len(r) <= pane.size.width for r in rows)
        assert pane_rows(app, pane) == [r.rstrip() for r in rows]


async def test_the_agenda_beside_the_record_folds_as_japanese_is_written():
    """A long item title in the live screen's agenda never starts a row with ）、。"""
    from textual.app import App, ComposeResult

    from meeting.widgets.panels import AgendaList

    title = (
        "防災アプリによる避難行動要支援者情報のオンライン結合及び目的外利用について"
        "（諮問）（前回の補足説明）"
    )

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield AgendaList(id="agenda")

    for width in range(24, 41):
        app = One()
        async with app.run_test(size=(width, 12)) as pilot:
            agenda = app.query_one(AgendaList)
            agenda.show([f"   2 {title}"])
            await pilot.pause()
            rows = str(agenda.render()).splitlines()
            assert "".join(r.strip() for r in rows) == f"2 {title}"  # nothing lost
            assert not any(r.strip() and r.strip()[0] in NO_START for r in rows[1:]), (width, rows)
