"""The export screen on a long session: the first page at once, the rest made by a worker and
shown as the clerk scrolls; a newer choice's preview only; ctrl+s writes the whole document
whatever the preview has reached. And the line-by-line preview is the preview, exactly."""

from __future__ import annotations

import re
import threading
import zipfile
from collections.abc import Iterator
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Input, Select

from agendas.model import ItemKind
from agendas.store import add_agenda_item
from exports.registry import Prepared, prepare
from exports.template_sets import DEFAULTS
from exports.templating import (
    _preview_line,
    markdown_lines,
    preview_stream,
    render_markdown,
)
from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.screens.dialogs import ConfirmDialog
from meeting.screens.export import ExportScreen, replacement_lines
from meeting.widgets.preview import DocumentPreview
from minutes.store import set_line_public, utterances
from minutes.utterances import enter_line
from tests.conftest import NOW

LINES = 700
"""More than the first page (200) and than a preview folds at once (500)."""

SIZES = [(120, 40), (80, 24)]


def said(n: int) -> str:
    return f"発言その{n:04d}。"


@pytest.fixture
def long_session(db, sitting_now):
    _, session = sitting_now
    item = add_agenda_item(db, session.id, ItemKind.OTHER, "その他")
    start = session.sittings[0].starts_at
    db.execute("PRAGMA synchronous = OFF")  # 700 commits on a test's temporary file
    for n in range(1, LINES + 1):
        enter_line(
            db,
            session.id,
            said(n),
            at=start + timedelta(seconds=n),
            agenda_item_id=item.id,
            speaker=None,
            narration=True,
        )
    return session


def shown(preview: DocumentPreview) -> str:
    """The rows on the screen now."""
    height = preview.scrollable_content_region.height
    return "\n".join(preview.render_line(y).text for y in range(height))


def docx_text(path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


class Gate:
    """Holds the first preview's worker once it has made ``after`` lines, until let go."""

    def __init__(self, monkeypatch, after: int = 300) -> None:
        self.reached = threading.Event()
        self.go = threading.Event()
        self.streams = 0
        original = Prepared.preview_stream
        gate = self

        def preview_stream(prepared: Prepared) -> Iterator[str]:
            gate.streams += 1
            held = gate.streams == 1
            for n, line in enumerate(original(prepared)):
                if held and n == after:
                    gate.reached.set()
                    assert gate.go.wait(10), "the test never let the worker go"
                yield line

        monkeypatch.setattr(Prepared, "preview_stream", preview_stream)

    async def wait(self, pilot) -> None:
        for _ in range(500):
            if self.reached.is_set():
                return
            await pilot.pause(0.01)
        raise AssertionError("the preview's worker never started")


@pytest.mark.parametrize("size", SIZES)
async def test_the_first_page_at_once_and_the_rest_as_the_clerk_scrolls(db, long_session, size):
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=size) as pilot:
        await app.push_screen(ExportScreen(long_session))
        screen = app.screen
        preview = screen.query_one("#export-preview-text", DocumentPreview)
        assert "会議録" in shown(preview).splitlines()[0]  # the first page, before any worker
        assert said(1) in preview.text and said(LINES) not in preview.text
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.preparing
        assert said(LINES) in preview.text  # every line made …
        assert said(LINES) not in "\n".join(preview.rows)  # … folded only when scrolled to
        assert preview.more
        preview.focus()
        await pilot.press("end")
        await pilot.pause()
        assert not preview.more
        assert said(LINES) in shown(preview) and "以上" in shown(preview)
        assert preview.lines == prepare(db, "minutes", long_session.id).preview
        await pilot.press("home")
        await pilot.pause()
        assert shown(preview).splitlines()[0].rstrip() == preview.lines[0]


async def test_scrolling_down_shows_each_line_in_order(db, long_session):
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ExportScreen(long_session))
        await app.workers.wait_for_complete()
        preview = app.screen.query_one("#export-preview-text", DocumentPreview)
        preview.focus()
        seen: list[str] = []
        for _ in range(200):
            seen += shown(preview).splitlines()
            if "以上" in seen:
                break
            await pilot.press("pagedown")
            await pilot.pause()
        found = [n for n in range(1, LINES + 1) if said(n) in "\n".join(seen)]
        assert found == list(range(1, LINES + 1))


async def test_a_newer_choice_shows_its_own_preview_only(db, long_session, monkeypatch):
    gate = Gate(monkeypatch)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(ExportScreen(long_session))
        screen = app.screen
        await gate.wait(pilot)  # the public version's rest is being made …
        screen.query_one("#public", Select).value = False  # … when the clerk picks 内部用
        await pilot.pause()
        gate.go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        internal = prepare(db, "minutes", long_session.id, public=False)
        preview = screen.query_one("#export-preview-text", DocumentPreview)
        assert preview.lines == replacement_lines(internal) + internal.preview
        assert "内部用" in preview.lines[0]
        assert not screen.preparing


async def test_ctrl_s_while_the_preview_is_made_writes_the_whole_document(
    db, long_session, monkeypatch, tmp_path
):
    gate = Gate(monkeypatch)
    target = tmp_path / "会議録.docx"
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(ExportScreen(long_session))
        screen = app.screen
        await gate.wait(pilot)
        screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        if isinstance(app.screen, ConfirmDialog):  # what the record lacks: written all the same
            await pilot.press("y")
        for _ in range(500):  # the file written by its own worker; the preview's still held
            if target.exists() and not [w for w in app.workers if w.group == "documents"]:
                break
            await pilot.pause(0.01)
        assert target.exists()
        assert screen.preparing  # the preview had not got there, and was not waited for
        gate.go.set()
        await app.workers.wait_for_complete()
    text = docx_text(target)
    assert said(1) in text and said(LINES) in text


