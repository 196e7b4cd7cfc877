"""The clerk registers consultations, builds two agendas, carries one over and reads its history."""

from __future__ import annotations

from datetime import date, datetime, time

from textual.widgets import DataTable, Input, OptionList, Static

from agendas.consultations import list_consultations
from agendas.model import ConsultationKind, ConsultationStatus
from agendas.rules import agenda_numbers, item_title
from agendas.store import agenda
from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.dates import TOKYO, at
from meeting.model import SessionPlan, SittingPlan
from meeting.screens.agenda import AgendaScreen
from meeting.screens.consultations import ConsultationForm, ConsultationsScreen
from meeting.screens.dialogs import AskDialog, ChoiceDialog
from meeting.screens.home import HomeScreen
from meeting.store import schedule_session

SIZE = (120, 40)
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=TOKYO)


def session_on(db, council, day):
    plan = SessionPlan(sittings=(SittingPlan(at(day, time(14)), at(day, time(16)), "第1会議室"),))
    return schedule_session(db, council.id, plan, now=NOW)


def put(screen, selector, value):
    """Set a field as the clerk leaves it: typed text, or a choice."""
    screen.query_one(selector).value = value


async def register(pilot, number, title, questions, using=""):
    await pilot.press("a")
    form = pilot.app.screen
    assert isinstance(form, ConsultationForm)
    put(form, "#number", number)
    put(form, "#filed_on", "令和8年10月1日")
    put(form, "#title", title)
    put(form, "#consulting", "総務部 情報政策課")
    put(form, "#using", using)
    for n, (kind, article) in enumerate(questions, start=1):
        if n > 1:
            await pilot.press("ctrl+n")
            await pilot.pause()
        put(form, f"#kind-{n}", kind)
        put(form, f"#article-{n}", article)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConsultationsScreen), str(
        form.query_one("#error", Static).render()
    )


async def choose(pilot, words: str):
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoiceDialog)
    labels = [label for label, _ in dialog.choices]
    index = next(i for i, label in enumerate(labels) if words in label)
    options = dialog.query_one(OptionList)
    options.highlighted = index
    await pilot.press("enter")
    await pilot.pause()


async def open_agenda(pilot, session):
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    ids = [s.id for s in home.sessions]
    table = home.query_one("#sessions", DataTable)
    table.focus()
    table.move_cursor(row=ids.index(session.id))
    await pilot.press("g")
    await pilot.pause()
    assert isinstance(pilot.app.screen, AgendaScreen)


async def test_register_build_agendas_carry_over_and_read_the_history(db, council):
    first = session_on(db, council, date(2026, 12, 14))
    second = session_on(db, council, date(2027, 1, 18))
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        assert isinstance(app.screen, ConsultationsScreen)
        await register(
            pilot,
            "8か総第11号",
            "庁内データ連携基盤への住民情報の提供について（諮問）",
            [(ConsultationKind.EXTERNAL_PROVISION, "条例第10条第1項第2号")],
        )
        await register(
            pilot,
            "8か危第12号",
            "防災システムのオンライン結合について（諮問）",
            [
                (ConsultationKind.ONLINE_LINK, "条例第11条第1項"),
                (ConsultationKind.OUT_OF_PURPOSE, "条例第9条第2項第4号"),
            ],
            using="福祉部 福祉総務課",
        )
        await register(
            pilot,
            "8か健第13号",
            "健診結果の目的外利用について（諮問）",
            [(ConsultationKind.OUT_OF_PURPOSE, "第9条第3項")],  # flagged, kept
        )
        detail = str(app.screen.query_one("#consultation-detail", Static).render())
        assert "第9条第3項 [要確認]" in detail
        assert any("形ではありません" in n.message for n in app._notifications)
        await pilot.press("escape")

        # The first session's agenda: a heading 議事 with two consultations and a report under
        # it, then その他.
        await open_agenda(pilot, first)
        await pilot.press("a")
        await choose(pilot, "議事")
        assert isinstance(app.screen, AskDialog)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")
        await choose(pilot, "8か総第11号")
        await pilot.press("a")
        await choose(pilot, "8か危第12号")
        await pilot.press("a")
        await choose(pilot, "報告事項")
        assert isinstance(app.screen, AskDialog)
        app.screen.query_one(Input).value = "令和7年度の運用状況について"
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one("#agenda", DataTable)
        for row in (1, 2, 3):  # each under the heading above
            table.move_cursor(row=row)
            await pilot.press("i")
            await pilot.pause()
        await pilot.press("a")
        await choose(pilot, "その他")
        await pilot.press("enter")
        await pilot.pause()
        items = agenda(db, first.id)
        assert agenda_numbers(items) == ["1", "1(1)", "1(2)", "1(3)", "2"]
        assert [i.title for i in items][3:] == ["令和7年度の運用状況について", "その他"]
        assert str(table.get_row_at(1)[0]) == "　(1)"

        # The second consultation is carried over.
        screen = app.screen
        screen.query_one("#agenda", DataTable).move_cursor(row=2)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("escape")

        await open_agenda(pilot, second)
        await pilot.press("a")
        await choose(pilot, "前回の補足説明")
        (carried,) = agenda(db, second.id)
        assert carried.carried_from_id == items[2].id
        assert item_title(carried).endswith("（前回の補足説明）")
        await pilot.press("escape")

        await pilot.press("k")
        register_screen = app.screen
        ids = [c.id for c in register_screen.consultations]
        continued = next(c for c in register_screen.consultations if c.number == "8か危第12号")
        register_screen.query_one("#consultations", DataTable).move_cursor(
            row=ids.index(continued.id)
        )
        await pilot.pause()
        detail = str(register_screen.query_one("#consultation-detail", Static).render())
        assert "経緯: 令和8年度第1回、令和8年度第2回（前回の補足説明）" in detail
        assert "② 目的外利用  条例第9条第2項第4号" in detail

    statuses = {c.number: c.status for c in list_consultations(db, council.id)}
    assert statuses == {
        "8か総第11号": ConsultationStatus.ON_AGENDA,
        "8か危第12号": ConsultationStatus.ON_AGENDA,
        "8か健第13号": ConsultationStatus.FILED,
    }


