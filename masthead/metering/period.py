"""The meter's period: the span of time a reader's free articles are counted in.

A calendar month in the publication's zone, named like ``"2026-11"``: the
month turns at local midnight on the 1st (in Asia/Kolkata at 18:30 UTC on
the last day). The stores keep one count per reader and period, and a
receipt names the period it speaks for; all of them ask this module, so
"5 a month" becoming "3 a week" is a change here (and to the words readers
see, "left this month").
"""

from datetime import datetime, timedelta

from masthead.core.periods import local_date, month_bounds

# The longest a period lasts: a store keeps a period's count at least this
# long after it begins.
LONGEST_PERIOD = timedelta(days=31)


def meter_period(now: datetime) -> str:
    """The period ``now`` falls in, e.g. ``"2026-11"``."""
    day = local_date(now)
    return f"{day.year:04d}-{day.month:02d}"


def meter_period_end(now: datetime) -> datetime:
    """When the period ``now`` falls in ends (a receipt is good until then)."""
    return month_bounds(now).end


def is_meter_period(text: str) -> bool:
    """Whether ``text`` is shaped like a period's name (a receipt read back
    from a cookie names one; anything else is not a receipt)."""
    return len(text) == 7 and text[4] == "-"
