from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from .models import LIVE_STATUSES, READING_STATUSES, Benefit, Plan, Subscription


def plans_on_sale() -> QuerySet[Plan]:
    return Plan.objects.filter(is_active=True)


def benefits_shown() -> QuerySet[Benefit]:
    return Benefit.objects.filter(is_active=True)


def current_subscription(*, user) -> Subscription | None:
    """The reader's subscription that is still going (pending included), if any."""
    return Subscription.objects.filter(user=user, status__in=LIVE_STATUSES).select_related("plan").first()


def reading_subscription(*, user, now: datetime | None = None) -> Subscription | None:
    """The subscription that lets this reader read everything now, if any."""
    now = now or timezone.now()
    for subscription in Subscription.objects.filter(user=user, status__in=READING_STATUSES).select_related("plan"):
        if subscription.grants_reading(now):
            return subscription
    return None
