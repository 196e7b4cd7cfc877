"""The answer (答申) to a consultation: the texts the record does not hold.

The record gives the consultation, its questions, the decision and the opinions attached to
it; the council's own words — the conclusion on each question, the summary of what was asked,
its reasoning, any further remarks, and the addressee — are written by the clerk in the app
and saved with the answer (``answers.body``, JSON). The document is made again from them
each time, so a correction never means retyping the answer.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from agendas.consultations import get_consultation
from agendas.model import Consultation, Outcome, Question
from meeting.db_writes import immediate
from meeting.errors import InputError
from meeting.model import Council
from meeting.store import get_council
from minutes.model import Decision
from minutes.opinions import Opinion, opinions
from minutes.store.answers import answer_body, write_answer_body
from minutes.store.decisions import decisions_on
from minutes.utterances import keep_text

_TEXT_LIMIT = 20_000


@dataclass(frozen=True)
class AnswerText:
    """What the clerk writes for an answer. Empty fields fall back to a draft from the record."""

    addressee: str = ""
    """ひばり野市長　○○　○○　様; by default the municipality's head with 様."""
    conclusions: tuple[str, ...] = ()
    """答申の内容, one per question (①②③), in the consultation's order."""
    summary: str = ""
    """諮問の概要."""
    basis: str = ""
    """諮問する根拠: the articles the consultation is made under and why the council is asked;
    paragraphs on the ladder, as the reasoning."""
    claims: str = ""
    """実施機関の主張要旨: what the department said for it; 「・」 bullets, （１）… under one."""
    reasoning: str = ""
    """審議会の意見: paragraphs; a line starting 1　/ (1)　/ ア　is a heading of that level."""
    remarks: str = ""
    """付言事項 the council adds beyond the opinions attached to its decision."""
    subject_questions: bool = False
    """審査した情報の件名又は内容 as the consultation's questions ①②③ with their articles,
    rather than its title."""
    number_unknown: bool = False
    """The answer has no number (or it is not known yet): none is printed, and none is asked."""
    date_unknown: bool = False
    """The answer's date is not known yet: none is printed, and none is asked."""


def answer_text(db: Database, consultation_id: int) -> AnswerText:
    """The saved texts, with each empty one drafted from the record."""
    c = get_consultation(db, consultation_id)
    return answer_text_of(db, c, draft_answer(db, c))


def answer_text_of(db: Database, c: Consultation, draft: AnswerText) -> AnswerText:
    """The saved texts of ``c``'s answer, each empty one taken from ``draft``
    (:func:`draft_of`): only the saved texts are read."""
    body = answer_body(db, c.id)
    saved = _from_json(body) if body is not None else AnswerText()
    keys = _saved_keys(body) if body is not None else None
    if keys is not None and len(keys) == len(saved.conclusions):
        # Matched by question, not by place: editing the register may reorder or drop one.
        by_key = dict(zip(keys, saved.conclusions, strict=True))
        mine = [by_key.get(_key(q), "") for q in c.questions]
    else:
        mine = list(saved.conclusions)
    conclusions = tuple(
        (mine[i] if i < len(mine) else "") or draft.conclusions[i] for i in range(len(c.questions))
    )
    return AnswerText(
        addressee=saved.addressee or draft.addressee,
        conclusions=conclusions,
        summary=saved.summary or draft.summary,
        basis=saved.basis,
        claims=saved.claims,
        reasoning=saved.reasoning,
        remarks=saved.remarks,
        subject_questions=saved.subject_questions,
        number_unknown=saved.number_unknown,
        date_unknown=saved.date_unknown,
    )


