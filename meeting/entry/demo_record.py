"""The record of the demo's past session: roll call, agenda, the lines spoken, the decision.

Everything here is fictional, written for the demo; it follows the shape of a real record.
"""

from __future__ import annotations

from datetime import timedelta

from sqlite_utils import Database

from agendas.consultations import set_status
from agendas.model import Consultation, ConsultationStatus, Department, ItemKind, Outcome
from agendas.store import add_agenda_item, set_item_sitting
from meeting.model import Member, Role, Session
from meeting.quorum import Presence, opening_statement
from meeting.store import list_members
from minutes.model import SpeakerKind, UtteranceKind
from minutes.opinions import OpinionKind, add_opinion
from minutes.roll import OtherKind, add_other, quorum_for, set_presence, set_public_attendees
from minutes.speakers import Speaker
from minutes.store import record_decision
from minutes.utterances import enter_line

ABSENT = "平井 恵子"
ABSENT_DAY_TWO = "大野 真理"
LATE = "田辺 誠"
ONLINE = "佐伯 由美"
# (kind, department or an observer's organisation, title, name, headcount, the item attended)
_OTHERS_PRESENT = [
    (OtherKind.SECRETARIAT, "総務部／総務課", "課長", "安藤 直樹", 1, ""),
    (OtherKind.SECRETARIAT, "総務部／総務課", "情報公開係長", "松井 彩", 1, ""),
    (OtherKind.AGENCY, "教育部／中央図書館", "館長", "岡部 光", 1, "library"),
    (OtherKind.AGENCY, "教育部／中央図書館", "主査", "関 智子", 1, "library"),
    (OtherKind.AGENCY, "危機管理部／防災課", "課長", "三宅 剛", 1, "bousai"),
    (OtherKind.AGENCY, "福祉部／障がい福祉課", "係長", "内田 萌", 1, "bousai"),
    (OtherKind.OBSERVER, "株式会社ひばりデジタル", "", "", 2, "library"),
]
_DAY_TWO = ("bousai", "その他", "次回の開催について")
"""The items taken on the second day."""
CLOSING = {
    "library": (
        Outcome.APPROVED_WITH_OPINION,
        "—提供する項目を示すよう意見を付した上で、承認される。—",
    ),
    "bousai": (Outcome.CARRIED_OVER, "—次回の審議会で改めて説明することとなる。—"),
}
OPINIONS = {
    "library": (
        OpinionKind.RIDER,
        "電子図書館の利用の申込みの際に、事業者に提供する項目及び消去の時期を、申込者に分かり"
        "やすく示すこと。",
    ),
}
"""The opinion attached to a decision: it prints at the item, and in the answer."""

# Items as (kind, title or consultation key, lines); a line is (who, text), where who is
# "会長", "事務局", "実施機関", "委員全員", "～" (a narration), "＋" (a new paragraph of the
# previous speaker's turn) or a member's name. The items
# after 議事 up to その他 are its children: 2 議事 (1) (2) (3).
_UNDER_HEADING = ("前回会議の概要報告", "library", "bousai")
_LINES: list[tuple[ItemKind, str, list[tuple[str, str]]]] = [
    (
        ItemKind.OPENING,
        "会長挨拶",
        [
            ("事務局", "ただ今より、{title}を開催いたします。"),
            ("会長", "～あいさつ～"),
            ("会長", "{quorum}"),
        ],
    ),
    (ItemKind.PROCEEDINGS, "議事", []),
    (
        ItemKind.PREVIOUS_MINUTES,
        "前回会議の概要報告",
        [
            ("事務局", "前回会議の会議概要について、お手元の資料1のとおりご報告いたします。"),
            ("委員全員", "～了承～"),
            ("～", "—前回会議の会議概要は、原案のとおり確定される。—"),
        ],
    ),
    (
        ItemKind.CONSULTATION,
        "library",
        [
            ("会長", "それでは、諮問案件について、実施機関から説明をお願いします。"),
            ("～", "～実施機関職員による説明～"),
            ("石田 健一", "事業者に提供する項目は、利用者番号と氏名のほかに何がありますか。"),
            (
                "実施機関",
                "利用者番号、氏名、メールアドレスの3項目で、住所や生年月日は提供いたしません。",
            ),
            ("佐伯 由美", "事業者のサーバはどこにありますか。また、保存期間の定めはありますか。"),
            (
                "実施機関",
                "国内のデータセンターにあり、契約上、利用登録の抹消から30日以内に消去することとしております。",
            ),
            ("＋", "消去したときは、事業者から消去を証する書面を提出させることとしております。"),
            ("大野 真理", "電子図書館を使わない市民の情報まで提供されることはありませんか。"),
            ("実施機関", "電子図書館の利用を申し込んだ方の情報のみを提供いたします。"),
            (
                "大野 真理",
                "申し込む方が、事業者に提供される項目を申込みの時点で分かるようにしていただきたい。",
            ),
            (
                "会長",
                "ただ今の大野委員のご意見を付した上で、承認としてよろしいでしょうか。",
            ),
            ("委員全員", "～異議なし～"),
            (
                "～",
                "—提供する項目を示すよう意見を付した上で、承認される。—",
            ),
            ("～", "～実施機関退室～"),
        ],
    ),
    (
        ItemKind.CONSULTATION,
        "bousai",
        [
            ("会長", "次に、防災アプリに関する諮問について、実施機関から説明をお願いします。"),
            ("～", "～実施機関職員による説明～"),
            (
                "北村 浩二",
                "アプリの事業者が名簿の情報を他の目的に使わないことは、どう担保されますか。",
            ),
            ("実施機関", "契約書の案を現在調整中で、本日はお示しできる段階にありません。"),
            ("小川 亮", "本人が名簿への掲載を望まない場合の手続も、あわせて示していただきたい。"),
            ("会長", "契約書の案と手続を整理のうえ、次回改めて説明をお願いします。"),
            ("委員全員", "～了承～"),
            ("～", "—次回の審議会で改めて説明することとなる。—"),
        ],
    ),
    (
        ItemKind.OTHER,
        "その他",
        [
            ("会長", "その他、事務局から何かございますか。"),
            ("事務局", "来年度の委員研修の日程について、追ってご案内いたします。"),
        ],
    ),
    (
        ItemKind.NEXT_SESSION,
        "次回の開催について",
        [
            ("事務局", "次回の審議会は、お手元の日程案のとおり開催したいと考えております。"),
            ("委員全員", "～了承～"),
            ("会長", "以上をもちまして、本日の審議会を閉会いたします。"),
        ],
    ),
]


