"""審査請求 cases and the answer's deadline: the stage, the dates in order, the deadline as
extensions move it, the warnings on a fixed clock, withdrawal, a consultation not yet numbered,
and the appellant kept apart from everything a document is made from."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from agendas.appeals import AppealStage, appeal_stage, deadlines, status_label
from agendas.consultations import (
    add_consultation,
    due_soon,
    extend,
    get_appellant,
    get_consultation,
    list_consultations,
    set_status,
    undo_extension,
    update_consultation,
    withdraw,
)
from agendas.model import (
    Appeal,
    Appellant,
    CaseKind,
    Conclusion,
    Consultation,
    ConsultationDraft,
    ConsultationKind,
    ConsultationStatus,
    Department,
    Disposition,
    Extension,
    Question,
)
from meeting.errors import InputError

FILED = date(2026, 10, 1)


def appeal_draft(**kw) -> ConsultationDraft:
    fields = dict(
        number="8か総第301号",
        title="公文書部分開示決定に対する審査請求について（諮問）",
        kind=CaseKind.APPEAL,
        filed_on=FILED,
        consulting=(Department("総務部", "総務課"),),
        appeal=Appeal(
            disposition=Disposition.PARTIAL_DISCLOSURE,
            disposition_detail="会議録の部分開示決定",
            disposition_on=date(2026, 8, 1),
            disposition_number="8か総第120号",
            appealed_on=date(2026, 9, 1),
        ),
        answer_due=date(2026, 12, 31),
        appellant=Appellant("架空 太郎", "かもめ台市なぎさ町1番地", "000-0000-0000"),
    )
    fields.update(kw)
    return ConsultationDraft(**fields)


def as_draft(c: Consultation, **changes) -> ConsultationDraft:
    """A consultation as the form would hand it back, with ``changes``."""
    names = {f.name for f in dataclasses.fields(ConsultationDraft)}
    kept = {f.name: getattr(c, f.name) for f in dataclasses.fields(c) if f.name in names}
    return ConsultationDraft(**kept | changes)


def case(status=ConsultationStatus.FILED, filed_on=FILED, **kw) -> Consultation:
    return Consultation(1, 1, "", "件名", filed_on, status, kind=CaseKind.APPEAL, **kw)


# The stage, read from the status and the 諮問日


@pytest.mark.parametrize(
    ("status", "filed_on", "stage", "label"),
    [
        (ConsultationStatus.FILED, None, AppealStage.RECEIVED, "受付"),
        (ConsultationStatus.FILED, FILED, AppealStage.CONSULTED, "諮問"),
        (ConsultationStatus.ON_AGENDA, FILED, AppealStage.DELIBERATING, "審議中"),
        (ConsultationStatus.DELIBERATED, FILED, AppealStage.DELIBERATING, "審議中"),
        (ConsultationStatus.CARRIED_OVER, FILED, AppealStage.DELIBERATING, "審議中"),
        (ConsultationStatus.DECIDED, FILED, AppealStage.DELIBERATING, "審議中"),
        (ConsultationStatus.ANSWERED, FILED, AppealStage.ANSWERED, "答申済"),
        (ConsultationStatus.WITHDRAWN, None, AppealStage.WITHDRAWN, "取下げ"),
    ],
)
def test_an_appeals_stage(status, filed_on, stage, label):
    c = case(status, filed_on)
    assert appeal_stage(c) is stage
    assert status_label(c) == label


def test_a_consultation_shows_its_own_status():
    c = dataclasses.replace(case(ConsultationStatus.ON_AGENDA), kind=CaseKind.CONSULTATION)
    assert status_label(c) == "審議予定"


# The deadline: the last extension's, else the first


def ext(day: date, reason: str = "資料の精査のため") -> Extension:
    return Extension(day, reason)


@pytest.mark.parametrize(
    ("answer_due", "extensions", "due"),
    [
        (None, (), None),
        (date(2026, 12, 31), (), date(2026, 12, 31)),
        (date(2026, 12, 31), (ext(date(2027, 2, 28)),), date(2027, 2, 28)),
        (
            date(2026, 12, 31),
            (ext(date(2027, 2, 28)), ext(date(2027, 3, 31))),
            date(2027, 3, 31),
        ),
    ],
)
def test_the_deadline_is_the_last_extensions(answer_due, extensions, due):
    assert case(answer_due=answer_due, extensions=extensions).due == due


TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("due", "status", "shown", "words"),
    [
        (TODAY + timedelta(days=31), ConsultationStatus.FILED, False, ""),
        (TODAY + timedelta(days=30), ConsultationStatus.FILED, True, "答申期限まであと30日"),
        (TODAY + timedelta(days=1), ConsultationStatus.ON_AGENDA, True, "あと1日"),
        (TODAY, ConsultationStatus.FILED, True, "今日が答申期限です"),
        (TODAY - timedelta(days=3), ConsultationStatus.DECIDED, True, "答申期限を3日過ぎています"),
        (TODAY - timedelta(days=3), ConsultationStatus.ANSWERED, False, ""),
        (TODAY - timedelta(days=3), ConsultationStatus.WITHDRAWN, False, ""),
    ],
)
def test_answers_due_within_30_days_and_overdue(due, status, shown, words):
    found = deadlines([case(status, answer_due=due)], TODAY)
    assert bool(found) is shown
    if shown:
        assert words in found[0].label
        assert found[0].overdue is (due < TODAY)


def test_the_most_pressing_first_and_an_extension_is_said():
    late = case(answer_due=TODAY - timedelta(days=2))
    soon = dataclasses.replace(
        case(answer_due=TODAY - timedelta(days=9), extensions=(ext(TODAY + timedelta(days=5)),)),
        id=2,
    )
    found = deadlines([soon, late], TODAY)
    assert [d.consultation.id for d in found] == [1, 2]
    assert "・延長後" in found[1].label and "令和8年12月6日" in found[1].label


def test_the_home_screens_warnings_come_from_the_store(db, council, now):
    c = add_consultation(db, council.id, appeal_draft(answer_due=date(2026, 12, 10)), now=now)
    add_consultation(
        db,
        council.id,
        appeal_draft(number="8か総第302号", answer_due=date(2027, 6, 30)),
        now=now,
    )
    (warning,) = due_soon(db, council.id, date(2026, 12, 1))
    assert (warning.consultation.id, warning.days_left) == (c.id, 9)
    extend(db, c.id, Extension(date(2027, 2, 26), "追加の資料を求めたため", date(2026, 12, 1)))
    assert due_soon(db, council.id, date(2026, 12, 1)) == []
    assert due_soon(db, council.id, date(2027, 3, 1))[0].overdue


# Dates in order; an appeal needs its decision


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"appeal": Appeal(disposition=None)}, "処分"),
        (
            {"appeal": Appeal(Disposition.NON_DISCLOSURE, appealed_on=date(2026, 10, 5))},
            "諮問日",
        ),
        (
            {
                "appeal": Appeal(
                    Disposition.NON_DISCLOSURE,
                    disposition_on=date(2026, 9, 2),
                    appealed_on=date(2026, 9, 1),
                )
            },
            "審査請求日",
        ),
        ({"answer_due": date(2026, 9, 30)}, "答申期限"),
        ({"conclusion": Conclusion.OTHER, "conclusion_text": ""}, "答申の内容"),
        ({"consulting": ()}, "諮問機関"),
    ],
)
def test_an_appeal_refused_names_its_field(db, council, now, change, field):
    with pytest.raises(InputError) as refused:
        add_consultation(db, council.id, appeal_draft(**change), now=now)
    assert refused.value.field == field
    assert list_consultations(db, council.id) == []


def test_an_appeal_needs_no_question_and_keeps_its_facts(db, council, now):
    saved = add_consultation(db, council.id, appeal_draft(), now=now)
    assert saved.is_appeal and saved.questions == ()
    assert saved.appeal.disposition is Disposition.PARTIAL_DISCLOSURE
    assert saved.appeal.disposition_number == "8か総第120号"
    assert saved.answer_due == date(2026, 12, 31)
    again = update_consultation(
        db,
        saved.id,
        appeal_draft(conclusion=Conclusion.DISCLOSE_PART, conclusion_text="一部を開示すべきである"),
    )
    assert again.conclusion_line == "一部を開示すべきである"
    bare = update_consultation(db, saved.id, appeal_draft(conclusion=Conclusion.APPROPRIATE))
    assert bare.conclusion_line == "妥当である"


def test_a_consultation_keeps_no_appeal_facts(db, council, now):
    """Not an appeal: the appeal's facts are neither checked (the form hides them) nor kept."""
    draft = appeal_draft(
        kind=CaseKind.CONSULTATION,
        questions=(Question(ConsultationKind.OUT_OF_PURPOSE, "条例第9条第3項第4号"),),
        appeal=Appeal(disposition_on=date(2026, 12, 1), appealed_on=date(2026, 11, 1)),
    )
    saved = add_consultation(db, council.id, draft, now=now)
    assert saved.appeal == Appeal()
    assert get_appellant(db, saved.id) is None


