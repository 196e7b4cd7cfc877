"""The demo's consultations and the agenda of its upcoming session (fictional, like the city)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlite_utils import Database

from agendas.consultations import add_consultation
from agendas.model import (
    AgendaItem,
    Consultation,
    ConsultationDraft,
    ConsultationKind,
    Department,
    ItemKind,
    Question,
)
from agendas.store import add_agenda_item, add_offered, offered_items
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
    return {key: add_consultation(db, council_id, d, now=now) for key, d in _DRAFTS.items()}


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
        replace(text, addressee="ひばり野市長　高野　誠一　様", reasoning=_LIBRARY_REASONING),
        at=at,
    )
    record_answer(db, consultation.id, number="答申第5号", answered_on=answered_on)
