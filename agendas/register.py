"""Rules of the consultations' register as the clerk fills it in."""

from __future__ import annotations

from datetime import date

from agendas.model import Consultation
from agendas.rules import parse_article
from meeting.dates import parse_date
from meeting.errors import InputError


def flagged_articles(consultation: Consultation) -> list[str]:
    """Articles that do not read as 条例第N条第N項第N号: kept as typed, but the clerk is told."""
    return [q.article for q in consultation.questions if parse_article(q.article) is None]


def parse_answer(text: str) -> tuple[str, date]:
    """「答申第3号 令和9年2月1日」: the answer's number, then its date after the last space."""
    number, _, day = text.rpartition(" ")
    if not number.strip():
        raise InputError(
            "答申", "「答申番号 日付」の形で入れてください（例: 答申第3号 令和9年2月1日）"
        )
    return number.strip(), parse_date(day, field="答申日")
