from django.db.models import Prefetch, QuerySet

from masthead.payments.models import Payment, payments_of

from .models import CreditNote, Invoice


def invoices_for(user) -> QuerySet[Invoice]:
    """The reader's own invoices, newest first."""
    paid = Invoice.objects.filter(payment__in=Payment.objects.filter(payments_of(user)))
    return paid.order_by("-issued_at", "-id")


def invoices_with_credit_notes_for(user) -> QuerySet[Invoice]:
    """The reader's own invoices, newest first, each with its credit notes (oldest first)."""
    return invoices_for(user).prefetch_related(
        Prefetch("credit_notes", queryset=CreditNote.objects.order_by("issued_at", "id"))
    )


def credit_notes_for(user) -> QuerySet[CreditNote]:
    """The credit notes against the reader's own invoices, newest first."""
    return CreditNote.objects.filter(invoice__in=invoices_for(user)).order_by("-issued_at", "-id")


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


def credit_note_visible_to(*, user, number: str) -> CreditNote | None:
    """The credit note numbered ``number`` if ``user`` may see it: against
    their own invoice, or any for staff holding ``invoicing.view_creditnote``
    (Support). As for invoices, anyone else's and a number never issued look
    the same."""
    may_see_all = user.has_perm(f"{CreditNote._meta.app_label}.view_creditnote")
    credit_notes = CreditNote.objects.all() if may_see_all else credit_notes_for(user)
    return credit_notes.select_related("invoice").filter(number=number).first()
