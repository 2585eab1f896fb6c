from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Max, Q, QuerySet
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
