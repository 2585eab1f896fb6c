"""A renewal the provider keeps answering with an error of its own.

``renewal_attempt`` swallows the provider's error so one reader does not stop
everyone else's renewals; the attempt stays pending, and the next turn takes
it over and tries again. Nothing ever decides it: the subscription stays
``active`` for ever, unpaid. Past its renewal window the reader no longer
reads, but the subscription never moves to past due or lapses, so the reader
can neither read nor start a new subscription ("You already have a
subscription"), and the account page says "being processed" for ever.
"""

from datetime import timedelta

import pytest
from django.test import Client

from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.providers.base import ProviderUnavailable
from masthead.payments.providers.stripe import StripeProvider
from masthead.subscriptions import billing
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus


class StripeKeepsFailing(StripeProvider):
    """Stripe answers every renewal with an error of its own (an API error,
    not a declined card): the same answer, every turn."""

    def charge(self, **kwargs):
        raise ProviderUnavailable(message="Request req_123: An error occurred with our connection to Stripe.")

    def find_charge(self, **kwargs):
        return None


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="a long password here")


@pytest.fixture
def quarterly():
    return make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)


def _clock_for_a_month(end, provider):
    billing.billing_clock_tick(now=end - timedelta(hours=47), provider=provider)
    for hours in range(1, 24 * 30, 12):  # bounded: a turn every 6 hours for 30 days
        billing.billing_clock_tick(now=end + timedelta(hours=hours), provider=provider)


def test_a_renewal_the_provider_keeps_erroring_on_does_not_stay_active_and_unpaid_for_ever(localstripe, reader, quarterly, settings):
    settings.MASTHEAD_GRACE_DAYS = 7
    subscription = subscribe(reader, quarterly)
    end = subscription.term_end
    _clock_for_a_month(end, StripeKeepsFailing())

    subscription.refresh_from_db()
    renewal = Payment.objects.filter(subscription=subscription, term_number=2)
    assert not renewal.filter(status=PaymentStatus.SUCCEEDED).exists()
    # A month after the term ended, unpaid: the grace period is long over.
    assert subscription.status != S.ACTIVE, (
        f"term 2 unpaid a month after the term ended, yet the subscription is still {subscription.status} "
        f"({[p.status for p in renewal]}): it never went past due or lapsed"
    )


def test_a_reader_whose_renewal_never_settled_can_subscribe_again(localstripe, reader, quarterly, settings):
    settings.MASTHEAD_GRACE_DAYS = 7
    subscription = subscribe(reader, quarterly)
    # The saved card is gone at Stripe (removed in the dashboard, or the
    # customer's cards cleaned up): every charge is a 400 "No such
    # PaymentMethod", which is an API error, not a declined card.
    BillingProfile.objects.filter(user=reader).update(provider_payment_method_id="pm_NoLongerAtStripe")
    end = subscription.term_end
    _clock_for_a_month(end, None)

    import time_machine

    with time_machine.travel(end + timedelta(days=31), tick=False):
        subscription.refresh_from_db()
        assert not subscription.grants_reading(end + timedelta(days=31))
        browser = Client()
        browser.force_login(reader)
        browser.post("/subscribe/smart-quarterly/", {"name": "Ravi Rao", "state_code": "27", "gstin": ""})
    # Not reading and not paying: the reader must be able to start again.
    assert Subscription.objects.filter(user=reader, status=S.PENDING).exists(), (
        "the reader cannot read and cannot subscribe again: the old subscription is still "
        f"{Subscription.objects.get(pk=subscription.pk).status}"
    )


def test_a_renewal_through_a_provider_since_switched_off_does_not_stay_active_for_ever(django_user_model, quarterly, settings):
    """The site moved to Stripe and removed its Razorpay keys. A Razorpay
    reader's renewal raises ProviderDisabled before any attempt is written;
    renewal_attempt swallows it, every turn, and the subscription stays active
    and unpaid with no attempt, no failure, no grace and no lapse."""
    from masthead.subscriptions import services

    settings.MASTHEAD_PAYMENT_PROVIDER = "stripe"
    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = settings.RAZORPAY_WEBHOOK_SECRET = ""
    reader = django_user_model.objects.create_user(username="oldrzp", email="oldrzp@example.test", password="a long password here")
    BillingProfile.objects.create(
        user=reader, name="Old Razorpay Reader", state_code="29", provider="razorpay",
        provider_customer_id="cust_Mr7yTzS3Xn1uKc", provider_payment_method_id="token_Mr7yX9k8J7h6G5",
    )  # fmt: skip
    subscription = services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=quarterly))
    _clock_for_a_month(subscription.term_end, None)

    subscription.refresh_from_db()
    assert subscription.status != S.ACTIVE, (
        f"a month past its term, never charged ({Payment.objects.filter(subscription=subscription).count()} attempts), "
        f"the subscription is still {subscription.status}"
    )
