"""Attendance per sitting in every document, and a document for one sitting (（2日目））."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from docx import Document

from agendas.model import ItemKind
from agendas.store import add_agenda_item, agenda, set_item_public, set_item_sitting
from exports.full_minutes import GAP, gather_minutes
from exports.registry import prepare
from exports.summary import gather_summary, summary_text
from meeting.dates import TOKYO, at
from meeting.entry.cli import main
from meeting.entry.demo import load_demo
from meeting.errors import InputError
from meeting.model import SessionPlan, SessionStatus, SittingPlan
from meeting.quorum import Presence
from meeting.store import list_members, list_sessions, schedule_session
from minutes.roll import set_presence
from minutes.utterances import enter_line

DAYS = (date(2026, 12, 14), date(2026, 12, 15))


@pytest.fixture
def held(db, now):
    """The demo's held session: two days, 平井 absent on the first, 大野 on the second."""
    council = load_demo(db, now=now)
    return next(s for s in list_sessions(db, council.id) if s.status is SessionStatus.HELD)


def _two_days(db, council, now, *, absent_on_day_two: str = "", roll_day_two: bool = True):
    plan = SessionPlan(
        sittings=tuple(SittingPlan(at(d, time(10)), at(d, time(12)), "第1会議室") for d in DAYS)
    )
    session = schedule_session(db, council.id, plan, now=now)
    members = list_members(db, council.id, on=DAYS[0])
    for n, sitting in enumerate(session.sittings):
        if n == 1 and not roll_day_two:
            continue
        for m in members:
            here = not (n == 1 and m.name == absent_on_day_two)
            set_presence(db, session.id, sitting.id, m.id, Presence(here))
    return session


@pytest.mark.parametrize(
    ("absent", "printed"),
    [
        ("", "1日目 なし\n2日目 なし"),
        ("上田 進", "1日目 なし\n2日目 上田委員"),  # absent on day 2 only: absent there
    ],
)
def test_absence_is_printed_per_sitting(db, council, now, absent, printed):
    session = _two_days(db, council, now, absent_on_day_two=absent)
    header = dict(gather_minutes(db, session.id, public=True).header)
    assert header["欠席委員"] == printed
    assert header["出席委員"].splitlines()[0].startswith("1日目 青木会長、井上副会長、上田委員")
    on_day_two = header["出席委員"].splitlines()[1]
    assert ("上田委員" in on_day_two) is (absent == "")
    summary = gather_summary(db, session.id, public=True)
    here = dict(summary.sittings[1].header)["出席者"]
    assert ("上田委員" in here) is (absent == "")


def test_a_single_sitting_prints_its_attendance_without_a_day(db, council, now, sitting_now):
    _, session = sitting_now
    header = dict(gather_minutes(db, session.id, public=True).header)
    assert header["欠席委員"] == "なし"
    assert header["出席委員"].startswith("青木会長、")


def test_a_day_with_no_roll_call_says_so_and_the_clerk_is_told(db, council, now):
    session = _two_days(db, council, now, roll_day_two=False)
    minutes = gather_minutes(db, session.id, public=True)
    header = dict(minutes.header)
    assert header["欠席委員"] == f"1日目 なし\n2日目 {GAP}"
    assert "2日目の出欠が記録されていません" in minutes.notes


def test_the_demos_minutes_for_each_day(db, held):
    whole = gather_minutes(db, held.id, public=True)
    day_one = gather_minutes(db, held.id, public=True, sitting=1)
    day_two = gather_minutes(db, held.id, public=True, sitting=2)
    title = "令和8年度第1回ひばり野市情報公開・個人情報保護審議会会議録"
    assert (day_one.title, day_two.title) == (f"{title}（1日目）", f"{title}（2日目）")
    one, two = dict(day_one.header), dict(day_two.header)
    assert one["日時"] == "令和8年10月21日（水）午後2時～午後4時"
    assert two["日時"] == "令和8年10月22日（木）午前10時～午前11時30分"
    assert (one["欠席委員"], two["欠席委員"]) == ("平井委員", "大野委員")
    assert (one["傍聴人"], two["傍聴人"]) == ("2人", "0人")
    # each day lists the staff of its own items, and the agenda taken that day
    assert one["実施機関"].startswith("教育部中央図書館（岡部館長、関主査）")
    assert "防災課" not in one["実施機関"] and "中央図書館" not in two["実施機関"]
    assert two["実施機関"] == (
        "危機管理部防災課（三宅課長）（議事2(3)のみ出席）、"
        "福祉部障がい福祉課（内田係長）（議事2(3)のみ出席）"
    )
    assert "オブザーバー" in one and "オブザーバー" not in two
    # numbers as the session's: the heading comes along with its child taken that day
    assert [a.split()[0] for a in day_two.agenda] == ["2", "(3)", "3", "4"]
    # the days' lines make the whole, in order; the whole marks where each day starts
    lines = [line for line in whole.text_lines() if line not in ("〔1日目〕", "〔2日目〕")]
    assert day_one.text_lines()[:-1] + day_two.text_lines() == lines
    assert whole.text_lines().index("〔2日目〕") == len(day_one.text_lines()) - 1 + 1
    assert not any("日目〕" in line for line in day_one.text_lines() + day_two.text_lines())
    # a decision's opinions print on the day it was made, after its closing line, only there
    rider = [line for line in whole.text_lines() if line.startswith("【付帯意見】")]
    assert rider and [line for line in day_one.text_lines() if line in rider] == rider
    assert not any(line in rider for line in day_two.text_lines())


