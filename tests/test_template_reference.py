"""The 会議録 default in 四街道市's format, compared element by element with that record.

The reference (../shared/reference/yotsukaido-minutes-2019-2.md) is a public 会議録 of a
審査会; the test does not read it (CI has only the repository) and copies none of its people
or sentences: a fictional 審査会's session is entered the way a clerk would enter that one,
and each element of the reference's format — every heading, label, fixed phrase and number
form — is checked in the document the default template makes.
"""

from __future__ import annotations

import re
from datetime import date, time

import pytest
from docx import Document

from agendas.consultations import add_consultation
from agendas.model import (
    ConsultationDraft,
    ConsultationKind,
    Department,
    ItemKind,
    Outcome,
    Question,
)
from agendas.store import add_agenda_item
from exports.registry import prepare
from exports.template_sets import default_named
from exports.templating import render_docx, render_markdown
from meeting.dates import at
from meeting.model import CouncilKind, MemberDraft, Role, SessionPlan, SittingPlan
from meeting.quorum import Presence
from meeting.store import add_council, add_member, schedule_session
from meeting.store.councils import CouncilDraft
from minutes.decide import DecisionDraft, decide
from minutes.model import SpeakerKind
from minutes.roll import OtherKind, add_other, set_presence, set_public_attendees
from minutes.speakers import Speaker
from minutes.utterances import enter_line
from tests.conftest import NOW

DAY = date(2026, 7, 14)


@pytest.fixture
def session(db):
    """A 審査会's second session of the year, entered as the clerk would enter the reference's:
    one afternoon, five members all present, four secretariat staff named by title, three
    agency staff and an observer who came for 2議事（1） only, the public, nobody watching."""
    council = add_council(
        db,
        CouncilDraft(
            name="みずなら市情報公開・個人情報保護審査会",
            municipality="みずなら市",
            kind=CouncilKind.SHINSAKAI,
            quorum_article="みずなら市情報公開・個人情報保護審査会条例第5条第2項",
            secretariat_name="みずなら市総務課",
        ),
        now=NOW,
    )
    roles = [Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER, Role.MEMBER, Role.MEMBER]
    names = ["楠 理沙", "檜山 航", "椎名 透", "柊 正人", "榎本 咲"]
    members = [
        add_member(db, council.id, MemberDraft(n, role=r, term_start=date(2025, 4, 1)))
        for n, r in zip(names, roles, strict=True)
    ]
    plan = SessionPlan(
        sittings=(
            SittingPlan(at(DAY, time(13, 30)), at(DAY, time(15)), "みずなら市役所 第1会議室"),
        ),
        number=2,
    )
    s = schedule_session(db, council.id, plan, now=NOW)
    sitting = s.sittings[0]
    for m in members:
        set_presence(db, s.id, sitting.id, m.id, Presence(True))
    set_public_attendees(db, sitting.id, 0)
    consultation = add_consultation(
        db,
        council.id,
        ConsultationDraft(
            number="8み総第12号",
            title="オンライン結合による外部提供について（諮問）",
            consulting=(Department("市民部", "戸籍住民課"),),
            questions=(Question(ConsultationKind.ONLINE_LINK, "条例第10条第2項"),),
        ),
        now=NOW,
    )
    add_agenda_item(db, s.id, ItemKind.OPENING)
    proceedings = add_agenda_item(db, s.id, ItemKind.PROCEEDINGS)
    item = add_agenda_item(
        db, s.id, ItemKind.CONSULTATION, consultation_id=consultation.id, parent_id=proceedings.id
    )
    add_agenda_item(db, s.id, ItemKind.OTHER, parent_id=proceedings.id)
    add_agenda_item(db, s.id, ItemKind.OTHER)
    for title, name in (
        ("総務課長", "松尾 一"),
        ("課長補佐", "竹内 二郎"),
        ("情報公開室長", "梅田 三奈"),
    ):
        add_other(db, s.id, OtherKind.SECRETARIAT, title=title, name=name)
    for title, name in (("戸籍住民課長", "杉本 四郎"), ("戸籍住民課長補佐", "桐山 五月")):
        add_other(
            db,
            s.id,
            OtherKind.AGENCY,
            title=title,
            name=name,
            item_ids=[item.id],
            department=Department("市民部", "戸籍住民課"),
        )
    add_other(
        db, s.id, OtherKind.OBSERVER, organisation="株式会社みずならシステム", item_ids=[item.id]
    )

    def say(text, who=None, member=None, *, narration=False, continues=False, on=item):
        kind = SpeakerKind.MEMBER if member is not None else who
        speaker = None if narration or continues else Speaker(kind, member.id if member else None)
        enter_line(
            db,
            s.id,
            text,
            at=NOW,
            agenda_item_id=on.id if on else None,
            speaker=speaker,
            narration=narration,
            continues=continues,
        )

    chair = members[0]
    say("ただ今より、審査会を開催いたします。", SpeakerKind.SECRETARIAT, on=None)
    say("最後に次回の日程調整を予定しております。", continues=True, on=None)
    say("～あいさつ～", member=chair, on=None)
    say("～特になし～", SpeakerKind.ALL_MEMBERS, on=None)
    say("～実施機関職員 紹介～", narration=True)
    say("発行の履歴は市で確認できますか。", member=members[1])
    say("確認できます。", SpeakerKind.AGENCY)
    decide(db, item.id, DecisionDraft(Outcome.APPROVED, "—この件は承認される。—"), at=NOW)
    return s


def _markdown(db, session_id):
    prepared = prepare(db, "minutes", session_id, public=True)
    template = default_named("minutes", "yotsukaido").load()
    return render_markdown(template.markdown, prepared.context), prepared, template


