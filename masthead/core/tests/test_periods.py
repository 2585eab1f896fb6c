from datetime import UTC, date, datetime

from masthead.core.periods import day_bounds, month_bounds, month_key


def test_kolkata_month_turns_at_1830_utc_on_the_last_day(settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    last_minute_of_november = datetime(2026, 11, 30, 18, 29, tzinfo=UTC)
    first_minute_of_december = datetime(2026, 11, 30, 18, 30, tzinfo=UTC)
    assert month_key(last_minute_of_november) == "2026-11"
    assert month_key(first_minute_of_december) == "2026-12"
    november = month_bounds(last_minute_of_november)
    assert november.end == first_minute_of_december
    assert first_minute_of_december not in november


def test_day_bounds_are_local_midnight_to_midnight(settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    bounds = day_bounds(date(2026, 1, 1))
    assert bounds.start.astimezone(UTC) == datetime(2025, 12, 31, 18, 30, tzinfo=UTC)
    assert bounds.end.astimezone(UTC) == datetime(2026, 1, 1, 18, 30, tzinfo=UTC)


def test_terms_are_calendar_months_clamped_to_the_month_end():
    from zoneinfo import ZoneInfo

    from masthead.core.periods import add_months

    kolkata = ZoneInfo("Asia/Kolkata")
    assert add_months(datetime(2026, 1, 31, 10, 0, tzinfo=kolkata), 3) == datetime(2026, 4, 30, 10, 0, tzinfo=kolkata)
    assert add_months(datetime(2027, 11, 30, 9, 0, tzinfo=kolkata), 3) == datetime(2028, 2, 29, 9, 0, tzinfo=kolkata)
    assert add_months(datetime(2026, 2, 28, tzinfo=kolkata), 12) == datetime(2027, 2, 28, tzinfo=kolkata)
    assert add_months(datetime(2026, 3, 15, tzinfo=kolkata), 24) == datetime(2028, 3, 15, tzinfo=kolkata)
