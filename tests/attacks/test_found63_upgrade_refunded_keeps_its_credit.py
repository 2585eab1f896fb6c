"""A Smart Quarterly reader (₹900) upgrades to Smart Yearly a month in:
₹600 of unused days is credited (a proration credit note on the quarter's
invoice) and ₹2,100 is charged. Next day they write to support: they
upgraded by mistake and want to stop, with their money back. Support
refunds both of the reader's payments in Payments → Refund:

- the upgrade's ₹2,100: it paid the current term, so the subscription
  ends and reading stops at once;
- the quarter's ₹900: only ₹300 goes back, "the rest of ₹900 was credited
  to a plan upgrade" (the rule that stops a credit being paid out twice).

But the upgrade it was credited to has just been refunded and ended. The
reader was charged ₹3,000, every payment is marked refunded, nothing is
being read, and ₹600 was never given back: the credit was spent on a term
that no longer exists, and no refund in the admin can send it back.

Expected: once the term a credit paid for is refunded, the credit is no
longer spent; refunding every payment of a subscription gives back all
that was charged."""

from datetime import timedelta

import pytest

from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import payment_refund
from masthead.subscriptions import billing
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import stripe_client, subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db


def _sent_back(payment: Payment) -> int:
    refunds = stripe_client().v1.refunds.list(params={"payment_intent": payment.provider_payment_id}).data
    return sum(refund.amount for refund in refunds)


def test_refunding_every_payment_after_an_upgrade_gives_back_all_that_was_charged(localstripe, django_user_model):
    reader = django_user_model.objects.create_user(username="mistake", email="mistake@example.test", password="x" * 20)
    plans = make_smart_plans()
    subscription = subscribe(reader, plans["quarterly"])
    quarter = Payment.objects.get(subscription=subscription, term_number=1)
    upgrade = billing.plan_upgrade(
        subscription=subscription, plan=plans["yearly"], by=reader, now=subscription.term_start + timedelta(days=30)
    )
    assert upgrade.status == PaymentStatus.SUCCEEDED and upgrade.amount_minor < 2700_00

    payment_refund(payment=Payment.objects.get(pk=upgrade.pk))
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.REFUNDED
    payment_refund(payment=Payment.objects.get(pk=quarter.pk))

    charged = quarter.amount_minor + upgrade.amount_minor
    sent_back = _sent_back(quarter) + _sent_back(upgrade)
    assert sent_back == charged, f"charged ₹{charged // 100:,}, given back ₹{sent_back // 100:,}"
