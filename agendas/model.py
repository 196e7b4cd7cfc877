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


class CaseKind(StrEnum):
    """What the council is consulted on: a question of a department (諮問), or an appeal
    against a disclosure decision (審査請求) that the executive body brings to a 審査会."""

    CONSULTATION = "consultation"
    APPEAL = "appeal"

    @property
    def label(self) -> str:
        return {"consultation": "諮問", "appeal": "審査請求"}[self.value]


class Disposition(StrEnum):
    """The decision an appeal is brought against (処分)."""

    NON_DISCLOSURE = "non_disclosure"
    PARTIAL_DISCLOSURE = "partial_disclosure"
    REFUSAL_TO_CONFIRM = "refusal_to_confirm"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "non_disclosure": "不開示",
            "partial_disclosure": "部分開示",
            "refusal_to_confirm": "存否応答拒否",
            "other": "その他",
        }[self.value]


class Conclusion(StrEnum):
    """The kind of an appeal's answer; the answer's own words are ``conclusion_text``."""

    APPROPRIATE = "appropriate"
    REVOKE = "revoke"
    DISCLOSE_PART = "disclose_part"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "appropriate": "妥当である",
            "revoke": "取り消すべき",
            "disclose_part": "一部を開示すべき",
            "other": "その他",
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


@dataclass(frozen=True, init=False)
class Department:
    """A department as the city writes it: a path of any depth (部 / 所 / 課 / 係), printed
    joined as the council writes it (〇〇部〇〇保健所△△課). ``Department("総務部", "総務課")``."""

    path: tuple[str, ...]

    def __init__(self, *parts: str, path: tuple[str, ...] = ()) -> None:
        given = (*parts, *path)  # by its parts, or by ``path=`` (as dataclasses.replace does)
        object.__setattr__(self, "path", tuple(p.strip() for p in given if p.strip()))

    @property
    def label(self) -> str:
        return "".join(self.path)

    def covers(self, other: Department) -> bool:
        """The same department, one above or below it (教育部 and 教育部中央図書館), or the same
        written without the parts above it (市民課 for 市民部市民課)."""
        shorter = min(len(self.path), len(other.path))
        if not shorter:
            return False
        return (
            self.path[:shorter] == other.path[:shorter]
            or self.path[-shorter:] == other.path[-shorter:]
        )


@dataclass(frozen=True)
class Question:
    """One question of a consultation (①②③): what is asked, under which article."""

    kind: ConsultationKind
    article: str
    text: str = ""


@dataclass(frozen=True)
class Section:
    """One free section of the 諮問書's body (業務概要, 提供する個人情報…): a heading and its
    text, in which lines with cells separated by ｜ (or a tab) make a simple table."""

    heading: str
    text: str = ""


@dataclass(frozen=True)
class Appeal:
    """What a 審査請求 case holds besides a consultation's facts: the decision appealed (処分:
    its kind, its words, date and number) and the day the appeal was made. The appellant is
    not here (see :class:`Appellant`), so that nothing made from a consultation can print it."""

    disposition: Disposition | None = None
    disposition_detail: str = ""
    """What was decided, in the decision's words (…の部分開示決定)."""
    disposition_on: date | None = None
    disposition_number: str = ""
    appealed_on: date | None = None


@dataclass(frozen=True)
class Appellant:
    """The person who appealed (審査請求人): personal data, stored and shown to the clerk,
    never printed in a public document. Read only by ``get_appellant``."""

    name: str = ""
    address: str = ""
    contact: str = ""

    @property
    def empty(self) -> bool:
        return not (self.name.strip() or self.address.strip() or self.contact.strip())


@dataclass(frozen=True)
class Extension:
    """The answer's deadline moved (延長): to when, why, decided on which day."""

    extended_to: date
    reason: str
    decided_on: date | None = None
    id: int = 0


@dataclass(frozen=True)
class ConsultationDraft:
    number: str
    """Empty while the consultation is not yet numbered: nothing is printed for it."""
    title: str
    filed_on: date | None = None
    consulting: tuple[Department, ...] = ()
    """The consulting departments (諮問機関)."""
    using: tuple[Department, ...] = ()
    """The using departments (利用機関), where data is used across departments."""
    questions: tuple[Question, ...] = ()
    materials: tuple[str, ...] = ()
    """The session's materials for it, by name (資料1 …)."""
    kind: CaseKind = CaseKind.CONSULTATION
    sender: str = ""
    """Who sends the 諮問書 (ひばり野市長　高野　誠一, ひばり野市教育委員会); the consulting
    departments print under it."""
    consulted_under: str = ""
    """The article this case is consulted under when it is not the council's own (an appeal
    under the 情報公開条例 to a council consulted under the 個人情報 ordinance)."""
    sections: tuple[Section, ...] = ()
    attachments: tuple[str, ...] = ()
    """The 諮問書's attachments by name, printed 別紙1, 別紙2…"""
    appeal: Appeal = Appeal()
    answer_due: date | None = None
    """The answer's first deadline; extensions move it (see ``Consultation.due``)."""
    conclusion: Conclusion | None = None
    conclusion_text: str = ""
    appellant: Appellant | None = None
    """Written with an appeal (None leaves the one stored as it is, an empty one removes it);
    never read back into a :class:`Consultation`."""


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
    kind: CaseKind = CaseKind.CONSULTATION
    sender: str = ""
    consulted_under: str = ""
    sections: tuple[Section, ...] = ()
    attachments: tuple[str, ...] = ()
    appeal: Appeal = Appeal()
    answer_due: date | None = None
    extensions: tuple[Extension, ...] = ()
    """In the order they were decided; the last one's date is the deadline."""
    withdrawn_on: date | None = None
    conclusion: Conclusion | None = None
    conclusion_text: str = ""

    @property
    def kinds(self) -> tuple[ConsultationKind, ...]:
        return tuple(dict.fromkeys(q.kind for q in self.questions))

    @property
    def is_appeal(self) -> bool:
        return self.kind is CaseKind.APPEAL

    @property
    def due(self) -> date | None:
        """The answer's deadline as it stands: the last extension's, or the first."""
        return self.extensions[-1].extended_to if self.extensions else self.answer_due

    @property
    def conclusion_line(self) -> str:
        """The answer's conclusion as documents print it: its words, else its kind."""
        text = self.conclusion_text.strip()
        return text or (self.conclusion.label if self.conclusion else "")


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
