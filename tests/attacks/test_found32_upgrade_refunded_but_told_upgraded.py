"""A subscriber presses "Upgrade and pay ₹2,100" for Smart Yearly and, while
the card is being charged, cancels in another tab (or support cancels for
them). The charge lands on a cancelled subscription: as documented, it buys
nothing and is refunded automatically, and the plan stays Smart Quarterly.
But the upgrade's own page, seeing a paid charge, tells the reader "You are
now on Smart Yearly: ₹2,100 is paid … your new term runs until …": a false
statement about their money and plan (they will look for a yearly term
that does not exist, and a refund they were never told about).

Expected: the page says what happened: the upgrade could not be made and
the ₹2,100 goes back to the card; it never says the reader is on the new
plan unless the upgrade was applied."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from masthead.payments.models import Payment
from masthead.payments.providers import provider_class
from masthead.subscriptions import services
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db
S = SubscriptionStatus


def test_an_upgrade_refunded_because_of_a_cancel_meanwhile_does_not_say_upgraded(localstripe, django_user_model, monkeypatch):
    reader = django_user_model.objects.create_user(username="twotabs", email="twotabs@example.test", password="x" * 20)
    plans = make_smart_plans()
    with time_machine.travel(datetime(2027, 1, 10, 6, 0, tzinfo=UTC), tick=False):
        subscription = subscribe(reader, plans["quarterly"])
    adapter = provider_class("stripe")
    real_charge = adapter.charge

    def cancel_in_another_tab(self, **kwargs):
        # The upgrade's attempt is open and claimed; the card is being charged.
        services.subscription_cancel(subscription=Subscription.objects.get(pk=subscription.pk), by=reader)
        return real_charge(self, **kwargs)

    monkeypatch.setattr(adapter, "charge", cancel_in_another_tab)
    with time_machine.travel(datetime(2027, 2, 9, 6, 0, tzinfo=UTC), tick=False):
        browser = Client()
        browser.force_login(reader)
        page = browser.post("/account/plan/smart-yearly/", {"confirmed": "upgrade-210000"}, follow=True).text

    after = Subscription.objects.get(pk=subscription.pk)
    upgrade = Payment.objects.get(subscription=subscription, term_number=2)
    assert after.status == S.CANCELLING and after.plan == plans["quarterly"]
    assert upgrade.duplicate  # bought nothing: refunded automatically
    told_upgraded = "You are now on Smart Yearly" in page
    assert not told_upgraded, "the reader is told they upgraded, though the charge was refunded"
    assert "the ₹2,100 charged goes back to your card, and your plan is still Smart Quarterly" in page
