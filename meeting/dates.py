"""Dates and times the way a Japanese clerk writes them.

Output is written here (令和元年7月16日（火）午後1時30分): japanera's format codes cannot give
元年 with Arabic digits. Input accepts 令和3年7月26日, R3.7.26 and 2021-07-26; japanera finds
the era's dates, after this module has named anything impossible in the clerk's words.
Everything is in Asia/Tokyo: an era or a fiscal year is decided by the JST date.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from meeting.errors import InputError

TOKYO = ZoneInfo("Asia/Tokyo")

# Newest first. The Gregorian calendar was adopted on 明治6年1月1日.
ERAS: tuple[tuple[str, str, date], ...] = (
    ("令和", "R", date(2019, 5, 1)),
    ("平成", "H", date(1989, 1, 8)),
    ("昭和", "S", date(1926, 12, 25)),
    ("大正", "T", date(1912, 7, 30)),
    ("明治", "M", date(1873, 1, 1)),
)
WEEKDAYS = "月火水木金土日"
GREGORIAN_SINCE = date(1873, 1, 1)
"""明治6年1月1日: the first day of the Gregorian calendar in Japan, the first date read here."""
FIRST_FISCAL_YEAR = 1873
"""明治6年度, the first fiscal year whose every day is on the Gregorian calendar's era table."""
LAST_FISCAL_YEAR = 9998
"""Its last day, 9999-03-31, is the last a Python ``date`` of fiscal year bounds can hold."""
LAST_DAY = date(LAST_FISCAL_YEAR + 1, 3, 31)
_GREGORIAN_NOTE = "グレゴリオ暦（太陽暦）が採用された明治6年1月1日"

_ERA_BY_LETTER = {letter: name for name, letter, _ in ERAS}
_ERA_START = {name: start for name, _, start in ERAS}
# The Western year of each era's 元年; 明治's table entry starts at the calendar change (1873,
# 明治6年), not at 明治元年 (1868).
_YEAR_ONE = {name: start.year for name, _, start in ERAS} | {"明治": 1868}
_ERA_END = {ERAS[i][0]: ERAS[i - 1][2] for i in range(1, len(ERAS))}  # first day of the next era

_WEEKDAY = r"(?:\s*[（(](?P<weekday>[月火水木金土日])(?:曜日?)?[）)])?"
_WAREKI = re.compile(
    r"^(?P<era>令和|平成|昭和|大正|明治)\s*(?P<year>元|\d+)\s*年\s*(?P<month>\d+)\s*月\s*(?P<day>\d+)\s*日"
    + _WEEKDAY
    + "$"
)
_WAREKI_SHORT = re.compile(
    r"^(?P<letter>[RHSTM])\s*(?P<year>\d+)[./](?P<month>\d+)[./](?P<day>\d+)$"
)
_WESTERN = re.compile(r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})$")
_WESTERN_KANJI = re.compile(
    r"^(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日" + _WEEKDAY + "$"
)
_CLOCK = re.compile(r"^(?P<hour>\d{1,2}):(?P<minute>\d{2})$")
_JA_TIME = re.compile(
    r"^(?P<ampm>午前|午後)?\s*(?P<hour>\d{1,2})\s*時\s*(?:(?P<minute>\d{1,2})\s*分|半)?$"
)


def _normalise(text: str) -> str:
    """Full-width digits and letters to ASCII, surrounding space removed."""
    return unicodedata.normalize("NFKC", text).strip().upper()


def _era_year(name: str, d: date) -> int:
    return d.year - _YEAR_ONE[name] + 1


def era_of(d: date) -> str:
    for name, _, start in ERAS:
        if d >= start:
            return name
    raise ValueError(
        f"{d.isoformat()} is before 明治6年 (1873), which this calendar does not cover"
    )


def format_year(name: str, year: int) -> str:
    return f"{name}{'元' if year == 1 else year}年"


def format_date(d: date, *, weekday: bool = True) -> str:
    """令和3年7月26日（月）; the first year of an era is 元年."""
    name = era_of(d)
    text = f"{format_year(name, _era_year(name, d))}{d.month}月{d.day}日"
    return f"{text}（{WEEKDAYS[d.weekday()]}）" if weekday else text


def format_time(t: time) -> str:
    """午前10時, 午後1時30分, 正午, 午前0時: the 12-hour form of official documents."""
    if t.hour == 12 and t.minute == 0:
        return "正午"
    ampm = "午前" if t.hour < 12 else "午後"
    hour = t.hour % 12
    return f"{ampm}{hour}時" + (f"{t.minute}分" if t.minute else "")


def format_datetime(dt: datetime, *, weekday: bool = True) -> str:
    """令和3年7月26日（月）午前10時."""
    local = to_tokyo(dt)
    return format_date(local.date(), weekday=weekday) + format_time(local.time())


def format_time_range(start: datetime, end: datetime | None) -> str:
    """午後1時30分～午後3時, as the minutes' header writes it; 午前10時～ with no end."""
    until = format_time(to_tokyo(end).time()) if end is not None else ""
    return f"{format_time(to_tokyo(start).time())}～{until}"


