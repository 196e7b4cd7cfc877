"""Era dates and times, the way a Japanese clerk writes them; japanera is the oracle."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from japanera import EraDate

from meeting.dates import (
    TOKYO,
    fiscal_year,
    format_date,
    format_datetime,
    format_fiscal_year,
    format_time,
    format_time_range,
    parse_date,
    parse_time,
    to_iso,
)
from meeting.errors import InputError


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2019, 4, 30), "平成31年4月30日（火）"),
        (date(2019, 5, 1), "令和元年5月1日（水）"),
        (date(2019, 7, 16), "令和元年7月16日（火）"),
        (date(2019, 12, 31), "令和元年12月31日（火）"),
        (date(2020, 1, 1), "令和2年1月1日（水）"),
        (date(2021, 7, 26), "令和3年7月26日（月）"),
        (date(1989, 1, 7), "昭和64年1月7日（土）"),
        (date(1989, 1, 8), "平成元年1月8日（日）"),
        (date(1926, 12, 25), "昭和元年12月25日（土）"),
    ],
)
def test_format_date(day, text):
    assert format_date(day) == text


def test_era_agrees_with_japanera_every_day_around_the_boundaries():
    for start in (date(2019, 4, 1), date(1988, 12, 20)):
        for offset in range(60):
            day = start + timedelta(days=offset)
            era = EraDate.from_date(day).era
            year = era.absolute_year_to_relative_year(day.year)
            expected = f"{era.kanji}{'元' if year == 1 else year}年{day.month}月{day.day}日"
            assert format_date(day, weekday=False) == expected


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("令和3年7月26日", date(2021, 7, 26)),
        ("R3.7.26", date(2021, 7, 26)),
        ("r3/7/26", date(2021, 7, 26)),
        ("2021-07-26", date(2021, 7, 26)),
        ("2021/7/26", date(2021, 7, 26)),
        ("令和３年７月２６日（月）", date(2021, 7, 26)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("平成31年4月30日", date(2019, 4, 30)),
        ("H31.4.30", date(2019, 4, 30)),
        ("平成元年1月8日", date(1989, 1, 8)),
    ],
)
def test_parse_date(text, day):
    assert parse_date(text) == day


def test_parse_date_matches_japanera_for_every_day_of_reiwa_2():
    day = date(2020, 1, 1)
    while day.year == 2020:
        text = f"令和2年{day.month}月{day.day}日"
        assert parse_date(text) == EraDate.strptime(text, "%-K%-y年%-m月%-d日")[0]
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("令和3年2月30日", "2月30日は存在しない日付"),
        ("2021-02-30", "2月30日は存在しない日付"),
        ("令和0年1月1日", "令和0年はありません"),
        ("令和元年4月30日", "令和の期間にありません"),
        ("平成31年5月1日", "平成の期間にありません"),
        ("令和3年13月1日", "13月はありません"),
        ("あした", "日付として読めません"),
        ("", "日付を入力してください"),
    ],
)
def test_impossible_dates_are_named(text, words):
    with pytest.raises(InputError) as raised:
        parse_date(text, field="1日目の日付")
    assert raised.value.field == "1日目の日付"
    assert words in raised.value.message


@pytest.mark.parametrize(
    ("text", "value", "shown"),
    [
        ("10:00", time(10), "午前10時"),
        ("午前10時", time(10), "午前10時"),
        ("午後1時30分", time(13, 30), "午後1時30分"),
        ("13時半", time(13, 30), "午後1時30分"),
        ("１５：００", time(15), "午後3時"),
        ("正午", time(12), "正午"),
        ("0:00", time(0), "午前0時"),
        ("12:30", time(12, 30), "午後0時30分"),
    ],
)
def test_times(text, value, shown):
    assert parse_time(text) == value
    assert format_time(value) == shown


@pytest.mark.parametrize("text", ["25:00", "10:75", "午後13時", "十時", ""])
def test_impossible_times_are_named(text):
    with pytest.raises(InputError) as raised:
        parse_time(text, field="開始時刻")
    assert raised.value.field == "開始時刻"


def test_datetime_on_screen_and_in_documents():
    moment = datetime(2021, 7, 26, 10, 0, tzinfo=TOKYO)
    assert format_datetime(moment) == "令和3年7月26日（月）午前10時"
    end = datetime(2021, 7, 26, 15, 0, tzinfo=TOKYO)
    assert (
        format_time_range(datetime(2021, 7, 26, 13, 30, tzinfo=TOKYO), end)
        == "午後1時30分～午後3時"
    )


def test_era_is_decided_by_the_tokyo_date():
    # 2019-04-30T15:00Z is already 令和元年5月1日 in Japan.
    utc = datetime.fromisoformat("2019-04-30T15:00:00+00:00")
    assert format_datetime(utc, weekday=False) == "令和元年5月1日午前0時"
    assert to_iso(utc) == "2019-05-01T00:00:00+09:00"


@pytest.mark.parametrize(
    ("day", "fy", "label"),
    [
        (date(2021, 4, 1), 2021, "令和3年度"),
        (date(2022, 3, 31), 2021, "令和3年度"),
        (date(2019, 4, 1), 2019, "令和元年度"),
        (date(2019, 3, 31), 2018, "平成30年度"),
        (date(2020, 4, 1), 2020, "令和2年度"),
    ],
)
def test_fiscal_year(day, fy, label):
    assert fiscal_year(day) == fy
    assert format_fiscal_year(fy) == label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和100年1月1日", date(2118, 1, 1)),
        ("R100.1.1", date(2118, 1, 1)),
        ("令和7981年3月31日", date(9999, 3, 31)),
    ],
)
def test_an_era_year_of_three_digits_or_more_is_read(text, expected):
    """format_date writes 令和100年 for 2118; the roster's export and import must agree."""
    assert parse_date(text) == expected
    assert format_date(expected, weekday=False) == text.replace("R100.1.1", "令和100年1月1日")
