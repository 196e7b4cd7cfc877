"""Era dates a clerk can type but the calendar cannot read: each refused with a clear message."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from japanera import EraDate

from meeting.dates import (
    FIRST_FISCAL_YEAR,
    LAST_FISCAL_YEAR,
    WEEKDAYS,
    check_fiscal_year,
    format_date,
    format_fiscal_year,
    parse_date,
)
from meeting.errors import InputError


def refused(text: str) -> str:
    with pytest.raises(InputError) as raised:
        parse_date(text, field="開催日")
    assert raised.value.field == "開催日"
    return raised.value.message


@pytest.mark.parametrize(
    "text", ["明治5年12月2日", "明治元年9月8日", "M5.12.2", "明治５年１月１日（月）"]
)
def test_meiji_before_the_gregorian_calendar_is_refused_by_name(text):
    message = refused(text)
    assert "太陰太陽暦" in message and "明治6年1月1日" in message and text.strip() in message


@pytest.mark.parametrize("text", ["1872-12-31", "1868年1月25日", "0001-01-01"])
def test_western_dates_before_the_gregorian_calendar_are_refused(text):
    message = refused(text)
    assert "明治6年1月1日" in message and "グレゴリオ暦" in message


def test_meiji_from_its_sixth_year_agrees_with_japanera():
    for text, day in [
        ("明治6年1月1日", date(1873, 1, 1)),
        ("明治33年2月28日", date(1900, 2, 28)),
        ("明治45年7月29日", date(1912, 7, 29)),
    ]:
        assert parse_date(text) == day == EraDate.strptime(text, "%-K%-y年%-m月%-d日")[0]
        assert format_date(day, weekday=False) == text
    assert parse_date("M6.1.1") == date(1873, 1, 1)


@pytest.mark.parametrize(
    ("text", "actual", "written"),
    [
        ("令和3年7月26日（火）", "月", "火"),
        ("令和３年７月２６日(日)", "月", "日"),
        ("令和元年5月1日（木曜日）", "水", "木"),
        ("2021年7月26日（金）", "月", "金"),
        ("明治6年1月1日（月）", "水", "月"),
    ],
)
def test_a_weekday_that_does_not_match_the_date_names_both(text, actual, written):
    message = refused(text)
    assert f"{actual}曜日" in message and f"{written}曜日" in message


def test_every_weekday_of_a_month_is_checked_against_japanera():
    day = date(2021, 7, 1)
    while day.month == 7:
        plain = f"令和3年{day.month}月{day.day}日"
        assert EraDate.strptime(plain, "%-K%-y年%-m月%-d日")[0] == day
        for mark in WEEKDAYS:
            text = f"{plain}（{mark}）"
            if mark == WEEKDAYS[day.weekday()]:
                assert parse_date(text) == day
            else:
                assert f"{mark}曜日ではありません" in refused(text)
        day += timedelta(days=1)


@pytest.mark.parametrize(
    "text", ["9999-04-01", "令和9999年1月1日", "令和99999999999999999999年1月1日"]
)
def test_dates_beyond_the_last_fiscal_year_are_refused(text):
    assert "扱える範囲を超えています" in refused(text)


def test_the_fiscal_year_range_is_what_the_calendar_can_write():
    assert parse_date("9999-03-31") == date(9999, 3, 31)
    assert format_fiscal_year(FIRST_FISCAL_YEAR) == "明治6年度"
    assert format_fiscal_year(LAST_FISCAL_YEAR).endswith("年度")
    assert format_fiscal_year(FIRST_FISCAL_YEAR - 1) == "明治5年度"  # 1873年1–3月 belong to it
    for fy in (FIRST_FISCAL_YEAR - 1, LAST_FISCAL_YEAR + 1, 0, -5, 10**30):
        with pytest.raises(InputError, match="年度は扱えません"):
            check_fiscal_year(fy)
    assert check_fiscal_year(2026) == 2026


@pytest.mark.parametrize("text", ["0000", "1000年度", "令和9999年度", "R99999999999999999999"])
def test_a_form_refuses_a_fiscal_year_out_of_range(text):
    from meeting.forms import parse_fiscal_year

    with pytest.raises(InputError, match="年度は扱えません"):
        parse_fiscal_year(text)


def test_a_form_refuses_a_number_the_database_cannot_hold():
    from meeting.forms import parse_count, parse_number

    with pytest.raises(InputError, match="大きすぎます"):
        parse_number("第" + "9" * 30 + "回")
    with pytest.raises(InputError, match="大きすぎます"):
        parse_count("9" * 30, field="定足数（人数）")
    assert parse_number("第3回") == 3
