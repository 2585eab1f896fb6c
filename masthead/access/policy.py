"""The access decision's rules, as pure functions.

Given the facts about a reader, an article and the time, they say whether
the reader gets the full text or the lead-in, and why; when none of them
applies, the meter decides (metering.services.meter_view), and its answer
becomes a decision here. No I/O: the caller brings the facts and the meter.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from masthead.metering.policy import MeterAnswer, MeterVerdict


class Reason(StrEnum):
    SUBSCRIBER = "subscriber"
    EXEMPT = "exempt"
    FREE_WITHIN_METER = "free_within_meter"
    ALREADY_COUNTED = "already_counted"
    METER_EXHAUSTED = "meter_exhausted"
    # An anonymous reader over their free articles when a free account opens
    # more: the page offers sign-up (the registration wall), not the plans.
    REGISTRATION_WALL = "registration_wall"
    PREMIUM = "premium"
    ARCHIVE = "archive"
    # A subscriber's gift link for this article: full text, the meter untouched.
    GIFT = "gift"
    # Staff previewing an article in the newsroom; never decided by the meter.
    EDITOR_PREVIEW = "editor_preview"
    # A search engine's crawler, proved by its address (crawlers.py): the
    # full text with the paywall markup, never counted.
    VERIFIED_CRAWLER = "verified_crawler"


# How staff read a reason (the funnel's admin list); the values above are
# what is stored and what the API answers.
REASON_WORDS = {
    Reason.SUBSCRIBER: "Subscriber",
    Reason.EXEMPT: "Always free",
    Reason.FREE_WITHIN_METER: "Free within the meter",
    Reason.ALREADY_COUNTED: "Already counted this month",
    Reason.METER_EXHAUSTED: "Meter used up",
    Reason.REGISTRATION_WALL: "Registration wall",
    Reason.PREMIUM: "Premium story",
    Reason.ARCHIVE: "Archive story",
    Reason.GIFT: "Gift link",
    Reason.EDITOR_PREVIEW: "Staff preview",
    Reason.VERIFIED_CRAWLER: "Verified search crawler",
}


FULL_TEXT_REASONS = frozenset(
    {
        Reason.SUBSCRIBER,
        Reason.EXEMPT,
        Reason.GIFT,
        Reason.FREE_WITHIN_METER,
        Reason.ALREADY_COUNTED,
        Reason.EDITOR_PREVIEW,
        Reason.VERIFIED_CRAWLER,
    }
)


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
    # On the registration wall: how many more articles a free account opens.
    account_extra: int = 0
    # Under the meter's paywall: the words an experiment's arm puts in place
    # of the site's own ("" : the site's own).
    paywall_message: str = ""
    # Under the meter's paywall: the plans' slugs in the order an arm lists
    # them ((): the site's order).
    plan_order: tuple[str, ...] = ()
    # Under the meter's paywall: the offer an arm shows on the plans (None: none).
    offer_id: int | None = None

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


def decide_without_meter(
    *,
    is_subscriber: bool,
    article: ArticleFacts,
    archive_age: timedelta,
    now: datetime,
    gifted: bool,
    verified_crawler: bool = False,
) -> Decision | None:
    """The rules that do not depend on the meter, in order of precedence.

    None means "ask the meter". Premium and archive stories are never free,
    whatever the meter says, unless a subscriber gifted this one (``gifted``:
    the reader holds a valid gift link for this very article). Premium comes
    before "always free": ticking both, or filing a premium story in an
    always-free section, must not give a subscriber's story away.

    A ``verified_crawler`` (a search engine's crawler proved by its address,
    never by what the request says of itself) reads every story in full,
    premium and archive too, and the meter is never asked: the page it gets
    still carries the paywall markup, as Google's guidance for paywalled
    content expects.
    """
    if is_subscriber:
        return Decision(Reason.SUBSCRIBER)
    if verified_crawler:
        return Decision(Reason.VERIFIED_CRAWLER)
    if gifted:
        return Decision(Reason.GIFT)
    if article.is_premium:
        return Decision(Reason.PREMIUM)
    if article.is_exempt:
        return Decision(Reason.EXEMPT)
    if article.published_at <= now - archive_age:
        return Decision(Reason.ARCHIVE)
    return None


_METER_REASONS = {
    MeterVerdict.FREE: Reason.FREE_WITHIN_METER,
    MeterVerdict.ALREADY_COUNTED: Reason.ALREADY_COUNTED,
    MeterVerdict.EXHAUSTED: Reason.METER_EXHAUSTED,
    MeterVerdict.REGISTRATION_WALL: Reason.REGISTRATION_WALL,
}


def decide_with_meter(answer: MeterAnswer) -> Decision:
    """The decision when the meter decides: its verdict, with the count the
    page shows ("3 of 5 left") and, on the registration wall, how many more
    a free account reads."""
    extra = answer.account_extra if answer.verdict == MeterVerdict.REGISTRATION_WALL else 0
    return Decision(_METER_REASONS[answer.verdict], answer.views, answer.free_limit, account_extra=extra)
