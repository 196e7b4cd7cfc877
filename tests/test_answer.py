"""The answer (答申書): saved texts, the official layout, 付言事項 from the decision, gaps."""

from __future__ import annotations

import json
from datetime import date, time

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agendas.consultations import list_consultations
from agendas.model import ItemKind, Outcome
from agendas.store import add_agenda_item
from exports.answer import gather_answer
from exports.documents import prepare_answer
from exports.docx_format import clean
from exports.ladder import parse_ladder
from exports.record_json import export_record, import_record
from meeting.dates import at
from meeting.db import open_database
from meeting.entry.cli import main
from meeting.entry.demo import load_demo
from meeting.errors import InputError
from meeting.model import SessionStatus
from meeting.store import list_members, list_sessions
from minutes.answers import AnswerText, answer_text, save_answer_text
from minutes.decide import DecisionDraft, decide
from minutes.opinions import OpinionKind
from minutes.roll import Presence, recuse, set_presence
from minutes.utterances import keep_text
from tests.test_minutes_export import afternoon_session, docx_text
from tests.test_output_injection import rendered_text, squash

DAY = date(2026, 12, 14)


@pytest.fixture
def library(db, now):
    council = load_demo(db, now=now)
    return next(c for c in list_consultations(db, council.id) if c.number == "8ひ図第112号")


def test_the_demo_answer_is_in_the_official_layout(db, library, tmp_path):
    """The first default (鎌ヶ谷市's layout) with the demo's answer: each part in its style."""
    doc = Document(str(prepare_answer(db, library.id).write(tmp_path / "a.docx")))
    paragraphs = doc.paragraphs
    texts = [p.text for p in paragraphs]
    style = {p.text: p.style.name for p in paragraphs}
    assert texts[:2] == ["答　申　第　5　号", "令和8年10月28日"]
    assert style[texts[0]] == style[texts[1]] == "右寄せ"  # flush right
    assert texts[3] == "ひばり野市長　高野　誠一　様"
    assert texts[5:7] == ["ひばり野市情報公開・個人情報保護審議会", "会長　森川　聡子"]
    assert style[texts[5]] == style[texts[6]] == "右寄せ"
    assert style["条例第10条第1項第4号の規定による諮問について（答申）"] == "Title"
    assert (
        "令和8年9月24日付け8ひ図第112号により諮問のあったことについて、下記のとおり答申します。"
        in texts
    )
    assert style["記"] == "記"
    sections = [t for t in texts if style[t] == "Heading 1"]
    assert sections == [
        "第1　審議会の結論",
        "第2　諮問する根拠",
        "第3　実施機関の主張要旨",
        "第4　審議会の判断",
        "第5　実施にあたっての留意事項",
    ]
    conclusion = texts[texts.index("第1　審議会の結論") + 1]
    assert conclusion.startswith("外部提供（条例第10条第1項第4号）については、付言事項に留意の上")
    # the agency's claims in 「・」 bullets, （１）（２） under one of them: levels of the ladder
    assert style["（１）　貸出の履歴は事業者に提供しない。"] == "箇条2"
    # the council's reasoning on the ladder, in heading styles
    assert style["1　公益上の必要性について"] == "Heading 2"
    assert style["(1)　提供する項目"] == "Heading 3"
    # the opinion attached to the decision at the session
    assert texts[texts.index("第5　実施にあたっての留意事項") + 1].startswith(
        "電子図書館の利用の申込みの際に"
    )
    assert "以上" not in texts and not doc.tables  # as the reference: no 以上, no members' table
    assert prepare_answer(db, library.id).notes == []