def write_demo_record(
    db: Database, session: Session, title: str, consultations: dict[str, Consultation]
) -> None:
    sitting, day_two = session.sittings[0], session.sittings[-1]
    members = list_members(db, session.council_id, on=sitting.starts_at.date())
    by_name = {m.name: m for m in members}
    chair = next(m for m in members if m.role is Role.CHAIR)
    late = by_name[LATE]
    for member in members:
        presence = Presence(member.name != ABSENT, online=member.name == ONLINE)
        if member is late:
            presence = Presence(True, arrived_at=sitting.starts_at + timedelta(minutes=15))
        set_presence(db, session.id, sitting.id, member.id, presence)
        if day_two is not sitting:
            set_presence(
                db, session.id, day_two.id, member.id, Presence(member.name != ABSENT_DAY_TWO)
            )
    set_public_attendees(db, sitting.id, 2)
    quorum = opening_statement(quorum_for(db, session.id, sitting.starts_at))

    at = sitting.starts_at
    items: dict[str, int] = {}
    heading = None
    for kind, item_title, lines in _LINES:
        consultation = consultations.get(item_title)
        item = add_agenda_item(
            db,
            session.id,
            kind,
            "" if consultation else item_title,
            consultation_id=consultation.id if consultation else None,
            parent_id=heading.id if heading and item_title in _UNDER_HEADING else None,
        )
        items[item_title] = item.id
        if item_title in _DAY_TWO and day_two is not session.sittings[0]:
            item = set_item_sitting(db, item.id, day_two.id)
            if sitting is not day_two:
                sitting, at = day_two, day_two.starts_at
        if kind is ItemKind.PROCEEDINGS:
            heading = item
        for who, text in lines:
            at += timedelta(minutes=3)
            text = text.format(title=title, quorum=quorum)
            if who == "＋":  # the same path as the clerk's key for a new paragraph
                enter_line(
                    db,
                    session.id,
                    text,
                    at=at,
                    agenda_item_id=item.id,
                    speaker=None,
                    sitting_id=sitting.id,
                    continues=True,
                )
                continue
            line_kind, speaker_kind, member_id = _speaker(who, by_name, chair)
            is_narration = line_kind is UtteranceKind.NARRATION
            enter_line(  # the same path as the clerk's Enter
                db,
                session.id,
                text,
                at=at,
                agenda_item_id=item.id,
                speaker=None
                if is_narration or speaker_kind is None
                else Speaker(speaker_kind, member_id),
                narration=is_narration,
                sitting_id=sitting.id,
            )
        if consultation is not None:
            outcome, narration = CLOSING[item_title]
            decision = record_decision(
                db,
                item.id,
                outcome,
                at=at,
                narration=narration,
                quorum=quorum_for(db, session.id, at, agenda_item_id=item.id),
            )
            if item_title in OPINIONS:
                add_opinion(db, decision.id, *OPINIONS[item_title])
            set_status(db, consultation.id, ConsultationStatus.DELIBERATED)
            set_status(
                db,
                consultation.id,
                ConsultationStatus.CARRIED_OVER
                if outcome is Outcome.CARRIED_OVER
                else ConsultationStatus.DECIDED,
            )

    for other_kind, where, job, name, count, attended in _OTHERS_PRESENT:
        observer = other_kind is OtherKind.OBSERVER
        add_other(
            db,
            session.id,
            other_kind,
            organisation=where if observer else "",
            department=Department() if observer else Department(*where.split("／")),
            title=job,
            name=name,
            headcount=count,
            item_ids=[items[attended]] if attended else [],
        )


_OTHERS = {
    "事務局": SpeakerKind.SECRETARIAT,
    "実施機関": SpeakerKind.AGENCY,
    "委員全員": SpeakerKind.ALL_MEMBERS,
}


def _speaker(
    who: str, by_name: dict[str, Member], chair: Member
) -> tuple[UtteranceKind, SpeakerKind | None, int | None]:
    if who == "～":
        return UtteranceKind.NARRATION, None, None
    if who == "会長":
        return UtteranceKind.SPEECH, SpeakerKind.MEMBER, chair.id
    if who in by_name:
        return UtteranceKind.SPEECH, SpeakerKind.MEMBER, by_name[who].id
    return UtteranceKind.SPEECH, _OTHERS[who], None
