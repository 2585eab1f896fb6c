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


@dataclass(frozen=True)
class MeterState:
    """What the store knows of this reader this period."""

    views: int
    counts_this_article: bool


@dataclass(frozen=True)
class MeterAnswer:
    """The meter's answer for one view: the verdict, the period's count with
    this view ("your 3rd"), and the limit it was measured against."""

    verdict: MeterVerdict
    views: int
    free_limit: int


def meter_answer(*, state: MeterState, free_limit: int) -> MeterAnswer:
    if state.counts_this_article:
        return MeterAnswer(MeterVerdict.ALREADY_COUNTED, state.views, free_limit)
    if state.views < free_limit:
        # The view this answer allows is the one the store will record.
        return MeterAnswer(MeterVerdict.FREE, state.views + 1, free_limit)
    return MeterAnswer(MeterVerdict.EXHAUSTED, state.views, free_limit)
