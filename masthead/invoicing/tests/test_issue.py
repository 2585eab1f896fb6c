from datetime import UTC, datetime, timedelta

import pytest
from django.db import OperationalError, connection

from masthead.invoicing import services
from masthead.invoicing.models import Invoice, InvoiceSequence
from masthead.invoicing.pdf import invoice_pdf
from masthead.invoicing.selectors import invoices_for
from masthead.invoicing.services import (
    PaymentNotSucceeded,
    UnknownPlaceOfSupply,
    invoice_issue,
    term_description,
)
from masthead.testing.concurrency import in_threads
from masthead.testing.subscriptions import make_plan

from .factories import NOV_28, make_billing_profile, make_payment, make_subscription

pytestmark = pytest.mark.django_db
DESCRIPTION = "Smart Quarterly digital subscription, 28 Nov 2026 – 27 Feb 2027"
# The last minute of financial year 2026-27 in Kolkata, and the first of 2027-28.
MARCH_31_2359_IST = datetime(2027, 3, 31, 18, 29, tzinfo=UTC)
APRIL_1_0000_IST = datetime(2027, 3, 31, 18, 30, tzinfo=UTC)


def _issue(payment, now=NOV_28):
    return invoice_issue(payment=payment, description=DESCRIPTION, now=now)


def test_a_maharashtra_reader_gets_cgst_and_sgst(reader, payment):
    make_billing_profile(user=reader, name="Asha Rao", state_code="27")
    invoice = _issue(payment)
    assert invoice.number == "MH/2627/000001"
    assert (invoice.financial_year, invoice.sequence, invoice.issued_at) == ("2026-27", 1, NOV_28)
    assert (invoice.total_minor, invoice.taxable_minor, invoice.cgst_minor, invoice.sgst_minor, invoice.igst_minor) == (
        900_00, 762_71, 68_65, 68_64, 0,
    )  # fmt: skip
    assert (invoice.buyer_name, invoice.buyer_state_code, invoice.place_of_supply) == ("Asha Rao", "27", "Maharashtra (27)")
    assert [str(line) for line in invoice.tax_lines] == ["CGST @ 9%", "SGST @ 9%"]
    assert invoice.supplier_gstin == "27AAAAA0000A1Z5" and invoice.sac_code == "998431"
    assert invoice.description == DESCRIPTION


def test_a_business_in_karnataka_gets_igst_and_its_gstin_on_the_invoice(reader, payment):
    make_billing_profile(user=reader, name="Rao Analytics LLP", state_code="29", gstin="29aagcb7383j1z4")
    invoice = _issue(payment)
    assert (invoice.igst_minor, invoice.cgst_minor, invoice.sgst_minor) == (137_29, 0, 0)
    assert invoice.buyer_gstin == "29AAGCB7383J1Z4"
    assert [str(line) for line in invoice.tax_lines] == ["IGST @ 18%"]


@pytest.mark.parametrize(("price", "taxable"), [(2_700_00, 2_288_14), (3_900_00, 3_305_08)])
def test_longer_plans_are_invoiced_at_their_own_price(reader, price, taxable):
    plan = make_plan(price_minor=price, term_months=12)
    invoice = _issue(make_payment(subscription=make_subscription(user=reader, plan=plan)))
    assert (invoice.total_minor, invoice.taxable_minor) == (price, taxable)


def test_without_a_billing_profile_the_reader_is_billed_by_name_in_the_suppliers_state(reader, payment):
    invoice = _issue(payment)
    assert (invoice.buyer_name, invoice.buyer_state_code, invoice.buyer_gstin) == ("Asha Rao", "27", "")
    assert invoice.cgst_minor and not invoice.igst_minor


def test_without_a_name_the_reader_is_billed_by_e_mail(quarterly, django_user_model):
    nameless = django_user_model.objects.create_user(username="n", email="nameless@example.test", password="long password 123")
    invoice = _issue(make_payment(subscription=make_subscription(user=nameless, plan=quarterly)))
    assert invoice.buyer_name == "nameless@example.test"


def test_the_longest_name_sign_up_allows_is_billed_in_full(quarterly, django_user_model):
    """Sign-up takes up to 150 characters of first and of last name; an
    invoice without a billing profile carries the whole name, never a
    settlement that fails on a column too short (PostgreSQL enforces it)."""
    first, last = "A" * 150, "R" * 150
    reader = django_user_model.objects.create_user(
        username="long", email="long@example.test", password="long password 123", first_name=first, last_name=last
    )
    invoice = _issue(make_payment(subscription=make_subscription(user=reader, plan=quarterly)))
    invoice.refresh_from_db()
    assert invoice.buyer_name == f"{first} {last}"
    assert invoice_pdf(invoice).startswith(b"%PDF")


def test_issuing_twice_returns_the_same_invoice_and_takes_one_number(payment):
    first = _issue(payment)
    again = _issue(payment, now=NOV_28 + timedelta(days=1))
    assert again.pk == first.pk and again.number == "MH/2627/000001"
    assert Invoice.objects.count() == 1
    assert InvoiceSequence.objects.get(financial_year="2026-27").last_number == 1


@pytest.mark.parametrize("status", ["pending", "failed", "refunded"])
def test_only_a_succeeded_payment_is_invoiced(subscription, status):
    payment = make_payment(subscription=subscription, status=status)
    with pytest.raises(PaymentNotSucceeded) as refused:
        _issue(payment)
    assert refused.value.code == "payment_not_succeeded"
    assert not Invoice.objects.exists()


def test_a_refused_payment_takes_no_number(subscription):
    make_payment(subscription=subscription, term_number=1, status="failed")
    with pytest.raises(PaymentNotSucceeded):
        _issue(subscription.payments.get())
    paid = make_payment(subscription=subscription, term_number=1)
    assert _issue(paid).number == "MH/2627/000001"


