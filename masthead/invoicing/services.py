"""Issuing tax invoices and credit notes. The only code that writes an
Invoice or a CreditNote or takes a number."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from masthead.core.errors import MastheadError
from masthead.core.money import Money
from masthead.core.periods import local_date
from masthead.payments.models import BillingProfile, Payment, PaymentStatus

from .app_settings import app_settings
from .gst import STATES_AND_UNION_TERRITORIES, credit_split, financial_year, gst_split, invoice_number, taxable_value
from .models import CreditNote, CreditNoteReason, CreditNoteSequence, Invoice, InvoiceSequence


class PaymentNotSucceeded(MastheadError):
    code = "payment_not_succeeded"


class UnknownPlaceOfSupply(MastheadError):
    code = "unknown_place_of_supply"


class CreditExceedsInvoice(MastheadError):
    code = "credit_exceeds_invoice"


def term_description(*, plan_name: str, term_start: datetime, term_end: datetime) -> str:
    """``"Smart Quarterly digital subscription, 28 Nov 2026 – 27 Feb 2027"``.

    The next term begins on the day this one ends, and that day is printed
    on the next invoice, so this one's period ends the day before (dates in
    the publication's zone): consecutive invoices never share a day.
    """
    first = local_date(term_start)
    last = local_date(term_end) - timedelta(days=1)
    return f"{plan_name} digital subscription, {first:%d %b %Y} – {last:%d %b %Y}"


def invoice_issue(
    *,
    payment: Payment,
    description: str,
    now: datetime | None = None,
    list_price: Money | None = None,
    discount_label: str = "",
    total: Money | None = None,
) -> Invoice:
    """The tax invoice for a successful payment, issued once.

    Calling again for the same payment (a retried job, a duplicated webhook)
    returns the invoice already issued. The payment row is locked first, so
    two callers racing for one payment cannot both issue; the year's sequence
    row is locked next, so numbers come out consecutive and, because the
    number is taken in the same transaction as the invoice is written, a
    failure leaves no gap.

    ``list_price`` (GST-inclusive) above the amount paid is a discount: the
    invoice shows the value before it, the discount, and the tax on the value
    after it, as CGST Rule 46 asks.

    ``total`` is the value of the supply when it is more than the payment: a
    plan upgrade's new term is invoiced at the new plan's price, paid partly
    by the credit for the old term's unused days (its own credit note, which
    the description names) and the rest by card. So the reader's invoices,
    less their credit notes, always add up to what they were charged.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Payment.objects.select_for_update(of=("self",)).get(pk=payment.pk)
        existing = Invoice.objects.filter(payment=locked).first()
        if existing is not None:
            return existing
        if locked.status != PaymentStatus.SUCCEEDED:
            raise PaymentNotSucceeded(
                message=f"Payment {locked.charge_key} is {locked.get_status_display().lower()}: it has no invoice."
            )
        buyer_name, buyer_state_code, buyer_gstin = _buyer(locked.payer)
        supplier_state_code = app_settings.SUPPLIER_STATE_CODE
        value = total if total is not None and total.minor > locked.amount.minor else locked.amount
        split = gst_split(value, buyer_state_code=buyer_state_code, supplier_state_code=supplier_state_code)
        gross = discount = 0
        if list_price is not None and list_price.minor > locked.amount.minor:
            gross = taxable_value(list_price.minor, split.rate)
            discount = gross - split.taxable.minor
        fy = financial_year(local_date(now))
        sequence = _next_sequence(fy)
        return Invoice.objects.create(
            number=invoice_number(app_settings.PREFIX, fy, sequence),
            financial_year=fy,
            sequence=sequence,
            issued_at=now,
            payment=locked,
            buyer_name=buyer_name,
            buyer_state_code=buyer_state_code,
            buyer_gstin=buyer_gstin,
            supplier_name=app_settings.SUPPLIER_NAME,
            supplier_address=app_settings.SUPPLIER_ADDRESS,
            supplier_gstin=app_settings.SUPPLIER_GSTIN,
            supplier_state_code=supplier_state_code,
            sac_code=app_settings.SAC_CODE,
            description=description,
            **_amounts(split),
            gross_minor=gross,
            discount_minor=discount,
            discount_label=discount_label[:120] if discount else "",
        )


