"""Credit notes: one for every refund of an invoiced payment (section 34 of the CGST Act)."""

from datetime import timedelta

import pytest
from django.db import OperationalError

from masthead.core.money import Money
from masthead.invoicing.models import CreditNote, CreditNoteReason, CreditNoteSequence, InvoiceSequence
from masthead.invoicing.services import CreditExceedsInvoice, credit_note_issue, invoice_issue, refund_credit_note
from masthead.payments.models import Payment, PaymentStatus
from masthead.testing.concurrency import in_threads

from .factories import NOV_28, make_billing_profile, make_payment, make_subscription
from .test_issue import APRIL_1_0000_IST, MARCH_31_2359_IST

pytestmark = pytest.mark.django_db
DESCRIPTION = "Smart Quarterly digital subscription, 28 Nov 2026 – 27 Feb 2027"
DEC_5 = NOV_28 + timedelta(days=7)


def _invoiced(payment, now=NOV_28):
    return invoice_issue(payment=payment, description=DESCRIPTION, now=now)


def _refunded(payment, at=DEC_5) -> Payment:
    """The payment as payment_refund hands it to its listeners: marked refunded."""
    Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.REFUNDED, refunded_at=at)
    return Payment.objects.get(pk=payment.pk)


def test_a_refund_credits_the_whole_invoice_in_its_cgst_and_sgst(reader, payment):
    make_billing_profile(user=reader, name="Asha Rao", state_code="27")
    invoice = _invoiced(payment)
    note = refund_credit_note(_refunded(payment))

    assert note.number == "MHCN/2627/000001" and len(note.number) <= 16
    assert note.issued_at == DEC_5 and note.reason == CreditNoteReason.REFUND
    assert note.invoice == invoice
    assert (note.taxable, note.cgst, note.sgst, note.igst) == (invoice.taxable, invoice.cgst, invoice.sgst, invoice.igst)
    assert note.total == Money(900_00) == invoice.total
    assert [(line.label, str(line.rate), line.amount) for line in note.tax_lines] == [
        ("CGST", "9", Money(68_65)),
        ("SGST", "9", Money(68_64)),
    ]
    # Supplier and buyer as on the invoice, and the invoice's number and date (Rule 53).
    assert (note.buyer_name, note.place_of_supply, note.supplier_gstin) == ("Asha Rao", "Maharashtra (27)", "27AAAAA0000A1Z5")
    assert note.references[:2] == [
        ("Against invoice", "MH/2627/000001", "/account/invoices/MH-2627-000001/"),
        ("Invoice date", "28 Nov 2026", ""),
    ]
    assert note.description == f"Refund: {DESCRIPTION}"


def test_an_igst_invoice_gets_an_igst_credit_note(reader, payment):
    make_billing_profile(user=reader, name="Rao Analytics LLP", state_code="29", gstin="29AAGCB7383J1Z4")
    _invoiced(payment)
    note = refund_credit_note(_refunded(payment))
    assert (note.taxable, note.cgst, note.sgst, note.igst) == (Money(762_71), Money(0), Money(0), Money(137_29))
    assert [line.label for line in note.tax_lines] == ["IGST"]
    assert (note.place_of_supply, note.buyer_gstin) == ("Karnataka (29)", "29AAGCB7383J1Z4")


def test_a_refund_told_twice_issues_one_credit_note_and_takes_one_number(payment):
    _invoiced(payment)
    refunded = _refunded(payment)
    assert refund_credit_note(refunded).pk == refund_credit_note(refunded).pk
    assert CreditNote.objects.count() == 1
    assert CreditNoteSequence.objects.get(financial_year="2026-27").last_number == 1


def test_a_payment_never_invoiced_gets_no_credit_note(subscription):
    extra = make_payment(subscription=subscription)
    Payment.objects.filter(pk=extra.pk).update(duplicate=True)
    assert refund_credit_note(_refunded(extra)) is None
    assert not CreditNote.objects.exists() and not CreditNoteSequence.objects.exists()


def test_credit_note_numbers_are_their_own_series_and_start_again_each_april(subscription):
    payments = [make_payment(subscription=subscription, term_number=n) for n in range(1, 6)]
    for payment in payments:
        _invoiced(payment)
    moments = [DEC_5, DEC_5 + timedelta(days=1), MARCH_31_2359_IST, APRIL_1_0000_IST, APRIL_1_0000_IST + timedelta(days=1)]
    notes = [refund_credit_note(_refunded(p, at=at)) for p, at in zip(payments, moments, strict=True)]
    assert [(n.number, n.financial_year) for n in notes] == [
        ("MHCN/2627/000001", "2026-27"),
        ("MHCN/2627/000002", "2026-27"),
        ("MHCN/2627/000003", "2026-27"),
        ("MHCN/2728/000001", "2027-28"),
        ("MHCN/2728/000002", "2027-28"),
    ]
    # Invoices keep their own numbering.
    assert InvoiceSequence.objects.get(financial_year="2026-27").last_number == 5


def test_the_prefix_comes_from_settings(payment, settings):
    settings.MASTHEAD_CREDIT_NOTE_PREFIX = "CN"
    _invoiced(payment)
    assert refund_credit_note(_refunded(payment)).number == "CN/2627/000001"


def test_a_crash_while_writing_the_credit_note_leaves_no_gap(subscription, monkeypatch):
    crashing, credited = (make_payment(subscription=subscription, term_number=n) for n in (1, 2))
    for payment in (crashing, credited):
        _invoiced(payment)
    real_create = CreditNote.objects.create

    def database_went_away(**fields):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(CreditNote.objects, "create", database_went_away)
    with pytest.raises(OperationalError):
        refund_credit_note(_refunded(crashing))
    monkeypatch.setattr(CreditNote.objects, "create", real_create)
    assert refund_credit_note(_refunded(credited)).number == "MHCN/2627/000001"
    assert refund_credit_note(_refunded(crashing)).number == "MHCN/2627/000002"


def test_a_credit_never_takes_back_more_than_the_invoice_and_a_refused_one_takes_no_number(payment):
    invoice = _invoiced(payment)
    with pytest.raises(CreditExceedsInvoice, match="exceeds the invoice's total of 90000"):
        credit_note_issue(invoice=invoice, amount=Money(900_01), reason=CreditNoteReason.REFUND, description="x", now=DEC_5)
    assert not CreditNoteSequence.objects.filter(last_number__gt=0).exists()
    part = credit_note_issue(invoice=invoice, amount=Money(300_00), reason=CreditNoteReason.REFUND, description="x", now=DEC_5)
    assert (part.taxable, part.cgst, part.sgst) == (Money(254_24), Money(22_88), Money(22_88))
    assert part.number == "MHCN/2627/000001"


@pytest.mark.django_db(transaction=True)
def test_parallel_refunds_take_consecutive_numbers_and_one_credit_note_each(reader, quarterly):
    subscription = make_subscription(user=reader, plan=quarterly)
    payments = [make_payment(subscription=subscription, term_number=n) for n in range(1, 7)]
    for payment in payments:
        _invoiced(payment)
    refunded = [_refunded(p) for p in payments]
    # Each refund's listener runs twice at once, as a refund told twice would.
    attempts = [p for p in refunded for _ in range(2)]
    issued, errors = in_threads(*[lambda payment=p: (payment.pk, refund_credit_note(payment).number) for p in attempts])

    assert not errors, errors
    assert len(issued) == 12 and len(set(issued)) == 6
    assert sorted(number for _, number in set(issued)) == [f"MHCN/2627/00000{n}" for n in range(1, 7)]
    assert CreditNoteSequence.objects.get(financial_year="2026-27").last_number == 6
