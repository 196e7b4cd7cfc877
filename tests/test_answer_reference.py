"""The answer (答申書) defaults: 鎌ヶ谷市's form compared element by element with that answer,
and the second default, 「…に係る答申書」.

The reference (../shared/reference/kamagaya-answer-2020-1.md) is a public 答申 of a 審査会; the
test does not read it (CI has only the repository) and copies none of its people or sentences:
a fictional 審査会's consultation is entered the way a clerk would enter that one — one
question citing two articles of the ordinance, the decision with a 留意事項 attached, the
answer's texts written on the answer screen — and each element of the reference's format (the
number spread out, the addressee, the council and its chair, the title citing the articles,
the citation, 記, the five sections, 「・」 bullets with （１）… under one) is checked in the
Markdown and the Word file the default makes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, time

import pytest
from docx import Document

from agendas.consultations import add_consultation, record_answer
from agendas.model import ConsultationDraft, ConsultationKind, Department, ItemKind, Outcome
from agendas.model import Question as Asked
from agendas.store import add_agenda_item
from exports.answer_context import cite_articles
from exports.registry import prepare
from exports.template_sets import DEFAULTS, default_named
from exports.templating import render_docx, render_markdown, spread
from meeting.dates import at
from meeting.model import CouncilKind, MemberDraft, Role, SessionPlan, SittingPlan
from meeting.quorum import Presence
from meeting.store import add_council, add_member, schedule_session
from meeting.store.councils import CouncilDraft
from minutes.answers import answer_text, save_answer_text
from minutes.decide import DecisionDraft, decide
from minutes.opinions import OpinionKind
from minutes.roll import set_presence
from tests.conftest import NOW

DAY = date(2026, 11, 17)
ARTICLES = "みずなら市個人情報保護条例第9条第1項第5号及び第9条の2第2項"

BASIS = """\
実施機関は、条例第9条第1項の規定により、保有する個人情報を外部に提供することができない。
また、オンライン結合による提供は、同条例第9条の2第1項の規定により制限されている。
その例外に当たるか否かを審査会に諮問するものである。"""

CLAIMS = """\
・　窓口の混雑を和らげるため、令和9年4月から証明書の郵送請求をオンラインで受け付ける。
・　申請者の本人確認のため、受付システムと市の基幹システムを結合する必要がある。
・　次の措置により、個人情報の保護が図られている。
（１）　通信は専用回線で行い、暗号化される。
（２）　受付システムには申請の記録を残さない。
・　以上のことから、審査会の意見を求めるものである。"""

REASONING = """\
郵送請求のオンライン受付は、市民の負担を軽くするものであり、公益上の必要性は高い。
通信の暗号化と記録を残さない仕組みにより、必要な措置が講じられていると認められる。"""

CAUTION = "運用の開始後、受付の状況を確かめ、問題があれば速やかに改めること。"


@pytest.fixture
def answered(db):
    """A 審査会's consultation answered as the reference was: one question citing two articles
    of the ordinance, approved with a 留意事項 at the session, the answer numbered and dated,
    its basis, the agency's claims (bullets, （１）（２） under one) and the reasoning written."""
    council = add_council(
        db,
        CouncilDraft(
            name="みずなら市情報公開・個人情報保護審査会",
            municipality="みずなら市",
            kind=CouncilKind.SHINSAKAI,
        ),
        now=NOW,
    )
    roles = [Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER]
    members = [
        add_member(db, council.id, MemberDraft(n, role=r, term_start=date(2025, 4, 1)))
        for n, r in zip(["楠 理沙", "檜山 航", "椎名 透"], roles, strict=True)
    ]
    plan = SessionPlan(
        sittings=(SittingPlan(at(DAY, time(14)), at(DAY, time(15)), "みずなら市役所 会議室"),),
        number=3,
    )
    session = schedule_session(db, council.id, plan, now=NOW)
    for m in members:
        set_presence(db, session.id, session.sittings[0].id, m.id, Presence(True))
    consultation = add_consultation(
        db,
        council.id,
        ConsultationDraft(
            number="みず市第77号",
            title="証明書の郵送請求のオンライン受付について（諮問）",
            filed_on=date(2026, 10, 6),
            consulting=(Department("市民部", "市民課"),),
            questions=(Asked(ConsultationKind.ONLINE_LINK, ARTICLES),),
        ),
        now=NOW,
    )
    item = add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    decide(
        db,
        item.id,
        DecisionDraft(
            Outcome.APPROVED_WITH_OPINION,
            "—留意事項を付した上で承認される。—",
            opinion_kind=OpinionKind.CAUTION,
            opinion=CAUTION,
        ),
        at=at(DAY, time(14, 50)),
    )
    text = answer_text(db, consultation.id)
    save_answer_text(
        db,
        consultation.id,
        replace(
            text,
            addressee="みずなら市長 桑田 直樹 様",
            conclusions=("証明書の郵送請求のオンライン受付に係るオンライン結合は妥当と判断する。",),
            basis=BASIS,
            claims=CLAIMS,
            reasoning=REASONING,
        ),
        at=NOW,
    )
    record_answer(db, consultation.id, number="答申第12号", answered_on=date(2026, 12, 1))
    return consultation


