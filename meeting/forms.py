"""From what the clerk typed to the model's drafts and plans, and back.

The screens hand over their fields as text; every reading and every message about a bad
field is decided here, so it is tested without a terminal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from meeting.dates import (
    at,
    fiscal_year,
    format_date,
    format_fiscal_year,
    format_time,
    parse_date,
    parse_time,
    to_tokyo,
)
from meeting.dates import parse_fiscal_year as read_fiscal_year
from meeting.errors import InputError
from meeting.model import (
    Member,
    MemberDraft,
    PageSetting,
    QuorumBase,
    QuorumRule,
    Role,
    Session,
    SessionForm,
    SessionKind,
    SessionPlan,
    SittingPlan,
    SittingStatus,
    Threshold,
)
from meeting.sessions import sitting_label


@dataclass(frozen=True)
class SittingText:
    """One row of the schedule as typed: 日付, 開始, 終了, 場所."""

    day: str
    start: str
    end: str
    place: str

    def is_blank(self) -> bool:
        return not (
            self.day.strip() or self.start.strip() or self.end.strip() or self.place.strip()
        )


def optional_date(text: str, field: str) -> date | None:
    return parse_date(text, field=field) if text.strip() else None


def parse_fiscal_year(text: str, *, field: str = "年度") -> int | None:
    """令和8年度, R8, 2026年度 or 2026 (``meeting.dates.parse_fiscal_year``); empty means "from
    the first day"."""
    return read_fiscal_year(text, field=field) if text.strip() else None


def parse_number(text: str, *, field: str = "回") -> int | None:
    """第3回, 3 or empty (the next free number)."""
    s = unicodedata.normalize("NFKC", text).strip()
    if not s:
        return None
    if m := re.fullmatch(r"第?\s*(\d+)\s*回?", s):
        return _at_most(int(m[1]), field=field, unit="回")
    raise InputError(field, f"「{text.strip()}」を回数として読めません（例: 3、第3回）")


def parse_count(text: str, *, field: str) -> int | None:
    """A number of people: 9, ９, 9名, or empty."""
    s = unicodedata.normalize("NFKC", text).strip()
    if not s:
        return None
    if m := re.fullmatch(r"(\d+)\s*(?:名|人)?", s):
        return _at_most(int(m[1]), field=field, unit="名")
    raise InputError(field, f"「{text.strip()}」を人数として読めません（例: 9）")


def _at_most(n: int, *, field: str, unit: str, limit: int = 9999) -> int:
    """A count or a number as the database can hold it: a typo of twenty digits is named."""
    if n > limit:
        raise InputError(field, f"{n}{unit}は大きすぎます（{limit}{unit}まで）")
    return n


def quorum_rule(
    *,
    base: QuorumBase,
    seats: str,
    threshold: Threshold,
    fixed: str,
    chair_counts: bool,
    online_counts: bool,
) -> QuorumRule:
    return QuorumRule(
        base=base,
        seats=parse_count(seats, field="委員の定数"),
        threshold=threshold,
        fixed=parse_count(fixed, field="定足数（人数）"),
        chair_counts=chair_counts,
        online_counts=online_counts,
    )


def page_setting(*, size: str, chars: str, lines: str) -> PageSetting:
    """文字の大きさ「10.5」「12」, 字数 and 行数 as typed (full-width digits too)."""
    size_text = unicodedata.normalize("NFKC", size).replace("ポイント", "").replace("pt", "")
    try:
        size_pt = float(size_text.strip())
    except ValueError:
        raise InputError(
            "文字の大きさ", f"「{size}」は大きさではありません（10.5 か 12）"
        ) from None
    return PageSetting(
        size_pt=size_pt,
        chars=_whole(chars, field="1行の字数", unit="字", default=40),
        lines=_whole(lines, field="1ページの行数", unit="行", default=36),
    )


def _whole(text: str, *, field: str, unit: str, default: int) -> int:
    s = unicodedata.normalize("NFKC", text).strip().removesuffix(unit).strip()
    if not s:
        return default
    if not s.isdigit():
        raise InputError(field, f"「{text.strip()}」は数ではありません（例: {default}{unit}）")
    return int(s)


_PATH_PARTS = re.compile(r"\s*[／/]\s*|\s+")


