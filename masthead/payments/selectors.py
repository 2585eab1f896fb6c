from django.db.models import QuerySet

from .models import Payment, PaymentStatus


def payment_history(*, user, limit: int = 24) -> QuerySet[Payment]:
    """The reader's payments, newest first, with their invoices (no pending attempts)."""
    return (
        Payment.objects.filter(subscription__user=user)
        .exclude(status=PaymentStatus.PENDING)
        .select_related("invoice")
        .order_by("-created_at")[:limit]
    )