def _made(db, consultation_id, name="kamagaya"):
    prepared = prepare(db, "answer", consultation_id)
    template = default_named("answer", name).load()
    return render_markdown(template.markdown, prepared.context), prepared, template


# (element, what the reference prints, as a pattern over our Markdown's lines)
ELEMENTS = [
    ("答 申 第 N 号, spread out, the number's digits together", r"^答 申 第 12 号  $"),
    ("the date, 和暦 without weekday", r"^令和8年12月1日$"),
    ("the mayor, 様", r"^みずなら市長 桑田 直樹 様$"),
    ("the council", r"^みずなら市情報公開・個人情報保護審査会  $"),
    ("会長 and the chair's name", r"^会長 楠 理沙$"),
    (
        "the title: the articles, 「の規定による諮問について（答申）」",
        r"^みずなら市個人情報保護条例第9条第1項第5号及び第9条の2第2項の規定による諮問について"
        r"（答申）$",
    ),
    (
        "the citation: 付け, 「により諮問のあったことについて、下記のとおり答申します。」",
        r"^令和8年10月6日付けみず市第77号により諮問のあったことについて、"
        r"下記のとおり答申します。$",
    ),
    ("記", r"^## 記$"),
    ("第1 審査会の結論", r"^### 第1 審査会の結論$"),
    ("the conclusion, no ① for one question", r"^証明書の郵送請求のオンライン受付に係る"),
    ("第2 諮問する根拠", r"^### 第2 諮問する根拠$"),
    ("the basis, a paragraph a line", r"^実施機関は、条例第9条第1項の規定により"),
    ("the basis's last paragraph", r"^その例外に当たるか否かを審査会に諮問するものである。$"),
    ("第3 実施機関の主張要旨", r"^### 第3 実施機関の主張要旨$"),
    ("「・」 bullets as list items", r"^- ・ 窓口の混雑を和らげるため"),
    ("（１） under a bullet, a level further", r"^  - （１） 通信は専用回線で行い"),
    ("（２）", r"^  - （２） 受付システムには"),
    ("a bullet after them, back at its level", r"^- ・ 以上のことから"),
    ("第4 審査会の判断", r"^### 第4 審査会の判断$"),
    ("the reasoning as paragraphs", r"^郵送請求のオンライン受付は"),
    ("第5 実施にあたっての留意事項", r"^### 第5 実施にあたっての留意事項$"),
    ("the 留意事項 attached at the session", r"^運用の開始後、受付の状況を確かめ"),
]
ABSENT = [
    ("no 以上", "\n以上\n"),
    ("no members' list", "審議した委員"),
    ("審査会, never 審議会", "審議会"),
    ("no ① for a single conclusion", "①"),
    ("no gap", "（未記入）"),
    ("no 答申書 in the title", "答申書"),
]


@pytest.mark.parametrize(("element", "pattern"), ELEMENTS, ids=[e for e, _ in ELEMENTS])
def test_the_kamagaya_answer_prints_each_element_of_the_reference(db, answered, element, pattern):
    md, _, _ = _made(db, answered.id)
    assert any(re.search(pattern, line) for line in md.splitlines()), md


@pytest.mark.parametrize(("element", "text"), ABSENT, ids=[e for e, _ in ABSENT])
def test_the_kamagaya_answer_prints_nothing_the_reference_does_not(db, answered, element, text):
    md, _, _ = _made(db, answered.id)
    assert text not in f"\n{md}\n"


def test_the_elements_come_in_the_reference_order(db, answered):
    md, _, _ = _made(db, answered.id)
    lines = md.splitlines()
    places = [
        next(n for n, line in enumerate(lines) if re.search(pattern, line))
        for _, pattern in ELEMENTS
    ]
    assert places == sorted(places)