# Extensions and withdrawal


def test_an_extension_moves_the_deadline_later_for_a_reason(db, council, now):
    c = add_consultation(db, council.id, appeal_draft(), now=now)
    with pytest.raises(InputError, match="理由"):
        extend(db, c.id, Extension(date(2027, 2, 1), "  "))
    with pytest.raises(InputError, match="より後に"):
        extend(db, c.id, Extension(date(2026, 12, 31), "同じ日"))
    first = extend(db, c.id, Extension(date(2027, 2, 1), "資料の精査", date(2026, 12, 20)))
    with pytest.raises(InputError, match="より後に"):
        extend(db, c.id, Extension(date(2027, 1, 31), "前に戻す"))
    second = extend(db, first.id, Extension(date(2027, 3, 1), "追加の意見聴取"))
    assert [e.extended_to for e in second.extensions] == [date(2027, 2, 1), date(2027, 3, 1)]
    assert second.due == date(2027, 3, 1)
    assert undo_extension(db, c.id).due == date(2027, 2, 1)
    update_consultation(db, c.id, appeal_draft())  # editing the case keeps its extensions
    assert get_consultation(db, c.id).due == date(2027, 2, 1)


def test_no_extension_without_a_deadline_or_after_the_answer(db, council, now):
    c = add_consultation(db, council.id, appeal_draft(answer_due=None), now=now)
    with pytest.raises(InputError, match="答申期限を入れて"):
        extend(db, c.id, Extension(date(2027, 2, 1), "理由"))
    withdraw(db, c.id, on=date(2026, 11, 1))
    with pytest.raises(InputError, match="取下げの案件"):
        extend(db, c.id, Extension(date(2027, 2, 1), "理由"))


