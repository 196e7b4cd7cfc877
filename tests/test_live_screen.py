"""A whole item as the clerk takes it: narration, alternating Q&A, a correction, a decision."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from textual.widgets import DataTable, Input, OptionList

from agendas.consultations import get_consultation
from agendas.model import ConsultationStatus, ItemKind, Outcome
from agendas.store import add_agenda_item
from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.dates import TOKYO, at
from meeting.model import SessionPlan, SittingPlan
from meeting.quorum import Presence
from meeting.screens.decision import DecisionForm
from meeting.screens.dialogs import ChoiceDialog, SpeakerPicker
from meeting.screens.lines import LinesScreen
from meeting.screens.live import LiveScreen
from meeting.screens.text_dialog import EditTextDialog
from meeting.store import list_members, schedule_session
from meeting.widgets.line_input import LineInput
from meeting.widgets.paragraph import ParagraphArea
from minutes.model import SpeakerKind, UtteranceKind
from minutes.opinions import opinions
from minutes.roll import set_presence
from minutes.store import decisions, utterances
from minutes.utterances import history, load_draft

SIZE = (120, 40)
DAY = date(2026, 12, 14)
NOW = datetime(2026, 12, 14, 14, 30, tzinfo=TOKYO)


def setup(db, council, consultation):
    plan = SessionPlan(sittings=(SittingPlan(at(DAY, time(14)), at(DAY, time(16)), "第1会議室"),))
    session = schedule_session(db, council.id, plan, now=NOW)
    add_agenda_item(db, session.id, ItemKind.OPENING)
    item = add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    members = list_members(db, council.id, on=DAY)
    for m in members:
        set_presence(db, session.id, session.sittings[0].id, m.id, Presence(True))
    return session, item, members


async def open_live(pilot, session) -> LiveScreen:
    home = pilot.app.screen
    ids = [s.id for s in home.sessions]
    home.query_one("#sessions", DataTable).move_cursor(row=ids.index(session.id))
    await pilot.press("l")
    await pilot.pause()
    assert isinstance(pilot.app.screen, LiveScreen)
    return pilot.app.screen


async def say(pilot, text: str) -> None:
    """An IME commits a phrase in one piece; then the clerk presses Enter."""
    line = pilot.app.screen.query_one("#line", LineInput)
    line.insert_text_at_cursor(text)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_a_whole_item(db, council, consultation):
    session, item, members = setup(db, council, consultation)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, session)
        await pilot.press("ctrl+n")  # to the consultation
        assert screen.item.id == item.id

        # Narration: ctrl+l, then its key in the short list.
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press("1")
        await pilot.pause()

        # Six alternating lines: a member picked with F4, the department by Esc k, then Tab.
        await pilot.press("f4")
        await say(pilot, "提供する項目は何ですか。")
        await pilot.press("escape")
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press("k")
        await say(pilot, "氏名と住所の二項目です。")
        for question, answer in [
            ("保存の期間はどうなっていますか。", "契約で五年と定めています。"),
            ("本人への通知は予定していますか。", "広報誌で周知いたします。"),
        ]:
            await pilot.press("tab")
            await say(pilot, question)
            await pilot.press("tab")
            await say(pilot, answer)

        # Enter on an empty line saves nothing.
        await pilot.press("enter")
        # Staff are one key too: F10 事務局 (then Tab goes back to the department).
        await pilot.press("f10")
        assert screen.speaker.kind is SpeakerKind.SECRETARIAT
        await pilot.press("tab")
        assert screen.speaker.kind is SpeakerKind.AGENCY
        assert len(screen.record_lines) == 7

        # A correction, through the lines screen.
        await pilot.press("ctrl+l", "+")
        app.screen.query_one(Input).value = "～実施機関職員 紹介～"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, LinesScreen)
        app.screen.query_one("#lines", DataTable).move_cursor(row=4)
        await pilot.press("e")
        assert isinstance(app.screen, EditTextDialog)
        app.screen.query_one(ParagraphArea).text = "契約で五年間と定めています。"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")

        # The decision, with an attached opinion.
        await pilot.press("ctrl+o")
        form = app.screen
        assert isinstance(form, DecisionForm)
        form.query_one("#outcome").value = Outcome.APPROVED_WITH_OPINION
        await pilot.pause()
        form.query_one("#opinion", Input).value = "本人への周知を丁寧に行うこと"
        await pilot.pause()
        assert (
            "「本人への周知を丁寧に行うこと」との意見を付した上で承認される"
            in form.query_one("#narration", Input).value
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen

    lines = utterances(db, session.id)
    assert lines[0].kind is UtteranceKind.NARRATION
    assert lines[-1].kind is UtteranceKind.NARRATION  # the decision's closing line
    assert "意見を付した上で承認される" in lines[-1].text
    assert lines[-2].text == "～実施機関職員 紹介～"  # a narration added to the list
    speech = lines[1:-2]
    assert [u.text for u in speech] == [
        "提供する項目は何ですか。",
        "氏名と住所の二項目です。",
        "保存の期間はどうなっていますか。",
        "契約で五年間と定めています。",
        "本人への通知は予定していますか。",
        "広報誌で周知いたします。",
    ]
    assert [u.speaker_kind for u in speech] == [SpeakerKind.MEMBER, SpeakerKind.AGENCY] * 3
    assert {u.member_id for u in speech if u.member_id} == {members[2].id}
    assert all(u.agenda_item_id == item.id for u in lines)
    assert [c.action for c in history(db, speech[3].id)] == ["correct"]
    (decision,) = decisions(db, session.id)
    assert decision.outcome is Outcome.APPROVED_WITH_OPINION
    assert (decision.quorum_present, decision.quorum_needed) == (6, 4)
    assert [o.text for o in opinions(db, decision.id)] == ["本人への周知を丁寧に行うこと"]
    assert get_consultation(db, consultation.id).status is ConsultationStatus.DECIDED
    assert load_draft(db, session.id).text == ""  # the speaker is kept, no text is pending


async def test_the_draft_comes_back_after_a_restart(db, council, consultation):
    session, item, members = setup(db, council, consultation)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, session)
        await pilot.press("f2")
        app.screen.query_one("#line", LineInput).insert_text_at_cursor("まだ確定していない発言")
        await pilot.pause()
    again = MeetingApp(db, clock=fixed_clock(NOW))
    async with again.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, session)
        assert screen.query_one("#line", LineInput).value == "まだ確定していない発言"
        assert screen.speaker is not None and screen.speaker.member_id == members[0].id
    assert utterances(db, session.id) == []


async def test_a_pasted_block_is_split_into_lines_or_kept_as_one(db, council, consultation):
    from textual import events

    session, item, members = setup(db, council, consultation)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, session)
        await pilot.press("f3")
        line = screen.query_one("#line", LineInput)
        line.post_message(events.Paste("一行目です。\n二行目です。\n\n三行目です。"))
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        app.screen.query_one(OptionList).highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        line.post_message(events.Paste("つなげる\n一つに"))
        await pilot.pause()
        app.screen.query_one(OptionList).highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert line.value == "つなげる一つに"
    assert [u.text for u in utterances(db, session.id)] == [
        "一行目です。",
        "二行目です。",
        "三行目です。",
    ]


async def test_a_line_without_speaker_is_refused_and_kept_in_the_field(db, council, consultation):
    session, _, _ = setup(db, council, consultation)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, session)
        await say(pilot, "誰の発言でもない")
        assert any("発言者" in (n.title or "") for n in app._notifications)
        assert screen.query_one("#line", LineInput).value == "誰の発言でもない"
        await pilot.press("f9")  # the council has six members: F9 has none
        assert any("F9 の委員はいません" in n.message for n in app._notifications)
    assert utterances(db, session.id) == []


async def test_anonymised_session_shows_letters_and_a_letter_can_be_changed(
    db, council, consultation
):
    from meeting.model import SpeakerNames
    from meeting.screens.session import SessionScreen
    from meeting.store import get_session
    from minutes.utterances import letters

    session, item, members = setup(db, council, consultation)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        ids = [s.id for s in home.sessions]
        home.query_one("#sessions", DataTable).move_cursor(row=ids.index(session.id))
        await pilot.press("o")
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("n")
        dialog = app.screen
        labels = [label for label, _ in dialog.choices]
        dialog.query_one(OptionList).highlighted = labels.index(SpeakerNames.ANONYMISED.label)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        live = await open_live(pilot, session)
        await pilot.press("f4")
        await say(pilot, "質問します。")
        assert "A委員（上田）：質問します。" in [str(line) for line in live.record_lines]
        await pilot.press("ctrl+x")
        await pilot.press("o")
        app.screen.query_one("#roll", DataTable).move_cursor(row=2)
        await pilot.press("k")
        app.screen.query_one(Input).value = "c"
        await pilot.press("enter")
        await pilot.pause()
    assert get_session(db, session.id).speaker_names is SpeakerNames.ANONYMISED
    assert letters(db, session.id) == {members[2].id: "C"}


async def test_a_pasted_line_is_inserted_once(db, council, consultation):
    from textual import events

    session, _, _ = setup(db, council, consultation)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, session)
        line = screen.query_one("#line", LineInput)
        line.focus()
        line.post_message(events.Paste("abc"))
        await pilot.pause()
        assert line.value == "abc"
        line.post_message(events.Paste("一行だけ\n"))  # a line with its line end: still one
        await pilot.pause()
        assert line.value == "abc一行だけ" and not isinstance(app.screen, ChoiceDialog)


async def test_a_ninth_and_tenth_member_have_keys_and_the_absent_are_marked(
    db, council, consultation
):
    from meeting.model import MemberDraft
    from meeting.store import add_member

    for name in ("久保 九", "遠藤 十", "北 十一", "西 十二"):
        add_member(db, council.id, MemberDraft(name, term_start=date(2025, 4, 1)))
    session, _, members = setup(db, council, consultation)
    assert len(members) == 10  # six, and four more (one of the seven's term has ended)
    absent = members[-1]
    set_presence(db, session.id, session.sittings[0].id, absent.id, Presence(False))
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, session)
        keys = str(screen.query_one("#live-keys").render())
        assert f"⇧F2 {members[8].title}" in keys  # the ninth member: Shift+F2
        assert f"{absent.title}（欠席）" in keys
        await pilot.press("shift+f2")
        assert screen.speaker is not None and screen.speaker.member_id == members[8].id
        await pilot.press("escape")  # the picker: a key for every member, the absent marked
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, SpeakerPicker)
        labels = {c.key: c.label for c in picker.choices.values()}
        assert labels["9"] == members[8].title
        assert labels["0"] == f"{absent.title}（欠席）"
        await pilot.press("0")
        await pilot.pause()
        assert screen.speaker.member_id == absent.id
        assert any("欠席と記録されています" in n.message for n in app._notifications)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_decisions_closing_line_is_in_view(db, council, consultation, size):
    """After a long item, the decision's closing line and its stamp are the last rows shown."""
    from meeting.widgets.record import RecordView

    session, item, members = setup(db, council, consultation)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=size) as pilot:
        screen = await open_live(pilot, session)
        await pilot.press("ctrl+n")  # to the consultation
        await pilot.press("f4")
        for n in range(45):
            await say(pilot, f"{n}番目の質問です。" + "保存期間を確認します。" * (n % 3))
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, DecisionForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is screen
        view = screen.query_one(RecordView)
        assert view.max_scroll_y > 0
        assert view.scroll_y + view.size.height >= view.virtual_size.height
        assert "【決定: 承認】" in screen.record_lines[-1]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_notice_never_covers_the_line_being_typed(db, council, consultation, size):
    """ctrl+z brings the last line back with a notice; the line the clerk types stays in view
    (at the bottom right, Textual's notices covered the right half of it)."""
    from textual.widgets._toast import Toast

    session, _, _ = setup(db, council, consultation)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=size, notifications=True) as pilot:
        await open_live(pilot, session)
        await pilot.press("f2")
        await say(pilot, "委託先の管理体制について、再委託の有無も含めて伺います。")
        await pilot.press("ctrl+z")
        await pilot.pause(0.2)
        toasts = list(app.screen.query(Toast))
        assert toasts, "ctrl+z says what it did"
        line = app.screen.query_one("#line", LineInput).region
        for toast in toasts:
            assert not toast.region.overlaps(line), (toast.region, line)
