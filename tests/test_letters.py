"""What the 諮問書, the 会議議事予定, the 運用状況 and the 会議概要 print of the facts issue 13
gave a place: the article the council is consulted under, the sender, the sections with their
table, the attachments, an appeal's decision, a number not yet given; the year's lead sentence,
its conclusions per item or per session and its 審査請求の状況; and the tables' layout."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from markdown_it import MarkdownIt

from agendas.consultations import (
    add_consultation,
    get_consultation,
    list_consultations,
    record_answer,
    set_status,
    update_consultation,
    withdraw,
)
from agendas.model import ConsultationStatus, Section
from agendas.notice import consultation_request
from agendas.sections import Paragraph, Table, blocks, cells, parse_sections, sections_text
from exports.annual import annual_lines, gather_annual
from exports.documents import prepare_document, prepare_request
from exports.docx_table import column_widths, text_width
from exports.registry import prepare
from exports.request import request_lines
from exports.summary import gather_summary, summary_text
from meeting.entry.demo import load_demo
from meeting.model import AnnualConclusions, CouncilKind, RequestWording, SessionStatus
from meeting.store import get_council, list_sessions, update_council
from meeting.store.councils import CouncilDraft
from tests.test_appeals import appeal_draft, as_draft

GFM = MarkdownIt("commonmark").enable(["table"])


@pytest.fixture
def demo(db, now):
    return load_demo(db, now=now)


def by_number(db, council_id, number):
    return next(c for c in list_consultations(db, council_id) if c.number == number)


def settle(db, council_id, **changes):
    """The council's settings changed (the form's fields), everything else as it was."""
    c = get_council(db, council_id)
    draft = CouncilDraft(
        **{f.name: getattr(c, f.name) for f in dataclasses.fields(CouncilDraft)} | changes
    )
    return update_council(db, council_id, draft)


# The sections as the clerk types them


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("段落", (Paragraph("段落"),)),
        ("項目｜内容\n氏名｜甲", (Table((("項目", "内容"), ("氏名", "甲"))),)),
        ("| 項目 | 内容 |\n| a | b |", (Table((("項目", "内容"), ("a", "b"))),)),
        ("項目\t内容\n長い\t行\t余り", (Table((("項目", "内容", ""), ("長い", "行", "余り"))),)),
        ("前\n項目｜内容\n後", (Paragraph("前"), Table((("項目", "内容"),)), Paragraph("後"))),
        ("一\n\n二", (Paragraph("一"), Paragraph("二"))),
    ],
)
def test_a_sections_text_reads_as_paragraphs_and_tables(text, expected):
    assert blocks(text) == expected


def test_sections_typed_in_one_text_area_round_trip():
    typed = "前書き\n【業務の概要】\n一行目\n二行目\n【提供する項目】\n項目｜内容\n氏名｜甲"
    sections = parse_sections(typed)
    assert sections == (
        Section("", "前書き"),
        Section("業務の概要", "一行目\n二行目"),
        Section("提供する項目", "項目｜内容\n氏名｜甲"),
    )
    assert parse_sections(sections_text(sections)) == sections
    assert cells("｜甲｜乙｜") == ("甲", "乙")


# The 諮問書


def test_the_request_cites_the_councils_article_and_prints_its_body(db, demo):
    bousai = by_number(db, demo.id, "8ひ危第57号")
    lines = request_lines(consultation_request(db, bousai.id))
    lead = "ひばり野市個人情報の保護に関する法律施行条例第7条の規定により、次のとおり諮問します。"
    assert lead in lines
    assert "条例第11条第1項、" not in " ".join(lines)  # the questions' articles are not the basis
    assert lines[:2] == ["8ひ危第57号", "令和8年10月2日"]
    assert "ひばり野市長　高野　誠一" in lines and "（危機管理部防災課）" in lines
    assert "5　業務の概要" in lines and "6　提供する個人情報" in lines
    assert "　氏名｜避難行動要支援者の氏名" in lines
    assert "　別紙1　防災アプリの画面の構成" in lines and lines[-1] == "以上"

    settle(db, demo.id, request_wording=RequestWording.OPINION, consulted_under="")
    lines = request_lines(consultation_request(db, bousai.id))
    assert "次のとおり意見を求めます。" in lines  # no article set: none cited, no placeholder


def test_the_request_docx_has_the_table_and_the_md_a_title(db, demo, tmp_path):
    bousai = by_number(db, demo.id, "8ひ危第57号")
    prepared = prepare_request(db, bousai.id)
    doc = Document(prepared.write(tmp_path / "request.docx"))
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["項目", "内容"]
    assert table.rows[3].cells[1].text == "障害者手帳の等級から定める区分（3区分）"
    header = table.rows[0].cells[0].paragraphs[0]
    assert header.style.name == "表見出し" and header.style.font.bold
    md = prepared.write(tmp_path / "request.md").read_text(encoding="utf-8")
    assert md.startswith("## 諮問書\n")
    html = GFM.render(md)
    assert "<table>" in html and "<th>項目</th>" in html
    assert "<p>令和8年10月2日</p>" in html  # every line its own paragraph: no hard break needed


def test_a_request_not_yet_numbered_prints_no_number(db, demo):
    appeal = next(c for c in list_consultations(db, demo.id) if c.is_appeal)
    assert request_lines(consultation_request(db, appeal.id))[0] == "8ひ道第201号"
    update_consultation(db, appeal.id, as_draft(appeal, number=""))
    lines = request_lines(consultation_request(db, appeal.id))
    assert lines[0] == "令和8年9月26日"  # the date comes first: no placeholder for the number
    assert "8ひ道第201号" not in "".join(lines)
    assert "2　審査請求に係る処分　市道の補修工事に係る業務委託契約書の部分開示決定" in lines
    lead = "ひばり野市情報公開条例第19条第1項の規定により、次のとおり諮問します。"
    assert lead in lines  # the case's own article, not the council's
    assert any(line.startswith("3　処分の日付及び番号　令和") for line in lines)
    assert any(line.startswith("5　実施機関　都市整備部") for line in lines)


def test_the_request_preview_shows_every_line_of_the_md(db, demo, tmp_path):
    bousai = by_number(db, demo.id, "8ひ危第57号")
    request = consultation_request(db, bousai.id)
    md = prepare(db, "request", bousai.id).write(tmp_path / "r.md").read_text("utf-8")
    for line in request_lines(request):
        for cell in line.strip("　").split("｜"):
            assert cell in md


# The 会議議事予定


def test_the_agenda_notice_md_keeps_its_lines_without_hard_breaks(db, demo, tmp_path):
    upcoming = next(
        s for s in list_sessions(db, demo.id) if s.status is SessionStatus.SCHEDULED and s.sittings
    )
    notice = prepare_document(db, "agenda", upcoming.id, public=True)
    md = notice.write(tmp_path / "notice.md").read_text("utf-8")
    assert md.startswith(
        "## 令和8年度第2回定例会 ひばり野市情報公開・個人情報保護審議会 会議議事予定"
    )
    assert "  \n" not in md  # nothing relies on trailing spaces
    html = GFM.render(md)
    assert html.count("<p>日時（") == 2 and html.count("<p>場所（") == 2
    assert "<li>諮問機関：危機管理部防災課</li>" in html
    assert "<li>資料：資料3 諮問書、資料4 防災アプリの画面と項目一覧</li>" in html
    assert "　　　資料：資料5 諮問書" in notice.preview  # under (3), a child of 2 議事


# The 会議概要: the questions under the title, when the council prints them


def test_the_summary_prints_the_questions_when_the_council_does(db, demo):
    held = next(s for s in list_sessions(db, demo.id) if s.status is SessionStatus.HELD)
    question = "①　オンライン結合（条例第11条第1項）　避難行動要支援者名簿の情報を"
    assert not any(question in t for t in summary_text(gather_summary(db, held.id, public=True)))
    settle(db, demo.id, summary_questions=True)
    text = summary_text(gather_summary(db, held.id, public=True))
    title = next(i for i, t in enumerate(text) if t.startswith("件名：防災アプリ"))
    assert text[title + 1].startswith(question)
    assert text[title + 2].startswith("②　目的外利用（条例第9条第2項第4号）")
    assert text[title + 3].startswith("諮問機関：")


# The 運用状況


def test_the_year_leads_with_what_was_held_and_what_became_of_the_appeals(db, demo, now):
    annual = gather_annual(db, demo.id, 2026)
    assert annual.lead == (
        "令和8年度は、ひばり野市情報公開・個人情報保護審議会を1回開催しました。"
        "審査請求については、諮問を受けたものが1件、年度末に審議中のものが1件でした。"
    )
    (row,) = annual.appeals
    assert (row.disposition, row.answered_on, row.conclusion) == ("部分開示", "審議中", "")
    assert "審査請求の状況" in annual_lines(annual)

    appeal = next(c for c in list_consultations(db, demo.id) if c.is_appeal)
    withdraw(db, appeal.id, on=date(2026, 12, 1))
    (row,) = gather_annual(db, demo.id, 2026).appeals
    assert row.answered_on == "取下げ\n（令和8年12月1日）"
    assert "取下げが1件" in gather_annual(db, demo.id, 2026).lead
    assert gather_annual(db, demo.id, 2025).lead == (
        "令和7年度は、ひばり野市情報公開・個人情報保護審議会を開催しませんでした。"
    )


def test_an_answered_appeal_prints_its_date_and_conclusion(db, council, now):
    c = add_consultation(db, council.id, appeal_draft(), now=now)
    update_consultation(db, c.id, appeal_draft(conclusion_text="一部を開示すべきである"))
    for status in (ConsultationStatus.ON_AGENDA, ConsultationStatus.DELIBERATED):
        set_status(db, c.id, status)
    set_status(db, c.id, ConsultationStatus.DECIDED)
    record_answer(db, c.id, number="答申第1号", answered_on=date(2027, 1, 20))
    (row,) = gather_annual(db, council.id, 2026).appeals
    assert (row.consulted_on, row.answered_on) == ("令和8年10月1日", "令和9年1月20日")
    assert row.conclusion == "一部を開示すべきである"
    assert "架空" not in str(gather_annual(db, council.id, 2026))
    assert get_consultation(db, c.id).status is ConsultationStatus.ANSWERED


def test_a_shinsakai_without_appeals_says_so(db, council, tmp_path):
    assert gather_annual(db, council.id, 2026).appeals is None  # a 審議会: no such table
    settle(db, council.id, kind=CouncilKind.SHINSAKAI)
    annual = gather_annual(db, council.id, 2026)
    assert annual.appeals == []
    md = prepare(db, "annual", (council.id, 2026)).write(tmp_path / "annual.md")
    assert "### 審査請求の状況\n\n該当なし" in md.read_text(encoding="utf-8")


def test_conclusions_per_item_or_per_session(db, demo):
    (row,) = gather_annual(db, demo.id, 2026).rows
    assert row.conclusions == "1　意見を付した上で承認\n2　継続審議"
    settle(db, demo.id, annual_conclusions=AnnualConclusions.SESSION)
    (row,) = gather_annual(db, demo.id, 2026).rows
    assert row.conclusions == "意見を付した上で承認1件、継続審議1件"


def test_the_annual_tables_cells_are_left_aligned_paragraphs_wide_enough(db, demo, tmp_path):
    path = prepare(db, "annual", (demo.id, 2026)).write(tmp_path / "annual.docx")
    doc = Document(path)
    sessions, appeals = doc.tables
    number = sessions.rows[1].cells[0]
    assert number.text == "第1回"
    for table in (sessions, appeals):
        for row in table.rows:
            for cell in row.cells:
                assert not cell._tc.xpath(".//w:br")  # a cell's lines are paragraphs
                for p in cell.paragraphs:
                    assert p.alignment in (None, WD_ALIGN_PARAGRAPH.LEFT)
                    assert p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    when = [p.text for p in sessions.rows[1].cells[1].paragraphs]
    place = "ひばり野市役所本庁舎3階 第2会議室"
    assert when == ["令和8年10月21日（水）", place, "令和8年10月22日（木）", place]  # two days
    # 第1回 and the date each fit their column on one line (margins and borders aside).
    widths = [int(c.get(qn("w:w"))) for c in sessions._tbl.tblGrid.findall(qn("w:gridCol"))]
    char_twips = 10.5 * 20
    assert widths[0] - 2 * 108 >= text_width("第1回") * char_twips
    assert widths[1] - 2 * 108 >= text_width("令和8年10月21日（水）") * char_twips
    assert sum(widths) <= (40 * 10.5 + 2) * 20  # no wider than the text


@pytest.mark.parametrize(
    ("rows", "total", "expected"),
    [
        ([("項目", "内容"), ("氏名", "甲")], 20, [10, 10]),
        ([("第1回", "あ" * 60)], 30, [text_width("第1回"), 30 - text_width("第1回")]),
    ],
)
def test_columns_as_wide_as_their_content(rows, total, expected):
    assert column_widths(rows, total) == pytest.approx(expected)


def test_a_long_subject_is_not_squeezed_by_long_words_of_other_columns():
    day = "令和8年10月21日（水）"
    subject = "1　電子図書館サービス導入に伴う利用者情報の外部提供について（諮問）"
    row = ("第1回", f"{day}\nひばり野市役所本庁舎3階 第2会議室", subject, "1　意見を付した上で承認")
    number, when, about, conclusion = column_widths([row], 34)
    assert number >= text_width("第1回") and when >= text_width(day)  # never wrapped
    assert about > when and about > conclusion  # the place and the conclusion are prose too


async def test_the_clerk_writes_the_request_and_the_year_from_the_app(db, demo, tmp_path):
    from textual.widgets import DataTable, Input

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.consultations import ConsultationsScreen
    from meeting.screens.dialogs import AskDialog, SavePathDialog
    from tests.conftest import NOW
    from tests.test_minutes_export import docx_text

    bousai = by_number(db, demo.id, "8ひ危第57号")
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        screen = app.screen
        assert isinstance(screen, ConsultationsScreen)
        ids = [c.id for c in screen.consultations]
        screen.query_one("#consultations", DataTable).move_cursor(row=ids.index(bousai.id))
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, SavePathDialog)
        assert app.screen.query_one(Input).value.endswith("諮問書_8ひ危第57号.docx")
        app.screen.query_one(Input).value = str(tmp_path / "諮問書.docx")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert "次のとおり諮問します。" in docx_text(tmp_path / "諮問書.docx")
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("y")  # the 運用状況 of the chosen session's year, or one typed
        await pilot.pause()
        ask = app.screen
        assert isinstance(ask, AskDialog) and ask.query_one(Input).value == "令和8年度"
        ask.query_one(Input).value = "昭和"  # not a year: said so, the dialog stays
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is ask and "年度として読めません" in str(ask.query_one("#error").render())
        ask.query_one(Input).value = "R8"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SavePathDialog)
        assert app.screen.query_one(Input).value.endswith("_運用状況_令和8年度.docx")
        app.screen.query_one(Input).value = str(tmp_path / "運用状況.docx")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = docx_text(tmp_path / "運用状況.docx")
        assert "令和8年度は、ひばり野市情報公開・個人情報保護審議会を1回開催しました。" in text
        assert "審査請求の状況" in text
