"""Gift articles: a subscriber hands one article, in full, to anyone.

Each subscriber may create ``gifts_per_month`` links per calendar month (in
the publication's zone; staff set the number in the gift settings). A link
opens its one article for GIFT_DAYS, for anyone, without touching their
meter. Gifting the same article again while its link is valid gives the same
link and spends nothing.

A gift stands on the term it was made in. It outlives a cancellation or a
lapse (that term was paid for) until its own expiry, but a refund of that
term's payment takes it back, whenever the refund comes and whatever the
subscription's state then: the money came back, so does the gift.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from masthead.core.errors import InvalidOperation
from masthead.core.periods import month_bounds
from masthead.subscriptions.entitlement import is_subscriber
from masthead.subscriptions.selectors import reading_subscription, refunded_term

from .models import GiftLink, GiftSettings

GIFT_DAYS = 14


@dataclass(frozen=True)
class GiftAllowance:
    allowed: int
    used: int
    renews_on: datetime

    @property
    def left(self) -> int:
        return max(self.allowed - self.used, 0)


def gift_allowance(*, user, now: datetime | None = None) -> GiftAllowance:
    now = now or timezone.now()
    month = month_bounds(now)
    used = GiftLink.objects.filter(giver=user, created_at__gte=month.start, created_at__lt=month.end).count()
    return GiftAllowance(allowed=GiftSettings.current().gifts_per_month, used=used, renews_on=month.end)


def gift_create(*, user, article, now: datetime | None = None) -> GiftLink:
    """A gift link for this article from this subscriber, within their allowance."""
    now = now or timezone.now()
    # The paid term the gift stands on; none for complimentary access.
    subscription = reading_subscription(user=user, now=now)
    if subscription is None and not is_subscriber(user, now=now):
        raise InvalidOperation("not_subscriber", "Gift articles come with a subscription.")
    if not article.is_live(now):
        raise InvalidOperation("not_live", "This article cannot be gifted.")
    with transaction.atomic():
        # One subscriber's gifts are counted under a lock on their account, so
        # two clicks at once cannot both take the last gift of the month.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        # A link whose term was refunded is dead: gifting again makes a new one.
        existing = (
            _with_refunded(GiftLink.objects)
            .filter(giver=user, article=article, expires_at__gt=now, refunded=False)
            .first()
        )
        if existing is not None:
            return existing
        allowance = gift_allowance(user=user, now=now)
        if allowance.left == 0:
            raise InvalidOperation(
                "gift_allowance_used",
                f"You have used all {allowance.allowed} gift articles for this month. "
                f"You can gift more from {allowance.renews_on:%-d %B}.",
            )
        return GiftLink.objects.create(
            token=secrets.token_urlsafe(24),
            article=article,
            giver=user,
            subscription=subscription,
            term_number=subscription.term_number if subscription else None,
            created_at=now,
            expires_at=now + timedelta(days=GIFT_DAYS),
        )


@dataclass(frozen=True)
class GiftCheck:
    """What a gift token in a link is worth for one article."""

    gift: GiftLink | None = None
    problem: str = ""


def gift_check(*, token: str, article_id: int, now: datetime) -> GiftCheck:
    # Tokens are short, URL-safe strings; anything else is refused unread.
    if not token or len(token) > 64:
        return GiftCheck(problem="This gift link is not valid.")
    gift = _with_refunded(GiftLink.objects.select_related("giver")).filter(token=token).first()
    if gift is None or gift.article_id != article_id:
        return GiftCheck(problem="This gift link is not valid.")
    if gift.expires_at <= now:
        return GiftCheck(problem=f"This gift link expired on {timezone.localtime(gift.expires_at):%-d %B %Y}.")
    if gift.refunded:
        return GiftCheck(problem="This gift link is no longer valid.")
    return GiftCheck(gift=gift)


def _with_refunded(gifts):
    """Each gift with ``refunded``: whether the term it was made in was refunded."""
    made_in = refunded_term(subscription_id=OuterRef("subscription_id"), term_number=OuterRef("term_number"))
    return gifts.annotate(refunded=Exists(made_in))


def gift_opened(gift: GiftLink, *, now: datetime) -> None:
    GiftLink.objects.filter(pk=gift.pk).update(opened_count=F("opened_count") + 1, last_opened_at=now)


def giver_name(user) -> str:
    """How a gift is signed: first name and initial, else "A subscriber"."""
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    if not first:
        return "A subscriber"
    return f"{first} {last[0]}." if last else first