def save_answer_text(
    db: Database, consultation_id: int, text: AnswerText, *, at: datetime
) -> AnswerText:
    c = get_consultation(db, consultation_id)
    if len(text.conclusions) != len(c.questions):
        raise InputError(
            "答申の内容",
            f"諮問の問い（{len(c.questions)}件）と同じ数の結論を入れてください"
            f"（いまは{len(text.conclusions)}件）",
        )
    for label, value in (
        ("あて先", text.addressee),
        ("諮問の概要", text.summary),
        ("諮問する根拠", text.basis),
        ("実施機関の主張要旨", text.claims),
        ("審議会の意見", text.reasoning),
        ("付言事項", text.remarks),
        *((f"答申の内容{i + 1}", v) for i, v in enumerate(text.conclusions)),
    ):
        if len(value) > _TEXT_LIMIT:
            raise InputError(label, f"{len(value)}字は長すぎます（{_TEXT_LIMIT}字まで）")
    clean = replace(
        text,
        addressee=keep_text(text.addressee).strip(),
        conclusions=tuple(keep_text(t).strip() for t in text.conclusions),
        summary=keep_text(text.summary).strip("\n"),
        basis=keep_text(text.basis).strip("\n"),
        claims=keep_text(text.claims).strip("\n"),
        reasoning=keep_text(text.reasoning).strip("\n"),
        remarks=keep_text(text.remarks).strip("\n"),
    )
    body = json.dumps(
        {**asdict(clean), "questions": [_key(q) for q in c.questions]}, ensure_ascii=False
    )
    with immediate(db):
        write_answer_body(db, consultation_id, body, at=at)
    return answer_text(db, consultation_id)


def draft_answer(db: Database, c: Consultation) -> AnswerText:
    """What the record already says: the addressee, a conclusion per question, the summary."""
    return draft_of(c, get_council(db, c.council_id), final_decision(db, c.id))


def draft_of(c: Consultation, council: Council, final: Decision | None) -> AnswerText:
    """:func:`draft_answer` from the consultation's council and settling decision, already
    read."""
    verdict = {
        Outcome.APPROVED: "妥当であると認める。",
        Outcome.APPROVED_WITH_OPINION: "付言事項に留意の上、実施することが妥当であると認める。",
        Outcome.REJECTED: "妥当であるとは認められない。",
    }.get(final.outcome if final else Outcome.CARRIED_OVER, "")
    conclusions = tuple(
        f"{q.kind.label}（{q.article}）については、{verdict}" if verdict else ""
        for q in c.questions
    )
    departments = "、".join(d.label for d in c.consulting) or "実施機関"
    asked = "及び".join(f"{q.kind.label}（{q.article}）" for q in c.questions)
    summary = f"{departments}から、{asked}について、審議会の意見を求められたもの。"
    if c.using:
        summary += "利用機関は" + "、".join(d.label for d in c.using) + "である。"
    head = f"{council.municipality}長" if council.municipality else "市長"
    return AnswerText(addressee=f"{head}　様", conclusions=conclusions, summary=summary)


def final_decision(db: Database, consultation_id: int) -> Decision | None:
    """The decision that settles the consultation (the last one not carrying it over)."""
    settled = [
        d for d in decisions_on(db, consultation_id) if d.outcome is not Outcome.CARRIED_OVER
    ]
    return settled[-1] if settled else None


def attached_opinions(db: Database, consultation_id: int) -> list[Opinion]:
    """The opinions attached to the settling decision: they print as 付言事項."""
    final = final_decision(db, consultation_id)
    return opinions(db, final.id) if final else []


def _key(q: Question) -> str:
    return f"{q.kind.value}|{q.article}"


def _saved_keys(body: str) -> list[str] | None:
    try:
        data = json.loads(body or "{}")
    except json.JSONDecodeError:
        return None
    keys = data.get("questions") if isinstance(data, dict) else None
    return [str(k) for k in keys] if isinstance(keys, list) else None


def _from_json(body: str) -> AnswerText:
    try:
        data: dict[str, Any] = json.loads(body or "{}")
    except json.JSONDecodeError:
        return AnswerText()
    if not isinstance(data, dict):
        return AnswerText()
    return AnswerText(
        addressee=str(data.get("addressee", "")),
        conclusions=tuple(str(t) for t in data.get("conclusions", ())),
        summary=str(data.get("summary", "")),
        basis=str(data.get("basis", "")),
        claims=str(data.get("claims", "")),
        reasoning=str(data.get("reasoning", "")),
        remarks=str(data.get("remarks", "")),
        subject_questions=data.get("subject_questions") is True,
        number_unknown=data.get("number_unknown") is True,
        date_unknown=data.get("date_unknown") is True,
    )
