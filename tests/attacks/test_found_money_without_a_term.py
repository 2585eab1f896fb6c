"""A charge in flight while the subscription moves under it.

The charge is taken first and its meaning decided when it settles
(payment_settled). When the subscription moved meanwhile (the reader
cancelled, started checkout again, or the clock lapsed it) the money is kept
and invoiced and buys nothing; for a first payment the settle even crashes,
so the money Stripe took is recorded nowhere.
"""

import re
from datetime import timedelta

import pytest
from django.test import Client

from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.providers import provider_register, provider_unregister
from masthead.payments.providers.stripe import StripeProvider
from masthead.subscriptions import billing
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.stripe import GOOD_CARD, confirm_card, stripe_client, subscribe
from masthead.testing.subscriptions import make_plan

# The refund of money that bought nothing happens after commit, as in production.
pytestmark = pytest.mark.django_db(transaction=True)
S = SubscriptionStatus


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="asha", email="asha@example.test", password="a long password here")


@pytest.fixture
def quarterly():
    return make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)


def _browser(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def test_a_renewal_charged_while_the_reader_cancels_is_not_kept_without_the_term(localstripe, reader, quarterly):
    subscription = subscribe(reader, quarterly)
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    browser = _browser(reader)

    class ReaderCancelsMeanwhile(StripeProvider):
        def charge(self, **kwargs):
            result = super().charge(**kwargs)
            # The reader's "Cancel" lands while Stripe is answering the renewal.
            browser.post("/account/cancel/")
            return result

    billing.billing_clock_tick(now=end + timedelta(minutes=1), provider=ReaderCancelsMeanwhile())
    billing.billing_clock_tick(now=end + timedelta(days=2), provider=ReaderCancelsMeanwhile())

    subscription.refresh_from_db()
    renewal = Payment.objects.get(subscription=subscription, term_number=2)
    paid_for_term_two = renewal.status == PaymentStatus.SUCCEEDED
    assert not paid_for_term_two or subscription.grants_reading(end + timedelta(days=30)), (
        f"term 2 was charged ({renewal.status}) but the subscription is {subscription.status}: money kept, no term"
    )


def _start_again_while_charging(reader):
    """The reader confirms a card; while Stripe answers, another tab submits
    the billing details again (a new checkout). Returns the confirm response."""
    browser, other_tab = _browser(reader), _browser(reader)
    browser.raise_request_exception = False
    assert browser.post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27", "gstin": ""}).status_code == 302
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', browser.get("/subscribe/pay/").text).group(1)
    confirm_card(setup_id, GOOD_CARD)
    started_again = []

    class ReaderStartsAgainMeanwhile(StripeProvider):
        def charge(self, **kwargs):
            result = super().charge(**kwargs)
            if not started_again:
                started_again.append(True)
                other_tab.post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27", "gstin": ""})
            return result

    provider_register("stripe", ReaderStartsAgainMeanwhile)
    try:
        response = browser.post("/subscribe/pay/confirm/", {"setup_id": setup_id})
    finally:
        provider_unregister("stripe")
    return response, other_tab


def _money_kept_at_stripe() -> list:
    client = stripe_client()
    refunded = {refund.payment_intent for refund in client.v1.refunds.list(params={"limit": 100}).auto_paging_iter()}
    return [
        intent
        for intent in client.v1.payment_intents.list(params={"limit": 100}).auto_paging_iter()
        if intent.status == "succeeded" and intent.id not in refunded
    ]


def test_a_first_payment_that_lands_after_checkout_started_again_is_not_a_500(localstripe, reader, quarterly):
    response, _ = _start_again_while_charging(reader)
    assert response.status_code != 500
    # The money Stripe took is on record: refunded, or paying for a subscription.
    recorded = {p.provider_payment_id for p in Payment.objects.filter(subscription__user=reader).exclude(status=PaymentStatus.PENDING)}
    assert {intent.id for intent in _money_kept_at_stripe()} <= recorded


def test_checkout_started_again_while_the_first_charge_is_in_flight_charges_once(localstripe, reader, quarterly):
    _, other_tab = _start_again_while_charging(reader)
    # Not reading, the reader pays the checkout they are now shown.
    if not Subscription.objects.filter(user=reader, status=S.ACTIVE).exists():
        setup_id = re.search(r'name="setup_id" value="([^"]+)"', other_tab.get("/subscribe/pay/").text).group(1)
        confirm_card(setup_id, GOOD_CARD)
        other_tab.post("/subscribe/pay/confirm/", {"setup_id": setup_id})
    assert len(_money_kept_at_stripe()) == 1, "the reader paid twice for one subscription"
    assert Subscription.objects.filter(user=reader, status=S.ACTIVE).count() == 1


def test_the_webhook_for_a_first_payment_of_an_abandoned_checkout_is_not_a_500_forever(localstripe, client, reader, quarterly):
    """The first charge went through at Stripe but its worker's answer was
    lost; the reader meanwhile started checkout again. Stripe's webhook for
    the charge then fails on every delivery, so Stripe retries it for days."""
    from masthead.payments.models import BillingProfile, WebhookEvent
    from masthead.payments.providers import payment_provider
    from masthead.payments.services import payment_attempt_open
    from masthead.subscriptions import services
    from masthead.testing.stripe import card_setup_for, signed_stripe_event

    first = services.subscription_begin(user=reader, plan=quarterly)
    setup = card_setup_for(reader)
    confirm_card(setup.setup_id, GOOD_CARD)
    saved = payment_provider().saved_method(setup_id=setup.setup_id)
    BillingProfile.objects.filter(user=reader).update(provider="stripe", provider_payment_method_id=saved.payment_method_id)
    payment, _ = payment_attempt_open(subscription=first, term_number=1, amount=first.price, provider_name="stripe")
    charged = payment_provider().charge(saved=saved, amount=payment.amount, key=payment.charge_key, description="first term")
    assert charged.succeeded

    _browser(reader).post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27", "gstin": ""})

    event = {
        "id": "evt_first_late",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": charged.payment_id, "object": "payment_intent", "metadata": {"charge_key": payment.charge_key}}},
    }
    body, headers = signed_stripe_event(event)
    response = client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers)
    assert response.status_code == 200, WebhookEvent.objects.get(event_id="evt_first_late").error


