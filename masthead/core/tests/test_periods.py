import calendar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from masthead.core.periods import Period, add_months, day_bounds, local_date, month_bounds, publication_zone

KOLKATA = ZoneInfo("Asia/Kolkata")
# Zones either side of UTC, one with summer time: a month or a day turns at
# a different UTC moment in each.
ZONES = st.sampled_from([KOLKATA, ZoneInfo("America/New_York"), ZoneInfo("Pacific/Auckland"), ZoneInfo("UTC")])
# Every month of every year a date can hold with a month either side of it.
MOMENTS = st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31), timezones=ZONES)


def test_kolkata_month_turns_at_1830_utc_on_the_last_day(settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    last_minute_of_november = datetime(2026, 11, 30, 18, 29, tzinfo=UTC)
    first_minute_of_december = datetime(2026, 11, 30, 18, 30, tzinfo=UTC)
    november = month_bounds(last_minute_of_november)
    assert november.start == datetime(2026, 10, 31, 18, 30, tzinfo=UTC)
    assert november.end == first_minute_of_december
    assert first_minute_of_december not in november
    assert last_minute_of_november in november
    assert local_date(last_minute_of_november) == date(2026, 11, 30)
    assert local_date(first_minute_of_december) == date(2026, 12, 1)


def test_the_publication_zone_is_the_sites_time_zone(settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    assert publication_zone() == KOLKATA
    settings.TIME_ZONE = "Europe/London"
    assert publication_zone() == ZoneInfo("Europe/London")
    # A zone passed in wins over the site's.
    moment = datetime(2026, 12, 31, 20, 0, tzinfo=UTC)
    assert local_date(moment) == date(2026, 12, 31) and local_date(moment, KOLKATA) == date(2027, 1, 1)
    assert month_bounds(moment, KOLKATA).start == datetime(2027, 1, 1, tzinfo=KOLKATA)
    assert day_bounds(date(2027, 1, 1), KOLKATA).start == datetime(2027, 1, 1, tzinfo=KOLKATA)


def test_day_bounds_are_local_midnight_to_midnight(settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    bounds = day_bounds(date(2026, 1, 1))
    assert bounds.start.astimezone(UTC) == datetime(2025, 12, 31, 18, 30, tzinfo=UTC)
    assert bounds.end.astimezone(UTC) == datetime(2026, 1, 1, 18, 30, tzinfo=UTC)


def test_a_period_holds_its_start_but_not_its_end():
    start = datetime(2026, 12, 1, tzinfo=KOLKATA)
    period = Period(start, start + timedelta(days=31))
    assert start in period
    assert start + timedelta(days=31) - timedelta(microseconds=1) in period
    assert start + timedelta(days=31) not in period
    assert start - timedelta(microseconds=1) not in period


@given(moment=MOMENTS)
def test_a_moment_lies_in_its_own_month_which_runs_from_the_first_to_the_first(moment):
    zone = moment.tzinfo
    month = month_bounds(moment, zone)
    local = moment.astimezone(zone)
    assert moment in month
    assert month.start == datetime(local.year, local.month, 1, tzinfo=zone)
    days = calendar.monthrange(local.year, local.month)[1]
    assert month.end == datetime.combine(month.start.date() + timedelta(days=days), time.min, tzinfo=zone)
    # The months tile time: the next one starts where this one ends.
    assert month_bounds(month.end, zone).start == month.end
    assert month.end not in month


@given(day=st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)), zone=ZONES)
def test_days_tile_time_from_local_midnight(day, zone):
    bounds = day_bounds(day, zone)
    assert bounds.start == datetime.combine(day, time.min, tzinfo=zone)
    assert bounds.end == day_bounds(day + timedelta(days=1), zone).start
    assert local_date(bounds.start, zone) == day and bounds.start in bounds and bounds.end not in bounds


def test_terms_are_calendar_months_clamped_to_the_month_end():
    assert add_months(datetime(2026, 1, 31, 10, 0, tzinfo=KOLKATA), 3) == datetime(2026, 4, 30, 10, 0, tzinfo=KOLKATA)
    assert add_months(datetime(2027, 11, 30, 9, 0, tzinfo=KOLKATA), 3) == datetime(2028, 2, 29, 9, 0, tzinfo=KOLKATA)
    assert add_months(datetime(2026, 2, 28, tzinfo=KOLKATA), 12) == datetime(2027, 2, 28, tzinfo=KOLKATA)
    assert add_months(datetime(2026, 3, 15, tzinfo=KOLKATA), 24) == datetime(2028, 3, 15, tzinfo=KOLKATA)


def test_terms_cross_december_into_the_next_year():
    # An annual plan bought in January ends next January, not the day it starts.
    assert add_months(datetime(2026, 1, 10, 8, 0, tzinfo=KOLKATA), 12) == datetime(2027, 1, 10, 8, 0, tzinfo=KOLKATA)
    # A quarterly plan bought in October ends in January.
    assert add_months(datetime(2026, 10, 31, tzinfo=KOLKATA), 3) == datetime(2027, 1, 31, tzinfo=KOLKATA)
    assert add_months(datetime(2026, 12, 31, tzinfo=KOLKATA), 1) == datetime(2027, 1, 31, tzinfo=KOLKATA)
    assert add_months(datetime(2026, 12, 5, tzinfo=KOLKATA), 0) == datetime(2026, 12, 5, tzinfo=KOLKATA)


@given(moment=st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9000, 12, 31), timezones=ZONES),
       months=st.integers(min_value=0, max_value=12 * 50))  # fmt: skip
def test_adding_months_moves_the_calendar_month_and_keeps_the_day_and_time(moment, months):
    later = add_months(moment, months)
    # Counted in months since year 0: exactly ``months`` further on.
    assert later.year * 12 + later.month == moment.year * 12 + moment.month + months
    assert later.day == min(moment.day, calendar.monthrange(later.year, later.month)[1])
    assert (later.time(), later.tzinfo) == (moment.time(), moment.tzinfo)
    # Whole years land on the same day of the same month (29 February aside).
    if months % 12 == 0 and (moment.month, moment.day) != (2, 29):
        assert (later.month, later.day) == (moment.month, moment.day)
