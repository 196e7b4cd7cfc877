"""The answer's section 1 as the questions asked, an answer not numbered or dated yet, and a
reasoning that starts at any level of the ladder."""

from __future__ import annotations

from dataclasses import replace

import pytest
from docx import Document

from agendas.consultations import add_consultation, list_consultations
from agendas.model import ConsultationDraft, ConsultationKind, Department, Question
from exports.answer import gather_answer
from exports.documents import prepare_answer
from exports.ladder import parse_ladder
from exports.template_sets import defaults_of
from meeting.entry.demo import load_demo
from minutes.answers import answer_text, save_answer_text


@pytest.fixture
def library(db, now):
    council = load_demo(db, now=now)
    return next(c for c in list_consultations(db, council.id) if c.number == "8ひ図第112号")


def save(db, consultation_id, now, **changes):
    text = answer_text(db, consultation_id)
    save_answer_text(db, consultation_id, replace(text, **changes), at=now)


def section(lines: list[str], title: str) -> list[str]:
    start = lines.index(title) + 1
    end = next(n for n in range(start, len(lines)) if lines[n].startswith("第"))
    return lines[start:end]


def test_section_1_lists_the_questions_with_their_articles(db, council, now):
    c = add_consultation(
        db,
        council.id,
        ConsultationDraft(
            number="8か市第9号",
            title="住民情報の利用について（諮問）",
            consulting=(Department("市民部", "市民課"),),
            questions=(
                Question(ConsultationKind.OUT_OF_PURPOSE, "条例第9条第3項第4号", "氏名の利用"),
                Question(ConsultationKind.EXTERNAL_PROVISION, "条例第10条第1項第2号"),
            ),
        ),
        now=now,
    )
    lines = gather_answer(db, c.id).text_lines()
    assert section(lines, "第1　審査した情報の件名又は内容") == ["　　住民情報の利用について"]
    save(db, c.id, now, subject_questions=True)
    assert answer_text(db, c.id).subject_questions
    lines = gather_answer(db, c.id).text_lines()
    assert section(lines, "第1　審査した情報の件名又は内容") == [
        "　①　氏名の利用（目的外利用　条例第9条第3項第4号）",
        "　②　外部提供（条例第10条第1項第2号）",
    ]


def test_an_answer_not_numbered_nor_dated_prints_neither(db, library, now, tmp_path):
    db.execute(  # numbered and dated nowhere yet
        "UPDATE consultations SET answer_number = '', answered_on = NULL WHERE id = ?",
        [library.id],
    )
    db.conn.commit()
    answer = gather_answer(db, library.id)
    assert answer.number == answer.date == "（未記入）"
    assert len(answer.notes) == 2  # each a gap until the clerk says otherwise

    save(db, library.id, now, number_unknown=True, date_unknown=True)
    answer = gather_answer(db, library.id)
    assert (answer.number, answer.date, answer.notes) == ("", "", [])
    for default in defaults_of("answer"):  # every shipped layout prints neither
        prepared = replace(prepare_answer(db, library.id), template=default.load())
        texts = [p.text for p in Document(prepared.write(tmp_path / "a.docx")).paragraphs]
        assert not any("（未記入）" in t or "答申第" in t or "答　申" in t for t in texts)
        assert not any(t.startswith("令和8年1") and t.endswith("日") for t in texts[:3])


def test_a_number_given_prints_whatever_the_mark(db, library, now):
    save(db, library.id, now, number_unknown=True, date_unknown=True)
    answer = gather_answer(db, library.id)
    assert answer.number == "答申第5号" and answer.date.startswith("令和8年")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (1) with no 1 above it: the reasoning's first level, 1字 in under 第4
        ("(1)　一つ目\n本文\n(2)　二つ目\nア　細目", [(1, "(1)"), (1, ""), (1, "(2)"), (2, "ア")]),
        # ア with nothing above
        ("ア　一つ目\nイ　二つ目", [(1, "ア"), (1, "イ")]),
        # the usual ladder, from 1
        ("1　一つ目\n(1)　細目", [(1, "1"), (2, "(1)")]),
        # a text that starts with a paragraph, then (1)
        ("前文\n(1)　一つ目", [(0, ""), (1, "(1)")]),
    ],
)
def test_the_reasoning_starts_at_any_level(text, expected):
    blocks, notes = parse_ladder(text, base=1)
    assert [(b.level, b.mark) for b in blocks] == expected
    assert notes == []


def test_a_level_skipped_after_the_start_is_still_named():
    _, notes = parse_ladder("(1)　一つ目\n(ア)　飛び", base=1)
    assert notes == ["「(ア)」の上の段（ア）が抜けています"]


def test_an_answer_whose_reasoning_starts_at_1_paren_is_no_gap(db, library, now):
    save(db, library.id, now, reasoning="(1)　公益上の必要性\n認められる。")
    answer = gather_answer(db, library.id)
    assert answer.notes == []
    lines = answer.text_lines()
    assert "　(1)　公益上の必要性" in lines
