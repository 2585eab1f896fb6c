"""Numbers and dates that arrive from outside (a path, a query string), read
strictly where they enter and held to ranges the code behind can compute with.

``str.isdigit`` and ``int()`` accept "²", "①" and "٣"; ``datetime`` holds
years 1 to 9999 but not a day's bounds in Asia/Kolkata on 0001-01-01 nor the
month after December 9999; a database integer stops at 2**63 - 1. A value
outside these is a 404 or a 400 at the door, never a 500 deep inside (or, for
a value buffered and written later, inside someone else's request).
"""

import re
from datetime import date

from django.core.exceptions import ValidationError

from .errors import MastheadError

# The widest span in which a day's bounds in any time zone (UTC-12 to UTC+14)
# and the months either side of it are still dates Python and the databases
# hold: one year of margin at each end of datetime's calendar.
EARLIEST_DAY = date(2, 1, 1)
LATEST_DAY = date(9998, 12, 31)

# A BigIntegerField / BigAutoField: PostgreSQL's bigint and SQLite's INTEGER.
LARGEST_ID = 2**63 - 1

_ASCII_NUMBER = re.compile(r"[0-9]{1,19}")
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_ISO_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


class InputInvalid(MastheadError):
    """A number or date from outside that is malformed or out of range."""

    code = "invalid_input"


def calendar_day(year: int, month: int, day: int) -> date:
    """The day, if it exists and lies in [EARLIEST_DAY, LATEST_DAY]."""
    try:
        found = date(year, month, day)
    except (ValueError, OverflowError):
        raise InputInvalid(message="No such date.") from None
    if not EARLIEST_DAY <= found <= LATEST_DAY:
        raise InputInvalid(message="That date is outside the calendar this site keeps.")
    return found


def calendar_year(year: int) -> int:
    """A year whose every day ``calendar_day`` accepts."""
    if not EARLIEST_DAY.year <= year <= LATEST_DAY.year:
        raise InputInvalid(message="That year is outside the calendar this site keeps.")
    return year


def parse_day(text: str) -> date:
    """``YYYY-MM-DD`` in ASCII digits, a real day within the kept calendar."""
    matched = _ISO_DAY.fullmatch(text)
    if matched is None:
        raise InputInvalid(message="Give a date as YYYY-MM-DD.")
    return calendar_day(*(int(part) for part in matched.groups()))


def parse_month(text: str) -> date:
    """``YYYY-MM`` in ASCII digits: the first day of that month."""
    matched = _ISO_MONTH.fullmatch(text)
    if matched is None:
        raise InputInvalid(message="Give a month as YYYY-MM.")
    year, month = (int(part) for part in matched.groups())
    return calendar_day(year, month, 1)


def parse_id(text: str) -> int:
    """A database id: ASCII digits only, 1 to LARGEST_ID."""
    if _ASCII_NUMBER.fullmatch(text) is None:
        raise InputInvalid(message="Give an id in digits 0-9.")
    number = int(text)
    if not 1 <= number <= LARGEST_ID:
        raise InputInvalid(message="No such id.")
    return number


def validate_calendar_day(value: date) -> None:
    """For form fields: a parsed date must also lie within the kept calendar."""
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValidationError(
            "Give a date between %(first)s and %(last)s.",
            code="date_out_of_range",
            params={"first": EARLIEST_DAY.isoformat(), "last": LATEST_DAY.isoformat()},
        )

