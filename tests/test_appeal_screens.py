"""The clerk registers a 審査請求 with its decision, deadline and appellant, gives a 諮問書 its
body, extends the deadline, withdraws a case with its date, sets the council's ways of
consulting and reporting, and sees on the home screen which answers fall due."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Static, TextArea

from agendas.consultations import get_appellant, get_consultation, list_consultations
from agendas.model import CaseKind, ConsultationStatus, Disposition, Section
from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.entry.demo import load_demo
from meeting.model import AnnualConclusions, RequestWording
from meeting.screens.consultation_form import ConsultationForm, ExtensionForm
from meeting.screens.consultations import ConsultationsScreen
from meeting.screens.council_form import CouncilForm
from meeting.screens.dialogs import AskDialog
from meeting.store import get_council
from tests.conftest import NOW
from tests.test_agenda_screens import choose, put

SIZE = (120, 40)


def error_of(screen) -> str:
    return str(screen.query_one("#error", Static).render())


async def test_register_an_appeal_with_its_appellant_and_a_body(db, council):
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ConsultationForm)
        assert not form.query_one("#appeal-fields").display  # a consultation: no appeal fields
        put(form, "#kind", CaseKind.APPEAL)
        await pilot.pause()
        assert form.query_one("#appeal-fields").display
        put(form, "#filed_on", "令和8年10月1日")
        put(form, "#title", "公文書不開示決定に対する審査請求について（諮問）")
        put(form, "#consulting", "総務部 総務課")
        put(form, "#sender", "かもめ台市長　架空　一郎")
        form.query_one("#sections", TextArea).text = "【経過】\n項目｜日付\n審査請求｜令和8年9月1日"
        put(form, "#attachments", "審査請求書の写し、弁明書")
        put(form, "#disposition_on", "R8.8.1")
        put(form, "#appealed_on", "2026-09-01")
        put(form, "#answer_due", "令和8年12月10日")
        put(form, "#appellant_name", "架空 花子")
        put(form, "#appellant_address", "かもめ台市なぎさ町3番地")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "処分" in error_of(form)  # the decision appealed is asked for by name
        assert app.focused is form.query_one("#disposition")
        put(form, "#disposition", Disposition.NON_DISCLOSURE)
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConsultationsScreen), error_of(form)
        (c,) = list_consultations(db, council.id)
        assert (c.kind, c.number, c.appeal.appealed_on) == (CaseKind.APPEAL, "", date(2026, 9, 1))
        assert c.sections == (Section("経過", "項目｜日付\n審査請求｜令和8年9月1日"),)
        assert c.attachments == ("審査請求書の写し", "弁明書")
        assert get_appellant(db, c.id).name == "架空 花子"
        table = screen.query_one("#consultations", DataTable)
        assert [str(v) for v in table.get_row_at(0)][3:] == ["審査請求（不開示）", "諮問"]
        detail = str(screen.query_one("#consultation-detail", Static).render())
        assert (
            "（番号未定）" in detail and "架空 花子" in detail and "当初 令和8年12月10日" in detail
        )

        # The deadline extended, then the case withdrawn on a day the clerk types.
        await pilot.press("l")
        await pilot.pause()
        extension = app.screen
        assert isinstance(extension, ExtensionForm)
        put(extension, "#extended_to", "令和9年2月26日")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "理由" in error_of(extension)
        put(extension, "#reason", "実施機関の弁明を待つため")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert get_consultation(db, c.id).due == date(2027, 2, 26)
        await pilot.press("l")
        await pilot.pause()
        await choose(pilot, "取り消す")
        assert get_consultation(db, c.id).due == date(2026, 12, 10)

        await pilot.press("x")
        await pilot.pause()
        ask = app.screen
        assert isinstance(ask, AskDialog)
        ask.query_one("#answer").value = "令和8年11月20日"
        await pilot.press("enter")
        await pilot.pause()
        done = get_consultation(db, c.id)
        assert (done.status, done.withdrawn_on) == (
            ConsultationStatus.WITHDRAWN,
            date(2026, 11, 20),
        )
        assert [str(v) for v in table.get_row_at(0)][4] == "取下げ"


async def test_the_council_form_sets_how_it_is_consulted_and_reports(db, council):
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CouncilForm)
        put(form, "#consulted_under", "かもめ台市個人情報保護法施行条例第5条")
        put(form, "#request_wording", RequestWording.OPINION)
        put(form, "#summary_questions", True)
        put(form, "#annual_conclusions", AnnualConclusions.SESSION)
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = get_council(db, council.id)
    assert saved.consulted_under == "かもめ台市個人情報保護法施行条例第5条"
    assert saved.request_wording is RequestWording.OPINION
    assert saved.summary_questions and saved.annual_conclusions is AnnualConclusions.SESSION


async def test_the_answers_due_follow_the_council_chosen(db):
    from textual.widgets import OptionList

    from meeting.model import CouncilDraft
    from meeting.store import add_council

    load_demo(db, now=NOW)
    draft = CouncilDraft(name="かもめ台市図書館協議会", municipality="かもめ台市")
    add_council(db, draft, now=NOW)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        councils = app.screen.query_one("#councils", OptionList)
        warnings = app.screen.query_one("#due-warnings", Static)
        names = [str(councils.get_option_at_index(i).prompt) for i in range(2)]
        demo = next(i for i, n in enumerate(names) if "図書館" not in n)
        councils.highlighted = demo
        await pilot.pause()
        assert warnings.display and "答申期限" in str(warnings.render())
        councils.highlighted = 1 - demo  # a council with no consultation: nothing due
        await pilot.pause()
        assert not warnings.display
        councils.highlighted = demo
        await pilot.pause()
        assert warnings.display and "答申期限" in str(warnings.render())


async def test_the_home_screen_warns_of_answers_falling_due(db):
    load_demo(db, now=NOW)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        warnings = app.screen.query_one("#due-warnings", Static)
        assert warnings.display
        text = str(warnings.render())
        assert text.startswith("⚠ 答申期限まであと25日（令和8年12月20日・延長後）")
        assert "公文書部分開示決定に対する審査請求" in text
        assert not warnings.has_class("overdue")
    later = MeetingApp(db, clock=fixed_clock(NOW.replace(year=2027)))
    async with later.run_test(size=SIZE) as pilot:
        warnings = later.screen.query_one("#due-warnings", Static)
        assert "答申期限を" in str(warnings.render()) and warnings.has_class("overdue")
        await pilot.pause()
