"""Rules of scheduling: what a valid session plan is, and how a session is called.

Pure functions over the model; the store calls them before it writes anything, so a bad plan
never reaches the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from meeting.dates import (
    fiscal_year,
    fiscal_year_bounds,
    format_date,
    format_fiscal_year,
    format_time,
    format_time_range,
    relative_day,
    to_tokyo,
)
from meeting.errors import InputError
from meeting.model import (
    Session,
    SessionForm,
    SessionPlan,
    SessionStatus,
    Sitting,
    SittingPlan,
    SittingStatus,
)


def sitting_label(ordinal: int) -> str:
    return f"{ordinal}日目"


def sitting_clock(sitting: Sitting, now: datetime) -> str:
    """How far the sitting has gone, as the chair's view says it: 開始前（午前10時から）
    before it starts, 開始から1時間5分 while it sits, 終了（2時間） once its end has passed
    (終了 alone for a past day with no end recorded): the count stops at the end."""
    start = to_tokyo(sitting.starts_at)
    here = to_tokyo(now)
    if here < start:
        return f"開始前（{format_time(start.time())}から）"
    end = to_tokyo(sitting.ends_at) if sitting.ends_at is not None else None
    if end is None and here.date() > start.date():
        return "終了"
    if end is not None and here >= end:
        return f"終了（{_duration(end - start)}）"
    return f"開始から{_duration(here - start)}"


def _duration(length: timedelta) -> str:
    minutes = max(0, int(length.total_seconds() // 60))
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes}分"
    return f"{hours}時間{minutes}分" if minutes else f"{hours}時間"


def first_day(session: Session) -> date | None:
    """The day a session first sits (or its written resolution opens); None when it has
    neither."""
    if session.active_sittings:
        return to_tokyo(session.active_sittings[0].starts_at).date()
    return session.written_from


def numbering_warning(session: Session, year: Sequence[Session]) -> str:
    """Said when the session now sits before a lower-numbered session of its fiscal year or
    after a higher-numbered one (第3回 before 第2回); "" when the numbers follow the days."""
    day = first_day(session)
    if day is None:
        return ""
    for other in year:
        there = first_day(other)
        if other.id == session.id or there is None or other.fiscal_year != session.fiscal_year:
            continue
        if other.status is SessionStatus.CANCELLED:
            continue
        if (other.number < session.number and there > day) or (
            other.number > session.number and there < day
        ):
            where = "より前" if there > day else "より後"
            return (
                f"第{session.number}回が第{other.number}回（{format_date(there)}）{where}に"
                "なります。回の番号を見直してください（会議の編集で番号を変えられます）"
            )
    return ""


def session_title(session: Session) -> str:
    """令和3年度第2回."""
    return f"{format_fiscal_year(session.fiscal_year)}第{session.number}回"


def session_name(session: Session) -> str:
    """令和3年度第2回定例会: how the session is named in every document."""
    return f"{session_title(session)}{session.kind.label}"


def session_full_title(session: Session) -> str:
    """令和3年度第2回定例会, with （書面決議） for a session held in writing."""
    suffix = "（書面決議）" if session.form is SessionForm.WRITTEN_RESOLUTION else ""
    return session_name(session) + suffix


def session_when(session: Session) -> str:
    """The dates as the list shows them: 令和8年12月14日（月）午前10時～正午, 他1日."""
    if session.form is SessionForm.WRITTEN_RESOLUTION:
        if session.written_from and session.written_until:
            return f"{format_date(session.written_from)}～{format_date(session.written_until)}"
        return ""
    sittings = session.active_sittings or session.sittings
    if not sittings:
        return ""
    first = sittings[0]
    text = format_date(to_tokyo(first.starts_at).date()) + format_time_range(
        first.starts_at, first.ends_at
    )
    return text + (f" 他{len(sittings) - 1}日" if len(sittings) > 1 else "")


def session_detail(session: Session, *, invited: int, today: date | None = None) -> str:
    """Everything the clerk checks before sending invites, one sitting a line; with ``today``,
    how far each day is (「3日後」, ``relative_day``)."""

    def far(day: date | None) -> str:
        said = relative_day(day, today) if day and today else ""
        return f"（{said}）" if said else ""

    visibility = "公開" if session.public else "非公開"
    lines = [
        f"{session_full_title(session)}　{session.form.label}・{visibility}　{session.status.label}"
        f"（案内の版 {session.sequence}）"
    ]
    if session.form is SessionForm.WRITTEN_RESOLUTION:
        lines.append(f"  期間  {session_when(session)}{far(session.written_from)}")
    for s in session.sittings:
        start = to_tokyo(s.starts_at)
        cancelled = "（取消）" if s.status is SittingStatus.CANCELLED else ""
        lines.append(
            f"  {sitting_label(s.ordinal)}  {format_date(start.date())}"
            f"{format_time_range(s.starts_at, s.ends_at)}{far(None if cancelled else start.date())}"
            f"  {s.place}{cancelled}"
        )
    lines.append(f"招集案内の宛先: {invited}名（メールのある在任委員）")
    return "\n".join(lines)


def validate_plan(plan: SessionPlan) -> tuple[int, SessionPlan]:
    """Check a plan and return its fiscal year and the plan with sittings in date order.

    Raises :class:`InputError` naming the field (2日目の終了時刻, 書面決議の締切日…).
    """
    if plan.number is not None and plan.number <= 0:
        raise InputError("回", f"第{plan.number}回はありません（1以上の数を入れてください）")
    if plan.form is SessionForm.WRITTEN_RESOLUTION:
        return _validate_written(plan), plan
    if not plan.sittings:
        raise InputError("日程", "少なくとも1日の日程（日付・開始・終了・場所）を入れてください")
    sittings = tuple(sorted(plan.sittings, key=lambda s: s.starts_at))
    for ordinal, sitting in enumerate(sittings, start=1):
        _validate_sitting(ordinal, sitting, online=plan.form is SessionForm.ONLINE)
    for ordinal, (before, after) in enumerate(zip(sittings, sittings[1:], strict=False), start=2):
        # A sitting with no end still takes its start: a second one cannot start with it.
        if after.starts_at < (before.ends_at or before.starts_at) or after.starts_at == (
            before.starts_at
        ):
            earlier = format_time_range(before.starts_at, before.ends_at)
            raise InputError(
                f"{sitting_label(ordinal)}の開始時刻",
                f"{sitting_label(ordinal - 1)}（{earlier}）と重なっています",
            )
    fy = plan.fiscal_year or fiscal_year(to_tokyo(sittings[0].starts_at).date())
    for ordinal, sitting in enumerate(sittings, start=1):
        _within_fiscal_year(
            fy, to_tokyo(sitting.starts_at).date(), f"{sitting_label(ordinal)}の日付"
        )
    return fy, SessionPlan(
        kind=plan.kind,
        form=plan.form,
        public=plan.public,
        sittings=sittings,
        fiscal_year=fy,
        number=plan.number,
    )


def _validate_sitting(ordinal: int, sitting: SittingPlan, *, online: bool) -> None:
    label = sitting_label(ordinal)
    start = to_tokyo(sitting.starts_at)
    if sitting.ends_at is not None:
        end = to_tokyo(sitting.ends_at)
        if end.date() != start.date():
            raise InputError(f"{label}の終了時刻", "開始と同じ日のうちに終わる時刻を入れてください")
        if end <= start:
            raise InputError(
                f"{label}の終了時刻",
                f"{format_time(end.time())}は開始時刻（{format_time(start.time())}）"
                "より後にしてください",
            )
    if not sitting.place.strip() and not (online or sitting.online):
        raise InputError(
            f"{label}の場所", "場所を入れてください（オンラインの場合は「オンライン」）"
        )


def _validate_written(plan: SessionPlan) -> int:
    if plan.written_from is None:
        raise InputError("書面決議の開始日", "日付を入れてください")
    if plan.written_until is None:
        raise InputError("書面決議の締切日", "日付を入れてください")
    if plan.written_until < plan.written_from:
        raise InputError(
            "書面決議の締切日",
            f"{format_date(plan.written_until)}は開始日（{format_date(plan.written_from)}）より前です",
        )
    fy = plan.fiscal_year or fiscal_year(plan.written_from)
    _within_fiscal_year(fy, plan.written_from, "書面決議の開始日")
    _within_fiscal_year(fy, plan.written_until, "書面決議の締切日")
    return fy


def _within_fiscal_year(fy: int, day: date, field: str) -> None:
    first, last = fiscal_year_bounds(fy)
    if not first <= day <= last:
        raise InputError(
            field,
            f"{format_date(day)}は{format_fiscal_year(fy)}の外です"
            f"（{format_fiscal_year(fy)}は{format_date(first, weekday=False)}から"
            f"{format_date(last, weekday=False)}まで）",
        )
