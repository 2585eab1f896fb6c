"""Calendar periods in the publication's time zone.

The database keeps UTC, but a reader's "month" and an archive "day" are the
publication's: in Asia/Kolkata the month turns at 18:30 UTC on its last day.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings


def publication_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Period:
    """A half-open span of time, [start, end), in aware datetimes."""

    start: datetime
    end: datetime

    def __contains__(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def day_bounds(day: date, zone: ZoneInfo | None = None) -> Period:
    zone = zone or publication_zone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return Period(start, end)


def month_bounds(moment: datetime, zone: ZoneInfo | None = None) -> Period:
    """The calendar month, in the publication's zone, that contains ``moment``."""
    zone = zone or publication_zone()
    local = moment.astimezone(zone)
    first = local.date().replace(day=1)
    next_first = (first + timedelta(days=32)).replace(day=1)
    return Period(
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(next_first, time.min, tzinfo=zone),
    )


def local_date(moment: datetime, zone: ZoneInfo | None = None) -> date:
    return moment.astimezone(zone or publication_zone()).date()


def day_label(day: date) -> str:
    """A day as readers are told it, in a subject line or a sentence:
    "7 December 2026", never "07 December 2026"."""
    return f"{day.day} {day:%B %Y}"


def add_months(moment: datetime, months: int) -> datetime:
    """The same wall-clock time ``months`` calendar months later, in the
    moment's own zone; a day that month lacks becomes its last day
    (31 January + 3 months = 30 April)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
