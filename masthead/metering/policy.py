"""The meter's rule, as a pure function: whether one more article fits in a
reader's period.

Given what the store knows of the reader's period and the free limit, it
says whether this view is free and what the count is with it. Which readers
and articles the meter is asked about at all (subscribers, gifts, premium,
the archive) is the access decision's business (access/policy.py); no I/O
here, the store supplies the state and records the view the answer allows.
"""

from dataclasses import dataclass
from enum import StrEnum


class MeterVerdict(StrEnum):
    # Within the limit: free, and the view is the one the store records.
    FREE = "free"
    # Counted earlier this period: free again, and not counted twice.
    ALREADY_COUNTED = "already_counted"
    # A new article over the limit.
    EXHAUSTED = "exhausted"
    # A new article over an anonymous reader's limit, when a free account
    # would open more: the registration wall rather than the paywall.
    REGISTRATION_WALL = "registration_wall"


# Verdicts that open nothing and count nothing.
OVER_LIMIT = frozenset({MeterVerdict.EXHAUSTED, MeterVerdict.REGISTRATION_WALL})


@dataclass(frozen=True)
class MeterState:
    """What the store knows of this reader this period."""

    views: int
    counts_this_article: bool


@dataclass(frozen=True)
class MeterAnswer:
    """The meter's answer for one view: the verdict, the period's count with
    this view ("your 3rd"), the limit it was measured against, and how many
    more a free account would open (only ever said to an anonymous reader;
    on the registration wall, how many more from where they are)."""

    verdict: MeterVerdict
    views: int
    free_limit: int
    account_extra: int = 0


def meter_limit(*, free_limit: int, account_extra: int, has_account: bool) -> int:
    """A reader's monthly limit: ``free_limit`` (N) for an anonymous reader;
    N + ``account_extra`` (M) for a reader signed in to a free account."""
    return free_limit + account_extra if has_account else free_limit


def meter_answer(*, state: MeterState, free_limit: int, account_extra: int = 0) -> MeterAnswer:
    """``free_limit`` is this reader's limit; ``account_extra`` is what a
    free account would add to it (0 for a reader who has one)."""
    if state.counts_this_article:
        return MeterAnswer(MeterVerdict.ALREADY_COUNTED, state.views, free_limit, account_extra)
    if state.views < free_limit:
        # The view this answer allows is the one the store will record.
        return MeterAnswer(MeterVerdict.FREE, state.views + 1, free_limit, account_extra)
    return meter_over_limit(views=state.views, free_limit=free_limit, account_extra=account_extra)


def meter_over_limit(*, views: int, free_limit: int, account_extra: int) -> MeterAnswer:
    """A new article over the limit: the registration wall when a free
    account would open more, else the paywall. "More" is counted from where
    the reader is: a browser whose month already holds what an account opens
    (an account's month carried back at log-out) is offered nothing, so it
    meets the paywall."""
    more = max(free_limit + account_extra - views, 0) if account_extra > 0 else 0
    if more > 0:
        return MeterAnswer(MeterVerdict.REGISTRATION_WALL, views, free_limit, more)
    return MeterAnswer(MeterVerdict.EXHAUSTED, views, free_limit)
