from django.db.models import QuerySet

from .models import Invoice


def invoices_for(user) -> QuerySet[Invoice]:
    """The reader's own invoices, newest first."""
    return Invoice.objects.filter(payment__subscription__user=user).order_by("-issued_at", "-id")


def invoice_visible_to(*, user, number: str) -> Invoice | None:
    """The invoice numbered ``number`` if ``user`` may see it: their own, or any for staff.

    Someone else's invoice and a number that does not exist look the same,
    so invoice numbers cannot be probed.
    """
    invoices = Invoice.objects.all() if user.is_staff else invoices_for(user)
    return invoices.filter(number=number).first()
