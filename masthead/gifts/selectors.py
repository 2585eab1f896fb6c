from urllib.parse import urlencode

from .models import GiftLink


def gift_url(gift: GiftLink) -> str:
    return f"{gift.article.get_absolute_url()}?{urlencode({'gift': gift.token})}"


def gifts_sent(*, user, limit: int = 20) -> list[GiftLink]:
    return list(GiftLink.objects.filter(giver=user).select_related("article__section")[:limit])
