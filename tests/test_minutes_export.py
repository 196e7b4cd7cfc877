"""The full minutes as .docx and Markdown: the official format, the order, and closed parts."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from agendas.store import agenda, set_item_public
from exports.full_minutes import CLOSED_NOTE, gather_minutes
from exports.registry import prepare
from meeting.dates import TOKYO, at
from meeting.entry.cli import main
from meeting.entry.demo import load_demo
from meeting.model import SessionPlan, SessionStatus, SittingPlan, SpeakerNames
from meeting.store import list_sessions, schedule_session, set_speaker_names
from minutes.model import SpeakerKind
from minutes.speakers import Speaker
from minutes.store import set_line_public, utterances
from minutes.utterances import enter_line

SECRET = "この行は非公開の審議の内容である"


def afternoon_session(db, council, now, *days):
    """A session of the fixture council sitting 14:00–16:00 on each of ``days``."""
    plan = SessionPlan(
        sittings=tuple(SittingPlan(at(d, time(14)), at(d, time(16)), "室") for d in days)
    )
    return schedule_session(db, council.id, plan, now=now)


@pytest.fixture
def held(db, now):
    council = load_demo(db, now=now)
    return next(s for s in list_sessions(db, council.id) if s.status is SessionStatus.HELD)


def docx_text(path) -> str:
    """Every part of the package, as text: document, headers, footers, properties."""
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def test_the_minutes_gather_header_agenda_and_lines_in_order(db, held):
    m = gather_minutes(db, held.id, public=True)
    assert m.title == "令和8年度第1回ひばり野市情報公開・個人情報保護審議会会議録"
    labels = [label for label, _ in m.header]
    assert labels == [
        "日時",
        "場所",
        "出席委員",
        "欠席委員",
        "事務局",
        "実施機関",
        "オブザーバー",
        "公開・非公開の別",
        "傍聴人",
    ]
    values = dict(m.header)
    assert values["日時"] == (
        "1日目 令和8年10月21日（水）午後2時～午後4時\n"
        "2日目 令和8年10月22日（木）午前10時～午前11時30分"
    )
    assert values["欠席委員"] == "1日目 平井委員\n2日目 大野委員"  # each day its own
    assert values["事務局"] == "総務部総務課（安藤課長、松井情報公開係長）"
    assert values["傍聴人"] == "2人"
    assert m.agenda[0] == "1 会長挨拶"
    text = m.text_lines()
    assert text[0] == "〔1日目〕"  # a session of two days says where each starts
    assert text[1].startswith("事務局：ただ今より、令和8年度第1回")
    assert "〔2日目〕" in text
    assert "森川会長：～あいさつ～" in text
    closing = "—提供する項目を示すよう意見を付した上で、承認される。—"
    assert text[text.index(closing) + 1].startswith("【付帯意見】電子図書館の利用の申込みの際に")
    assert text[-1] == "以上"
    assert m.notes == []


def test_the_docx_is_in_the_official_format(db, held, tmp_path):
    path = prepare(db, "minutes", held.id, public=True).write(tmp_path / "m.docx")
    doc = Document(path)
    section = doc.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {"ＭＳ 明朝"}
    assert fonts.get(qn("w:eastAsiaTheme")) is None
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "ja-JP"
    assert section._sectPr.find(qn("w:docGrid")).get(qn("w:type")) == "lines"
    header = [row.cells[0].text for row in doc.tables[0].rows]
    assert header[:4] == ["日時", "場所", "出席委員", "欠席委員"]
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == "（案）"  # not yet confirmed by the council
    assert doc.paragraphs[0].style.paragraph_format.alignment == 2  # right, by its style
    assert paragraphs[1] == "令和8年度第1回\nひばり野市情報公開・個人情報保護審議会会議録"
    assert doc.paragraphs[1].style.name == "Title"
    assert paragraphs.index("会議次第") < paragraphs.index("会議の内容")
    speech = next(p for p in doc.paragraphs if p.text.startswith("石田委員："))
    assert speech.style.name == "発言"
    assert speech.style.paragraph_format.first_line_indent < 0  # hanging indent
    assert paragraphs[-1] == "以上"
    assert doc.paragraphs[-1].style.paragraph_format.alignment == 2  # right


def test_closed_parts_never_reach_the_public_version(db, held, now, tmp_path):
    items = agenda(db, held.id)
    line = enter_line(
        db,
        held.id,
        SECRET,
        at=now,
        agenda_item_id=items[2].id,
        speaker=Speaker(SpeakerKind.SECRETARIAT),
    )
    set_line_public(db, line.id, False)
    closed_item = items[3]
    set_item_public(db, closed_item.id, False)
    elsewhere = {u.text for u in utterances(db, held.id) if u.agenda_item_id != closed_item.id}
    closed_texts = [
        u.text
        for u in utterances(db, held.id)
        if u.agenda_item_id == closed_item.id and u.text not in elsewhere
    ]
    assert closed_texts

    public = gather_minutes(db, held.id, public=True)
    internal = gather_minutes(db, held.id, public=False)
    written = {
        version: prepare(db, "minutes", held.id, public=version == "public")
        for version in ("public", "internal")
    }
    for version, prepared in written.items():
        prepared.write(tmp_path / f"{version}.docx")
    markdown = written["public"].write(tmp_path / "public.md").read_text("utf-8")
    for text in [SECRET, *closed_texts]:
        assert text not in docx_text(tmp_path / "public.docx")
        assert text not in markdown
    assert CLOSED_NOTE in markdown
    assert dict(public.header)["公開・非公開の別"] == "一部非公開"
    assert SECRET in docx_text(tmp_path / "internal.docx")
    assert "内部用" in internal.title


def test_anonymised_minutes_use_letters(db, held):
    set_speaker_names(db, held.id, SpeakerNames.ANONYMISED)
    text = gather_minutes(db, held.id, public=True).text_lines()
    assert "(会長) ～あいさつ～" in text
    assert any(t.startswith("(A委員) ") for t in text)
    assert not any("石田" in t for t in text)


def test_a_session_with_no_record_says_what_is_missing(db, council, now):
    day = date(2026, 12, 14)
    session = afternoon_session(db, council, now, day)
    m = gather_minutes(db, session.id, public=True)
    assert m.notes == ["出欠が記録されていません", "会議の記録（発言）がありません"]
    assert dict(m.header)["出席委員"] == "（記録なし）"
    assert m.text_lines() == ["（記録なし）", "以上"]


def test_a_record_with_gaps_is_written_only_when_asked(db, council, now, tmp_path, capsys):
    session = afternoon_session(db, council, now, date(2026, 12, 14))
    db_path = str(tmp_path / "meeting.db")
    out = tmp_path / "gaps.docx"
    args = ["--db", db_path, "export", "minutes", "--session", str(session.id), "-o", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "出欠が記録されていません" in err and "--allow-gaps" in err
    assert not out.exists()
    assert main([*args, "--allow-gaps"]) == 0
    assert "注意: 会議の記録（発言）がありません" in capsys.readouterr().err
    assert "（記録なし）" in docx_text(out)


def test_the_command_line_writes_refuses_to_overwrite_and_names_bad_paths(
    db, held, tmp_path, capsys
):
    out = tmp_path / "minutes.docx"
    db_path = str(tmp_path / "meeting.db")
    assert (
        main(
            [
                "--db",
                db_path,
                "export",
                "minutes",
                "--session",
                str(held.id),
                "--public",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert out.exists()
    before = out.read_bytes()
    assert (
        main(["--db", db_path, "export", "minutes", "--session", str(held.id), "-o", str(out)]) == 2
    )
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert (
        main(
            [
                "--db",
                db_path,
                "export",
                "minutes",
                "--session",
                str(held.id),
                "-o",
                str(tmp_path / "x.txt"),  # a format not written (.pdf is, since issue 14)
            ]
        )
        == 2
    )
    assert ".docx、.md か .pdf" in capsys.readouterr().err
    assert (
        main(
            [
                "--db",
                db_path,
                "export",
                "minutes",
                "--session",
                str(held.id),
                "-o",
                str(tmp_path / "no" / "m.md"),
            ]
        )
        == 2
    )
    assert "フォルダがありません" in capsys.readouterr().err
    md = tmp_path / "minutes.md"
    assert (
        main(
            [
                "--db",
                db_path,
                "export",
                "minutes",
                "--session",
                str(held.id),
                "--public",
                "-o",
                str(md),
            ]
        )
        == 0
    )
    assert md.read_text(encoding="utf-8").startswith("## 令和8年度第1回")


def test_any_text_goes_through_the_templates(db, council, now, tmp_path):
    from dataclasses import replace

    from exports.documents import prepare_document
    from exports.template_sets import DEFAULTS

    day = date(2026, 12, 14)
    session = afternoon_session(db, council, now, day)
    counter = iter(range(10_000))

    @settings(max_examples=25, deadline=None)
    @given(text=st.text(min_size=1, max_size=400))
    def check(text: str) -> None:
        enter_line(
            db,
            session.id,
            text,
            at=now,
            agenda_item_id=None,
            speaker=Speaker(SpeakerKind.SECRETARIAT),
        )
        prepared = prepare_document(db, "minutes", session.id, public=True)
        n = next(counter)
        for default in DEFAULTS["minutes"]:  # every shipped template
            each = replace(prepared, template=default.load())
            each.write(tmp_path / f"any-{n}-{default.name}.docx")
            assert each.write(tmp_path / f"any-{n}-{default.name}.md").read_text("utf-8")

    check()
    assert datetime.now(TOKYO)  # the templates rendered every example without raising


def test_the_summary_gives_each_item_its_gist_with_letters(db, held, tmp_path):
    from exports.documents import prepare_document
    from exports.summary import gather_summary, summary_text

    summary = gather_summary(db, held.id, public=True)
    sitting, day_two = summary.sittings
    assert summary.title == "令和8年度第1回ひばり野市情報公開・個人情報保護審議会会議概要"
    assert dict(sitting.header)["出席者"].startswith("委員7名（森川会長、")
    assert [s.heading for s in sitting.sections] == [
        "1　会長挨拶",
        "2　議事",
        "(1)　前回会議の概要報告",
        "(2)　【諮問案件1】",
    ]
    # day 2 takes up the heading's last child and the rest: the heading prints above it again
    assert [s.heading for s in day_two.sections] == [
        "2　議事",
        "(3)　【諮問案件2】",
        "3　その他",
        "4　次回の開催について",
    ]
    first = sitting.sections[3]
    assert dict(first.facts)["諮問機関"] == "教育部中央図書館"
    assert "利用機関" not in dict(first.facts)
    assert dict(first.facts)["実施機関"] == "教育部中央図書館（岡部館長、関主査）"
    bousai = dict(day_two.sections[1].facts)
    assert bousai["利用機関"] == "福祉部障がい福祉課"
    assert bousai["実施機関"] == "危機管理部防災課（三宅課長）、福祉部障がい福祉課（内田係長）"
    text = summary_text(summary)
    assert "(会長) それでは、諮問案件について、実施機関から説明をお願いします。" in text
    assert any(t.startswith("(A委員) 事業者に提供する項目は") for t in text)
    assert "—次回の審議会で改めて説明することとなる。—" in text
    assert not any("石田" in t for t in text if t.startswith("("))
    path = prepare_document(db, "summary", held.id, public=True).write(tmp_path / "s.docx")
    paragraphs = [p.text for p in Document(path).paragraphs]
    assert "議事の概要" in paragraphs and paragraphs[-1] == "以上"


def test_a_two_day_session_summarises_each_sitting(db, council, consultation, now):
    from agendas.model import ItemKind
    from agendas.store import add_agenda_item, set_item_sitting
    from exports.summary import gather_summary

    session = afternoon_session(db, council, now, date(2026, 12, 14), date(2026, 12, 15))
    add_agenda_item(db, session.id, ItemKind.REPORT, "報告")
    second = add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    set_item_sitting(db, second.id, session.sittings[1].id)
    summary = gather_summary(db, session.id, public=True)
    assert [s.label for s in summary.sittings] == ["1日目", "2日目"]
    assert [[x.heading for x in s.sections] for s in summary.sittings] == [
        ["1　【報告事項】"],
        ["2　【諮問案件1】"],
    ]


async def test_the_export_screen_previews_and_writes(db, held, tmp_path):
    from textual.widgets import DataTable, Input, Select

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.dialogs import ConfirmDialog
    from meeting.screens.export import ExportScreen

    app = MeetingApp(db, clock=fixed_clock(datetime(2026, 11, 25, 9, tzinfo=TOKYO)))
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        ids = [s.id for s in home.sessions]
        home.query_one("#sessions", DataTable).move_cursor(row=ids.index(held.id))
        await pilot.press("w")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one("#kind", Select).value = "summary"
        screen.query_one("#suffix", Select).value = ".md"
        await pilot.pause()
        assert "【諮問案件1】" in screen.query_one("#export-preview-text").text
        target = tmp_path / "summary.md"
        screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.read_text(encoding="utf-8").startswith("## 令和8年度第1回")
        target.write_text("前の版", encoding="utf-8")
        await pilot.press("ctrl+s")  # the file exists now: asked first, kept when told no
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "既にあります" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "前の版"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")  # 上書きする
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.read_text(encoding="utf-8").startswith("## 令和8年度第1回")

        # another format keeps the folder; a folder not there yet is made when asked
        screen.query_one("#suffix", Select).value = ".docx"
        await pilot.pause()
        assert Path(screen.query_one("#path", Input).value).parent == tmp_path
        deeper = tmp_path / "新しいフォルダ" / "s.docx"
        screen.query_one("#path", Input).value = str(deeper)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (
            isinstance(app.screen, ConfirmDialog) and "フォルダがありません" in app.screen.question
        )
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert deeper.exists()

    # remembered for the council's next documents, on this PC
    from meeting.locations import export_folder

    assert export_folder(held.council_id) == deeper.parent


def test_agenda_notice_and_consultation_request_documents(db, held, tmp_path):
    from agendas.consultations import list_consultations
    from exports.documents import prepare_document, prepare_request

    council_id = held.council_id
    upcoming = next(s for s in list_sessions(db, council_id) if s.status is SessionStatus.SCHEDULED)
    notice = prepare_document(db, "agenda", upcoming.id, public=True)
    lines = notice.preview  # what the council's template makes, as plain lines
    assert lines[0] == "令和8年度第2回定例会 ひばり野市情報公開・個人情報保護審議会 会議議事予定"
    assert "日時（1日目）　令和8年12月16日（水）午前10時～正午" in lines
    assert "場所（2日目）　ひばり野市役所本庁舎3階 第2会議室" in lines
    assert "　2　議事" in lines
    bousai = "防災アプリによる避難行動要支援者情報のオンライン結合及び目的外利用について"
    assert f"　　(2)　{bousai}（諮問）（前回の補足説明）" in lines
    assert "　　　諮問機関：危機管理部防災課" in lines
    assert "　　　利用機関：福祉部障がい福祉課" in lines
    doc = Document(notice.write(tmp_path / "notice.docx"))
    assert doc.paragraphs[-1].text == "以上"

    bousai = next(c for c in list_consultations(db, council_id) if c.number == "8ひ危第57号")
    request = prepare_request(db, bousai.id)
    path = request.write(tmp_path / "request.docx")
    paragraphs = [p.text for p in Document(path).paragraphs]
    assert paragraphs[:2] == ["8ひ危第57号", "令和8年10月2日"]
    number = Document(path).paragraphs[0]
    assert number.style.name == "右寄せ" and number.style.paragraph_format.alignment == 2
    assert "ひばり野市情報公開・個人情報保護審議会会長　森川 聡子　様" in paragraphs
    assert "記" in paragraphs and paragraphs[-1] == "以上"
    assert any(p.startswith("②") for p in paragraphs)
    assert (tmp_path / "request.md").exists() is False
    md = request.write(tmp_path / "request.md").read_text(encoding="utf-8")
    assert "2　諮問の内容" in md


def test_the_annual_table_lists_each_session_held(db, held, tmp_path, capsys):
    from exports.annual import gather_annual
    from exports.registry import prepare

    annual = gather_annual(db, held.council_id, 2026)
    assert len(annual.rows) == 1  # the upcoming sessions are not held yet
    (row,) = annual.rows
    assert row.number == "第1回"
    assert row.when_where == (
        "令和8年10月21日（水）\nひばり野市役所本庁舎3階 第2会議室\n"
        "令和8年10月22日（木）\nひばり野市役所本庁舎3階 第2会議室"
    )
    assert row.contents.splitlines()[0].startswith("1　電子図書館サービス")
    assert row.conclusions.splitlines() == ["1　意見を付した上で承認", "2　継続審議"]
    assert annual.title.startswith("令和8年度 ひばり野市")
    assert annual.lead.startswith(
        "令和8年度は、ひばり野市情報公開・個人情報保護審議会を1回開催しました。"
    )
    prepared = prepare(db, "annual", (held.council_id, 2026))
    doc = Document(prepared.write(tmp_path / "annual.docx"))
    assert [c.text for c in doc.tables[0].rows[0].cells] == [
        "回数",
        "開催日・場所",
        "会議内容及び諮問事項",
        "結論",
    ]
    assert "| 第1回 |" in prepared.write(tmp_path / "annual-0.md").read_text(encoding="utf-8")
    db_path = str(tmp_path / "meeting.db")
    out = tmp_path / "annual.md"
    assert (
        main(
            [
                "--db",
                db_path,
                "export",
                "annual",
                "--council",
                str(held.council_id),
                "--year",
                "2026",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert out.read_text(encoding="utf-8").startswith("## 令和8年度")


async def test_the_export_screen_asks_before_writing_a_record_with_gaps(db, council, now, tmp_path):
    from textual.widgets import DataTable, Input

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.dialogs import ConfirmDialog
    from meeting.screens.export import ExportScreen

    session = afternoon_session(db, council, now, date(2026, 12, 14))
    app = MeetingApp(db, clock=fixed_clock(now))
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        ids = [s.id for s in home.sessions]
        home.query_one("#sessions", DataTable).move_cursor(row=ids.index(session.id))
        await pilot.press("w")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        target = tmp_path / "gaps.docx"
        screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # asked first: nothing written yet
        assert not target.exists()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
    assert "（記録なし）" in docx_text(target)


def test_the_body_is_read_as_a_list_of_its_lines(db, held):
    """The 会議録's body is made as a template reads it (a long record's first page comes
    before its last line is shaped): every way a template reads a list reads it the same."""
    from exports.minutes_context import _body_line
    from exports.templating import environment

    got = prepare(db, "minutes", held.id, public=False)
    body = got.context.body
    minutes = got.document
    lines = minutes.body[:-1]  # the template writes 以上 itself
    made = [_body_line(line, body._refs, anonymised=minutes.anonymised) for line in lines]
    assert len(body) == len(made) > 20
    assert list(body) == made and body == made and made == list(body)
    assert body[0] == made[0] and body[-1] == made[-1] and body[3:7] == made[3:7]
    assert body != made[:-1] and body != "text"
    template = (
        "{{ body|length }}|{{ body[-1].printed }}|{{ body|first|attr('printed') }}|"
        "{{ body|selectattr('kind', 'equalto', 'speech')|list|length }}|"
        "{% for line in body[2:4] %}{{ line.speaker }},{% endfor %}"
    )
    rendered = environment(markdown=True).from_string(template).render(body=body)
    assert rendered == environment(markdown=True).from_string(template).render(body=made)
    assert rendered.startswith(f"{len(made)}|{made[-1].printed}|〔1日目〕|")