@pytest.mark.parametrize("public", [True, False])
async def test_a_closed_line_far_down_stays_out_of_the_public_preview(db, long_session, public):
    closed = next(u for u in utterances(db, long_session.id) if u.text == said(650))
    set_line_public(db, closed.id, False)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(ExportScreen(long_session))
        screen = app.screen
        screen.query_one("#public", Select).value = public
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        preview = screen.query_one("#export-preview-text", DocumentPreview)
        preview.show_all()
        rows = "\n".join(preview.rows)
        assert said(649) in rows and said(651) in rows
        assert (said(650) in rows) is not public


async def test_a_change_of_format_alone_does_not_prepare_again(db, long_session, monkeypatch):
    calls: list[str] = []
    original = Prepared.preview_stream

    def counted(prepared: Prepared) -> Iterator[str]:
        calls.append(prepared.kind.name)
        return original(prepared)

    monkeypatch.setattr(Prepared, "preview_stream", counted)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(ExportScreen(long_session))
        await pilot.pause()
        assert calls == ["minutes"]  # not once more for each choice the screen mounts
        app.screen.query_one("#suffix", Select).value = ".md"
        await pilot.pause()
        assert calls == ["minutes"]
        assert app.screen.query_one("#path", Input).value.endswith(".md")
        app.screen.query_one("#kind", Select).value = "summary"
        await pilot.pause()
        assert calls == ["minutes", "summary"]
        await app.workers.wait_for_complete()


# The preview line by line is the preview


def _joined_lines(text: str) -> list[str]:
    """What render_markdown then str.splitlines make of a template's raw output."""
    return (re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n").splitlines()


@settings(max_examples=500)
@given(
    st.lists(
        st.text(alphabet=["a", "あ", " ", "\n", "\r", "\x0c", "\x1c", "\u2028"], max_size=8),
        max_size=12,
    )
)
def test_lines_made_chunk_by_chunk_are_those_of_the_whole_text(chunks):
    assert list(markdown_lines(chunks)) == _joined_lines("".join(chunks))


@pytest.mark.parametrize("kind", ["minutes", "summary"])
def test_the_preview_line_by_line_is_the_rendered_preview(db, long_session, kind):
    prepared = prepare(db, kind, long_session.id, public=False)
    for default in DEFAULTS[kind]:
        template = default.load().markdown
        whole = render_markdown(template, prepared.context).splitlines()
        assert list(preview_stream(template, prepared.context)) == [
            _preview_line(line) for line in whole
        ]


async def test_a_long_record_s_screen_is_drawn_before_its_document_is_prepared(
    db, long_session, monkeypatch
):
    from meeting.screens import export as export_module

    monkeypatch.setattr(export_module, "PREPARE_AFTER_FRAME_FROM", LINES)  # LINES is long
    app = MeetingApp(db, clock=fixed_clock(NOW))
    seen: list[tuple[bool, str]] = []
    display = app._display

    def frame(screen, renderable):
        if renderable is not None and isinstance(screen, ExportScreen):
            preview = screen.query_one("#export-preview-text", DocumentPreview)
            seen.append((screen.prepared is not None, shown(preview)))
        return display(screen, renderable)

    app._display = frame
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(ExportScreen(long_session))
        screen = app.screen
        for _ in range(200):
            if screen.prepared is not None:
                break
            await pilot.pause(0.01)
        await pilot.pause()
        assert seen[0][0] is False and "文書を準備しています" in seen[0][1]  # the screen first
        assert screen.prepared is not None
        assert said(1) in shown(screen.query_one("#export-preview-text", DocumentPreview))
        assert screen.query_one("#path", Input).value.endswith("_会議録_公開用.docx")


async def test_ctrl_s_before_a_long_record_is_prepared_writes_the_whole_document(
    db, long_session, monkeypatch, tmp_path
):
    from meeting.screens import export as export_module

    monkeypatch.setattr(export_module, "PREPARE_AFTER_FRAME_FROM", LINES)
    monkeypatch.setattr(export_module, "OPEN_AFTER", 3600)  # it would prepare only on ctrl+s
    monkeypatch.setattr(ExportScreen, "_drawn", lambda self, screen: None)
    target = tmp_path / "会議録.docx"
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(ExportScreen(long_session))
        screen = app.screen
        await pilot.pause()
        assert screen.prepared is None
        screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        if isinstance(app.screen, ConfirmDialog):  # what the record lacks: written all the same
            await pilot.press("y")
        for _ in range(500):
            if target.exists() and not [w for w in app.workers if w.group == "documents"]:
                break
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
    text = docx_text(target)
    assert said(1) in text and said(LINES) in text


@pytest.mark.parametrize("size", SIZES)
async def test_what_the_record_lacks_is_one_phrase_a_gap_never_split_at_a_space(db, size):
    """The demo's coming session of two days has no roll call yet: each day's gap is one
    phrase (「2日目の出欠…」), and the line has no space for the screen to wrap it at."""
    from meeting.entry.demo import load_demo
    from meeting.model import SessionStatus
    from meeting.store import list_sessions

    council = load_demo(db, now=NOW)
    coming = next(
        s
        for s in list_sessions(db, council.id)
        if len(s.active_sittings) == 2 and s.status is SessionStatus.SCHEDULED
    )
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=size) as pilot:
        await app.push_screen(ExportScreen(coming))
        await pilot.pause()
        notes = str(app.screen.query_one("#export-notes").render())
        assert "1日目の出欠が記録されていません、2日目の出欠が記録されていません" in notes
        assert "（記録なし）" in notes
        assert " " not in notes
