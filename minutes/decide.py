"""Closing an item: the decision stamped with the quorum, its opinions, the next status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from agendas.consultations import get_consultation, set_status
from agendas.model import ConsultationStatus, ItemKind, Outcome
from agendas.store import get_item
from meeting.errors import InputError
from minutes.model import Decision
from minutes.opinions import OpinionKind, add_opinion
from minutes.roll import quorum_for
from minutes.store import record_decision
from minutes.utterances import enter_line


@dataclass(frozen=True)
class DecisionDraft:
    outcome: Outcome
    narration: str
    follow_up: str = ""
    """With 継続審議: what is to come back."""
    opinion_kind: OpinionKind = OpinionKind.RIDER
    opinion: str = ""
    override_reason: str = ""


def decide(
    db: Database,
    agenda_item_id: int,
    draft: DecisionDraft,
    *,
    at: datetime,
    sitting_id: int | None = None,
) -> Decision:
    """Record the decision of a consultation item and move the consultation along its life."""
    item = get_item(db, agenda_item_id)
    if item.kind is not ItemKind.CONSULTATION or item.consultation_id is None:
        raise InputError(
            "決定", "決定を記録できるのは諮問案件だけです（報告事項は決定なしで終わります）"
        )
    if not draft.narration.strip():
        raise InputError("結びの文", "会議録に載せる結びの文を入れてください")
    if draft.outcome is Outcome.APPROVED_WITH_OPINION and not draft.opinion.strip():
        raise InputError("意見", "意見を付した上で承認するときは、意見の文を入れてください")
    quorum = quorum_for(db, item.session_id, at, sitting_id=sitting_id, agenda_item_id=item.id)
    decision = record_decision(
        db,
        item.id,
        draft.outcome,
        at=at,
        narration=draft.narration.strip(),
        quorum=quorum,
        override_reason=draft.override_reason,
        follow_up=draft.follow_up,
    )
    if draft.opinion.strip():
        add_opinion(db, decision.id, draft.opinion_kind, draft.opinion)
    # The closing narration is a line of the record, in its place among the lines.
    enter_line(
        db,
        item.session_id,
        draft.narration.strip(),
        at=at,
        agenda_item_id=item.id,
        speaker=None,
        narration=True,
        sitting_id=sitting_id,
    )
    _advance(db, item.consultation_id, draft.outcome)
    return decision


def _advance(db: Database, consultation_id: int, outcome: Outcome) -> None:
    status = get_consultation(db, consultation_id).status
    if status in (ConsultationStatus.ON_AGENDA, ConsultationStatus.FILED):
        if status is ConsultationStatus.FILED:
            set_status(db, consultation_id, ConsultationStatus.ON_AGENDA)
        set_status(db, consultation_id, ConsultationStatus.DELIBERATED)
        status = ConsultationStatus.DELIBERATED
    target = (
        ConsultationStatus.CARRIED_OVER
        if outcome is Outcome.CARRIED_OVER
        else ConsultationStatus.DECIDED
    )
    if status is not target and status in (
        ConsultationStatus.DELIBERATED,
        ConsultationStatus.CARRIED_OVER,
    ):
        set_status(db, consultation_id, target)
