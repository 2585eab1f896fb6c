from django.db.models import QuerySet

from masthead.payments.models import Payment, payments_of

from .models import Invoice


def invoices_for(user) -> QuerySet[Invoice]:
    """The reader's own invoices, newest first."""
    paid = Invoice.objects.filter(payment__in=Payment.objects.filter(payments_of(user)))
    return paid.order_by("-issued_at", "-id")


def invoice_visible_to(*, user, number: str) -> Invoice | None:
    """The invoice numbered ``number`` if ``user`` may see it: their own, or
    any for staff holding ``invoicing.view_invoice`` (Support).

    Being staff is not enough: a tax invoice names a reader, their address
    and GSTIN, and numbers are sequential. Someone else's invoice and a
    number that does not exist look the same, so numbers cannot be probed.
    """
    may_see_all = user.has_perm(f"{Invoice._meta.app_label}.view_invoice")
    invoices = Invoice.objects.all() if may_see_all else invoices_for(user)
    return invoices.filter(number=number).first()