async def test_duplicate_number_and_no_question_are_named_in_the_form(db, council):
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        await register(
            pilot, "8か総第1号", "一件目", [(ConsultationKind.OUT_OF_PURPOSE, "条例第9条")]
        )
        await pilot.press("a")
        form = app.screen
        put(form, "#number", "8か総第1号")
        put(form, "#title", "二件目")
        put(form, "#consulting", "総務部 総務課")
        put(form, "#article-1", "条例第9条")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "既に登録されています" in str(form.query_one("#error", Static).render())
        put(form, "#number", "8か総第2号")
        put(form, "#article-1", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "諮問事項" in str(form.query_one("#error", Static).render())
        assert form.query_one("#title", Input).value == "二件目"
    assert len(list_consultations(db, council.id)) == 1


async def test_removing_an_item_with_a_record_is_refused_and_reordering_by_keys(db, council):
    from agendas.model import ItemKind
    from agendas.store import add_agenda_item
    from minutes.model import SpeakerKind
    from minutes.speakers import Speaker
    from minutes.utterances import enter_line

    first = session_on(db, council, date(2026, 12, 14))
    opening = add_agenda_item(db, first.id, ItemKind.OPENING)
    report = add_agenda_item(db, first.id, ItemKind.REPORT, "報告")
    enter_line(
        db,
        first.id,
        "ご報告します。",
        at=NOW,
        agenda_item_id=report.id,
        speaker=Speaker(SpeakerKind.SECRETARIAT),
    )
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(pilot, first)
        app.screen.query_one("#agenda", DataTable).move_cursor(row=1)
        await pilot.press("x", "y")
        await pilot.pause()
        assert any("記録が1件" in n.message for n in app._notifications)
        assert len(agenda(db, first.id)) == 2
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert [i.id for i in agenda(db, first.id)] == [report.id, opening.id]
        await pilot.press("n")
        app.screen.query_one(Input).value = "5"
        await pilot.press("enter")
        assert "1から2まで" in str(app.screen.query_one("#error", Static).render())
        await pilot.press("escape")
        await pilot.press("v")
        app.screen.query_one(Input).value = "2"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("x", "y")
        await pilot.pause()
    assert [i.id for i in agenda(db, first.id)] == [opening.id]


async def test_status_through_to_the_answer(db, council, consultation):
    from agendas.consultations import get_consultation

    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        for status in ("審議予定", "審議中", "決定"):
            await pilot.press("t")
            await choose(pilot, status)
        assert get_consultation(db, consultation.id).status is ConsultationStatus.DECIDED
        await pilot.press("r")
        dialog = app.screen
        assert isinstance(dialog, AskDialog)
        dialog.query_one(Input).value = "令和9年2月1日"
        await pilot.press("enter")
        assert "答申番号 日付" in str(dialog.query_one("#error", Static).render())
        dialog.query_one(Input).value = "答申第1号 令和9年2月30日"
        await pilot.press("enter")
        assert "存在しない日付" in str(dialog.query_one("#error", Static).render())
        dialog.query_one(Input).value = "答申第1号 令和9年2月1日"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert any("答申済の諮問の状態は変えられません" in n.message for n in app._notifications)
    done = get_consultation(db, consultation.id)
    assert (done.status, done.answer_number, done.answered_on) == (
        ConsultationStatus.ANSWERED,
        "答申第1号",
        date(2027, 2, 1),
    )


async def test_the_save_button_saves_once(db, council):
    """A click on 保存 is one save: the form's own button handler and FormScreen's are not both
    run for it (a form that handled its other buttons used to pass Save on to the base as well,
    which Textual calls anyway)."""
    from textual.widgets import Button

    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        await pilot.press("a")
        form = pilot.app.screen
        assert isinstance(form, ConsultationForm)
        put(form, "#number", "8か総第21号")
        put(form, "#filed_on", "令和8年10月1日")
        put(form, "#title", "一度だけ保存される諮問について（諮問）")
        put(form, "#consulting", "総務部 情報政策課")
        put(form, "#kind-1", ConsultationKind.OUT_OF_PURPOSE)
        put(form, "#article-1", "条例第9条第2項第4号")
        saves = []
        save = form.action_save
        form.action_save = lambda: (saves.append(1), save())[-1]
        form.query_one("#save", Button).press()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConsultationsScreen) and saves == [1]
    assert [c.number for c in list_consultations(db, council.id)] == ["8か総第21号"]
