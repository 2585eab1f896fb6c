"""A term's calendar: how it reads to people ("3 months", "1 year"), and
the dates that follow from its end (the renewal's charge day, its retry days,
the grace period after a failed renewal, the window in which an unrenewed
subscription still reads). Pure: dates in, dates out; the settings are read
when asked, so a changed setting counts."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from masthead.core.money import Money
from masthead.core.periods import add_months, publication_zone

from .app_settings import app_settings


# The first paid term: the one checkout pays for, or the one charged when a trial ends.
FIRST_TERM = 1
# A trial, free or at a token price, before the first paid term.
TRIAL_TERM = 0


def term_label(months: int) -> str:
    if months <= 0:
        raise ValueError("a term is at least one month")
    if months % 12 == 0:
        years = months // 12
        return f"{years} year" if years == 1 else f"{years} years"
    return f"{months} month" if months == 1 else f"{months} months"


def term_every(months: int) -> str:
    """A term as "every …" says it: "3 months", "month", "year"."""
    return term_label(months).removeprefix("1 ")


# The e-mandate rule: a renewal is charged at least this long after its
# pre-debit notice, so a notice that goes out late moves the charge too.
NOTICE_AHEAD = timedelta(hours=24)


def grace_period() -> timedelta:
    """How long a reader keeps reading after a failed renewal."""
    return timedelta(days=app_settings.GRACE_DAYS)


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


def renewal_charge_day(term_end: datetime, now: datetime) -> datetime:
    """The e-mandate rule for a renewal announced now: charged at the term's
    end, and at least NOTICE_AHEAD after its notice."""
    return max(term_end, now + NOTICE_AHEAD)


def next_retry_at(
    term_end: datetime, last_attempt_at: datetime | None, retry_days: Sequence[int] | None = None
) -> datetime | None:
    """The first retry day (``retry_days`` after the term's end: the schedule
    staff set, selectors.renewal_retry_days, or else MASTHEAD_RENEWAL_RETRY_DAYS)
    after the last attempt at the renewal, the clock's or the reader's own with
    a new card; None when no retry day is left. A reader trying a card between
    two retry days does not use up the next one."""
    for days in app_settings.RENEWAL_RETRY_DAYS if retry_days is None else retry_days:
        retry_at = term_end + timedelta(days=days)
        if last_attempt_at is None or retry_at > last_attempt_at:
            return retry_at
    return None


# More retries than this would charge a card nearly every day of the grace period.
MOST_RETRIES = 10


def retry_days_parse(text: str, *, grace_days: int) -> list[int]:
    """A retry schedule as staff type it ("1, 3, 5": days after a term's end
    on which a failed renewal is tried again), checked: whole days, each
    later than the one before, all inside the grace period (a retry on the
    day it ends would come after the subscription lapsed). ValueError, with
    a sentence for staff, otherwise."""
    items = [item.strip() for item in text.replace(";", ",").split(",")]
    if not text.strip() or not all(item.isascii() and item.isdigit() for item in items):
        raise ValueError('Write whole days after the term\'s end, separated by commas, e.g. "1, 3, 5".')
    days = [int(item) for item in items]
    if days[0] < 1:
        raise ValueError("The first retry is at least 1 day after the term's end (the renewal itself is tried on day 0).")
    if any(later <= earlier for earlier, later in zip(days, days[1:])):
        raise ValueError("Each retry day must come after the one before it, e.g. 1, 3, 5.")
    if days[-1] >= grace_days:
        raise ValueError(
            f"Every retry must fall inside the grace period of {grace_days} days "
            f"(the last can be day {grace_days - 1} at the latest)."
            if grace_days > 1
            else f"The grace period is {grace_days} days, which leaves no day to retry in."
        )
    if len(days) > MOST_RETRIES:
        raise ValueError(f"At most {MOST_RETRIES} retries.")
    return days


def trial_end(start: datetime, *, days: int, months: int) -> datetime:
    """When a trial begun at ``start`` ends: so many days, or calendar months
    in the publication's zone (a trial from 31 January for 1 month ends on 28 February)."""
    if days < 0 or months < 0 or bool(days) == bool(months):
        raise ValueError("a trial lasts some days or some months")
    if months:
        return add_months(start.astimezone(publication_zone()), months)
    return start + timedelta(days=days)


def trial_label(*, days: int, months: int, price: Money) -> str:
    """How a trial reads: "14 days free", "1 month free", "7 days for ₹1"."""
    length = f"{days} day{'s' if days != 1 else ''}" if days else term_label(months)
    return f"{length} free" if not price.minor else f"{length} for {price}"