def _buyer(user) -> tuple[str, str, str]:
    """Name, place of supply and GSTIN from the billing profile.

    Without a profile the reader is billed by name (or e-mail) as a consumer
    in the supplier's own state, which is where the supply is then deemed made.
    """
    profile = BillingProfile.objects.filter(user=user).first()
    if profile is None:
        return user.get_full_name() or user.email, app_settings.SUPPLIER_STATE_CODE, ""
    if profile.state_code not in STATES_AND_UNION_TERRITORIES:
        raise UnknownPlaceOfSupply(
            message=f"{profile.state_code!r} in {user}'s billing profile is not the GST code of a state or union territory."
        )
    gstin = profile.gstin.strip().upper()
    if gstin and gstin[:2] != profile.state_code:
        # The checkout form's rule (forms.gstin_of_state), kept for a profile
        # written before it: a GSTIN of another state (Daman and Diu's 25,
        # replaced by 26 in 2020) would make the buyer's tax credit invalid.
        raise UnknownPlaceOfSupply(
            message=f"The GSTIN {gstin} in {user}'s billing profile is not registered in state {profile.state_code}."
        )
    return profile.name or user.get_full_name() or user.email, profile.state_code, gstin


def _amounts(split) -> dict:
    """A tax split's columns, as an invoice and a credit note both store them."""
    return {
        "gst_rate": split.rate,
        "total_minor": split.total.minor,
        "taxable_minor": split.taxable.minor,
        "cgst_minor": split.cgst.minor,
        "sgst_minor": split.sgst.minor,
        "igst_minor": split.igst.minor,
        "currency": split.total.currency,
    }


def _next_sequence(fy: str) -> int:
    """The next invoice number in ``fy``; the caller's transaction holds the row lock until it commits."""
    return _take_number(InvoiceSequence, fy)


def _next_credit_note_sequence(fy: str) -> int:
    """The next credit note number in ``fy``, a series of its own."""
    return _take_number(CreditNoteSequence, fy)


def _take_number(series, fy: str) -> int:
    counter, _ = series.objects.select_for_update().get_or_create(financial_year=fy)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def credit_note_issue(
    *, invoice: Invoice, amount: Money, reason: str, description: str, now: datetime | None = None
) -> CreditNote:
    """A credit note taking ``amount`` (GST-inclusive) back from ``invoice``.

    The invoice row is locked first, so two credits against one invoice queue
    and together never take back more than its total (CreditExceedsInvoice,
    and no number is used); then the year's credit note sequence is locked,
    so numbers come out consecutive and a failure leaves no gap. The taxable
    value and tax are split as the invoice split them (gst.credit_split).
    A refund's credit note is issued once per invoice: calling again returns it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if reason == CreditNoteReason.REFUND:
            existing = CreditNote.objects.filter(invoice=locked, reason=reason).first()
            if existing is not None:
                return existing
        try:
            split = credit_split(locked.split, amount, credited_before=_credited(locked))
        except ValueError as error:
            raise CreditExceedsInvoice(message=f"Invoice {locked.number}: {error}.") from None
        fy = financial_year(local_date(now))
        sequence = _next_credit_note_sequence(fy)
        return CreditNote.objects.create(
            number=invoice_number(app_settings.CREDIT_NOTE_PREFIX, fy, sequence),
            financial_year=fy,
            sequence=sequence,
            issued_at=now,
            invoice=locked,
            reason=reason,
            description=description[:250],
            **_amounts(split),
        )


def invoice_uncredited(invoice: Invoice) -> Money:
    """What ``invoice`` still holds that no credit note has taken back."""
    return invoice.total - _credited(invoice)


def _credited(invoice: Invoice) -> Money:
    """What credit notes have already taken back from ``invoice``."""
    credited = CreditNote.objects.filter(invoice=invoice).aggregate(total=Sum("total_minor"))["total"] or 0
    return Money(credited, invoice.currency)


def refund_credit_note(payment: Payment, *, by=None, now: datetime | None = None) -> CreditNote | None:
    """Registered with payments (on_payment_refunded): inside the refunding
    transaction, with the payment locked and marked refunded, the credit note
    for what its invoice charged. If it cannot be issued, the refund does not
    commit either.

    A payment that was never invoiced (an extra charge, refunded because it
    bought nothing) gets none: no supply was invoiced, so there is no tax to
    reverse. Nor does an invoice of nothing, or one already fully credited.
    """
    invoice = Invoice.objects.filter(payment_id=payment.pk).first()
    if invoice is None:
        return None
    with transaction.atomic():
        # Locked before anything is read, so a refund told twice issues one credit note.
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        existing = CreditNote.objects.filter(invoice=locked, reason=CreditNoteReason.REFUND).first()
        if existing is not None:
            return existing
        # What the refund gave back: all of the payment, or less (what an
        # upgrade's credit left of it, the rest after a part refund made at
        # the provider): credited exactly that, never more than the invoice holds.
        amount = min(payment.refunded_amount.minor, (locked.total - _credited(locked)).minor)
        if amount <= 0:
            return None
        return credit_note_issue(
            invoice=locked,
            amount=Money(amount, locked.currency),
            reason=CreditNoteReason.REFUND,
            description=f"Refund: {locked.description}",
            now=now or payment.refunded_at,
        )