def test_opinions_attached_to_the_decision_print_as_remarks(db, council, consultation, now):
    session = afternoon_session(db, council, now, DAY)
    item = add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    members = list_members(db, council.id, on=DAY)
    for m in members:
        set_presence(db, session.id, session.sittings[0].id, m.id, Presence(True))
    recuse(db, item.id, members[-1].id, "利害関係")
    decide(
        db,
        item.id,
        DecisionDraft(
            Outcome.APPROVED_WITH_OPINION,
            "—意見を付した上で承認される。—",
            opinion_kind=OpinionKind.REMARK,
            opinion="本人への通知を丁寧に行うこと",
        ),
        at=at(DAY, time(15)),
    )
    answer = gather_answer(db, consultation.id)
    lines = answer.text_lines()
    assert "第5　付言事項" in lines
    assert lines[lines.index("第5　付言事項") + 1] == "　　本人への通知を丁寧に行うこと"
    assert "第6　審議した委員" in lines
    assert [row[0] for row in answer.members] == [m.name for m in members[:-1]]  # not recused
    assert answer_text(db, consultation.id).conclusions == (
        "目的外利用（条例第9条第3項第4号）については、"
        "付言事項に留意の上、実施することが妥当であると認める。",
    )
    # Not yet numbered nor dated, and the reasoning not written: each gap is named.
    assert answer.notes == [
        "答申番号がありません（諮問の一覧で r。番号を付けないなら答申書の画面で「番号なし」）",
        "答申日がありません（諮問の一覧で r。まだ決まらないなら答申書の画面で「日付なし」）",
        "審議会の意見が空です",
    ]
    assert answer.number == "（未記入）"


def test_the_texts_are_saved_and_the_document_made_again_from_them(db, library, now):
    text = answer_text(db, library.id)
    save_answer_text(
        db,
        library.id,
        AnswerText(
            addressee=text.addressee,
            conclusions=("妥当である。",),
            summary="概要の文。",
            reasoning="1　理由\n本文。",
            remarks="運用の状況を報告されたい。",
        ),
        at=now,
    )
    lines = gather_answer(db, library.id).text_lines()
    assert "　①　妥当である。" in lines
    assert "　　概要の文。" in lines
    remarks = lines.index("第5　付言事項")
    # The opinion attached at the session first, then the council's own remarks.
    assert lines[remarks + 1].startswith("　　電子図書館の利用の申込みの際に")
    assert lines[remarks + 2] == "　　運用の状況を報告されたい。"
    row = db.execute("SELECT body, updated_at FROM answers WHERE consultation_id = ?", [library.id])
    body, updated = row.fetchone()
    assert json.loads(body)["summary"] == "概要の文。" and updated.startswith("2026-11-25")


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        (AnswerText(conclusions=()), "答申の内容", "同じ数の結論"),
        (AnswerText(conclusions=("a", "b")), "答申の内容", "いまは2件"),
        (AnswerText(conclusions=("a",), reasoning="長" * 20_001), "審議会の意見", "長すぎます"),
    ],
)
def test_bad_answer_texts_are_named_and_nothing_is_saved(db, library, now, text, field, words):
    before = answer_text(db, library.id)
    with pytest.raises(InputError) as e:
        save_answer_text(db, library.id, text, at=now)
    assert e.value.field == field and words in e.value.message
    assert answer_text(db, library.id) == before


