"""A subscriber on Smart Quarterly schedules Smart Monthly for the renewal,
confirming "then ₹300 every month". The clock sends the pre-debit notice:
"₹300 will be charged on …". Before the charge day staff raise Smart
Monthly's list price to ₹350 (for new subscribers). At the renewal the clock
charges the scheduled plan's *live* price, ₹350: more than the notice
announced and more than the reader confirmed, with no new notice (the
notice for the term still stands, so the charge goes ahead).

Without a scheduled plan a renewal is charged at the subscription's own
price (a plan's price change never reaches existing subscribers); the
scheduled change reads Plan.price at charge time instead.

Expected: a renewal never charges other than its standing pre-debit notice
said: the scheduled plan's price is fixed when it is scheduled (or, if it
is re-read, the notice is withdrawn and sent again before charging)."""

from datetime import timedelta

import pytest

from masthead.payments.models import Payment
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import Plan, RenewalNotice, Subscription
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db


def test_the_renewal_to_a_scheduled_plan_charges_what_its_notice_said(localstripe, django_user_model):
    reader = django_user_model.objects.create_user(username="noticed", email="noticed@example.test", password="x" * 20)
    plans = make_smart_plans()
    subscription = subscribe(reader, plans["quarterly"])
    end = subscription.term_end
    services.plan_change_schedule(subscription=subscription, plan=plans["monthly"], by=reader, now=end - timedelta(days=5))
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    (notice,) = RenewalNotice.objects.filter(subscription=subscription)
    assert notice.amount_minor == 300_00

    # Staff raise the list price for new subscribers (the plan admin's price field).
    Plan.objects.filter(pk=plans["monthly"].pk).update(price_minor=350_00)

    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    charged = list(Payment.objects.filter(subscription=subscription, term_number=2).values_list("amount_minor", flat=True))
    assert charged in ([], [300_00]), f"the notice said ₹300, the renewal charged {charged}"
    # The plan the reader switched to keeps the price they confirmed.
    assert Subscription.objects.get(pk=subscription.pk).price_minor == 300_00
