from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from .models import Payment, PaymentStatus, payments_of

# A claim older than this belongs to a worker that died.
CLAIM_EXPIRES = timedelta(minutes=10)


def payment_history(*, user, limit: int = 24) -> QuerySet[Payment]:
    """The reader's payments, newest first, with their invoices (no pending attempts)."""
    return (
        Payment.objects.filter(payments_of(user))
        .exclude(status=PaymentStatus.PENDING)
        .select_related("invoice")
        .order_by("-created_at")[:limit]
    )


def charge_in_flight(*, subscription_id: int, term_number: int, now: datetime | None = None) -> bool:
    """A worker is charging this term right now (a claimed pending attempt
    whose claim is live). An order waiting for the reader to pay it on the
    provider's own page is not a charge in flight."""
    now = now or timezone.now()
    return Payment.objects.filter(
        subscription_id=subscription_id,
        term_number=term_number,
        status=PaymentStatus.PENDING,
        claimed_at__gte=now - CLAIM_EXPIRES,
    ).exists()


@dataclass(frozen=True)
class TermAttempts:
    """The attempts at one term's charge so far. An extra charge found and
    refunded (``duplicate``) is not an attempt of its own, but the number it
    carries is never given out again."""

    made: int
    last_at: datetime | None
    next_number: int


def term_attempts(*, subscription_id: int, term_number: int) -> TermAttempts:
    """How many attempts the term's charge has had, when the last was claimed,
    and the number the next one takes (its charge key is built from it)."""
    counted = Q(duplicate=False)
    summary = Payment.objects.filter(subscription_id=subscription_id, term_number=term_number).aggregate(
        made=Count("pk", filter=counted), last_at=Max("claimed_at", filter=counted), highest=Max("attempt")
    )
    return TermAttempts(made=summary["made"], last_at=summary["last_at"], next_number=(summary["highest"] or 0) + 1)


def scheduled_attempt_number(*, subscription_id: int, term_number: int, due_at: datetime) -> int:
    """The number of the billing clock's scheduled first attempt at a term's
    charge that fell due at ``due_at`` (the term it renews ends then).

    It is the first attempt claimed since then, so a clock that runs again
    (twice at once, or after a crash) gets the same attempt back and never
    makes it twice. An attempt claimed before ``due_at`` was made for an
    earlier due date, before the term was lengthened (a gift redeemed while
    that charge was at the provider, which refunded it as unneeded, or while
    the reader had cancelled): it does not stand for this one, which takes
    the next number and so a charge key of its own."""
    first = Payment.objects.filter(
        subscription_id=subscription_id, term_number=term_number, claimed_at__gte=due_at
    ).aggregate(first=Min("attempt"))["first"]
    return first or term_attempts(subscription_id=subscription_id, term_number=term_number).next_number
