"""A reader on Smart Monthly (₹300) upgrades to Smart Quarterly five days
in (₹251.61 of the month credited, ₹648.39 charged), and twenty days later
to Smart Yearly (₹700 of the quarter credited, ₹2,000 charged). Then they
tell their bank the first ₹300 charge was not theirs, and the bank takes
all of it back (charge.dispute.created, for the whole charge).

Masthead records the refund of the month's payment with a ₹48.39 credit
note on its invoice (what it still held) and writes ₹200 of the credit back
on the quarter's invoice (all that invoice still held). The other ₹51.61
the bank took has no credit note anywhere: the invoices less their credit
notes say the publication kept ₹2,700, when it kept ₹2,648.39. The reader
reads on through the year, part paid by the money the bank gave back (one
upgrade earlier, the same chargeback ends the upgraded term).

Expected: every rupee taken back has its credit note, so that the invoices
less their credit notes are what the publication kept; and money taken back
that paid, through the upgrades' credits, for the term being read does not
leave that term running."""

from datetime import timedelta

import pytest

from masthead.invoicing.models import Invoice
from masthead.invoicing.services import invoice_uncredited
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.tests.test_money_returned import STRIPE, _disputed
from masthead.subscriptions import billing
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db


def test_a_chargeback_two_upgrades_back_is_all_credited(localstripe, client, django_user_model):
    reader = django_user_model.objects.create_user(username="bank", email="bank@example.test", password="x" * 20)
    plans = make_smart_plans()
    subscription = subscribe(reader, plans["monthly"])
    month = Payment.objects.get(subscription=subscription, term_number=1)
    quarter = billing.plan_upgrade(
        subscription=subscription, plan=plans["quarterly"], by=reader, now=subscription.term_start + timedelta(days=5)
    )
    subscription.refresh_from_db()
    year = billing.plan_upgrade(
        subscription=subscription, plan=plans["yearly"], by=reader, now=subscription.term_start + timedelta(days=20)
    )
    assert (quarter.amount_minor, year.amount_minor) == (648_39, 2000_00)

    body, headers = _disputed(month)
    assert client.post(STRIPE, body, content_type="application/json", **headers).status_code == 200
    assert Payment.objects.get(pk=month.pk).status == PaymentStatus.REFUNDED

    kept = quarter.amount_minor + year.amount_minor  # the ₹300 went back through the bank
    held = sum(invoice_uncredited(Invoice.objects.get(payment=payment)).minor for payment in (month, quarter, year))
    assert held == kept, f"the invoices less credit notes say ₹{held / 100:,.2f}, the publication kept ₹{kept / 100:,.2f}"
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.REFUNDED  # the year was part paid with the money taken back
