"""Pausing a subscription: who may pause, for how long, and the dates.

Pure: facts in, a sentence or a date out. The services read the facts (the
subscription, the staff's limits, the reader's pauses in the last 12 months)
and call these, so the account page and the service refuse in the same words.
"""

from dataclasses import dataclass
from datetime import date, datetime

from masthead.core.periods import add_months, publication_zone

from .models import SubscriptionStatus
from .terms import TRIAL_TERM

S = SubscriptionStatus

# A pause counts against the limit for this many months from the day it was asked for.
PAUSE_YEAR_MONTHS = 12


def pause_counts_until(paused_at: datetime) -> date:
    """The first day (in the publication's zone) a pause asked for at
    ``paused_at`` no longer counts against the limit: the same day 12 months
    on, or that month's last day (29 February → 28 February). Counted by day,
    not to the minute, because the reader is told a day."""
    return add_months(paused_at.astimezone(publication_zone()).date(), PAUSE_YEAR_MONTHS)


def pauses_counted(pauses: list[datetime], now: datetime) -> list[datetime]:
    """Those of ``pauses`` that still count against the limit today."""
    today = now.astimezone(publication_zone()).date()
    return [paused_at for paused_at in pauses if today < pause_counts_until(paused_at)]


@dataclass(frozen=True)
class PauseLimits:
    shortest_months: int = 1
    longest_months: int = 3
    pauses_per_year: int = 1

    @property
    def choices(self) -> list[int]:
        return list(range(self.shortest_months, self.longest_months + 1))


# Why a subscription in each status cannot be paused, as the reader is told.
STATUS_REFUSALS = {
    S.PENDING: "Your subscription has not started yet, so it cannot be paused.",
    S.CANCELLING: "Your subscription is cancelled, so there is nothing to pause. Keep your subscription first if you would rather pause it.",
    S.PAST_DUE: "Your renewal payment has not gone through, so your subscription cannot be paused. Please update your card first.",
    S.COMP: "A complimentary subscription cannot be paused.",
    S.GIFT: "A gift subscription cannot be paused: it is never charged, and ends when its term ends.",
    S.PAUSED: "Your subscription is already paused.",
    S.NEEDS_CARD: "Your card can no longer be charged, so your subscription cannot be paused. Please update your card first.",
}


def pause_refusal(
    *,
    status: str,
    term_number: int,
    term_end: datetime | None,
    now: datetime,
    pauses_in_year: list[datetime],
    limits: PauseLimits,
) -> str | None:
    """Why this subscription may not be paused now, in a sentence; None when it may.

    ``pauses_in_year``: when each of the reader's recent pauses was asked for
    (not undone ones); which of them still count is decided here."""
    if status != S.ACTIVE:
        return STATUS_REFUSALS.get(status, "This subscription has ended.")
    if term_number == TRIAL_TERM:
        return "You cannot pause during a free trial. You can cancel it instead: you will not be charged."
    if term_end is None or term_end <= now:
        return "Your renewal is due now, so your subscription cannot be paused until it is paid."
    if limits.pauses_per_year < 1:
        return "Pausing a subscription is not offered just now."
    counted = sorted(pauses_counted(pauses_in_year, now))
    if len(counted) >= limits.pauses_per_year:
        # The day enough of them stop counting for one more to fit.
        again = pause_counts_until(counted[len(counted) - limits.pauses_per_year])
        times = "once" if limits.pauses_per_year == 1 else f"{limits.pauses_per_year} times"
        return f"You can pause {times} in 12 months; you can pause again from {again:%-d %B %Y}."
    return None


def months_refusal(months: int, limits: PauseLimits) -> str | None:
    """Why a pause of ``months`` is not allowed; None when it is."""
    if limits.shortest_months <= months <= limits.longest_months:
        return None
    if limits.shortest_months == limits.longest_months:
        return f"A pause lasts {limits.shortest_months} month{'s' if limits.shortest_months != 1 else ''}."
    return f"A pause lasts {limits.shortest_months} to {limits.longest_months} months."


def pause_end(term_end: datetime, months: int) -> datetime:
    """When a pause of ``months`` from the paid term's end is over: calendar
    months in the publication's zone (a term ending 31 January, paused for
    one month, renews on 28 February)."""
    if months < 1:
        raise ValueError("a pause is at least a month")
    return add_months(term_end.astimezone(publication_zone()), months)


def resumed_term_start(*, term_end: datetime, pause_until: datetime, paid_at: datetime) -> datetime:
    """When the term a paused subscription's renewal pays for begins: the
    pause's end, or the moment it is paid when the reader resumes early. Never
    before the paid term's end."""
    return max(term_end, min(pause_until, paid_at))
