"""Output injection: what the clerk stored comes out as the same text, never as markup in a
Markdown document and never as a control sequence on a terminal.

Markdown: each public .md writer is fed nasty text through the store (names, titles, places,
record lines, speaker labels), rendered with markdown-it, and compared with a render of the
same document whose every text is plain: the HTML skeletons must be the same (no heading, list,
quote, code block, link, image, table or raw HTML the document did not make itself), and the
rendered text must hold every line of the document verbatim.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from agendas.consultations import list_consultations
from exports.documents import prepare_answer, prepare_document, prepare_request
from exports.letters import notice_lines
from exports.markdown import escape, md_line
from exports.registry import prepare
from exports.summary import summary_text
from exports.templating import render_markdown
from meeting.entry.demo import load_demo
from meeting.model import SessionStatus
from meeting.store import list_members, list_sessions
from minutes.answers import AnswerText, save_answer_text
from minutes.model import SpeakerKind
from minutes.speakers import Speaker
from minutes.utterances import enter_line

# Markdown: the renderers and what a render is compared by

COMMONMARK = MarkdownIt("commonmark")
GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])

NASTY = [
    "# 見出し",
    "###### 六段目",
    "#ハッシュだけ",
    "題名 #",
    "題名 ##",
    "- 項目",
    "+ 項目",
    "* 項目",
    "- [ ] やること",
    "1. 第一",
    "1) 第一",
    "2026. 年",
    "123456789) 番号",
    "> 引用",
    ">> 二重の引用",
    "```",
    "```python",
    "~~~",
    "    四字下げのコード",
    "\t字下げのコード",
    "   - 三字下げの項目",
    "<!-- 以下を隠す",
    "-->",
    "<script>alert(1)</script>",
    "<div>塊</div>",
    "<b>太字</b>",
    "<br>",
    "<?php echo 1; ?>",
    "<!DOCTYPE html>",
    "<![CDATA[x]]>",
    "[リンク](http://example.com)",
    "[リンク][参照]",
    "[参照]: http://example.com",
    "![画像](x.png)",
    "<http://example.com>",
    "<mail@example.com>",
    "| 表 | 列 |",
    "|---|---|",
    "a | b",
    "**太字** と __太字__ と *斜体* と _斜体_",
    "`コード` と ``二重``",
    "~~取消~~",
    "---",
    "***",
    "___",
    "===",
    "- - -",
    "=",
    "\\",
    "末尾の\\",
    "\\# エスケープ済み",
    "&amp; &lt; &#35; &copy; &#x41;",
    "先頭と末尾に空白  ",
    "  先頭に空白",
    "中ほどの # と - と > と 1. と | と [ と ] と < と &",
    "全角の＃見出し　＊印　｜表",
    "〜波ダッシュ～と—ダッシュ—",
    "<!-- x --> [a](b) **c** `d` | e |",
    "> - 1. # 重ね",
]
MULTI = [
    "一行目\n# 二行目は見出し?",
    "一行目\n- 項目\n1. 番号",
    "一行目\n```\nコード\n```",
    "一行目\n\n空行の後",
    "一行目\n---",
    "一行目\n===",
    "一行目\r\n> 引用\r二行目",
    "題\n    字下げ",
]


def render(md: str, *, parser: MarkdownIt = COMMONMARK) -> str:
    return parser.render(md)


def skeleton(html: str) -> list[str]:
    """Every tag, comment and piece of raw HTML, in order: the document's structure."""
    return re.findall(r"<[^>]*>", html)


def rendered_text(md: str, *, parser: MarkdownIt = COMMONMARK) -> str:
    """The text a reader sees: tags removed, entities decoded."""
    html = render(md, parser=parser).replace("<br />", "\n")
    return unescape(re.sub(r"<[^>]*>", "", html))


def squash(text: str) -> str:
    """Without whitespace (a renderer strips a paragraph's edges) and NUL as U+FFFD (CommonMark
    replaces it): what must match character for character."""
    return "".join(text.replace("\x00", "\ufffd").split())