def parse_path(text: str, *, field: str) -> tuple[str, ...]:
    """A department as typed: its parts top first, split at 「／」 (or /) or a space, e.g.
    「健康部／保健所／健康づくり課」 or 「総務部 総務課」; one name (総務課) is one part. Empty
    text is no department; a part left empty (「総務部／／総務課」, 「総務部／」) is named."""
    stripped = text.strip()
    if not stripped:
        return ()
    parts = _PATH_PARTS.split(stripped)
    if "" in parts:
        raise InputError(
            field,
            f"「{stripped}」に空の部分があります。部署は「／」で区切って入れてください"
            "（例: 健康部／保健所／健康づくり課）",
        )
    return tuple(parts)


def path_text(path: tuple[str, ...]) -> str:
    """A department's parts as the forms show them for editing: 健康部／保健所／健康づくり課."""
    return "／".join(path)


def parse_item_numbers(text: str, *, field: str = "議題") -> list[int]:
    """議題の番号: 「2, 3」「2、3」; empty for the whole session."""
    s = unicodedata.normalize("NFKC", text).replace("、", ",").strip()
    if not s:
        return []
    numbers = []
    for part in s.split(","):
        part = part.strip()
        if not part.isdigit():
            raise InputError(field, f"「{part}」は議題の番号ではありません（例: 2, 3）")
        numbers.append(int(part))
    return numbers


def session_plan(
    *,
    kind: SessionKind,
    form: SessionForm,
    public: bool,
    fiscal_year: str,
    number: str,
    sittings: list[SittingText],
    written_from: str,
    written_until: str,
) -> SessionPlan:
    """Read the session form; blank schedule rows are ignored, half-filled ones are named."""
    if form is SessionForm.WRITTEN_RESOLUTION:
        return SessionPlan(
            kind=kind,
            form=form,
            public=public,
            fiscal_year=parse_fiscal_year(fiscal_year),
            number=parse_number(number),
            written_from=optional_date(written_from, "書面決議の開始日"),
            written_until=optional_date(written_until, "書面決議の締切日"),
        )
    plans = []
    rows = [row for row in sittings if not row.is_blank()]
    for ordinal, row in enumerate(rows, start=1):
        label = sitting_label(ordinal)
        day = parse_date(row.day, field=f"{label}の日付")
        start = parse_time(row.start, field=f"{label}の開始時刻")
        # The end may be left empty: the documents then print 午前10時～.
        end = parse_time(row.end, field=f"{label}の終了時刻") if row.end.strip() else None
        online = form is SessionForm.ONLINE or row.place.strip() == "オンライン"
        plans.append(
            SittingPlan(
                at(day, start), at(day, end) if end is not None else None, row.place.strip(), online
            )
        )
    return SessionPlan(
        kind=kind,
        form=form,
        public=public,
        fiscal_year=parse_fiscal_year(fiscal_year),
        number=parse_number(number),
        sittings=tuple(plans),
    )


def sitting_texts(session: Session) -> list[SittingText]:
    """The schedule of a saved session, as the form shows it for rescheduling."""
    return [
        SittingText(
            format_date(to_tokyo(s.starts_at).date()),
            format_time(to_tokyo(s.starts_at).time()),
            format_time(to_tokyo(s.ends_at).time()) if s.ends_at else "",
            s.place,
        )
        for s in session.sittings
        if s.status is SittingStatus.SCHEDULED
    ]


def fiscal_year_hint(day_text: str) -> str | None:
    """令和8年度 for the first day typed so far, or None while it is not yet a date."""
    try:
        day = parse_date(day_text)
    except InputError:
        return None
    return format_fiscal_year(fiscal_year(day))


def member_draft(
    *,
    name: str,
    reading: str,
    role: Role,
    term_start: str,
    term_end: str,
    affiliation: str,
    email: str,
) -> MemberDraft:
    return MemberDraft(
        name=name,
        reading=reading,
        role=role,
        term_start=optional_date(term_start, "任期の開始日"),
        term_end=optional_date(term_end, "任期の終了日"),
        affiliation=affiliation,
        email=email,
    )


def term_text(member: Member) -> str:
    """令和7年7月1日～令和9年6月30日, or an open end."""
    start = format_date(member.term_start, weekday=False) if member.term_start else ""
    end = format_date(member.term_end, weekday=False) if member.term_end else ""
    return f"{start}～{end}" if start or end else ""
