"""The council, its roster and its sessions, as plain values.

Names follow the council's glossary (会議 Session, 日程 Sitting, 委員 Member…). Enum values are
what the database stores; ``label`` is what the clerk reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class CouncilKind(StrEnum):
    SHINGIKAI = "審議会"
    SHINSAKAI = "審査会"

    @property
    def label(self) -> str:
        return self.value


class SpeakerNames(StrEnum):
    """Whether the records name speakers (酒井会長：) or anonymise them ((A委員))."""

    NAMED = "named"
    ANONYMISED = "anonymised"

    @property
    def label(self) -> str:
        return {"named": "氏名を記載", "anonymised": "匿名（A委員…）"}[self.value]


class RequestWording(StrEnum):
    """How the 諮問書 asks: 「…の規定により、次のとおり諮問します」 or 「…意見を求めます」."""

    CONSULT = "consult"
    OPINION = "opinion"

    @property
    def label(self) -> str:
        return {"consult": "諮問します", "opinion": "意見を求めます"}[self.value]


class AnnualConclusions(StrEnum):
    """Whether the year's table (運用状況) gives a conclusion per item or one per session."""

    ITEM = "item"
    SESSION = "session"

    @property
    def label(self) -> str:
        return {"item": "議題ごと", "session": "会議ごと"}[self.value]


class StaffNames(StrEnum):
    """How the records name staff (事務局, 実施機関): 甲補佐, 甲, or 甲野太郎補佐. The department
    is never part of the name: the records group staff under it."""

    SURNAME_TITLE = "surname_title"
    SURNAME = "surname"
    FULL_TITLE = "full_title"

    @property
    def label(self) -> str:
        return {
            "surname_title": "姓＋職（甲補佐）",
            "surname": "姓のみ（甲）",
            "full_title": "氏名＋職（甲野太郎補佐）",
        }[self.value]


class AgendaNumbering(StrEnum):
    """How a council numbers its agenda: headings with children (1 / 2(1) (2) / 3) or one run
    (1 … 6, a heading unnumbered)."""

    NESTED = "nested"
    FLAT = "flat"

    @property
    def label(self) -> str:
        return {"nested": "見出しの下に(1)(2)…", "flat": "通し番号（1…）"}[self.value]


