from urllib.parse import urlencode

from django.db.models import QuerySet

from .models import GIFT_REDEEMABLE, GiftLink, GiftSubscription


def gift_url(gift: GiftLink) -> str:
    return f"{gift.article.get_absolute_url()}?{urlencode({'gift': gift.token})}"


def gifts_sent(*, user, limit: int = 20) -> list[GiftLink]:
    return list(GiftLink.objects.filter(giver=user).select_related("article__section")[:limit])


def gift_subscriptions_unredeemed(*, buyer) -> QuerySet[GiftSubscription]:
    """The gift subscriptions ``buyer`` paid for that nobody has redeemed yet, newest first."""
    return GiftSubscription.objects.filter(buyer=buyer, status__in=GIFT_REDEEMABLE).select_related("plan")