def test_the_demos_summary_for_one_day(db, held):
    summary = gather_summary(db, held.id, public=True, sitting=2)
    assert summary.title.endswith("会議概要（2日目）")
    (day,) = summary.sittings
    assert day.label == ""  # the title says which day
    assert dict(day.header)["日時"] == "令和8年10月22日（木）午前10時～午前11時30分"
    assert [dict(s.facts)["件名"] for s in day.sections if "件名" in dict(s.facts)] == [
        "防災アプリによる避難行動要支援者情報のオンライン結合及び目的外利用について（諮問）"
    ]
    text = summary_text(summary)
    # 【諮問案件N】 runs across the days: day 2's consultation is the session's second
    assert "〔2日目〕" not in text and "(3)　【諮問案件2】" in text


def test_a_closed_item_of_the_day_stays_out_of_that_days_public_minutes(db, held):
    bousai = next(
        i for i in agenda(db, held.id) if i.kind is ItemKind.CONSULTATION and i.sitting_id
    )
    set_item_public(db, bousai.id, False, reason="条例第7条第2号に該当するため")
    text = "\n".join(gather_minutes(db, held.id, public=True, sitting=2).text_lines())
    assert "契約書の案を現在調整中" not in text
    assert "非公開" in text


@pytest.mark.parametrize(
    ("name", "sitting", "words"),
    [
        ("minutes", 3, "この会議に3日目はありません（2日目まで）"),
        ("summary", 0, "この会議に0日目はありません"),
        ("agenda", 1, "日程ごとには作れません"),
    ],
)
def test_a_day_that_is_not_there_or_a_kind_made_only_whole_is_refused(
    db, held, name, sitting, words
):
    with pytest.raises(InputError) as raised:
        prepare(db, name, held.id, sitting=sitting)
    assert words in raised.value.message


