"""The card-update link mailed when a renewal cannot be charged.

The link opens the card change page, which retries the unpaid renewal at once
with the card just saved (billing.payment_card_replace). The page is the
reader's own and asks them to log in, so the link's token grants nothing by
itself: it binds the link to one subscription of one reader, so that a link
forwarded to (or opened by) someone else, one for a subscription that has
since ended, or one older than the grace period it was mailed in does nothing
but say so. The token is signed with the site's secret (django.core.signing)
and expires when the reader's grace period does.
"""

from datetime import datetime
from urllib.parse import urlencode

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from masthead.core.errors import MastheadError
from masthead.core.urls import site_url

from .models import Subscription
from .terms import grace_end

SALT = "masthead.subscriptions.card-link"
# The query parameter that carries the token.
PARAMETER = "link"


class CardLinkRefused(MastheadError):
    code = "card_link_refused"


def card_link_expires(subscription: Subscription) -> datetime:
    """The end of the grace period the link was mailed in: the one a failed
    renewal began, or, for a card that stopped working before its renewal,
    the one that renewal would begin (when a pause ends, for a paused one)."""
    if subscription.grace_until:
        return subscription.grace_until
    return grace_end(subscription.pause_until or subscription.term_end)


def card_link_token(*, subscription: Subscription) -> str:
    expires = card_link_expires(subscription)
    return signing.dumps(
        {"s": subscription.pk, "u": subscription.user_id, "e": int(expires.timestamp())}, salt=SALT
    )


def card_link_url(*, subscription: Subscription) -> str:
    query = urlencode({PARAMETER: card_link_token(subscription=subscription)})
    return f"{site_url()}{reverse('subscriptions:change-card')}?{query}"


def card_link_subscription_id(*, token: str, user, now: datetime | None = None) -> int:
    """The subscription a link names, if it is ``user``'s own and has not
    expired; CardLinkRefused with a sentence for the reader otherwise."""
    now = now or timezone.now()
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise CardLinkRefused(message="This card link is not valid. You can change your card from your account page.") from None
    if not isinstance(payload, dict) or not all(isinstance(payload.get(key), int) for key in ("s", "u", "e")):
        raise CardLinkRefused(message="This card link is not valid. You can change your card from your account page.")
    if payload["u"] != user.pk:
        raise CardLinkRefused(
            message="This card link was sent to another account. Log in as the reader it was sent to, "
            "or change your own card from your account page."
        )
    if payload["e"] <= now.timestamp():
        raise CardLinkRefused(message="This card link has expired. You can change your card from your account page.")
    return payload["s"]