def test_a_new_card_charged_as_the_grace_period_runs_out_is_not_kept_without_the_term(localstripe, reader, quarterly, settings):
    """The reader saves a good card in the last minute of grace; while Stripe
    takes the renewal, the clock's turn lapses the subscription. The charge
    then settles on a lapsed subscription: invoiced, kept, no term."""
    import time_machine

    from masthead.testing.stripe import DECLINED_CARD, save_card

    settings.MASTHEAD_GRACE_DAYS = 7
    settings.MASTHEAD_RENEWAL_RETRY_DAYS = [1, 3, 5]
    subscription = subscribe(reader, quarterly)
    save_card(reader, DECLINED_CARD)
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    for day in (1, 3, 5):
        billing.billing_clock_tick(now=end + timedelta(days=day, minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE
    grace_over = subscription.grace_until

    class ClockTurnsMeanwhile(StripeProvider):
        def charge(self, **kwargs):
            result = super().charge(**kwargs)
            billing.billing_clock_tick(now=grace_over + timedelta(seconds=30))
            return result

    with time_machine.travel(grace_over - timedelta(seconds=30), tick=False):
        browser = _browser(reader)
        setup_id = re.search(r'name="setup_id" value="([^"]+)"', browser.get("/account/card/").text).group(1)
        confirm_card(setup_id, GOOD_CARD)
        provider_register("stripe", ClockTurnsMeanwhile)
        try:
            browser.post("/account/card/", {"setup_id": setup_id})
        finally:
            provider_unregister("stripe")

    subscription.refresh_from_db()
    kept = Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED)
    assert not kept.exists() or subscription.grants_reading(grace_over + timedelta(days=1)), (
        f"term 2 was charged but the subscription is {subscription.status}: money kept, no term"
    )
