"""The meter's period: the publication's calendar month, named "2026-11"."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from masthead.core.periods import month_bounds
from masthead.metering.period import LONGEST_PERIOD, is_meter_period, meter_period, meter_period_end

ZONES = st.sampled_from(["Asia/Kolkata", "America/New_York", "Pacific/Auckland", "UTC"])


def test_in_kolkata_the_period_turns_at_1830_utc_on_the_last_day(settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    assert meter_period(datetime(2026, 11, 30, 18, 29, 59, tzinfo=UTC)) == "2026-11"
    assert meter_period(datetime(2026, 11, 30, 18, 30, tzinfo=UTC)) == "2026-12"
    assert meter_period(datetime(2026, 12, 31, 20, 0, tzinfo=UTC)) == "2027-01"


def test_a_period_ends_where_the_next_begins(settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    end = meter_period_end(datetime(2026, 11, 3, tzinfo=UTC))
    assert end == datetime(2026, 11, 30, 18, 30, tzinfo=UTC)
    assert meter_period(end) == "2026-12" and meter_period(end - timedelta(microseconds=1)) == "2026-11"


def test_the_period_is_the_sites_time_zones_month(settings):
    moment = datetime(2026, 12, 31, 20, 0, tzinfo=UTC)
    settings.TIME_ZONE = "Europe/London"
    assert meter_period(moment) == "2026-12"
    settings.TIME_ZONE = "Asia/Kolkata"
    assert meter_period(moment) == "2027-01"


@given(moment=st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9998, 12, 31), timezones=st.just(UTC)), zone=ZONES)
def test_every_moment_of_a_month_has_that_months_period_and_the_next_month_another(moment, zone):
    with override_settings(TIME_ZONE=zone):
        month = month_bounds(moment)
        local = moment.astimezone(ZoneInfo(zone))
        period = meter_period(moment)
        assert period == f"{local.year:04d}-{local.month:02d}" == meter_period(month.start)
        assert meter_period(month.end) != period
        assert is_meter_period(period)
        assert month.end - month.start <= LONGEST_PERIOD


def test_only_a_name_shaped_like_2026_12_is_a_period():
    assert is_meter_period("2026-12")
    for text in ("2026x12", "2026-1", "202-12", "2026-123", "", "2026_12"):
        assert not is_meter_period(text), text