def test_the_ladder_reads_marks_and_names_bad_ones():
    blocks, notes = parse_ladder(
        "前文\n1　見出し\n本文\n(1)　細目\nア　さらに\n2.　次\nア　飛び", base=1
    )
    assert [(b.level, b.heading, b.mark) for b in blocks] == [
        (0, False, ""),
        (1, True, "1"),
        (1, False, ""),
        (2, True, "(1)"),
        (3, True, "ア"),
        (1, True, "2"),
        (3, True, "ア"),
    ]
    assert notes == [
        "「2.」: 番号の後は点を打たず全角スペースにします",
        "「ア」の上の段（(1)）が抜けています",
    ]
    # 「・」 bullets are a level: （１）… under one sit a level further, until the next bullet.
    blocks, notes = parse_ladder(
        "前文\n・　一つ目\n・　二つ目\n（１）　細目\n（２）　細目\n・三つ目\n本文", base=1
    )
    assert [(b.level, b.heading, b.mark, b.listed) for b in blocks] == [
        (0, False, "", False),
        (1, True, "・", True),
        (1, True, "・", True),
        (2, True, "（１）", True),
        (2, True, "（２）", True),
        (1, True, "・", True),
        (1, False, "", False),
    ]
    assert notes == []
    # Under a numbered heading, bullets sit below it; the next heading of its level closes them.
    blocks, _ = parse_ladder("1　見出し\n・　点\n(1)　細目\n2　次", base=1)
    assert [(b.level, b.mark, b.listed) for b in blocks] == [
        (1, "1", False),
        (2, "・", True),
        (3, "(1)", True),
        (1, "2", False),
    ]
    # Sentences that merely begin like a mark are not headings.
    blocks, _ = parse_ladder("アプリの安全性\n1年ごとに見直す", base=1)
    assert not any(b.heading for b in blocks)


def test_the_command_line_writes_the_answer_and_refuses_gaps(
    db, council, consultation, library, tmp_path, capsys
):
    db_path = str(tmp_path / "meeting.db")
    out = tmp_path / "answer.docx"
    base = ["--db", db_path, "export", "answer", "-o", str(out)]
    assert main([*base, "--consultation", str(library.id)]) == 0
    assert out.exists()
    assert main([*base, "--consultation", str(library.id)]) == 2  # exists: not overwritten
    assert "--force" in capsys.readouterr().err
    gaps = tmp_path / "gaps.md"
    args = ["--db", db_path, "export", "answer", "--consultation", str(consultation.id)]
    assert main([*args, "-o", str(gaps)]) == 2
    err = capsys.readouterr().err
    assert "答申番号がありません" in err and "--allow-gaps" in err and not gaps.exists()
    assert main([*args, "-o", str(gaps), "--allow-gaps"]) == 0
    assert "（未記入）" in gaps.read_text(encoding="utf-8")
    assert main([*base[:-1], str(tmp_path / "x.txt"), "--consultation", "1"]) == 2
    assert ".docx、.md か .pdf" in capsys.readouterr().err


def test_the_answer_travels_in_the_json_record(db, library, tmp_path):
    held = next(s for s in list_sessions(db, library.council_id) if s.status is SessionStatus.HELD)
    data = json.loads(json.dumps(export_record(db, held.id), ensure_ascii=False))
    other = open_database(tmp_path / "other.db")
    import_record(other, data)
    copy = next(c for c in list_consultations(other, 1) if c.number == library.number)
    assert answer_text(other, copy.id) == answer_text(db, library.id)
    assert answer_text(other, copy.id).basis and answer_text(other, copy.id).claims
    theirs = prepare_answer(other, copy.id).write(tmp_path / "theirs.md")
    ours = prepare_answer(db, library.id).write(tmp_path / "ours.md")
    assert theirs.read_text("utf-8") == ours.read_text("utf-8")


ANY_TEXT = st.text(
    alphabet=st.characters(codec=None, categories=None, exclude_categories=()), max_size=300
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ANY_TEXT, ANY_TEXT)
def test_any_text_goes_through_the_answer_writers(db, library, now, tmp_path, words, reasoning):
    """Control characters, U+FFFE, lone surrogates, emoji: no crash; what can be kept is kept."""
    save_answer_text(
        db,
        library.id,
        AnswerText(addressee=words, conclusions=(words,), summary=words, reasoning=reasoning),
        at=now,
    )
    prepared = prepare_answer(db, library.id)
    docx = prepared.write(tmp_path / "any.docx")
    md = prepared.write(tmp_path / "any.md").read_text(encoding="utf-8")
    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    kept = keep_text(words).strip()
    if kept and "\n" not in kept and "\r" not in kept and "\x0b" not in kept:
        assert squash(kept) in squash(rendered_text(md))  # escaped, shown as typed
        assert any(clean(kept) in p for p in paragraphs)


