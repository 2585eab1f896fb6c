"""The door for numbers and dates from outside: strict digits, and only
dates the calendar and time-zone arithmetic behind it can hold."""

from datetime import date
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import given
from hypothesis import strategies as st

from masthead.core.inputs import (
    EARLIEST_DAY,
    LARGEST_ID,
    LATEST_DAY,
    InputInvalid,
    calendar_day,
    calendar_year,
    parse_day,
    parse_id,
    parse_month,
)
from masthead.core.periods import add_months, day_bounds, month_bounds

ZONES = sorted(available_timezones() - {"Factory", "localtime"})


@given(day=st.dates(min_value=EARLIEST_DAY, max_value=LATEST_DAY), zone=st.sampled_from(ZONES))
def test_every_kept_day_has_bounds_and_neighbouring_months_in_every_zone(day, zone):
    bounds = day_bounds(day, ZoneInfo(zone))
    month = month_bounds(bounds.start, ZoneInfo(zone))
    assert add_months(month.start, -1) < month.start < month.end <= add_months(month.start, 1)
    assert calendar_day(day.year, day.month, day.day) == parse_day(day.isoformat()) == day


@pytest.mark.parametrize(
    "text",
    ["0001-01-01", "9999-12-31", "0000-01-01", "2026-02-30", "2026-13-01", "٢٠٢٦-٠١-٠١", "2026-1-1", "20260101", "", "x" * 5000,
     "2026-01-01\x00"],
)
def test_a_day_outside_the_kept_calendar_or_not_in_ascii_digits_is_refused(text):
    with pytest.raises(InputInvalid):
        parse_day(text)


@pytest.mark.parametrize("text", ["0001-01", "9999-12", "2026-00", "2026-13", "٢٠٢٦-٠١", "2026-1", "2026-01-01"])
def test_a_month_outside_the_kept_calendar_or_malformed_is_refused(text):
    with pytest.raises(InputInvalid):
        parse_month(text)


def test_the_first_and_last_kept_months_are_accepted():
    assert parse_month("0002-01") == date(2, 1, 1)
    assert parse_month("9998-12") == date(9998, 12, 1)


@pytest.mark.parametrize("year", [0, 1, 9999, 10000, -1, 10**20])
def test_years_at_or_beyond_the_calendars_edges_are_refused(year):
    with pytest.raises(InputInvalid):
        calendar_year(year)
    with pytest.raises(InputInvalid):
        calendar_day(year, 1, 1)


@pytest.mark.parametrize("month, day", [(10**20, 1), (1, 10**20), (0, 1), (2, 29)])
def test_months_and_days_no_calendar_has_are_refused(month, day):
    with pytest.raises(InputInvalid):
        calendar_day(2026, month, day)


@pytest.mark.parametrize("text", ["²", "①", "٣", "0", "-1", "+1", " 1", "1_000", "1e3", "", str(LARGEST_ID + 1), "9" * 5000])
def test_an_id_that_is_not_ascii_digits_in_the_database_range_is_refused(text):
    with pytest.raises(InputInvalid):
        parse_id(text)


def test_an_id_up_to_the_largest_the_database_holds_is_accepted():
    assert parse_id("1") == 1
    assert parse_id(str(LARGEST_ID)) == LARGEST_ID
    assert parse_id("0042") == 42
