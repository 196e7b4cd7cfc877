"""The 諮問書 and the 運用状況 from their templates: each default's Markdown line by line and its
Word file paragraph by paragraph (styles, tables and their columns), and the appellant of an
appeal in no context and no file."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from markdown_it import MarkdownIt

from agendas.consultations import get_appellant, list_consultations, update_consultation
from agendas.model import Appellant
from exports.docx_table import text_width
from exports.registry import Prepared, prepare
from exports.template_sets import DEFAULTS, default_named
from exports.templating import render_docx, render_markdown
from meeting.entry.demo import load_demo
from meeting.model import AnnualConclusions, CouncilKind, RequestWording
from tests.test_appeals import as_draft
from tests.test_letters import by_number, settle
from tests.test_minutes_export import docx_text

GFM = MarkdownIt("commonmark").enable(["table"])


@pytest.fixture
def demo(db, now):
    return load_demo(db, now=now)


def with_default(prepared: Prepared, name: str) -> Prepared:
    """The document as the default ``name`` of its kind lays it out."""
    template = default_named(prepared.kind.name, name).load(prepared.page)
    return dataclasses.replace(prepared, template=template)


def md_of(prepared: Prepared, tmp_path: Path, name: str) -> list[str]:
    text = with_default(prepared, name).write(tmp_path / f"{name}.md").read_text("utf-8")
    return text.splitlines()


def docx_of(prepared: Prepared, tmp_path: Path, name: str):
    return Document(with_default(prepared, name).write(tmp_path / f"{name}.docx"))


def paragraphs(doc) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs]


def grid(table) -> list[int]:
    return [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def cell_lines(table) -> list[list[list[str]]]:
    return [[[p.text for p in c.paragraphs] for c in row.cells] for row in table.rows]


BOUSAI = "防災アプリによる避難行動要支援者情報のオンライン結合及び目的外利用について（諮問）"
LEAD = "ひばり野市個人情報の保護に関する法律施行条例第7条の規定により、"


# The 諮問書: the app's own


def test_the_standard_request_in_markdown(db, demo, tmp_path):
    prepared = prepare(db, "request", by_number(db, demo.id, "8ひ危第57号").id)
    lines = [line for line in md_of(prepared, tmp_path, "standard") if line]
    assert lines[:9] == [
        "## 諮問書",
        "8ひ危第57号",
        "令和8年10月2日",
        "ひばり野市情報公開・個人情報保護審議会会長　森川 聡子　様",
        "ひばり野市長　高野　誠一",
        "（危機管理部防災課）",
        f"### {BOUSAI}",
        LEAD + "次のとおり諮問します。",
        "記",
    ]
    assert lines[9:13] == [
        f"1　件名　{BOUSAI}",
        "2　諮問の内容",
        "①　オンライン結合（条例第11条第1項）　避難行動要支援者名簿の情報を防災アプリの事業者"
        "サーバに結合すること",
        "②　目的外利用（条例第9条第2項第4号）　障がい福祉課が保有する障害者手帳の等級情報を"
        "名簿作成に利用すること",
    ]
    table = lines.index("6　提供する個人情報")
    assert lines[table + 1 : table + 4] == [
        "| 項目 | 内容 |",
        "| --- | --- |",
        "| 氏名 | 避難行動要支援者の氏名 |",
    ]
    assert lines[-4:] == [
        "8　添付資料",
        "別紙1　防災アプリの画面の構成",
        "別紙2　事業者との契約書（案）",
        "以上",
    ]
    html = GFM.render("\n".join(md_of(prepared, tmp_path, "standard")))
    assert "<p>8ひ危第57号</p>" in html and "<p>令和8年10月2日</p>" in html  # never run together


def test_the_standard_request_in_word(db, demo, tmp_path):
    prepared = prepare(db, "request", by_number(db, demo.id, "8ひ危第57号").id)
    doc = docx_of(prepared, tmp_path, "standard")
    shown = [(style, text) for style, text in paragraphs(doc) if text]
    assert shown[:9] == [
        ("右寄せ", "8ひ危第57号"),
        ("右寄せ", "令和8年10月2日"),
        ("本文字下げ", "ひばり野市情報公開・個人情報保護審議会会長　森川 聡子　様"),
        ("右寄せ", "ひばり野市長　高野　誠一"),
        ("右寄せ", "（危機管理部防災課）"),
        ("Title", "諮問書"),
        ("副題", BOUSAI),
        ("本文字下げ", LEAD + "次のとおり諮問します。"),
        ("記", "記"),
    ]
    assert ("項目", "2　諮問の内容") in shown
    assert ("箇条", "別紙1　防災アプリの画面の構成") in shown
    assert ("字下げ1", "令和9年4月1日から") in shown
    assert shown[-1] == ("以上", "以上")
    (table,) = doc.tables
    assert cell_lines(table)[0] == [["項目"], ["内容"]]
    assert table.rows[0].cells[0].paragraphs[0].style.name == "表見出し"
    assert table.rows[1].cells[0].paragraphs[0].style.name == "表"
    assert len(grid(table)) == 2 and grid(table)[0] < grid(table)[1]  # fitted to the content


def test_a_request_without_a_number_chair_or_sender_prints_none_of_them(db, demo, tmp_path):
    appeal = next(c for c in list_consultations(db, demo.id) if c.is_appeal)
    update_consultation(db, appeal.id, as_draft(appeal, number=""))
    prepared = prepare(db, "request", appeal.id)
    context = dataclasses.replace(prepared.context, chair="", sender="", departments=[])
    lines = [
        line for line in render_markdown(prepared.template.markdown, context).splitlines() if line
    ]
    assert lines[1].startswith("令和") and lines[2] == (
        "ひばり野市情報公開・個人情報保護審議会会長　様"
    )
    assert lines[3].startswith("### 公文書部分開示決定")
    assert "5　実施機関　都市整備部道路管理課" in lines


# The 諮問書: another city's, the items in a 別紙


def test_the_besshi_request_in_markdown(db, demo, tmp_path):
    settle(db, demo.id, request_wording=RequestWording.OPINION)
    prepared = prepare(db, "request", by_number(db, demo.id, "8ひ危第57号").id)
    lines = [line for line in md_of(prepared, tmp_path, "besshi") if line]
    assert lines[:10] == [
        "8ひ危第57号",
        "令和8年10月2日",
        "ひばり野市情報公開・個人情報保護審議会",
        "会長　森川 聡子　様",
        "ひばり野市長　高野　誠一",
        f"## {BOUSAI}",
        LEAD + "別紙のとおり意見を求めます。",
        "担当　危機管理部防災課",
        "---",
        "別紙",
    ]
    assert lines[10:12] == ["### 1　件名", BOUSAI]
    assert "### 8　添付資料" in lines and lines[-1] == "別紙2　事業者との契約書（案）"
    assert "記" not in lines and "以上" not in lines


def test_the_besshi_request_in_word(db, demo, tmp_path):
    settle(db, demo.id, request_wording=RequestWording.OPINION)
    prepared = prepare(db, "request", by_number(db, demo.id, "8ひ危第57号").id)
    doc = docx_of(prepared, tmp_path, "besshi")
    shown = [(style, text) for style, text in paragraphs(doc) if text]
    assert ("Title", BOUSAI) in shown
    assert ("本文字下げ", LEAD + "別紙のとおり意見を求めます。") in shown
    besshi = next(p for p in doc.paragraphs if p.text == "別紙")
    assert besshi.style.name == "右寄せ" and besshi.paragraph_format.page_break_before
    headings = [text for style, text in shown if style == "Heading 2"]
    assert headings[:4] == ["1　件名", "2　諮問の内容", "3　諮問機関", "4　利用機関"]
    assert headings[-1] == "8　添付資料"
    assert not any(style in ("記", "以上") for style, _ in shown)
    (table,) = doc.tables
    assert cell_lines(table)[3] == [["支援の区分"], ["障害者手帳の等級から定める区分（3区分）"]]


# The 運用状況: the app's own


def test_the_standard_year_in_markdown(db, demo, tmp_path):
    prepared = prepare(db, "annual", (demo.id, 2026))
    lines = [line for line in md_of(prepared, tmp_path, "standard") if line]
    assert lines[0] == "## 令和8年度 ひばり野市情報公開・個人情報保護審議会 運用状況"
    assert lines[1].startswith("令和8年度は、ひばり野市情報公開・個人情報保護審議会を1回開催")
    assert lines[2:4] == [
        "| 回数 | 開催日・場所 | 会議内容及び諮問事項 | 結論 |",
        "| --- | --- | --- | --- |",
    ]
    assert lines[4].startswith(
        "| 第1回 | 令和8年10月21日（水）<br>ひばり野市役所本庁舎3階 第2会議室<br>"
    )
    assert lines[4].endswith(" | 1　意見を付した上で承認<br>2　継続審議 |")
    assert lines[5] == "### 審査請求の状況"
    assert lines[8].startswith(
        "| 公文書部分開示決定に対する審査請求について（諮問） | 部分開示 | 令和"
    )
    assert "<table>" in GFM.render("\n".join(lines))


def test_the_standard_year_in_word(db, demo, tmp_path):
    prepared = prepare(db, "annual", (demo.id, 2026))
    doc = docx_of(prepared, tmp_path, "standard")
    shown = [(style, text) for style, text in paragraphs(doc) if text]
    assert shown[0] == ("Title", "令和8年度 ひばり野市情報公開・個人情報保護審議会 運用状況")
    assert shown[1][0] == "本文字下げ" and shown[1][1].startswith("令和8年度は、")
    assert ("Heading 2", "審査請求の状況") in shown
    sessions, appeals = doc.tables
    rows = cell_lines(sessions)
    assert rows[0] == [["回数"], ["開催日・場所"], ["会議内容及び諮問事項"], ["結論"]]
    place = "ひばり野市役所本庁舎3階 第2会議室"
    assert rows[1][:2] == [
        ["第1回"],
        ["令和8年10月21日（水）", place, "令和8年10月22日（木）", place],
    ]
    assert rows[1][3] == ["1　意見を付した上で承認", "2　継続審議"]
    numbered = sessions.rows[1].cells[2].paragraphs[0]
    assert numbered.style.name == "表番号"  # the title's second line hangs under its text
    assert sessions.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated per page
    widths = grid(sessions)
    assert widths[0] - 2 * 108 >= text_width("第1回") * 10.5 * 20
    assert widths[1] - 2 * 108 >= text_width("令和8年10月21日（水）") * 10.5 * 20
    assert sum(widths) <= (40 * 10.5 + 2) * 20
    assert cell_lines(appeals)[1][3] == ["審議中"]


def test_a_year_without_sessions_or_appeals_still_opens(db, council, tmp_path):
    settle(db, council.id, kind=CouncilKind.SHINSAKAI)
    prepared = prepare(db, "annual", (council.id, 2026))
    for name in ("standard", "sessions"):
        doc = docx_of(prepared, tmp_path, name)
        assert "該当なし" in [p.text for p in doc.paragraphs]
        (sessions,) = doc.tables  # a header alone
        assert len(sessions.rows) == 1


def test_an_empty_cell_keeps_a_paragraph(db, demo, tmp_path):
    prepared = prepare(db, "annual", (demo.id, 2026))
    (session,) = prepared.context.sessions
    context = dataclasses.replace(
        prepared.context, sessions=[dataclasses.replace(session, items=[], days=[])]
    )
    out = render_docx(prepared.template.docx, context, tmp_path / "empty.docx")
    for table in Document(out).tables:
        for row in table.rows:
            for cell in row.cells:
                assert cell._tc.findall(qn("w:p"))


# The 運用状況: another city's, one result per session


def test_the_sessions_year_prints_one_result_per_session(db, demo, tmp_path):
    assert settle(db, demo.id, annual_conclusions=AnnualConclusions.ITEM)
    prepared = prepare(db, "annual", (demo.id, 2026))
    lines = [line for line in md_of(prepared, tmp_path, "sessions") if line]
    assert lines[:4] == [
        "## ひばり野市情報公開・個人情報保護審議会の運用状況",
        "（令和8年度）",
        "### 1　開催状況",
        "令和8年度中に会議を1回開催した。",
    ]
    assert lines[4] == "| 開催回 | 開催日 | 審議事項 | 結果 |"
    assert lines[6].startswith("| 第1回 | 令和8年10月21日<br>令和8年10月22日 | ・電子図書館")
    assert lines[6].endswith("| 意見を付した上で承認1件、継続審議1件 |")
    assert lines[7] == "### 2　審査請求の状況"
    doc = docx_of(prepared, tmp_path, "sessions")
    assert [(p.style.name, p.text) for p in doc.paragraphs[:2]] == [
        ("Title", "ひばり野市情報公開・個人情報保護審議会の運用状況"),
        ("副題", "（令和8年度）"),
    ]
    sessions, _ = doc.tables
    assert cell_lines(sessions)[1][3] == ["意見を付した上で承認1件、継続審議1件"]
    assert sessions.rows[1].cells[2].paragraphs[0].style.name == "表箇条"
    for row in sessions.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                assert p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_a_written_resolution_prints_its_period(db, demo, tmp_path):
    prepared = prepare(db, "annual", (demo.id, 2026))
    (session,) = prepared.context.sessions
    written = dataclasses.replace(
        session,
        written=True,
        written_from=date(2026, 6, 1),
        written_until=date(2026, 6, 8),
        days=[],
    )
    context = dataclasses.replace(prepared.context, sessions=[written])
    md = render_markdown(default_named("annual", "standard").load().markdown, context)
    assert "| 第1回 | 令和8年6月1日（月）～<br>令和8年6月8日（月）<br>（書面決議） |" in md


# Every default: the appellant nowhere


def test_the_appellant_reaches_no_request_or_year(db, demo, tmp_path):
    appeal = next(c for c in list_consultations(db, demo.id) if c.is_appeal)
    secret = Appellant("審査請求人だけの氏名", "秘匿の住所一丁目", "000-1111-2222")
    update_consultation(db, appeal.id, as_draft(appeal, appellant=secret))
    assert get_appellant(db, appeal.id) == secret
    documents = [prepare(db, "request", appeal.id), prepare(db, "annual", (demo.id, 2026))]
    for prepared in documents:
        for value in (secret.name, secret.address, secret.contact):
            assert value not in repr(prepared.context)
        for d in DEFAULTS[prepared.kind.name]:
            shown = with_default(prepared, d.name)
            md = shown.write(tmp_path / f"{d.kind}-{d.name}.md").read_text("utf-8")
            word = docx_text(shown.write(tmp_path / f"{d.kind}-{d.name}.docx"))
            for value in (secret.name, secret.address, secret.contact):
                assert value not in md and value not in word


def test_the_defaults_are_built_on_the_councils_page(db, demo):
    prepared = prepare(db, "request", by_number(db, demo.id, "8ひ危第57号").id)
    assert prepared.template is not None and prepared.template.name == "standard"
    assert prepared.template.docx == default_named("request", "standard").load().docx
    doc = Document(io.BytesIO(prepared.template.docx))
    assert {"項目", "副題", "表", "表見出し", "表番号"} <= {s.name for s in doc.styles}