async def test_the_clerk_writes_the_answer_in_the_app(db, library, tmp_path):
    from textual.widgets import DataTable, Input, TextArea

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.answer import AnswerScreen
    from meeting.screens.consultations import ConsultationsScreen
    from meeting.screens.dialogs import ConfirmDialog, SavePathDialog
    from tests.conftest import NOW

    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        screen = app.screen
        assert isinstance(screen, ConsultationsScreen)
        ids = [c.id for c in screen.consultations]
        screen.query_one("#consultations", DataTable).move_cursor(row=ids.index(library.id))
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, AnswerScreen)
        # The preview is the council's template (鎌ヶ谷市's form until it chooses another).
        assert "第4 審議会の判断" in editor.query_one("#answer-preview-text").text
        remarks = editor.query_one("#remarks", TextArea)
        remarks.focus()
        remarks.insert("1　運用の状況について\n一年後に報告されたい。")
        await pilot.pause()
        await pilot.press("f5")  # the preview read again (ctrl+p is the palette's)
        await pilot.pause()
        assert app.screen is editor
        await pilot.press("escape")  # unsaved: asked first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is editor
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (
            answer_text(db, library.id).remarks == "1　運用の状況について\n一年後に報告されたい。"
        )
        assert "1 運用の状況について" in editor.query_one("#answer-preview-text").text
        await pilot.press("ctrl+w")
        await pilot.pause()
        assert isinstance(app.screen, SavePathDialog)
        target = tmp_path / "答申書.docx"
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is editor
        assert "運用の状況について" in docx_text(target)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


def test_conclusions_follow_their_question_when_the_register_changes(db, library, now):
    from dataclasses import replace as swap

    from agendas.consultations import update_consultation
    from agendas.model import ConsultationDraft, ConsultationKind, Question

    bousai = next(c for c in list_consultations(db, library.council_id) if len(c.questions) == 2)
    first, second = bousai.questions
    save_answer_text(
        db,
        bousai.id,
        swap(answer_text(db, bousai.id), conclusions=("結論いち。", "結論に。")),
        at=now,
    )
    draft = ConsultationDraft(
        number=bousai.number,
        title=bousai.title,
        filed_on=bousai.filed_on,
        consulting=bousai.consulting,
        using=bousai.using,
        questions=(second, first, Question(ConsultationKind.NOTICE_OMISSION, "条例第8条")),
        materials=bousai.materials,
    )
    update_consultation(db, bousai.id, draft)
    conclusions = answer_text(db, bousai.id).conclusions
    # Each keeps its question; the new one has none yet (carried over: nothing to draft from).
    assert conclusions == ("結論に。", "結論いち。", "")


def test_a_newer_answer_replaces_the_older_one_on_a_second_import(db, library, now, tmp_path):
    from dataclasses import replace as swap
    from datetime import timedelta

    council_id = library.council_id
    bousai = next(c for c in list_consultations(db, council_id) if len(c.questions) == 2)
    held, upcoming = (
        next(s for s in list_sessions(db, council_id) if s.status is SessionStatus.HELD),
        next(
            s
            for s in list_sessions(db, council_id)
            if s.status is SessionStatus.SCHEDULED and s.sittings
        ),
    )
    text = answer_text(db, bousai.id)
    save_answer_text(db, bousai.id, swap(text, reasoning="1　最初の理由"), at=now)
    other = open_database(tmp_path / "other.db")
    import_record(other, json.loads(json.dumps(export_record(db, held.id))))
    save_answer_text(
        db, bousai.id, swap(text, reasoning="1　書き直した理由"), at=now + timedelta(days=1)
    )
    import_record(other, json.loads(json.dumps(export_record(db, upcoming.id))))
    copy = next(c for c in list_consultations(other, 1) if c.number == bousai.number)
    assert answer_text(other, copy.id).reasoning == "1　書き直した理由"
