from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from .models import Payment, PaymentStatus


def payment_history(*, user, limit: int = 24) -> QuerySet[Payment]:
    """The reader's payments, newest first, with their invoices (no pending attempts)."""
    return (
        Payment.objects.filter(subscription__user=user)
        .exclude(status=PaymentStatus.PENDING)
        .select_related("invoice")
        .order_by("-created_at")[:limit]
    )


def charge_in_flight(*, subscription_id: int, term_number: int, now: datetime | None = None) -> bool:
    """A worker is charging this term right now (a claimed pending attempt
    whose claim is live). An order waiting for the reader to pay it on the
    provider's own page is not a charge in flight."""
    from .services import CLAIM_EXPIRES

    now = now or timezone.now()
    return Payment.objects.filter(
        subscription_id=subscription_id,
        term_number=term_number,
        status=PaymentStatus.PENDING,
        claimed_at__gte=now - CLAIM_EXPIRES,
    ).exists()
