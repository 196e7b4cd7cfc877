"""A council's page for its documents: 10.5 or 12 pt and the 字×行 grid, stored and used."""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from exports.documents import write_document
from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.entry.demo import load_demo
from meeting.errors import InputError
from meeting.forms import page_setting
from meeting.model import CouncilDraft, PageSetting, SessionStatus
from meeting.screens.council_form import CouncilForm
from meeting.store import get_council, list_sessions, update_council
from tests.conftest import NOW
from tests.test_app import choose, error_text, fill


def _draft(council, page: PageSetting) -> CouncilDraft:
    return CouncilDraft(
        name=council.name,
        municipality=council.municipality,
        quorum_article=council.quorum_article,
        quorum=council.quorum,
        page=page,
    )


def test_a_new_council_has_the_word_jp_page(council):
    assert council.page == PageSetting(10.5, 40, 36)
    assert council.page.label == "10.5ポイント・40字×36行"


def test_the_page_is_stored_and_used_by_every_document(db, now, tmp_path):
    council = load_demo(db, now=now)
    update_council(db, council.id, _draft(council, PageSetting(12, 35, 30)))
    assert get_council(db, council.id).page == PageSetting(12, 35, 30)
    held = next(s for s in list_sessions(db, council.id) if s.status is SessionStatus.HELD)
    for kind in ("minutes", "summary", "agenda"):
        path, _ = write_document(db, kind, held.id, tmp_path / f"{kind}.docx", public=True)
        doc = Document(str(path))
        assert doc.styles["Normal"].font.size == Pt(12)
        section = doc.sections[0]
        width_mm = (section.page_width - section.left_margin - section.right_margin) / Mm(1)
        assert 35 * 12 * 25.4 / 72 <= width_mm < 35 * 12 * 25.4 / 72 + 1  # 35字 fit, not 36
        grid = section._sectPr.find(qn("w:docGrid"))
        height_pt = (section.page_height - section.top_margin - section.bottom_margin) / Pt(1)
        assert int(grid.get(qn("w:linePitch"))) == int(height_pt * 20 / 30)
        for table in doc.tables:  # tables as wide as the text, on columns and cells both
            total = sum(c.width for c in table.columns) / Mm(1)
            assert total == pytest.approx(width_mm, abs=0.5)


@pytest.mark.parametrize(
    ("size", "chars", "lines", "field", "words"),
    [
        ("11", "40", "36", "文字の大きさ", "11ポイントは選べません"),
        ("大きめ", "40", "36", "文字の大きさ", "「大きめ」は大きさではありません"),
        ("10.5", "四十", "36", "1行の字数", "「四十」は数ではありません"),
        ("10.5", "60", "36", "1行の字数", "60字は範囲外です"),
        ("12", "45", "36", "1行の字数", "A4に収まりません（42字まで）"),
        ("10.5", "40", "10", "1ページの行数", "10行は範囲外です"),
        ("12", "40", "50", "1ページの行数", "行が重なります"),
    ],
)
def test_a_page_that_cannot_be_is_named_and_nothing_changes(
    db, council, size, chars, lines, field, words
):
    with pytest.raises(InputError) as e:
        update_council(
            db, council.id, _draft(council, page_setting(size=size, chars=chars, lines=lines))
        )
    assert e.value.field == field
    assert words in e.value.message
    assert get_council(db, council.id) == council


def test_typed_values_are_read_as_a_clerk_writes_them():
    assert page_setting(size="１２", chars="３５字", lines="30行") == PageSetting(12, 35, 30)
    assert page_setting(size="10.5pt", chars="", lines="") == PageSetting(10.5, 40, 36)


async def test_the_council_form_saves_the_page_and_names_a_bad_one(db, council):
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, CouncilForm)
        await choose(pilot, "#page_size", "12")
        await fill(pilot, "#page_chars", "45")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CouncilForm)  # refused, the form keeps what was typed
        assert "A4に収まりません" in error_text(app)
        assert get_council(db, council.id).page == PageSetting()
        await fill(pilot, "#page_chars", "35")
        await fill(pilot, "#page_lines", "３０")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, CouncilForm)
    assert get_council(db, council.id).page == PageSetting(12, 35, 30)