def assert_shows(md: str, expected: list[str], *, parser: MarkdownIt = COMMONMARK) -> None:
    shown = squash(rendered_text(md, parser=parser))
    for text in expected:
        for piece in re.split(r"\r\n|\r|\n", text):
            assert squash(piece) in shown, (piece, md)


def plain(value: Any) -> Any:
    """The same document with every text plain: each non-empty line one kana, no markup."""
    if type(value) is str:
        return "\n".join("あ" if line else "" for line in re.split(r"\r\n|\r|\n", value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value,  # type: ignore[arg-type]
            **{f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init},
        )
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    return value


# The documents: each public .md writer with what it gathered and the text it must show


@dataclass(frozen=True)
class Doc:
    name: str
    data: Any
    write: Callable[[Any], str]
    text: Callable[[Any], list[str]]
    """Every line of the document as plain text, as its own preview or fields give it."""


def _minutes_text(m: Any) -> list[str]:
    return [m.title, m.stamp, *(t for pair in m.header for t in pair), *m.agenda] + [
        *m.text_lines(),
        *m.errata,
    ]


def _answer_text(a: Any) -> list[str]:
    """Every text of the answer's context that its template prints."""
    chair = [a.chair.name] if a.chair else []
    blocks = [b.text for part in (a.basis, a.claims, a.reasoning, a.attached) for b in part]
    marks = [b.mark for part in (a.basis, a.claims, a.reasoning, a.attached) for b in part]
    return [
        a.number,
        a.date_text,
        a.addressee,
        a.council.name,
        *chair,
        a.articles,
        a.consultation.number,
        *a.conclusions,
        *blocks,
        *marks,
    ]


def _annual_text(a: Any) -> list[str]:
    """Every stored text of the 運用状況's context: the lead and every cell of both tables."""
    sessions = [
        t
        for s in a.sessions
        for t in [*(d.place for d in s.days), *(i.title for i in s.items)]
        + ([s.conclusion] if a.per_session else [i.conclusion for i in s.items])
    ]
    appeals = [t for c in a.appeals for t in (c.title, c.disposition, c.conclusion)]
    return [a.council.name, a.lead, *sessions, *appeals]


def _request_text(r: Any) -> list[str]:
    """Every stored text of the 諮問書's context, a table's by cell (the .md prints a table)."""
    blocks = [b for s in r.sections for b in s.blocks]
    return [
        r.number,
        r.council.name,
        r.chair,
        r.sender,
        *r.departments,
        r.title,
        r.consulted_under,
        *(t for i in r.items for t in (i.label, i.value, *i.lines)),
        *(t for b in blocks for t in (b.text, *b.header, *(c for row in b.rows for c in row))),
    ]


def _from_template(prepared: Any) -> Any:
    """The Markdown the kind's template makes (what ``write`` saves), whatever it is given."""
    return lambda _: render_markdown(prepared.template.markdown, prepared.context)


def _templated(name: str, prepared: Any, text: Callable[[Any], list[str]]) -> Doc:
    """A kind rendered from templates, checked on its context: the reference is the same
    template given the context with every text plain."""
    return Doc(
        name,
        prepared.context,
        lambda context: render_markdown(prepared.template.markdown, context),
        lambda _: text(prepared.document),
    )


def _template_of(prepared: Any) -> Any:
    """The Markdown the kind's template makes of a context: the one given (or its plain twin)."""
    return lambda context: render_markdown(prepared.template.markdown, context)


def _from_context(name: str, prepared: Any, text: Callable[[Any], list[str]]) -> Doc:
    """As :func:`_templated`, the texts read from the context itself."""
    return Doc(name, prepared.context, _template_of(prepared), text)


def documents(db: Any, council_id: int) -> list[Doc]:
    sessions = list_sessions(db, council_id)
    held = next(s for s in sessions if s.status is SessionStatus.HELD)
    upcoming = next(s for s in sessions if s.status is SessionStatus.SCHEDULED)
    public, internal = (
        prepare_document(db, "minutes", held.id, public=version) for version in (True, False)
    )
    out = [
        Doc("minutes", public.document, _from_template(public), _minutes_text),
        Doc("minutes-internal", internal.document, _from_template(internal), _minutes_text),
        _templated("summary", prepare_document(db, "summary", held.id, public=True), summary_text),
        _templated(
            "agenda", prepare_document(db, "agenda", upcoming.id, public=True), notice_lines
        ),
        _from_context(
            "annual", prepare(db, "annual", (council_id, held.fiscal_year)), _annual_text
        ),
    ]
    for c in list_consultations(db, council_id):
        out.append(_from_context("request", prepare_request(db, c.id), _request_text))
        answer = prepare_answer(db, c.id)  # its ladder is made from the text: no plain twin
        out.append(Doc("answer", answer.context, _from_template(answer), _answer_text))
    return out


def check(doc: Doc) -> str:
    md = doc.write(doc.data)
    reference = doc.write(plain(doc.data))
    for parser in (COMMONMARK, GFM):
        assert skeleton(render(md, parser=parser)) == skeleton(render(reference, parser=parser)), (
            doc.name,
            md,
        )
        assert_shows(md, doc.text(doc.data), parser=parser)
    return md


# Where the nasty text is put: every text the clerk types that a document prints

FIELDS = [
    ("councils", "name"),
    ("councils", "municipality"),
    ("councils", "quorum_article"),
    ("councils", "secretariat_name"),
    ("members", "name"),
    ("members", "affiliation"),
    ("sittings", "place"),
    ("consultations", "number"),
    ("consultations", "title"),
    ("consultations", "answer_number"),
    ("agenda_items", "title"),
    ("others_present", "organisation"),
    ("others_present", "title"),
    ("others_present", "name"),
    ("consultation_departments", "bureau"),
    ("consultation_departments", "division"),
    ("consultation_questions", "article"),
    ("consultation_questions", "text"),
    ("consultation_materials", "name"),
    ("decisions", "narration"),
    ("councils", "consulted_under"),
    ("consultations", "sender"),
    ("consultations", "consulted_under"),
    ("consultations", "disposition_detail"),
    ("consultations", "disposition_number"),
    ("consultation_sections", "heading"),
    ("consultation_sections", "text"),
    ("consultation_attachments", "name"),
]


@pytest.fixture
def demo(db, now):
    return load_demo(db, now=now)


def poison(db: Any, values: Callable[[int], str]) -> None:
    """Set each field of every row to a nasty value (the row's ID after it keeps names apart)."""
    with db.conn:
        for k, (table, column) in enumerate(FIELDS):
            db.execute(
                f"UPDATE {table} SET {column} = ? || ' ' || rowid WHERE {column} != ''",
                [values(k)],
            )


def test_the_escape_keeps_ordinary_japanese_as_it_is():
    line = "森川会長：令和8年度第1回の会議を開会します。（諮問第3号）—承認—"
    assert escape(line) == line
    assert md_line("一行目\n二行目") == "一行目  \n二行目"
    assert escape("# 見出し") == "\\# 見出し"
    assert escape("1. 第一") == "1\\. 第一"
    assert escape("<!-- x") == "&lt;!-- x"
    assert escape("  字下げ") == "&#32;&#32;字下げ"


@pytest.mark.parametrize("text", NASTY + MULTI)
def test_a_nasty_line_renders_as_itself(text):
    for parser in (COMMONMARK, GFM):
        html = render(md_line(text), parser=parser)
        assert {t.strip("</>").split()[0] for t in skeleton(html)} <= {"p", "br"}, html
        assert_shows(md_line(text), [text], parser=parser)


def test_every_field_in_every_public_markdown_document(db, demo, now):
    """Each nasty value in each field once, every public .md writer each round."""
    members = list_members(db, demo.id)
    for round_ in range(len(NASTY)):
        poison(db, lambda k, r=round_: NASTY[(r + k) % len(NASTY)])
        for c in list_consultations(db, demo.id):
            save_answer_text(
                db,
                c.id,
                AnswerText(
                    addressee=NASTY[round_],
                    conclusions=tuple(
                        NASTY[(round_ + i) % len(NASTY)] for i in range(len(c.questions))
                    ),
                    summary=MULTI[round_ % len(MULTI)],
                    basis=MULTI[(round_ + 2) % len(MULTI)],
                    claims="・　" + NASTY[(round_ + 4) % len(NASTY)],
                    reasoning=MULTI[(round_ + 1) % len(MULTI)],
                    remarks=NASTY[(round_ + 3) % len(NASTY)],
                ),
                at=now,
            )
        for doc in documents(db, demo.id):
            check(doc)
    assert len(members) > 1


def test_every_record_line_and_speaker_label(db, demo, now):
    held = next(s for s in list_sessions(db, demo.id) if s.status is SessionStatus.HELD)
    member = list_members(db, demo.id)[0]
    for n, text in enumerate(NASTY + MULTI):
        speaker = [
            Speaker(SpeakerKind.MEMBER, member.id),
            Speaker(SpeakerKind.OTHER, None, text.splitlines()[0][:20] or "x"),
            Speaker(SpeakerKind.SECRETARIAT),
            None,
        ][n % 4]
        enter_line(
            db,
            held.id,
            text,
            at=now,
            agenda_item_id=None,
            speaker=speaker,
            narration=speaker is None,
        )
    for doc in documents(db, demo.id):
        if doc.name.startswith(("minutes", "summary")):
            md = check(doc)
            if doc.name == "minutes-internal":
                assert_shows(md, NASTY + MULTI)


def test_the_files_written_are_the_escaped_documents(db, demo, tmp_path):
    poison(db, lambda k: NASTY[k % len(NASTY)])
    held = next(s for s in list_sessions(db, demo.id) if s.status is SessionStatus.HELD)
    upcoming = next(s for s in list_sessions(db, demo.id) if s.status is SessionStatus.SCHEDULED)
    c = list_consultations(db, demo.id)[0]
    written = {
        "minutes": prepare_document(db, "minutes", held.id, public=True),
        "summary": prepare_document(db, "summary", held.id, public=True),
        "agenda": prepare_document(db, "agenda", upcoming.id, public=True),
        "request": prepare_request(db, c.id),
        "answer": prepare_answer(db, c.id),
    }
    expected = {
        # a kind rendered from templates: the template's Markdown, each value escaped
        "minutes": render_markdown(
            written["minutes"].template.markdown, written["minutes"].context
        ),
        "summary": render_markdown(
            written["summary"].template.markdown, written["summary"].context
        ),
        "agenda": render_markdown(written["agenda"].template.markdown, written["agenda"].context),
        "request": render_markdown(
            written["request"].template.markdown, written["request"].context
        ),
        "answer": render_markdown(written["answer"].template.markdown, written["answer"].context),
    }
    for name, prepared in written.items():
        assert prepared.write(tmp_path / f"{name}.md").read_text("utf-8") == expected[name]


MARKDOWNISH = st.lists(
    st.one_of(
        st.sampled_from(list("#-+*_`~>|[]()!<>&\\=.:;1 \t\n\r　あ亜a")),
        st.sampled_from(["```", "~~~", "<!--", "-->", "&#35;", "&amp;", "http://x", "1.", "1)"]),
    ),
    max_size=20,
).map("".join)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(line=MARKDOWNISH, name=MARKDOWNISH.filter(lambda t: t.strip()), place=MARKDOWNISH)
def test_any_markdownish_text_renders_as_itself(db, demo, now, line, name, place):
    held = next(s for s in list_sessions(db, demo.id) if s.status is SessionStatus.HELD)
    with db.conn:
        db.execute("UPDATE sittings SET place = ? WHERE session_id = ?", [place, held.id])
        db.execute("UPDATE agenda_items SET title = ? WHERE session_id = ?", [name, held.id])
    if line.strip():
        enter_line(
            db,
            held.id,
            line,
            at=now,
            agenda_item_id=None,
            speaker=Speaker(SpeakerKind.OTHER, None, name[:20]),
        )
    for doc in documents(db, demo.id):
        if doc.name in ("minutes-internal", "summary", "annual"):
            check(doc)


# Terminal: control characters shown as marks, never sent; brackets never read as markup

ESCAPES = ["\x1b[31m", "\x1b]0;x\x07", "\x9b2J"]
BRACKETS = "[/x][@click=app.quit]押す[/][b]太[/b]"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_poison(db: Any) -> None:
    """Names, titles and places holding escape sequences and markup, as a paste could."""
    with db.conn:
        for table, column in FIELDS:
            db.execute(
                f"UPDATE {table} SET {column} = ? || {column} || ? WHERE {column} != ''",
                ["".join(ESCAPES), BRACKETS],
            )
        db.execute("UPDATE utterances SET text = ? || text", ["\x1b[2J\x1b[H"])


def screen_text(app: Any) -> str:
    """What the compositor sends for the screen on view: the text of every segment."""
    update = app.screen._compositor.render_update(full=True)
    return "\n".join(
        "".join(seg.text for strip in line for seg in strip if not seg.control)
        for line in update.strips
    )


def assert_safe(app: Any) -> str:
    text = screen_text(app)
    assert not RAW.search(text), repr(RAW.search(text))
    assert "␛" in text  # the escape is shown, as a mark
    return text


async def test_every_screen_shows_escapes_as_marks_and_brackets_as_typed(db, demo):
    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.consultations import ConsultationsScreen
    from meeting.screens.dialogs import ConfirmDialog
    from meeting.screens.export import ExportScreen
    from meeting.screens.members import MembersScreen
    from meeting.screens.session import SessionScreen
    from tests.conftest import NOW

    terminal_poison(db)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        home = assert_safe(app)
        assert "␛[31m" in home and "<U+009B>2J" in home and "␛]0;x␇" in home
        assert "[b]太[/b]" in home  # markup in a stored name is text
        await pilot.press("m")
        assert isinstance(app.screen, MembersScreen)
        assert "[@click=app.quit]押す[/]" in assert_safe(app)
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmDialog)
        assert "[/x]" in assert_safe(app)
        await pilot.press("n", "escape")
        await pilot.press("k")
        assert isinstance(app.screen, ConsultationsScreen)
        assert_safe(app)
        await pilot.press("escape")
        table = app.screen.query_one("#sessions")
        held = next(i for i, s in enumerate(app.screen.sessions) if s.status.value == "held")
        table.move_cursor(row=held)
        await pilot.press("o")
        assert isinstance(app.screen, SessionScreen)
        assert_safe(app)
        await pilot.press("escape", "w")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "␛[2J" in assert_safe(app)  # a record line in the preview
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


