"""A subscriber on Smart Quarterly upgrades to Smart Yearly on the last day
of the quarter (1 unused day: ₹10 credited, ₹2,690 charged). The provider
does not decide the charge at once (a recurring debit it captures later:
ChargeResult.final False), so the upgrade stays pending and the webhook
settles it, here six days later. Meanwhile the quarter has ended: the
renewal clock leaves the term alone (the upgrade's charge for the next term
is at the provider), and the reader keeps reading. When the webhook lands,
the yearly term starts *then*, so the days after the quarter ended (read
through the renewal window, its grace included) were paid by no term, and
the day credited had been read too. A slow provider (Razorpay's recurring
debits) makes the gap days long.

A renewal charge that settles late starts its term at the old term's end
(settled._renewed); the upgrade starts at the settlement instead.

Expected: the new term starts when the upgrade was asked for (or at the
latest when the paid term ended); no day is read unpaid."""

from datetime import timedelta

import pytest

from masthead.core.periods import local_date
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.providers import provider_class
from masthead.payments.providers.base import ChargeResult
from masthead.payments.services import payment_settle
from masthead.subscriptions import billing
from masthead.subscriptions.models import Subscription
from masthead.testing.stripe import StripeDecidedLater, subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db


def test_an_upgrade_settled_after_the_term_ended_leaves_no_day_unpaid(localstripe, django_user_model, monkeypatch):
    # Asked again (the billing clock's reconciler), the provider still has not decided.
    monkeypatch.setattr(
        provider_class("stripe"), "find_charge", lambda self, *, key: ChargeResult(succeeded=False, payment_id="", final=False)
    )
    monkeypatch.setattr(provider_class("stripe"), "charge_lookup", lambda self, *, payment_id: None)
    reader = django_user_model.objects.create_user(username="lateupg", email="lateupg@example.test", password="x" * 20)
    plans = make_smart_plans()
    subscription = subscribe(reader, plans["quarterly"])
    old_end = subscription.term_end
    asked = old_end - timedelta(hours=2)
    provider = StripeDecidedLater()

    pending = billing.plan_upgrade(subscription=subscription, plan=plans["yearly"], by=reader, now=asked, provider=provider)
    assert pending.status == PaymentStatus.PENDING

    # The clock turns after the quarter's end while the charge is at the provider.
    billing.renewal_notices_send(now=old_end - timedelta(hours=1))
    billing.billing_clock_tick(now=old_end + timedelta(hours=1))
    billing.billing_clock_tick(now=old_end + timedelta(days=3))
    meanwhile = Subscription.objects.get(pk=subscription.pk)
    assert meanwhile.grants_reading(old_end + timedelta(days=3))  # still reading, nothing paid for it yet
    # Six days later the provider's webhook says the charge succeeded.
    settled_at = old_end + timedelta(days=6)
    payment_settle(payment_id=pending.pk, result=provider.results[0], now=settled_at)

    after = Subscription.objects.get(pk=subscription.pk)
    paid = Payment.objects.filter(subscription=subscription, status=PaymentStatus.SUCCEEDED, duplicate=False)
    assert after.plan == plans["yearly"] and paid.count() == 2
    assert after.term_start <= old_end, (
        f"the quarter ended {local_date(old_end)}, the yearly term starts {local_date(after.term_start)}: "
        f"{(local_date(after.term_start) - local_date(old_end)).days} days read that no term paid for"
    )
