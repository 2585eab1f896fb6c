"""Whether an account reads as a subscriber.

A subscription that grants reading (active, cancelling until its term ends,
in its grace period, or complimentary) or staff-granted complimentary access.
Every channel asks this one question.
"""

from django.utils import timezone

from .selectors import reading_subscription


def is_subscriber(user, now=None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.complimentary_access:
        return True
    return reading_subscription(user=user, now=now or timezone.now()) is not None