class Role(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    MEMBER = "member"

    @property
    def label(self) -> str:
        return {"chair": "会長", "vice_chair": "副会長", "member": "委員"}[self.value]


class SessionKind(StrEnum):
    REGULAR = "regular"
    EXTRAORDINARY = "extraordinary"

    @property
    def label(self) -> str:
        return {"regular": "定例会", "extraordinary": "臨時会"}[self.value]


class SessionForm(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    WRITTEN_RESOLUTION = "written_resolution"

    @property
    def label(self) -> str:
        return {
            "in_person": "対面",
            "online": "オンライン",
            "written_resolution": "書面決議",
        }[self.value]


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {"scheduled": "予定", "held": "開催済", "cancelled": "中止"}[self.value]


class SittingStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class QuorumBase(StrEnum):
    """What the threshold is a fraction of."""

    SEATS = "seats"
    """The number of seats the ordinance fixes (委員の定数)."""
    IN_OFFICE = "in_office"
    """The members in office that day (在任委員数)."""

    @property
    def label(self) -> str:
        return {"seats": "条例の定数", "in_office": "在任委員数"}[self.value]


class Threshold(StrEnum):
    MAJORITY = "majority"
    HALF = "half"
    TWO_THIRDS = "two_thirds"
    FIXED = "fixed"

    @property
    def label(self) -> str:
        return {
            "majority": "過半数",
            "half": "半数以上",
            "two_thirds": "3分の2以上",
            "fixed": "定数（人数を指定）",
        }[self.value]


@dataclass(frozen=True)
class QuorumRule:
    """A council's rule, set once from its ordinance."""

    base: QuorumBase = QuorumBase.IN_OFFICE
    seats: int | None = None
    """With ``QuorumBase.SEATS``: the seats the ordinance fixes."""
    threshold: Threshold = Threshold.MAJORITY
    fixed: int | None = None
    """With ``Threshold.FIXED``: the members needed."""
    chair_counts: bool = True
    online_counts: bool = True
    article: str = ""


@dataclass(frozen=True)
class PageSetting:
    """A council's page for its documents: body size (10.5 or 12 pt) and the 字×行 grid."""

    size_pt: float = 10.5
    chars: int = 40
    lines: int = 36

    @property
    def label(self) -> str:
        size = "10.5" if self.size_pt == 10.5 else f"{self.size_pt:g}"
        return f"{size}ポイント・{self.chars}字×{self.lines}行"


@dataclass(frozen=True)
class Council:
    id: int
    name: str
    municipality: str
    kind: CouncilKind
    quorum_article: str
    """The ordinance article that fixes the quorum, cited by the chair (条例第5条第2項)."""
    speaker_names: SpeakerNames
    secretariat_name: str = ""
    """Who sends the invites (ORGANIZER), e.g. 総務課情報公開係."""
    secretariat_email: str = ""
    quorum: QuorumRule = field(default_factory=QuorumRule)
    """The rule the ordinance sets; its ``article`` is ``quorum_article``."""
    page: PageSetting = field(default_factory=PageSetting)
    consulted_under: str = ""
    """The ordinance's article under which the council is consulted (条例第N条), which the
    諮問書 cites; each question keeps its own article."""
    request_wording: RequestWording = RequestWording.CONSULT
    summary_questions: bool = False
    """Whether the 会議概要 prints a consultation's questions (①②) under its title."""
    annual_conclusions: AnnualConclusions = AnnualConclusions.ITEM
    staff_names: StaffNames = StaffNames.SURNAME_TITLE
    """How the records name staff."""
    agenda_numbering: AgendaNumbering = AgendaNumbering.NESTED


@dataclass(frozen=True)
class Member:
    id: int
    council_id: int
    name: str
    reading: str
    role: Role
    term_start: date | None
    term_end: date | None
    affiliation: str = ""
    email: str = ""
    position: int = 0
    """Order in the roster; the roll call lists the chair first, then this order."""

    def in_office(self, on: date) -> bool:
        """Members whose term has ended stay in past records but are not offered for new ones."""
        started = self.term_start is None or self.term_start <= on
        not_ended = self.term_end is None or on <= self.term_end
        return started and not_ended

    @property
    def title(self) -> str:
        """How the roster shows the member: 森川会長, 石田副会長, 大野委員."""
        return f"{self.name}{self.role.label}"


@dataclass(frozen=True)
class Sitting:
    id: int
    session_id: int
    ordinal: int
    """1 for 1日目, 2 for 2日目…"""
    starts_at: datetime
    ends_at: datetime | None
    """None when the end is not fixed: the documents print 午前10時～."""
    place: str
    online: bool
    uid: str
    status: SittingStatus = SittingStatus.SCHEDULED
    public_attendees: int = 0
    """The public in the room (傍聴人), as the clerk counted them."""


@dataclass(frozen=True)
class Session:
    id: int
    council_id: int
    fiscal_year: int
    """The Western year in which the fiscal year (年度, April to March) starts."""
    number: int
    kind: SessionKind
    form: SessionForm
    public: bool
    status: SessionStatus
    sequence: int
    """Revision of the invites: raised by every reschedule and by a cancellation."""
    uid: str
    written_from: date | None = None
    written_until: date | None = None
    sittings: tuple[Sitting, ...] = field(default=())
    speaker_names: SpeakerNames | None = None
    """How this session's record names speakers; None follows the council's setting."""
    minutes_confirmed_on: date | None = None
    """The day the council confirmed the record (``minutes.approval``); None for a draft."""
    minutes_confirmed_by: int | None = None
    """The session at which it was confirmed, when it was one."""
    minutes_revision: int = 0
    """The record's revision: 1 once confirmed, raised by each erratum."""

    @property
    def active_sittings(self) -> tuple[Sitting, ...]:
        return tuple(s for s in self.sittings if s.status is SittingStatus.SCHEDULED)

    @property
    def first_day(self) -> date | None:
        if self.form is SessionForm.WRITTEN_RESOLUTION:
            return self.written_from
        sittings = self.active_sittings or self.sittings
        return sittings[0].starts_at.date() if sittings else None

    @property
    def last_day(self) -> date | None:
        if self.form is SessionForm.WRITTEN_RESOLUTION:
            return self.written_until
        sittings = self.active_sittings or self.sittings
        return sittings[-1].starts_at.date() if sittings else None


@dataclass(frozen=True)
class CouncilDraft:
    """What the clerk types to create or edit a council."""

    name: str
    municipality: str
    kind: CouncilKind = CouncilKind.SHINGIKAI
    quorum_article: str = ""
    speaker_names: SpeakerNames = SpeakerNames.NAMED
    secretariat_name: str = ""
    secretariat_email: str = ""
    quorum: QuorumRule = field(default_factory=QuorumRule)
    page: PageSetting = field(default_factory=PageSetting)
    consulted_under: str = ""
    request_wording: RequestWording = RequestWording.CONSULT
    summary_questions: bool = False
    annual_conclusions: AnnualConclusions = AnnualConclusions.ITEM
    staff_names: StaffNames = StaffNames.SURNAME_TITLE
    agenda_numbering: AgendaNumbering = AgendaNumbering.NESTED


@dataclass(frozen=True)
class MemberDraft:
    name: str
    reading: str = ""
    role: Role = Role.MEMBER
    term_start: date | None = None
    term_end: date | None = None
    affiliation: str = ""
    email: str = ""


@dataclass(frozen=True)
class SittingPlan:
    """One day of a session as the clerk plans it: date, start, end (None when not fixed) and
    place."""

    starts_at: datetime
    ends_at: datetime | None
    place: str
    online: bool = False


@dataclass(frozen=True)
class SessionPlan:
    """What the clerk types to schedule or reschedule a session.

    ``fiscal_year`` and ``number`` may be left ``None``: the fiscal year then follows the first
    day, and the next free number of that year is taken.
    """

    kind: SessionKind = SessionKind.REGULAR
    form: SessionForm = SessionForm.IN_PERSON
    public: bool = True
    sittings: tuple[SittingPlan, ...] = ()
    written_from: date | None = None
    written_until: date | None = None
    fiscal_year: int | None = None
    number: int | None = None