def test_a_withdrawal_has_its_date(db, council, now):
    c = add_consultation(db, council.id, appeal_draft(), now=now)
    with pytest.raises(InputError) as refused:
        withdraw(db, c.id, on=date(2026, 9, 30))
    assert refused.value.field == "取下げの日"
    done = withdraw(db, c.id, on=date(2026, 11, 20))
    assert (done.status, done.withdrawn_on) == (ConsultationStatus.WITHDRAWN, date(2026, 11, 20))
    assert status_label(done) == "取下げ"
    with pytest.raises(InputError):
        withdraw(db, c.id, on=date(2026, 11, 21))
    with pytest.raises(InputError):
        set_status(db, c.id, ConsultationStatus.ON_AGENDA)


# A consultation not yet numbered


def test_consultations_not_yet_numbered(db, council, now):
    first = add_consultation(db, council.id, appeal_draft(number="  "), now=now)
    second = add_consultation(
        db, council.id, appeal_draft(number="", title="別の審査請求"), now=now
    )
    assert (first.number, second.number) == ("", "")
    numbered = update_consultation(db, first.id, appeal_draft(number="8か総第9号"))
    assert numbered.number == "8か総第9号"
    with pytest.raises(InputError, match="既に登録"):
        update_consultation(db, second.id, appeal_draft(number="8か総第9号"))


# The appellant: stored, read by name only, in no Consultation


def test_the_appellant_is_kept_apart_from_the_consultation(db, council, now):
    c = add_consultation(db, council.id, appeal_draft(), now=now)
    assert get_appellant(db, c.id) == Appellant(
        "架空 太郎", "かもめ台市なぎさ町1番地", "000-0000-0000"
    )
    assert "架空" not in repr(get_consultation(db, c.id))
    assert "appellant" not in {f.name for f in dataclasses.fields(Consultation)}
    update_consultation(db, c.id, appeal_draft(appellant=None))  # none given: kept
    assert get_appellant(db, c.id) is not None
    update_consultation(db, c.id, appeal_draft(appellant=Appellant()))  # emptied: removed
    assert get_appellant(db, c.id) is None
    update_consultation(db, c.id, appeal_draft())
    update_consultation(  # no longer an appeal: no appellant
        db,
        c.id,
        appeal_draft(
            kind=CaseKind.CONSULTATION,
            questions=(Question(ConsultationKind.OUT_OF_PURPOSE, "条例第9条"),),
            appellant=None,
        ),
    )
    assert get_appellant(db, c.id) is None