def test_kamagaya_is_the_answer_until_the_council_chooses(db, answered, tmp_path):
    assert DEFAULTS["answer"][0].name == "kamagaya"
    md, prepared, _ = _made(db, answered.id)
    assert prepared.notes == [] and prepared.withheld == []
    assert prepared.write(tmp_path / "a.md").read_text("utf-8") == md


def test_the_word_file_holds_the_same_elements_in_named_styles(db, answered, tmp_path):
    _, prepared, template = _made(db, answered.id)
    doc = Document(render_docx(template.docx, prepared.context, tmp_path / "a.docx"))
    paragraphs = [(p.text, p.style.name) for p in doc.paragraphs if p.text]
    assert paragraphs[:8] == [
        ("答　申　第　12　号", "右寄せ"),
        ("令和8年12月1日", "右寄せ"),
        ("みずなら市長 桑田 直樹 様", "Normal"),
        ("みずなら市情報公開・個人情報保護審査会", "右寄せ"),
        ("会長　楠　理沙", "右寄せ"),
        (f"{ARTICLES}の規定による諮問について（答申）", "Title"),
        (
            "令和8年10月6日付けみず市第77号により諮問のあったことについて、"
            "下記のとおり答申します。",
            "本文字下げ",
        ),
        ("記", "記"),
    ]
    assert [t for t, s in paragraphs if s == "Heading 1"] == [
        "第1　審査会の結論",
        "第2　諮問する根拠",
        "第3　実施機関の主張要旨",
        "第4　審査会の判断",
        "第5　実施にあたっての留意事項",
    ]
    styles = dict(paragraphs)
    assert (
        styles["証明書の郵送請求のオンライン受付に係るオンライン結合は妥当と判断する。"] == "本文1"
    )
    bullets = [t for t, s in paragraphs if s == "箇条"]
    assert len(bullets) == 4 and all(b.startswith("・　") for b in bullets)
    assert [t for t, s in paragraphs if s == "箇条2"] == [
        "（１）　通信は専用回線で行い、暗号化される。",
        "（２）　受付システムには申請の記録を残さない。",
    ]
    assert styles[CAUTION] == "本文1"
    texts = [t for t, _ in paragraphs]
    assert "以上" not in texts and not doc.tables
    assert texts.index("（２）　受付システムには申請の記録を残さない。") < texts.index(
        "・　以上のことから、審査会の意見を求めるものである。"
    )


def test_a_ladder_of_headings_prints_in_heading_styles(db, answered, now, tmp_path):
    text = answer_text(db, answered.id)
    reasoning = "1　公益上の必要性\n本文の一。\n(1)　細目\n本文の二。\nア　さらに\n本文の三。"
    save_answer_text(db, answered.id, replace(text, reasoning=reasoning), at=now)
    md, prepared, template = _made(db, answered.id)
    assert "#### 1 公益上の必要性\n\n本文の一。\n\n##### (1) 細目\n\n本文の二。" in md
    assert "###### ア さらに\n\n本文の三。" in md
    doc = Document(render_docx(template.docx, prepared.context, tmp_path / "a.docx"))
    styles = {p.text: p.style.name for p in doc.paragraphs}
    assert styles["1　公益上の必要性"] == "Heading 2"
    assert styles["本文の一。"] == "本文2"
    assert styles["(1)　細目"] == "Heading 3"
    assert styles["本文の二。"] == "本文3"
    assert styles["ア　さらに"] == "Heading 3"
    assert styles["本文の三。"] == "本文4"
    indents = {p.text: p.paragraph_format.left_indent for p in doc.paragraphs}
    assert indents["1　公益上の必要性"] < indents["(1)　細目"] < indents["ア　さらに"]


def test_several_questions_number_their_conclusions(db, answered, now):
    from agendas.consultations import update_consultation

    c = answered
    asked = (*c.questions, Asked(ConsultationKind.EXTERNAL_PROVISION, "同条例第9条第1項第5号"))
    update_consultation(
        db,
        c.id,
        ConsultationDraft(
            number=c.number,
            title=c.title,
            filed_on=c.filed_on,
            consulting=c.consulting,
            questions=asked,
        ),
    )
    text = answer_text(db, c.id)
    save_answer_text(
        db, c.id, replace(text, conclusions=("一つ目は妥当。", "二つ目も妥当。")), at=now
    )
    md, _, _ = _made(db, c.id)
    assert "① 一つ目は妥当。" in md and "② 二つ目も妥当。" in md


