"""A reader on Smart Monthly (₹300) upgrades to Smart Quarterly five days
in (₹251.61 of unused days credited, ₹648.39 charged), and twenty days
later to Smart Yearly (₹700 of the quarter credited, ₹2,000 charged). Then
they ask for all their money back, and support refunds the three payments
in Payments → Refund, newest first, as the admin advises for one upgrade
("refund first the upgrade's payment"):

- ₹2,000, the year's: all of it; the subscription ends.
- ₹648.39, the quarter's: all of it, since the year its credit paid for was
  refunded (and ₹448.39 of the year's credit is written back on its invoice).
- ₹300, the month's: "Only ₹48.39 goes back: the rest of ₹300 was credited
  to a plan upgrade (…). The reader keeps reading". The quarter that credit
  paid for was refunded a moment ago, but the credit is not released: the
  quarter's invoice has no room left to release it from.

Every payment reads "refunded" and nothing is read, yet ₹251.61 of the
₹2,948.39 charged was never sent back, and no refund in the admin can send
it now. No other order of the three refunds gives it all back either (the
oldest first keeps ₹700). The staff's page even says the reader keeps reading.

Expected: refunding every payment of a subscription gives back all that was
charged, whatever the number of upgrades, and staff are told so (not that
the reader keeps reading)."""

from datetime import timedelta

import pytest

from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import payment_refund, refund_effect
from masthead.subscriptions import billing
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import stripe_client, subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db


def _sent_back(payment: Payment) -> int:
    refunds = stripe_client().v1.refunds.list(params={"payment_intent": payment.provider_payment_id}).data
    return sum(refund.amount for refund in refunds)


def test_refunding_every_payment_after_two_upgrades_gives_back_all_that_was_charged(localstripe, django_user_model):
    reader = django_user_model.objects.create_user(username="twice", email="twice@example.test", password="x" * 20)
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
    assert (month.status, quarter.status, year.status) == (PaymentStatus.SUCCEEDED,) * 3
    assert (quarter.amount_minor, year.amount_minor) == (648_39, 2000_00)

    payment_refund(payment=Payment.objects.get(pk=year.pk))
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.REFUNDED
    payment_refund(payment=Payment.objects.get(pk=quarter.pk))
    told = refund_effect(Payment.objects.get(pk=month.pk)).description
    # The quarter the month's credit reached was refunded, and the year's refund ended the subscription.
    assert told.startswith("All of it goes back: the ₹251.61 credited to a plan upgrade")
    assert told.endswith("The subscription has already ended (refunded).")
    payment_refund(payment=Payment.objects.get(pk=month.pk))

    assert all(Payment.objects.get(pk=p.pk).status == PaymentStatus.REFUNDED for p in (month, quarter, year))
    charged = month.amount_minor + quarter.amount_minor + year.amount_minor
    sent_back = _sent_back(month) + _sent_back(quarter) + _sent_back(year)
    assert sent_back == charged, f"charged ₹{charged / 100:,.2f}, given back ₹{sent_back / 100:,.2f}"
