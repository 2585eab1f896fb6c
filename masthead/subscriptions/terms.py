"""A term's calendar: how it reads to people ("3 Months", "1 Year"), and
the dates that follow from its end (the grace period after a failed renewal,
the window in which an unrenewed subscription still reads). Pure: dates in,
dates out; the settings are read when asked, so a changed setting counts."""

from datetime import datetime, timedelta

from django.conf import settings


def term_label(months: int) -> str:
    if months <= 0:
        raise ValueError("a term is at least one month")
    if months % 12 == 0:
        years = months // 12
        return f"{years} Year" if years == 1 else f"{years} Years"
    return f"{months} Month" if months == 1 else f"{months} Months"


# The e-mandate rule: a renewal is charged at least this long after its
# pre-debit notice, so a notice that goes out late moves the charge too.
NOTICE_AHEAD = timedelta(hours=24)


def grace_period() -> timedelta:
    """How long a reader keeps reading after a failed renewal."""
    return timedelta(days=settings.MASTHEAD_GRACE_DAYS)


def renewal_window() -> timedelta:
    """How long after its term's end an active subscription may still be
    waiting for its renewal: the charge may come a day late (a late pre-debit
    notice), and a failed one keeps the grace period. Until then the reader
    keeps reading; the billing clock renews, moves to past due or lapses it
    well before."""
    return grace_period() + NOTICE_AHEAD


def grace_end(term_end: datetime) -> datetime:
    """When a failed renewal's grace period ends: counted from the unpaid term's end."""
    return term_end + grace_period()


def renewal_window_end(term_end: datetime) -> datetime:
    """The latest an active subscription whose term ended at ``term_end`` still reads unrenewed."""
    return term_end + renewal_window()