def test_the_command_line_writes_one_day(db, held, tmp_path, capsys):
    db_path = str(tmp_path / "meeting.db")
    out = tmp_path / "day2.md"
    args = ["--db", db_path, "export", "minutes", "--session", str(held.id), "--public"]
    assert main([*args, "--sitting", "2日目", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith(
        "## 令和8年度第1回ひばり野市情報公開・個人情報保護審議会会議録（2日目）"
    )
    capsys.readouterr()
    assert main([*args, "--sitting", "3", "-o", str(tmp_path / "day3.md")]) == 2
    assert "3日目はありません" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:  # the notice has no --sitting
        main(
            ["--db", db_path, "export", "agenda", "--session", "1", "--sitting", "1", "-o", "x.md"]
        )
    assert exited.value.code == 2
    with pytest.raises(SystemExit):
        main([*args, "--sitting", "二", "-o", str(tmp_path / "x.md")])
    assert "日程ではありません" in capsys.readouterr().err


def _keeps(paragraphs, text: str) -> bool:
    found = [p for p in paragraphs if p.text == text]
    assert found, text
    return all(_kept(p) for p in found)


def _kept(p) -> bool:
    """Kept with the next paragraph, by the paragraph's own setting or by its style's."""
    own = p.paragraph_format.keep_with_next
    return bool(own if own is not None else p.style.paragraph_format.keep_with_next)


def _summary_docx(db, session_id, out):
    """The public 会議概要 as the export writes it (from the council's template)."""
    return prepare(db, "summary", session_id, public=True).write(out)


def test_headings_are_kept_with_the_paragraph_after_them(db, held, tmp_path):
    summary = Document(_summary_docx(db, held.id, tmp_path / "s.docx"))
    for heading in ("〔1日目〕", "〔2日目〕", "議事の概要", "(2)　【諮問案件1】"):
        assert _keeps(summary.paragraphs, heading), heading
    speeches = [p for p in summary.paragraphs if p.text.startswith("(") and ") " in p.text[:12]]
    assert speeches and not any(_kept(p) for p in speeches)
    minutes = Document(prepare(db, "minutes", held.id, public=True).write(tmp_path / "m.docx"))
    for heading in ("〔1日目〕", "〔2日目〕", "会議次第", "会議の内容"):
        assert _keeps(minutes.paragraphs, heading), heading
    assert not any(p.paragraph_format.keep_with_next for p in minutes.paragraphs if "：" in p.text)


async def test_the_export_screen_offers_each_day(db, held, tmp_path):
    from textual.widgets import DataTable, Input, Select

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.export import ExportScreen

    app = MeetingApp(db, clock=fixed_clock(datetime(2026, 11, 25, 9, tzinfo=TOKYO)))
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        ids = [s.id for s in home.sessions]
        home.query_one("#sessions", DataTable).move_cursor(row=ids.index(held.id))
        await pilot.press("w")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        choice = screen.query_one("#sitting", Select)
        assert choice.display
        choice.value = 2
        await pilot.pause()
        preview = screen.query_one("#export-preview-text").text
        assert "会議録（2日目）" in preview
        assert screen.query_one("#path", Input).value.endswith("_会議録_2日目_公開用.docx")
        screen.query_one("#kind", Select).value = "agenda"  # made only for the whole session
        await pilot.pause()
        assert not choice.display
        assert "_会議議事予定_公開用" in screen.query_one("#path", Input).value


async def test_a_session_of_one_day_offers_no_choice_of_day(db, council, sitting_now):
    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.export import ExportScreen

    _, session = sitting_now
    item = add_agenda_item(db, session.id, ItemKind.OTHER, "その他")
    enter_line(
        db,
        session.id,
        "～開会～",
        at=session.sittings[0].starts_at,
        agenda_item_id=item.id,
        speaker=None,
        narration=True,
    )
    app = MeetingApp(db, clock=fixed_clock(datetime(2026, 11, 25, 9, tzinfo=TOKYO)))
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ExportScreen(session))
        await pilot.pause()
        assert not app.screen.query_one("#sitting").display


def test_an_item_moved_to_day_two_goes_with_that_day(db, council, now):
    session = _two_days(db, council, now)
    add_agenda_item(db, session.id, ItemKind.REPORT, "報告")
    second = add_agenda_item(db, session.id, ItemKind.OTHER, "その他")
    set_item_sitting(db, second.id, session.sittings[1].id)
    assert gather_minutes(db, session.id, public=True, sitting=1).agenda == ["1 報告"]
    assert gather_minutes(db, session.id, public=True, sitting=2).agenda == ["2 その他"]


def test_a_header_block_is_never_split_across_pages(db, held, tmp_path):
    from docx.oxml.ns import qn

    summary = Document(_summary_docx(db, held.id, tmp_path / "s.docx"))
    for table in summary.tables:
        rows = list(table.rows)
        assert all(
            r._tr.trPr is not None and r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows
        )
        for row in rows[:-1]:  # each row kept with the next: the block moves as one
            assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
        # a value of several lines is a paragraph per line, never lines broken inside one
        assert not any("w:br" in c._tc.xml for r in rows for c in r.cells)


def test_a_closed_items_line_entered_on_another_day_never_leaks(db, council, now):
    from minutes.model import SpeakerKind
    from minutes.speakers import Speaker

    session = _two_days(db, council, now)
    item = add_agenda_item(db, session.id, ItemKind.REPORT, "報告")
    later = add_agenda_item(db, session.id, ItemKind.OTHER, "その他")
    set_item_sitting(db, later.id, session.sittings[1].id)
    for n, (on, text) in enumerate([(0, "初日の非公開の発言"), (1, "翌日に続いた非公開の発言")]):
        sitting = session.sittings[on]
        enter_line(
            db,
            session.id,
            text,
            at=sitting.starts_at.replace(minute=5 + n),
            agenda_item_id=item.id,
            speaker=Speaker(SpeakerKind.SECRETARIAT),
            sitting_id=sitting.id,
        )
    set_item_public(db, item.id, False, reason="条例第7条第2号に該当するため")
    for sitting in (None, 1, 2):
        minutes = gather_minutes(db, session.id, public=True, sitting=sitting)
        text = "\n".join(minutes.text_lines())
        assert "非公開の発言" not in text, sitting
    day_two = gather_minutes(db, session.id, public=True, sitting=2)
    assert "1 報告" in " ".join(day_two.agenda)  # taken up again that day
    internal = "\n".join(gather_minutes(db, session.id, public=False, sitting=2).text_lines())
    assert "【非公開】" in internal and "翌日に続いた非公開の発言" in internal