def test_the_second_default_is_titled_by_its_subject_with_sections_1_to_5(db, answered, tmp_path):
    md, prepared, template = _made(db, answered.id, "sections")
    lines = md.splitlines()
    assert lines[:2] == ["答申第12号  ", "令和8年12月1日"]
    assert "## 証明書の郵送請求のオンライン受付に係る答申書" in lines
    assert (
        "令和8年10月6日付けみず市第77号で諮問のあった証明書の郵送請求のオンライン受付について、"
        "次のとおり答申します。"
    ) in lines
    assert [line for line in lines if line.startswith("### ")] == [
        "### 1 審査会の結論",
        "### 2 諮問の概要",
        "### 3 実施機関の説明",
        "### 4 審査会の判断",
        "### 5 付言",
    ]
    assert "記" not in lines and "## 記" not in lines and "以上" not in lines
    doc = Document(render_docx(template.docx, prepared.context, tmp_path / "b.docx"))
    paragraphs = [(p.text, p.style.name) for p in doc.paragraphs if p.text]
    assert ("証明書の郵送請求のオンライン受付に係る答申書", "Title") in paragraphs
    assert [t for t, s in paragraphs if s == "Heading 1"] == [
        "1　審査会の結論",
        "2　諮問の概要",
        "3　実施機関の説明",
        "4　審査会の判断",
        "5　付言",
    ]
    texts = [t for t, _ in paragraphs]
    assert "記" not in texts and "以上" not in texts


def test_the_second_default_leaves_out_5_when_there_is_nothing_to_add(db, now):
    from agendas.consultations import list_consultations
    from meeting.entry.demo import load_demo

    council = load_demo(db, now=now)
    c = next(x for x in list_consultations(db, council.id) if x.answer_number)
    db.execute("DELETE FROM opinions")
    md, prepared, _ = _made(db, c.id, "sections")
    assert "### 5 付言" not in md and "### 4 審議会の判断" in md
    kamagaya, _, _ = _made(db, c.id)
    assert "第5" not in kamagaya


def test_a_missing_basis_is_a_gap_where_the_template_prints_it(db, answered, now):
    text = answer_text(db, answered.id)
    save_answer_text(db, answered.id, replace(text, basis="", claims=""), at=now)
    prepared = prepare(db, "answer", answered.id)
    assert prepared.notes == [
        "諮問する根拠が空です（答申書の画面で書きます）",
        "実施機関の主張要旨が空です（答申書の画面で書きます）",
    ]
    md, _, _ = _made(db, answered.id)
    assert md.count("（未記入）") == 2


@pytest.mark.parametrize(
    ("articles", "cited"),
    [
        (["A条例第9条第1項第5号", "A条例第9条の2第2項"], "A条例第9条第1項第5号及び第9条の2第2項"),
        (["A条例第9条", "B法第3条"], "A条例第9条及びB法第3条"),
        (["A条例第9条", "A条例第9条"], "A条例第9条"),
        (["条例第10条第1項第4号"], "条例第10条第1項第4号"),
        ([], ""),
    ],
)
def test_articles_are_cited_with_the_law_named_once(articles, cited):
    assert cite_articles(articles) == cited


@pytest.mark.parametrize(
    ("number", "spread_out"),
    [("答申第1号", "答 申 第 1 号"), ("答申第12号", "答 申 第 12 号"), ("第３号", "第 ３ 号")],
)
def test_a_number_is_spread_with_its_digits_together(number, spread_out):
    assert spread(number) == spread_out


def test_the_questions_print_in_the_overview_when_the_clerk_asks(db, answered, now, tmp_path):
    text = answer_text(db, answered.id)
    md, _, _ = _made(db, answered.id, "sections")
    overview = md[md.index("### 2 諮問の概要") : md.index("### 3 実施機関の説明")]
    assert "- ・ " not in overview  # not asked: the summary alone
    save_answer_text(db, answered.id, replace(text, subject_questions=True), at=now)
    md, prepared, template = _made(db, answered.id, "sections")
    overview = md[md.index("### 2 諮問の概要") : md.index("### 3 実施機関の説明")]
    asked = [q for q in prepared.context.questions]
    assert f"- ・ {asked[0].kind}（{asked[0].article}）" in overview
    doc = Document(render_docx(template.docx, prepared.context, tmp_path / "q.docx"))
    texts = [p.text for p in doc.paragraphs]
    first = texts[texts.index("2　諮問の概要") + 1]
    assert first.startswith(f"・　{asked[0].kind}（{asked[0].article}）")