def fiscal_year(d: date) -> int:
    """The Western year in which d's fiscal year (1 April to 31 March) starts."""
    return d.year if d.month >= 4 else d.year - 1


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    return date(fy, 4, 1), date(fy + 1, 3, 31)


def format_fiscal_year(fy: int) -> str:
    """令和3年度. Fiscal 2019 is 令和元年度 as a whole, as the government decided at the改元."""
    if fy == 2019:
        return "令和元年度"
    name = era_of(max(date(fy, 4, 1), GREGORIAN_SINCE))  # 明治5年度 ends on the new calendar
    return format_year(name, fy - _YEAR_ONE[name] + 1)[:-1] + "年度"


_FISCAL_YEAR = re.compile(
    r"^(?:(?P<western>\d{4})|(?P<era>令和|平成|昭和|大正|明治|[RHSTM])\s*(?P<year>元|\d+))\s*(?:年度?)?$"
)


def parse_fiscal_year(text: str, *, field: str = "年度") -> int:
    """A fiscal year as the clerk writes it: 2021, 2021年度, 令和3年度, 令和3, R3, 令和元, R1.

    An era year the era never reached (平成32年度) is named rather than carried into the next
    era; the Western year of its start is returned (令和3年度 → 2021)."""
    raw = text.strip()
    m = _FISCAL_YEAR.match(_normalise(raw))
    if m is None:
        raise InputError(field, f"「{raw}」を年度として読めません（例: 令和8年度、R8、2026）")
    if m["western"]:
        return check_fiscal_year(int(m["western"]), field=field)
    era = _ERA_BY_LETTER.get(m["era"], m["era"])
    digits = m["year"]
    year = 1 if digits == "元" else int(digits) if len(digits) < 10 else 10**10
    end = _ERA_END.get(era)
    last = _era_year(era, date.fromordinal(end.toordinal() - 1)) if end else None
    if year < 1 or (last is not None and year > last):
        until = f"{last}年まで" if last is not None else ""
        raise InputError(field, f"「{raw}」という年度はありません（{era}は元年から{until}）")
    return check_fiscal_year(_YEAR_ONE[era] + year - 1, field=field)


def parse_date(text: str, *, field: str = "日付") -> date:
    """Read a date typed by the clerk: 令和3年7月26日, 令和元年5月1日, R3.7.26 or 2021-07-26.

    A weekday written after the date (令和3年7月26日（月）) must be the date's own: a clerk who
    copied the wrong day or the wrong weekday is told, not guessed for. 明治 before 6年 is
    refused: those dates are of the lunisolar calendar, which the Gregorian replaced on
    明治6年1月1日, and no day count here (or in japanera's table) reads them.
    """
    raw = text.strip()
    if not raw:
        raise InputError(field, "日付を入力してください（例: 令和3年7月26日、R3.7.26、2021-07-26）")
    s = _normalise(raw)
    if m := _WAREKI.match(s):
        era, year_text = m["era"], m["year"]
    elif m := _WAREKI_SHORT.match(s):
        era, year_text = _ERA_BY_LETTER[m["letter"]], m["year"]
    elif m := (_WESTERN.match(s) or _WESTERN_KANJI.match(s)):
        if int(m["year"]) < GREGORIAN_SINCE.year:
            raise InputError(
                field,
                f"「{raw}」は{_GREGORIAN_NOTE}より前の日付です。この暦で扱えるのは"
                f"{GREGORIAN_SINCE.year}年1月1日（明治6年1月1日）からです",
            )
        day = _make_date(field, raw, int(m["year"]), int(m["month"]), int(m["day"]))
        return _check_weekday(field, raw, day, m)
    else:
        raise InputError(
            field, f"「{raw}」を日付として読めません（例: 令和3年7月26日、R3.7.26、2021-07-26）"
        )
    year = 1 if year_text == "元" else int(year_text)
    month, day_number = int(m["month"]), int(m["day"])
    if year == 0:
        raise InputError(field, f"{era}0年はありません（最初の年は{era}元年です）")
    if era == "明治" and year < 6:
        raise InputError(
            field,
            f"「{raw}」は太陰太陽暦（旧暦）の日付です。{_GREGORIAN_NOTE}より前の明治の日付は"
            "扱えません（明治6年1月1日から入力できます）",
        )
    start = _ERA_START[era]
    western = _make_date(field, raw, _YEAR_ONE[era] + year - 1, month, day_number)
    end = _ERA_END.get(era)
    if western < start or (end is not None and western >= end):
        span = f"{format_date(start, weekday=False)}から"
        if end is not None:
            span += f"{format_date(date.fromordinal(end.toordinal() - 1), weekday=False)}まで"
        raise InputError(field, f"「{raw}」は{era}の期間にありません（{era}は{span}です）")
    found = _japanera_date(era, year, month, day_number, western)
    return _check_weekday(field, raw, found, m)


