"""The demo's consultations and the agenda of its upcoming session (fictional, like the city)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from agendas.consultations import add_consultation, extend
from agendas.model import (
    AgendaItem,
    Appeal,
    Appellant,
    CaseKind,
    Consultation,
    ConsultationDraft,
    ConsultationKind,
    Department,
    Disposition,
    Extension,
    ItemKind,
    Question,
    Section,
)
from agendas.store import add_agenda_item, add_offered, offered_items
from meeting.dates import to_tokyo
from meeting.model import Session

_DRAFTS: dict[str, ConsultationDraft] = {
    "library": ConsultationDraft(
        number="8ひ図第112号",
        title="電子図書館サービス導入に伴う利用者情報の外部提供について（諮問）",
        filed_on=date(2026, 9, 24),
        consulting=(Department("教育部", "中央図書館"),),
        questions=(
            Question(
                ConsultationKind.EXTERNAL_PROVISION,
                "条例第10条第1項第4号",
                "電子図書館サービスの利用登録のため、利用者番号、氏名及びメールアドレスを"
                "サービス提供事業者に提供すること",
            ),
        ),
        materials=("資料1 諮問書", "資料2 電子図書館サービスの概要"),
    ),
    "bousai": ConsultationDraft(
        number="8ひ危第57号",
        title="防災アプリによる避難行動要支援者情報のオンライン結合及び目的外利用について（諮問）",
        filed_on=date(2026, 10, 2),
        consulting=(Department("危機管理部", "防災課"),),
        using=(Department("福祉部", "障がい福祉課"),),
        questions=(
            Question(
                ConsultationKind.ONLINE_LINK,
                "条例第11条第1項",
                "避難行動要支援者名簿の情報を防災アプリの事業者サーバに結合すること",
            ),
            Question(
                ConsultationKind.OUT_OF_PURPOSE,
                "条例第9条第2項第4号",
                "障がい福祉課が保有する障害者手帳の等級情報を名簿作成に利用すること",
            ),
        ),
        materials=("資料3 諮問書", "資料4 防災アプリの画面と項目一覧"),
        sender="ひばり野市長　高野　誠一",
        sections=(
            Section(
                "業務の概要",
                "災害時に自ら避難することが難しい方の避難を支援するため、防災アプリにより、"
                "避難支援者が要支援者の所在と支援の要否を確認できるようにする。",
            ),
            Section(
                "提供する個人情報",
                "項目｜内容\n氏名｜避難行動要支援者の氏名\n住所｜自宅の所在地\n"
                "支援の区分｜障害者手帳の等級から定める区分（3区分）",
            ),
            Section("実施の時期", "令和9年4月1日から"),
        ),
        attachments=("防災アプリの画面の構成", "事業者との契約書（案）"),
    ),
    "kenshin": ConsultationDraft(
        number="8ひ健第88号",
        title="がん検診の受診勧奨のための国民健康保険加入者情報の目的外利用について（諮問）",
        filed_on=date(2026, 11, 10),
        consulting=(Department("健康部", "健康づくり課"),),
        using=(Department("市民部", "保険年金課"),),
        questions=(
            Question(
                ConsultationKind.OUT_OF_PURPOSE,
                "条例第9条第3項第4号",
                "国民健康保険の加入者の氏名、住所及び年齢を受診勧奨の通知に利用すること",
            ),
        ),
        materials=("資料5 諮問書",),
    ),
}


def add_demo_consultations(
    db: Database, council_id: int, *, now: datetime
) -> dict[str, Consultation]:
    found = {key: add_consultation(db, council_id, d, now=now) for key, d in _DRAFTS.items()}
    found["appeal"] = _add_demo_appeal(db, council_id, now=now)
    return found


def _add_demo_appeal(db: Database, council_id: int, *, now: datetime) -> Consultation:
    """A 審査請求 brought to the council two months ago, its deadline extended once and
    falling due within the month (its dates follow ``now``; the appellant is fictional)."""
    today = to_tokyo(now).date()
    filed = today - timedelta(days=60)
    appeal = add_consultation(
        db,
        council_id,
        ConsultationDraft(
            number="8ひ道第201号",
            title="公文書部分開示決定に対する審査請求について（諮問）",
            kind=CaseKind.APPEAL,
            filed_on=filed,
            sender="ひばり野市長　高野　誠一",
            consulted_under="ひばり野市情報公開条例第19条第1項",
            consulting=(Department("都市整備部", "道路管理課"),),
            appeal=Appeal(
                disposition=Disposition.PARTIAL_DISCLOSURE,
                disposition_detail="市道の補修工事に係る業務委託契約書の部分開示決定",
                disposition_on=filed - timedelta(days=45),
                disposition_number="8ひ道第140号",
                appealed_on=filed - timedelta(days=20),
            ),
            answer_due=filed + timedelta(days=60),
            appellant=Appellant("松本 和夫", "ひばり野市みどり町2丁目5番8号", "090-0000-1234"),
        ),
        now=now,
    )
    return extend(
        db,
        appeal.id,
        Extension(
            filed + timedelta(days=85),
            "実施機関への追加の説明の求めに時間を要するため",
            decided_on=today - timedelta(days=3),
        ),
    )


def write_upcoming_agenda(
    db: Database, session: Session, consultations: dict[str, Consultation]
) -> list[AgendaItem]:
    """The next session takes the carried-over consultation first, then the new one."""
    opening = add_agenda_item(db, session.id, ItemKind.OPENING)
    heading = add_agenda_item(db, session.id, ItemKind.PROCEEDINGS)
    items = [
        opening,
        heading,
        add_agenda_item(db, session.id, ItemKind.PREVIOUS_MINUTES, parent_id=heading.id),
    ]
    for consultation, previous in offered_items(db, session.council_id):
        if consultation.id in (consultations["bousai"].id, consultations["kenshin"].id):
            items.append(add_offered(db, session.id, consultation, previous, parent_id=heading.id))
    items.append(
        add_agenda_item(
            db,
            session.id,
            ItemKind.REPORT,
            "令和7年度個人情報保護制度の運用状況について",
            parent_id=heading.id,
        )
    )
    items.append(add_agenda_item(db, session.id, ItemKind.NEXT_SESSION, "次回の日程について"))
    return items


_LIBRARY_REASONING = """\
1　公益上の必要性について
電子図書館サービスは、来館が難しい市民にも資料を届けるものであり、利用登録のために必要な最小限の項目を事業者に提供することには、公益上の必要性が認められる。
2　個人情報の保護のための措置について
(1)　提供する項目
提供する項目は利用者番号、氏名及びメールアドレスに限られ、貸出の履歴は事業者に提供されない。
(2)　事業者の管理
契約において目的外の利用及び再委託の禁止、契約終了後の消去が定められており、必要な措置が講じられていると認められる。"""

_LIBRARY_BASIS = """\
実施機関は、条例第10条第1項の規定により、原則として、保有する個人情報を実施機関以外のものに提供してはならないこととされている。
その例外として、同項第4号の規定による「公益上の必要その他相当の理由があると認められるとき」に該当するか否かを審議会に諮問するものである。"""

_LIBRARY_CLAIMS = """\
・　来館が難しい市民にも資料を届けるため、令和9年1月から電子図書館サービスを開始する予定である。
・　利用登録のため、利用者番号、氏名及びメールアドレスを事業者に提供する必要がある。
・　個人情報の保護のため、次の措置を講じる。
（１）　貸出の履歴は事業者に提供しない。
（２）　契約において目的外の利用及び再委託を禁止し、契約終了後に消去させる。
・　以上から、公益上の必要があり、保護の措置も講じられていると考え、意見を求める。"""


def write_demo_answer(
    db: Database, consultation: Consultation, *, answered_on: date, at: datetime
) -> None:
    """The answer to the consultation approved at the past session: texts, number and date."""
    from agendas.consultations import record_answer
    from minutes.answers import answer_text, save_answer_text

    text = answer_text(db, consultation.id)
    save_answer_text(
        db,
        consultation.id,
        replace(
            text,
            addressee="ひばり野市長　高野　誠一　様",
            basis=_LIBRARY_BASIS,
            claims=_LIBRARY_CLAIMS,
            reasoning=_LIBRARY_REASONING,
        ),
        at=at,
    )
    record_answer(db, consultation.id, number="答申第5号", answered_on=answered_on)
