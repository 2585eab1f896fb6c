"""A Smart Quarterly reader (₹900, INR) schedules a switch to Smart Monthly
(₹300) at their renewal; the confirmation, and later the pre-debit notice,
say ₹300. Before the renewal, staff move Smart Monthly to dollars for
readers abroad (Plan.currency is editable in the plan admin): USD, $5.

The scheduled switch kept the price the reader confirmed (30000, in minor
units) but reads the currency from the plan as it is at the renewal. The
renewal charges 30000 in USD, $300.00, to a card whose owner was told
₹300, and the subscription is switched to "$300 a month". The notice
mailed a day before still said ₹300 (it prints the amount in the
subscription's currency).

Expected: the price a reader scheduled is kept with its currency: the
renewal charges ₹300 as confirmed, or, the plan no longer being sold in
rupees, the switch is not made and nothing is charged in another
currency."""

from datetime import timedelta

import pytest

from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import Plan
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db


def test_a_scheduled_switch_is_charged_in_the_currency_it_was_confirmed_in(localstripe, smtp, django_user_model, django_capture_on_commit_callbacks):
    reader = django_user_model.objects.create_user(username="homebody", email="homebody@example.test", password="x" * 20)
    plans = make_smart_plans()
    subscription = subscribe(reader, plans["quarterly"])
    services.plan_change_schedule(subscription=subscription, plan=plans["monthly"], now=subscription.term_start + timedelta(days=10))
    subscription.refresh_from_db()
    assert subscription.renewal_price.minor == 300_00 and subscription.renewal_price.currency == "INR"

    # Staff reprice Smart Monthly for readers abroad.
    Plan.objects.filter(pk=plans["monthly"].pk).update(currency="USD", price_minor=5_00)

    end = subscription.term_end
    with django_capture_on_commit_callbacks(execute=True):
        billing.billing_clock_tick(now=end - timedelta(hours=47))
    notice = "\n".join(message.get_body(("plain",)).get_content() for message in smtp.for_address("homebody@example.test"))
    assert "₹300" in notice  # what the reader is told will be taken
    billing.billing_clock_tick(now=end + timedelta(minutes=1))

    charged = Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED)
    assert [(p.amount_minor, p.currency) for p in charged] in ([], [(300_00, "INR")]), [
        f"{p.amount} ({p.currency})" for p in charged
    ]
