"""Consultations (諮問) and agenda items (会議次第の一項目) as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class ItemKind(StrEnum):
    OPENING = "opening"
    PREVIOUS_MINUTES = "previous_minutes"
    CONSULTATION = "consultation"
    REPORT = "report"
    OTHER = "other"
    CLOSING = "closing"
    PROCEEDINGS = "proceedings"
    """A heading (議事, 諮問案件の審議) whose children are numbered under it."""
    NEXT_SESSION = "next_session"
    """次回の開催について: the summary prints the next session's date at it."""

    @property
    def label(self) -> str:
        return {
            "opening": "会長挨拶",
            "previous_minutes": "前回会議の概要報告",
            "consultation": "諮問案件",
            "report": "報告事項",
            "other": "その他",
            "closing": "閉会",
            "proceedings": "議事",
            "next_session": "次回の開催について",
        }[self.value]


class ConsultationKind(StrEnum):
    OUT_OF_PURPOSE = "out_of_purpose"
    EXTERNAL_PROVISION = "external_provision"
    ONLINE_LINK = "online_link"
    NOTICE_OMISSION = "notice_omission"

    @property
    def label(self) -> str:
        return {
            "out_of_purpose": "目的外利用",
            "external_provision": "外部提供",
            "online_link": "オンライン結合",
            "notice_omission": "本人通知の省略",
        }[self.value]


class ConsultationStatus(StrEnum):
    """A consultation's life: filed → on an agenda → deliberated → decided or carried over →
    answered, or withdrawn at any point before the answer."""

    FILED = "filed"
    ON_AGENDA = "on_agenda"
    DELIBERATED = "deliberated"
    DECIDED = "decided"
    CARRIED_OVER = "carried_over"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "filed": "受付",
            "on_agenda": "審議予定",
            "deliberated": "審議中",
            "decided": "決定",
            "carried_over": "継続審議",
            "answered": "答申済",
            "withdrawn": "取下げ",
        }[self.value]


class Outcome(StrEnum):
    """How the council settles a consultation item; the consultation's life follows it."""

    APPROVED = "approved"
    APPROVED_WITH_OPINION = "approved_with_opinion"
    REJECTED = "rejected"
    CARRIED_OVER = "carried_over"
    DIRECTION_APPROVED = "direction_approved"

    @property
    def label(self) -> str:
        return {
            "approved": "承認",
            "approved_with_opinion": "意見を付した上で承認",
            "rejected": "不承認",
            "carried_over": "継続審議",
            "direction_approved": "答申の方向性を了承",
        }[self.value]


@dataclass(frozen=True)
class Department:
    """A department as the city writes it: 部 and 課."""

    bureau: str
    division: str = ""

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.bureau, self.division) if p)


@dataclass(frozen=True)
class Question:
    """One question of a consultation (①②③): what is asked, under which article."""

    kind: ConsultationKind
    article: str
    text: str = ""


@dataclass(frozen=True)
class ConsultationDraft:
    number: str
    title: str
    filed_on: date | None = None
    consulting: tuple[Department, ...] = ()
    """The consulting departments (諮問機関)."""
    using: tuple[Department, ...] = ()
    """The using departments (利用機関), where data is used across departments."""
    questions: tuple[Question, ...] = ()
    materials: tuple[str, ...] = ()
    """Attached materials by name (資料1 …)."""


@dataclass(frozen=True)
class Consultation:
    id: int
    council_id: int
    number: str
    title: str
    filed_on: date | None
    status: ConsultationStatus
    consulting: tuple[Department, ...] = ()
    using: tuple[Department, ...] = ()
    questions: tuple[Question, ...] = ()
    materials: tuple[str, ...] = ()
    answer_number: str = ""
    answered_on: date | None = None

    @property
    def kinds(self) -> tuple[ConsultationKind, ...]:
        return tuple(dict.fromkeys(q.kind for q in self.questions))


@dataclass(frozen=True)
class ConsultationNumber:
    """A consultation item's 【諮問案件N】: N runs through the council's fiscal year, in the order
    consultations are first taken up; one taken up again (the next sitting, a later session)
    keeps its N."""

    number: int
    first_item_id: int
    """The item at which the consultation was first taken up."""


@dataclass(frozen=True)
class AgendaItem:
    id: int
    session_id: int
    position: int
    kind: ItemKind
    title: str
    public: bool = True
    consultation_id: int | None = None
    carried_from_id: int | None = None
    """The item of an earlier session this one continues (前回の補足説明)."""
    sitting_id: int | None = None
    """The sitting (1日目, 2日目…) the item is taken at; None for the first."""
    closed_reason: str = ""
    """Why a closed item is closed, as the documents print it (…条例第N条第N号に該当…)."""
    parent_id: int | None = None
    """The heading the item sits under (2 議事 → (1) (2) …); None for a top-level item."""

    @property
    def carried_over(self) -> bool:
        return self.carried_from_id is not None
