"""When a subscriber may claim a partner's code, as one pure function.

Each partner's benefit has its own period, chosen by staff:

- **once per term**: one code per paid term of a subscription, for a benefit
  that matches a term;
- **once per year of subscription**: years counted from the day the
  subscriber's first subscription started, straight on across renewals,
  plans and subscriptions. A lapse does not restart the count: coming back
  within the same year of subscription gives no new code, coming back after
  it does. Otherwise leaving and returning would be a way to a second code;
- **once per subscriber**: one code, ever.

A claim uses up the period it was made in, whatever happens to the money
afterwards: a code once shown cannot be taken back from the partner, so a
refund of its term (or of the whole subscription) gives no second one. The
next period brings a new code as usual.

A claim is made within a paid term that is running now. A subscriber whose
term is over and whose renewal is not paid yet (its grace period, or the day
the renewal charge may take) still reads, but claims once the renewal is
paid: a code for a year the subscriber has not paid for would be a code for
nothing. A trial (free, or at a token price) is no paid term either: its
reader claims once the first paid term has begun.

No I/O: the caller brings the partner's period, the subscriber's facts and
every claim this subscriber made for the partner.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from django.db import models

from masthead.core.periods import Period, add_months, day_bounds, local_date


class ClaimPeriod(models.TextChoices):
    TERM = "term", "Once per term"
    YEAR = "year", "Once per year of subscription"
    SUBSCRIBER = "subscriber", "Once per subscriber"


class Refusal(StrEnum):
    NOT_OFFERED = "not_offered"
    NOT_SUBSCRIBER = "not_subscriber"
    ALREADY_CLAIMED = "already_claimed"
    TERM_NOT_PAID = "term_not_paid"
    IN_TRIAL = "in_trial"


class Claim(Protocol):
    """A code this subscriber claimed from the partner, under any subscription
    (a claimed PartnerCode is one)."""

    claimed_at: datetime
    subscription_id: int | None
    term_number: int | None


@dataclass(frozen=True)
class SubscriberFacts:
    """The subscription the subscriber reads with now, and where their years begin."""

    first_start: datetime  # the start of their first subscription, whatever became of it
    subscription_id: int
    term_number: int
    term_end: datetime
    renews: bool  # the term is followed by another if nothing changes (an active subscription)
    in_trial: bool = False  # the term is a trial (term 0), not a paid term


@dataclass(frozen=True)
class ClaimDecision:
    refusal: Refusal | None = None
    # The period a claim made now uses up, or the one a claim already used
    # ("term:12:3", "year:2026-03-03", "subscriber"): stored with the claim,
    # one per subscriber and period.
    period_key: str = ""
    claimed: Claim | None = None  # the claim that used this period up
    next_at: datetime | None = None  # when the next claim may be made, when known

    @property
    def allowed(self) -> bool:
        return self.refusal is None


def subscription_year(first_start: datetime, now: datetime) -> Period:
    """The year of subscription ``now`` falls in. Years begin on the day (in
    the publication's zone) the first subscription started, each counted
    from that day, so a start on 29 February comes back on 28 February, and
    on 29 February again in a leap year."""
    first_day = day_bounds(local_date(first_start)).start
    years = local_date(now).year - first_day.year
    if add_months(first_day, 12 * years) > now:
        years -= 1  # this year's anniversary is still to come
    return Period(add_months(first_day, 12 * years), add_months(first_day, 12 * (years + 1)))


def claim_decision(
    *,
    period: ClaimPeriod,
    offered: bool,
    subscriber: SubscriberFacts | None,
    claims: Sequence[Claim],
    now: datetime,
) -> ClaimDecision:
    """May the subscriber claim a code now; if not, why, and when next."""
    if not offered:
        return ClaimDecision(Refusal.NOT_OFFERED)
    if subscriber is None:
        return ClaimDecision(Refusal.NOT_SUBSCRIBER)
    if subscriber.in_trial:
        return ClaimDecision(Refusal.IN_TRIAL, next_at=subscriber.term_end if subscriber.renews else None)
    if period == ClaimPeriod.TERM:
        key = f"term:{subscriber.subscription_id}:{subscriber.term_number}"
        in_period = [
            claim
            for claim in claims
            if (claim.subscription_id, claim.term_number) == (subscriber.subscription_id, subscriber.term_number)
        ]
        next_at = subscriber.term_end if subscriber.renews else None
    elif period == ClaimPeriod.YEAR:
        year = subscription_year(subscriber.first_start, now)
        key, next_at = f"year:{local_date(year.start).isoformat()}", year.end
        in_period = [claim for claim in claims if claim.claimed_at >= year.start]
    else:
        key, in_period, next_at = "subscriber", claims, None
    if in_period:
        latest = max(in_period, key=lambda claim: claim.claimed_at)
        return ClaimDecision(Refusal.ALREADY_CLAIMED, key, latest, next_at)
    if now >= subscriber.term_end:
        return ClaimDecision(Refusal.TERM_NOT_PAID)
    return ClaimDecision(None, key)