def test_the_filter_drops_what_still_reaches_a_line_and_keeps_the_layout():
    from rich.segment import Segment
    from textual.color import Color

    from meeting.widgets.safe import ControlFilter

    segments = [Segment("前\x1b[31m赤\x9b2J"), Segment("\x1b[?25l", None, [(1, 0)]), Segment("後")]
    out = ControlFilter().apply(segments, Color(0, 0, 0))
    assert [s.text for s in out] == ["前[31m赤2J", "\x1b[?25l", "後"]
    assert out[1] is segments[1]  # Textual's own control segment is left alone
    plain_line = [Segment("前と後")]
    assert ControlFilter().apply(plain_line, Color(0, 0, 0)) is plain_line


async def test_textual_would_send_an_escape_and_the_filter_stops_it():
    from rich.cells import cell_len
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    from meeting.widgets.safe import ControlFilter

    class Raw(App[None]):
        def __init__(self, *, filtered: bool) -> None:
            super().__init__()
            if filtered:
                self._filters.append(ControlFilter())

        def compose(self) -> ComposeResult:
            yield Static("前\x1b[31m赤\x1b]0;title\x07\x9b2J後", markup=False)

    texts = {}
    for filtered in (False, True):
        app = Raw(filtered=filtered)
        async with app.run_test(size=(40, 3)) as pilot:
            await pilot.pause()
            texts[filtered] = screen_text(app)
    assert "\x1b" in texts[False]  # what Textual does by itself
    assert not RAW.search(texts[True])
    column = {k: cell_len(t[: t.index("後")]) for k, t in texts.items()}
    assert column[True] == column[False]  # the same place on the screen: they took no cell
    assert "前[31m赤]0;title2J後" in texts[True]