def _check_weekday(field: str, raw: str, day: date, m: re.Match[str]) -> date:
    written = m.groupdict().get("weekday")
    actual = WEEKDAYS[day.weekday()]
    if written and written != actual:
        raise InputError(
            field,
            f"「{raw}」: {format_date(day, weekday=False)}は{actual}曜日です"
            f"（{written}曜日ではありません）。日付か曜日を確かめてください",
        )
    return day


def _make_date(field: str, raw: str, year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise InputError(field, f"「{raw}」の{month}月はありません")
    if year > LAST_DAY.year:
        raise InputError(field, _beyond(raw))
    try:
        made = date(year, month, day)
    except ValueError:
        raise InputError(field, f"「{raw}」: {month}月{day}日は存在しない日付です") from None
    if made > LAST_DAY:
        raise InputError(field, _beyond(raw))
    return made


def _beyond(raw: str) -> str:
    last = f"{LAST_DAY.year}年{LAST_DAY.month}月{LAST_DAY.day}日"
    return f"「{raw}」は扱える範囲を超えています（{last}まで）"


def check_fiscal_year(fy: int, *, field: str = "年度") -> int:
    """``fy`` if this calendar can write it (明治6年度 to 9998年度), else an InputError."""
    if not FIRST_FISCAL_YEAR <= fy <= LAST_FISCAL_YEAR:
        raise InputError(
            field,
            f"{fy}年度は扱えません（{FIRST_FISCAL_YEAR}年度＝明治6年度から"
            f"{LAST_FISCAL_YEAR}年度までを西暦の年で入れてください）",
        )
    return fy


def _japanera_date(era: str, year: int, month: int, day: int, expected: date) -> date:
    """Ask japanera for the date; it must agree with the era table above."""
    if year > 99:  # japanera reads two digits of an era year at most: the table alone decides
        return expected
    from japanera import EraDate  # imported here: it costs start-up time the app need not pay

    found = EraDate.strptime(
        f"{era}{'元' if year == 1 else year}年{month}月{day}日", "%-K%-y年%-m月%-d日"
    )
    result = date(found[0].year, found[0].month, found[0].day)
    if result != expected:  # pragma: no cover - would mean the era table is wrong
        raise AssertionError(f"era table disagrees with japanera: {result} != {expected}")
    return result


def parse_time(text: str, *, field: str = "時刻") -> time:
    """Read a time of day: 10:00, 13:30, 午前10時, 午後1時30分, 13時半, 正午."""
    raw = text.strip()
    s = _normalise(raw)
    if not s:
        raise InputError(field, "時刻を入力してください（例: 午前10時、13:30）")
    if s == "正午":
        return time(12, 0)
    if m := _CLOCK.match(s):
        hour, minute = int(m["hour"]), int(m["minute"])
    elif m := _JA_TIME.match(s):
        hour = int(m["hour"])
        minute = 30 if s.endswith("半") else int(m["minute"] or 0)
        if m["ampm"]:
            if hour > 12:
                raise InputError(field, f"「{raw}」: {m['ampm']}{hour}時はありません")
            hour = hour % 12 + (12 if m["ampm"] == "午後" else 0)
    else:
        raise InputError(
            field, f"「{raw}」を時刻として読めません（例: 午前10時、午後1時30分、13:30）"
        )
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise InputError(field, f"「{raw}」は存在しない時刻です")
    return time(hour, minute)


def at(d: date, t: time) -> datetime:
    """The moment d t in Asia/Tokyo."""
    return datetime.combine(d, t, tzinfo=TOKYO)


def to_tokyo(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        return dt.replace(tzinfo=TOKYO)
    return dt.astimezone(TOKYO)


def to_iso(dt: datetime) -> str:
    """ISO 8601 with the +09:00 offset, as the database stores every moment."""
    return to_tokyo(dt).isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    return to_tokyo(datetime.fromisoformat(text))


RELATIVE_DAYS = 60
"""Further than this, a relative day says nothing the date beside it does not."""


def relative_day(day: date, today: date) -> str:
    """今日, 明日, 昨日, 3日後, 28日前, counted in calendar days; empty past RELATIVE_DAYS.

    arrow words it (``humanize``, Japanese), against ``today`` from the app's clock, at the
    granularity of days: left to choose, it says 1ヶ月後 for 25 days."""
    days = (day - today).days
    if abs(days) > RELATIVE_DAYS:
        return ""
    if said := {0: "今日", 1: "明日", -1: "昨日"}.get(days):
        return said
    import arrow  # imported here: it costs start-up time the commands need not pay

    return str(arrow.get(day).humanize(arrow.get(today), locale="ja", granularity="day"))


def relative_time(moment: datetime, now: datetime) -> str:
    """5分前, 2時間後 within the day (Asia/Tokyo), たった今 within a minute; another day as
    :func:`relative_day` says it. Deterministic: ``now`` is the app's clock."""
    when, here = to_tokyo(moment), to_tokyo(now)
    if when.date() != here.date():
        return relative_day(when.date(), here.date())
    if abs((when - here).total_seconds()) < 60:
        return "たった今" if when <= here else "まもなく"
    import arrow

    return str(arrow.get(when).humanize(arrow.get(here), locale="ja"))