def test_the_status_is_read_from_the_database_not_the_callers_copy(payment):
    stale = type(payment).objects.get(pk=payment.pk)
    type(payment).objects.filter(pk=payment.pk).update(status="refunded")
    with pytest.raises(PaymentNotSucceeded):
        _issue(stale)


def test_an_invoice_already_issued_survives_a_later_refund(payment):
    issued = _issue(payment)
    type(payment).objects.filter(pk=payment.pk).update(status="refunded")
    assert _issue(payment).pk == issued.pk


def test_numbers_are_consecutive_within_a_year(subscription):
    payments = [make_payment(subscription=subscription, term_number=n) for n in range(1, 6)]
    numbers = [_issue(p, now=NOV_28 + timedelta(days=n)).number for n, p in enumerate(payments)]
    assert numbers == [f"MH/2627/00000{n}" for n in range(1, 6)]


def test_numbering_starts_again_on_the_first_of_april_in_kolkata(subscription):
    november, last_minute, first_minute, later = (make_payment(subscription=subscription, term_number=n) for n in range(1, 5))
    assert _issue(november).number == "MH/2627/000001"
    last = _issue(last_minute, now=MARCH_31_2359_IST)
    first = _issue(first_minute, now=APRIL_1_0000_IST)
    assert (last.number, last.financial_year) == ("MH/2627/000002", "2026-27")
    assert (first.number, first.financial_year) == ("MH/2728/000001", "2027-28")
    assert _issue(later, now=APRIL_1_0000_IST + timedelta(days=1)).number == "MH/2728/000002"


def test_a_crash_while_writing_the_invoice_leaves_no_gap(subscription, monkeypatch):
    crashing = make_payment(subscription=subscription, term_number=1)
    paid = make_payment(subscription=subscription, term_number=2)
    real_create = Invoice.objects.create

    def database_went_away(**fields):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Invoice.objects, "create", database_went_away)
    with pytest.raises(OperationalError):
        _issue(crashing)
    monkeypatch.setattr(Invoice.objects, "create", real_create)
    assert _issue(paid).number == "MH/2627/000001"
    assert _issue(crashing).number == "MH/2627/000002"


def test_an_issued_invoice_does_not_change_when_the_profile_or_supplier_does(reader, payment, settings):
    profile = make_billing_profile(user=reader, name="Asha Rao", state_code="27")
    issued = _issue(payment)
    profile.name, profile.state_code = "Asha Rao-Mehta", "07"
    profile.save()
    settings.MASTHEAD_SUPPLIER_NAME = "Renamed Media Limited"
    settings.MASTHEAD_INVOICE_SAC_CODE = "998439"
    invoice = Invoice.objects.get(pk=issued.pk)
    assert (invoice.buyer_name, invoice.place_of_supply) == ("Asha Rao", "Maharashtra (27)")
    assert (invoice.supplier_name, invoice.sac_code) == ("Masthead Media Private Limited", "998431")


def test_the_supplier_comes_from_settings_or_the_environment(payment, settings, monkeypatch):
    monkeypatch.setenv("MASTHEAD_SUPPLIER_NAME", "Env Media Limited")
    monkeypatch.setenv("MASTHEAD_INVOICE_PREFIX", "ENV")
    settings.MASTHEAD_INVOICE_PREFIX = "SET"  # Django's settings win over the environment
    invoice = _issue(payment)
    assert invoice.supplier_name == "Env Media Limited"
    assert invoice.number == "SET/2627/000001"


def test_an_unknown_state_in_the_billing_profile_is_refused(reader, payment):
    make_billing_profile(user=reader, state_code="99")
    with pytest.raises(UnknownPlaceOfSupply):
        _issue(payment)
    assert not InvoiceSequence.objects.filter(last_number__gt=0).exists()


def test_a_reader_lists_only_their_own_invoices(reader, other_reader, quarterly, payment):
    mine = _issue(payment)
    _issue(make_payment(subscription=make_subscription(user=other_reader, plan=quarterly)))
    assert list(invoices_for(reader)) == [mine]


def test_the_description_names_the_days_the_term_covers():
    term_start = datetime(2026, 11, 28, 4, 30, tzinfo=UTC)  # 10:00 in Kolkata
    term_end = datetime(2027, 2, 28, 4, 30, tzinfo=UTC)
    assert term_description(plan_name="Smart Quarterly", term_start=term_start, term_end=term_end) == DESCRIPTION


@pytest.mark.django_db(transaction=True)
def test_parallel_issues_take_consecutive_numbers_and_one_invoice_per_payment(reader, quarterly):
    subscription = make_subscription(user=reader, plan=quarterly)
    payments = [make_payment(subscription=subscription, term_number=n) for n in range(1, 7)]
    # Each payment is issued twice at once, as a duplicated webhook and the job would.
    attempts = [p for p in payments for _ in range(2)]
    issued, errors = in_threads(*[lambda payment=p: (payment.pk, _issue(payment).number) for p in attempts])

    assert not errors, errors
    assert len(issued) == 12 and len(set(issued)) == 6  # both callers got the same invoice
    assert sorted(number for _, number in set(issued)) == [f"MH/2627/00000{n}" for n in range(1, 7)]
    assert InvoiceSequence.objects.get(financial_year="2026-27").last_number == 6


def test_the_service_never_numbers_outside_a_transaction(payment, monkeypatch):
    """The counter is read and bumped only under the transaction that writes the invoice."""
    seen = []
    real_next = services._next_sequence

    def spy(fy):
        seen.append(connection.in_atomic_block)
        return real_next(fy)

    monkeypatch.setattr(services, "_next_sequence", spy)
    _issue(payment)
    assert seen == [True]
