"""審査請求 cases and the answer's deadline: the stage a case is at, its dates in order, the
deadline as extensions move it, and which answers are due soon or overdue.

Pure functions over :class:`agendas.model.Consultation`; ``agendas.consultations`` applies them
before it writes, and the home screen asks :func:`deadlines` with the app's clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from agendas.model import (
    CaseKind,
    Consultation,
    ConsultationDraft,
    ConsultationStatus,
    Extension,
)
from meeting.dates import format_date
from meeting.errors import InputError

DUE_SOON_DAYS = 30
"""An answer due within this many days is shown on the home screen."""


class AppealStage(StrEnum):
    """Where an appeal stands, as the clerk names it: received (受付) until the executive body
    consults the council, consulted (諮問), deliberated (審議中) once on an agenda, answered
    (答申済), or withdrawn (取下げ). Read from the consultation's status and its 諮問日."""

    RECEIVED = "received"
    CONSULTED = "consulted"
    DELIBERATING = "deliberating"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "received": "受付",
            "consulted": "諮問",
            "deliberating": "審議中",
            "answered": "答申済",
            "withdrawn": "取下げ",
        }[self.value]


def appeal_stage(c: Consultation) -> AppealStage:
    if c.status is ConsultationStatus.WITHDRAWN:
        return AppealStage.WITHDRAWN
    if c.status is ConsultationStatus.ANSWERED:
        return AppealStage.ANSWERED
    if c.status is ConsultationStatus.FILED:
        return AppealStage.CONSULTED if c.filed_on else AppealStage.RECEIVED
    return AppealStage.DELIBERATING


def status_label(c: Consultation) -> str:
    """What the screens show as a case's state: an appeal's stage, or a consultation's status."""
    return appeal_stage(c).label if c.is_appeal else c.status.label


def is_open(c: Consultation) -> bool:
    return c.status not in (ConsultationStatus.ANSWERED, ConsultationStatus.WITHDRAWN)


# Dates in order


def _after(later: date | None, earlier: date | None, later_name: str, earlier_name: str) -> None:
    if later and earlier and later < earlier:
        raise InputError(
            later_name,
            f"{later_name}（{format_date(later, weekday=False)}）が{earlier_name}"
            f"（{format_date(earlier, weekday=False)}）より前です",
        )


def check_dates(draft: ConsultationDraft) -> None:
    """処分 ≤ 審査請求 ≤ 諮問 ≤ 答申期限: each date no earlier than the one before it (an
    appeal's own dates only for an appeal)."""
    if draft.kind is CaseKind.APPEAL:
        a = draft.appeal
        _after(a.appealed_on, a.disposition_on, "審査請求日", "処分日")
        _after(draft.filed_on, a.appealed_on, "諮問日", "審査請求日")
    _after(draft.answer_due, draft.filed_on, "答申期限", "諮問日")


def check_extension(c: Consultation, extension: Extension) -> Extension:
    """An extension moves the deadline later, for a reason, while the case is open."""
    if not is_open(c):
        raise InputError("延長", f"{status_label(c)}の案件の期限は延長できません")
    reason = extension.reason.strip()
    if not reason:
        raise InputError("延長の理由", "延長の理由を入れてください")
    due = c.due
    if due is None:
        raise InputError("延長", "先に答申期限を入れてください（編集で）")
    if extension.extended_to <= due:
        raise InputError(
            "延長後の期限",
            f"{format_date(extension.extended_to, weekday=False)}は今の期限"
            f"（{format_date(due, weekday=False)}）より後にしてください",
        )
    _after(extension.decided_on, c.filed_on, "延長の決定日", "諮問日")
    return Extension(extension.extended_to, reason, extension.decided_on)


def check_withdrawal(c: Consultation, on: date) -> None:
    if not is_open(c):
        raise InputError("取下げ", f"{status_label(c)}の案件は取下げにできません")
    _after(on, c.filed_on or c.appeal.appealed_on, "取下げの日", "諮問日")


# The deadline


@dataclass(frozen=True)
class Deadline:
    """An open case whose answer is due within ``DUE_SOON_DAYS`` days, or overdue."""

    consultation: Consultation
    due: date
    days_left: int
    """Days from today to the deadline; negative once it has passed."""

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def label(self) -> str:
        c = self.consultation
        name = " ".join(p for p in (c.number, c.title) if p)
        when = format_date(self.due, weekday=False)
        extended = "・延長後" if c.extensions else ""
        if self.overdue:
            return f"答申期限を{-self.days_left}日過ぎています（{when}{extended}）: {name}"
        if self.days_left == 0:
            return f"今日が答申期限です（{when}{extended}）: {name}"
        return f"答申期限まであと{self.days_left}日（{when}{extended}）: {name}"


def deadlines(
    consultations: Iterable[Consultation], today: date, *, within: int = DUE_SOON_DAYS
) -> list[Deadline]:
    """The open cases due within ``within`` days or overdue, the most pressing first."""
    found = []
    for c in consultations:
        due = c.due
        if due is None or not is_open(c):
            continue
        days = (due - today).days
        if days <= within:
            found.append(Deadline(c, due, days))
    return sorted(found, key=lambda d: (d.days_left, d.consultation.id))