# (element, what the reference prints, as a pattern over our Markdown's lines)
ELEMENTS = [
    (
        "title ends （会議概要）",
        r"^## 令和8年度第2回みずなら市情報公開・個人情報保護審査会会議録（会議概要）$",
    ),
    (
        "日 時 label, 和暦 with weekday, 12-hour range",
        r"^日 時 令和8年7月14日（火）午後1時30分～午後3時  $",
    ),
    ("場 所 label", r"^場 所 みずなら市役所 第1会議室  $"),
    (
        "出席者 then 出席委員：, chair and vice chair by title",
        r"^出席者 出席委員：楠会長、檜山副会長、椎名委員、柊委員、榎本委員  $",
    ),
    ("欠席委員：なし", r"^欠席委員：なし  $"),
    (
        "事務局： surname + title, no department",
        r"^事務局：松尾総務課長、竹内課長補佐、梅田情報公開室長  $",
    ),
    (
        "実施機関： the attendance note once for the group, 2議事（1）",
        r"^実施機関：杉本戸籍住民課長、桐山戸籍住民課長補佐（2議事（1）のみ出席）  $",
    ),
    (
        "オブザーバー： organisation, headcount 人",
        r"^オブザーバー：株式会社みずならシステム1人（2議事（1）のみ出席）  $",
    ),
    ("公開・非公開の別", r"^公開・非公開の別 公開$"),
    ("傍聴人 N人", r"^傍聴人 0人$"),
    ("会議次第 heading", r"^### 会議次第$"),
    ("1 会長挨拶", r"^- 1 会長挨拶$"),
    ("2 議事, its children under it", r"^- 2 議事  $"),
    (
        "(1) with no space before the title",
        r"^\(1\)オンライン結合による外部提供について（諮問）  $",
    ),
    ("(2)その他", r"^\(2\)その他$"),
    ("3 その他", r"^- 3 その他$"),
    ("会議の内容 heading", r"^### 会議の内容$"),
    ("事務局： speech label", r"^事務局：ただ今より、審査会を開催いたします。$"),
    ("a turn's second paragraph has no label", r"^最後に次回の日程調整を予定しております。$"),
    ("X会長：～あいさつ～", r"^楠会長：～あいさつ～$"),
    ("委員全員：～特になし～", r"^委員全員：～特になし～$"),
    ("a ト書き on its own", r"^～実施機関職員 紹介～$"),
    ("X委員： a member by surname", r"^檜山委員：発行の履歴は市で確認できますか。$"),
    ("実施機関： the agency answers as a body", r"^実施機関：確認できます。$"),
]
ABSENT = [
    ("no （案） stamp", "（案）"),
    ("no 以上", "以上"),
    ("no decision line the record did not hold", "承認される"),
    ("no 〔1日目〕 for a single sitting", "日目"),
]


@pytest.mark.parametrize(("element", "pattern"), ELEMENTS, ids=[e for e, _ in ELEMENTS])
def test_the_yotsukaido_minutes_print_each_element_of_the_reference(db, session, element, pattern):
    md, _, _ = _markdown(db, session.id)
    assert any(re.search(pattern, line) for line in md.splitlines()), md


@pytest.mark.parametrize(("element", "text"), ABSENT, ids=[e for e, _ in ABSENT])
def test_the_yotsukaido_minutes_print_nothing_the_reference_does_not(db, session, element, text):
    md, _, _ = _markdown(db, session.id)
    assert text not in md


def test_the_elements_come_in_the_reference_order(db, session):
    md, _, _ = _markdown(db, session.id)
    lines = md.splitlines()
    places = [
        next(n for n, line in enumerate(lines) if re.search(pattern, line))
        for _, pattern in ELEMENTS
    ]
    assert places == sorted(places)


def test_the_word_file_holds_the_same_elements(db, session, tmp_path):
    _, prepared, template = _markdown(db, session.id)
    doc = Document(render_docx(template.docx, prepared.context, tmp_path / "m.docx"))
    text = [p.text for p in doc.paragraphs]
    cells = [c.text for row in doc.tables[0].rows for c in row.cells]
    assert text[0] == "令和8年度第2回みずなら市情報公開・個人情報保護審査会会議録（会議概要）"
    assert doc.paragraphs[0].style.name == "Title"
    assert cells[:4] == [
        "日　時",
        "令和8年7月14日（火）午後1時30分～午後3時",
        "場　所",
        "みずなら市役所 第1会議室",
    ]
    attendance = cells[5].split("\n")
    assert attendance == [
        "出席委員：楠会長、檜山副会長、椎名委員、柊委員、榎本委員",
        "欠席委員：なし",
        "事務局：松尾総務課長、竹内課長補佐、梅田情報公開室長",
        "実施機関：杉本戸籍住民課長、桐山戸籍住民課長補佐（2議事（1）のみ出席）",
        "オブザーバー：株式会社みずならシステム1人（2議事（1）のみ出席）",
    ]
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["会議次第", "会議の内容"]
    agenda = text[text.index("会議次第") + 1 : text.index("会議の内容")]
    assert [a for a in agenda if a] == [
        "1 会長挨拶",
        "2 議事",
        "(1)オンライン結合による外部提供について（諮問）",
        "(2)その他",
        "3 その他",
    ]
    body = text[text.index("会議の内容") + 1 :]
    assert body[:2] == [
        "事務局：ただ今より、審査会を開催いたします。",
        "最後に次回の日程調整を予定しております。",
    ]
    assert "以上" not in text and "（案）" not in text
    styles = {p.text: p.style.name for p in doc.paragraphs}
    assert styles["楠会長：～あいさつ～"] == "発言"
    assert styles["最後に次回の日程調整を予定しております。"] == "発言続き"
    assert styles["～実施機関職員 紹介～"] == "ト書き"