def test_meeting_sessions_shows_escapes_as_marks(tmp_path, capsys):
    import json

    from meeting.entry.cli import main

    path = tmp_path / "c.db"
    assert main(["--db", str(path), "demo"]) == 0
    from meeting.db import open_database

    db = open_database(path)
    name = "赤\x1b[31m審議会\x1b]0;x\x07\x9b2J\u202e逆\x7f"
    with db.conn:
        db.execute("UPDATE councils SET name = ?", [name])
    db.close()
    capsys.readouterr()
    assert main(["--db", str(path), "sessions"]) == 0
    out = capsys.readouterr().out
    assert not RAW.search(out) and "\u202e" not in out
    assert "赤␛[31m審議会␛]0;x␇<U+009B>2J<U+202E>逆␡" in out
    assert main(["--db", str(path), "sessions", "--json"]) == 0
    out = capsys.readouterr().out
    assert not RAW.search(out) and "\u202e" not in out
    assert {s["council"] for s in json.loads(out)} == {name}  # the JSON keeps the name exactly


async def test_the_record_screens_show_escapes_as_marks_and_closed_parts_marked(db, demo):
    """The live record, the lines, the agenda, search and the chair's view, on a poisoned record
    with a closed item and a closed line: marks shown, nothing sent, 【非公開】 where it is."""
    from agendas.store import agenda, set_item_public
    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.agenda import AgendaScreen
    from meeting.screens.chair import ChairScreen
    from meeting.screens.lines import LinesScreen
    from meeting.screens.live import LiveScreen
    from meeting.screens.search import SearchScreen
    from minutes.store import set_line_public, utterances
    from tests.conftest import NOW

    terminal_poison(db)
    held = next(s for s in list_sessions(db, demo.id) if s.status is SessionStatus.HELD)
    items = agenda(db, held.id)
    lines = utterances(db, held.id)
    closed_item = next(i for i in items if i.consultation_id)
    set_item_public(db, closed_item.id, False, reason="条例第7条第2号に該当するため")
    open_line = next(u for u in lines if u.agenda_item_id not in (None, closed_item.id))
    set_line_public(db, open_line.id, False)

    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(160, 50)) as pilot:
        home = app.screen
        home.query_one("#sessions").move_cursor(row=[s.id for s in home.sessions].index(held.id))
        await pilot.press("l")
        await pilot.pause()
        live = app.screen
        assert isinstance(live, LiveScreen)
        live.item_index = [i.id for i in live.items].index(closed_item.id)
        live.refresh_all()
        await pilot.pause()
        shown = assert_safe(app)
        assert "【非公開】（条例第7条第2号に該当するため）" in shown  # the item's title
        assert "[/x]" in shown  # a title's brackets as typed
        live.item_index = [i.id for i in live.items].index(open_line.agenda_item_id)
        live.refresh_all()
        await pilot.pause()
        assert sum("【非公開】" in r for r in live.record_lines) == 1  # the one closed line
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, LinesScreen)
        assert "【非公開】" in assert_safe(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+x")
        await pilot.pause()

        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        assert "【非公開】" in assert_safe(app)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        app.screen.query_one("#query").value = "2J"
        await pilot.press("enter")
        await pilot.pause()
        assert "【非公開】" in assert_safe(app)
        await pilot.press("escape")
        await pilot.pause()

        app.push_screen(ChairScreen(held))
        await pilot.pause()
        shown = assert_safe(app)
        assert "【非公開】" in shown  # the closed item in the agenda
        assert app.is_running
