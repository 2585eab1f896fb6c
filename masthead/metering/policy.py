"""The metered paywall's rules, as pure functions.

Given the facts about a reader, an article, the meter and the time, it says
whether the reader gets the full text or the lead-in, and why. No I/O: the
store supplies the meter's state and records the view the decision allows.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Reason(StrEnum):
    SUBSCRIBER = "subscriber"
    EXEMPT = "exempt"
    FREE_WITHIN_METER = "free_within_meter"
    ALREADY_COUNTED = "already_counted"
    METER_EXHAUSTED = "meter_exhausted"
    PREMIUM = "premium"
    ARCHIVE = "archive"
    # A subscriber's gift link for this article: full text, the meter untouched.
    GIFT = "gift"
    # Staff previewing an article in the newsroom; never decided by the meter.
    EDITOR_PREVIEW = "editor_preview"


FULL_TEXT_REASONS = frozenset(
    {
        Reason.SUBSCRIBER,
        Reason.EXEMPT,
        Reason.GIFT,
        Reason.FREE_WITHIN_METER,
        Reason.ALREADY_COUNTED,
        Reason.EDITOR_PREVIEW,
    }
)


@dataclass(frozen=True)
class MeterRules:
    free_limit: int = 5
    archive_age: timedelta = timedelta(days=365)
    gifts_per_month: int = 10
    devices_per_account: int = 5


@dataclass(frozen=True)
class ArticleFacts:
    article_id: int
    published_at: datetime
    is_premium: bool
    is_exempt: bool

    @property
    def free_to_everyone(self) -> bool:
        """Nobody meets a paywall on it: always free, and not premium (premium wins)."""
        return self.is_exempt and not self.is_premium


@dataclass(frozen=True)
class MeterState:
    """What the store knows of this reader this month."""

    views: int
    counts_this_article: bool


@dataclass(frozen=True)
class GiftNote:
    """What the page tells a reader about the gift link they followed."""

    giver: str = ""
    until: datetime | None = None
    problem: str = ""  # set when the link could not be honoured (expired, not valid)


@dataclass(frozen=True)
class Decision:
    reason: Reason
    views: int | None = None
    free_limit: int | None = None
    gift: GiftNote | None = None

    @property
    def full_text(self) -> bool:
        return self.reason in FULL_TEXT_REASONS

    @property
    def metered(self) -> bool:
        """Whether the meter had a say (so the page shows how many are left)."""
        return self.views is not None

    @property
    def views_left(self) -> int | None:
        if self.views is None or self.free_limit is None:
            return None
        return max(self.free_limit - self.views, 0)

    @property
    def needs_recording(self) -> bool:
        return self.reason == Reason.FREE_WITHIN_METER


def decide_without_meter(
    *, is_subscriber: bool, article: ArticleFacts, rules: MeterRules, now: datetime, gifted: bool
) -> Decision | None:
    """The rules that do not depend on the meter, in order of precedence.

    None means "ask the meter". Premium and archive stories are never free,
    whatever the meter says, unless a subscriber gifted this one (``gifted``:
    the reader holds a valid gift link for this very article). Premium comes
    before "always free": ticking both, or filing a premium story in an
    always-free section, must not give a subscriber's story away.
    """
    if is_subscriber:
        return Decision(Reason.SUBSCRIBER)
    if gifted:
        return Decision(Reason.GIFT)
    if article.is_premium:
        return Decision(Reason.PREMIUM)
    if article.is_exempt:
        return Decision(Reason.EXEMPT)
    if article.published_at <= now - rules.archive_age:
        return Decision(Reason.ARCHIVE)
    return None


def decide_with_meter(*, meter: MeterState, rules: MeterRules) -> Decision:
    if meter.counts_this_article:
        return Decision(Reason.ALREADY_COUNTED, meter.views, rules.free_limit)
    if meter.views < rules.free_limit:
        # The view this decision allows is the one the store will record.
        return Decision(Reason.FREE_WITHIN_METER, meter.views + 1, rules.free_limit)
    return Decision(Reason.METER_EXHAUSTED, meter.views, rules.free_limit)

