"""Quorum (定足数): how many members a session needs, and whether it stands at a moment.

Pure functions: the roll call, the rule and the moment go in, a :class:`QuorumState` comes out.
The chair reads the state at the opening, the clerk sees it change as members come and go, and
every decision is stamped with it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from meeting.errors import InputError
from meeting.model import Member, QuorumBase, QuorumRule, Role, Threshold


@dataclass(frozen=True)
class Presence:
    """One member's attendance for a sitting: whether, from when, until when, and how."""

    present: bool
    arrived_at: datetime | None = None
    left_at: datetime | None = None
    online: bool = False

    def in_room(self, at: datetime) -> bool:
        if not self.present:
            return False
        arrived = self.arrived_at is None or self.arrived_at <= at
        still_here = self.left_at is None or at < self.left_at
        return arrived and still_here


@dataclass(frozen=True)
class QuorumState:
    present: int
    needed: int
    base: int
    names: tuple[str, ...]
    """Members counted as present, in roster order."""
    rule: QuorumRule

    @property
    def stands(self) -> bool:
        return self.present >= self.needed

    @property
    def short_by(self) -> int:
        return max(0, self.needed - self.present)


def base_count(rule: QuorumRule, in_office: int) -> int:
    if rule.base is QuorumBase.SEATS:
        return rule.seats or 0
    return in_office


def needed(rule: QuorumRule, base: int) -> int:
    """Members needed out of ``base``: 5 of 9 and 5 of 8 under 過半数, 4 of 8 under 半数以上."""
    if rule.threshold is Threshold.MAJORITY:
        return base // 2 + 1
    if rule.threshold is Threshold.HALF:
        return math.ceil(base / 2)
    if rule.threshold is Threshold.TWO_THIRDS:
        return math.ceil(base * 2 / 3)
    return rule.fixed or 0


def validate_rule(rule: QuorumRule, *, in_office: int | None = None) -> QuorumRule:
    """Refuse a rule that can never be met, naming the field."""
    if rule.base is QuorumBase.SEATS and (rule.seats is None or rule.seats <= 0):
        raise InputError("委員の定数", "条例の定数を1以上の数で入れてください")
    if rule.threshold is Threshold.FIXED and (rule.fixed is None or rule.fixed <= 0):
        raise InputError("定足数（人数）", "必要な人数を1以上の数で入れてください")
    base = base_count(rule, in_office or 0)
    if rule.base is QuorumBase.SEATS or in_office is not None:
        if base <= 0:
            raise InputError(
                "定足数", "委員がいないため定足数を計算できません。先に委員名簿を入れてください"
            )
        if needed(rule, base) > base:
            raise InputError(
                "定足数（人数）",
                f"必要な人数（{needed(rule, base)}名）が{rule.base.label}（{base}名）を超えていて、"
                "満たすことができません",
            )
    return rule


def quorum_at(
    rule: QuorumRule,
    members: Iterable[Member],
    presence: Mapping[int, Presence],
    at: datetime,
    *,
    recused: Iterable[int] = (),
) -> QuorumState:
    """The quorum at a moment, from the members in office and their attendance.

    Recused members (利害関係) are not counted as present for the item; the chair is left out
    when the rule says the chair does not count, and online members when online does not count.
    """
    members = list(members)
    if not members:
        raise InputError("委員", "委員が登録されていないため、定足数を計算できません")
    validate_rule(rule, in_office=len(members))
    left_out = set(recused)
    counted = []
    for m in members:
        p = presence.get(m.id)
        if p is None or m.id in left_out or not p.in_room(at):
            continue
        if m.role is Role.CHAIR and not rule.chair_counts:
            continue
        if p.online and not rule.online_counts:
            continue
        counted.append(m.name)
    base = base_count(rule, len(members))
    return QuorumState(len(counted), needed(rule, base), base, tuple(counted), rule)


def written_quorum(
    rule: QuorumRule, members: Iterable[Member], answered: Iterable[int]
) -> QuorumState:
    """A 書面決議 counts the members who answered in writing by the closing date."""
    presence = {member_id: Presence(True) for member_id in answered}
    return quorum_at(rule, members, presence, datetime.max)


def _threshold_phrase(state: QuorumState) -> str:
    rule = state.rule
    if rule.threshold is Threshold.MAJORITY:
        return "委員の過半数を超えています" if state.stands else "委員の過半数に達していません"
    if rule.threshold is Threshold.HALF:
        return "委員の半数以上に達しています" if state.stands else "委員の半数に達していません"
    if rule.threshold is Threshold.TWO_THIRDS:
        return "委員の3分の2以上に達しています" if state.stands else "委員の3分の2に達していません"
    return f"定足数（{state.needed}名）に" + ("達しています" if state.stands else "達していません")


def opening_statement(state: QuorumState) -> str:
    """The chair's words at the opening, as the minutes print them."""
    article = state.rule.article.strip()
    rule_part = f"{article}の規定により、" if article else ""
    if state.stands:
        return (
            f"ただ今の出席委員は{state.present}名です。{rule_part}出席者が"
            f"{_threshold_phrase(state)}ので、本日の会議は成立いたしました。"
        )
    return (
        f"ただ今の出席委員は{state.present}名です。{rule_part}出席者が"
        f"{_threshold_phrase(state)}ので、本日の会議は成立しておりません。"
    )


def indicator(state: QuorumState, *, counted: str = "出席") -> str:
    """The line the clerk and the chair keep in sight: 出席 6名／必要 5名　成立.

    ``counted`` is 回答 for a 書面決議, which counts written answers.
    """
    verdict = "成立" if state.stands else f"不成立（あと{state.short_by}名）"
    needed = f"必要 {state.needed}名（{state.rule.threshold.label}）"
    return f"{counted} {state.present}名／{needed}　{verdict}"
