"""A reader who posts another reader's SetupIntent id to the payment page.

The check that a saved card belongs to the paying reader compares customer
ids, but only when the reader already has one. A reader who posts the
billing-details form and goes straight to the confirm URL (never opening the
payment page, which is what creates their customer) has none yet: the
victim's card is charged for the attacker's subscription, saved as the
attacker's card for every renewal, and the attacker reads at once.
(The attacker needs the victim's SetupIntent id, seti_…, which the victim's
payment page carries; nothing on Masthead's side ties it to its reader.)
"""

import pytest
from django.test import Client

from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.subscriptions.selectors import reading_subscription
from masthead.testing.stripe import (
    GOOD_CARD,
    card_setup_for,
    confirm_card,
    stripe_client,
)
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus


@pytest.fixture
def quarterly():
    return make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)


@pytest.fixture
def victim_setup(localstripe, django_user_model, quarterly):
    """A reader who subscribed with a good card; returns their SetupIntent id."""
    victim = django_user_model.objects.create_user(username="victim", email="victim@example.test", password="a long password here")
    subscription = services.subscription_begin(user=victim, plan=quarterly)
    setup = card_setup_for(victim)
    confirm_card(setup.setup_id, GOOD_CARD)
    billing.checkout_pay(subscription=subscription, setup_id=setup.setup_id)
    return victim, setup.setup_id


@pytest.fixture
def attacker(django_user_model):
    user = django_user_model.objects.create_user(username="mallory", email="mallory@example.test", password="a long password here")
    browser = Client()
    browser.force_login(user)
    return user, browser


def _charges_of(customer_id: str) -> list:
    return [
        intent
        for intent in stripe_client().v1.payment_intents.list(params={"limit": 100}).auto_paging_iter()
        if intent.customer == customer_id
    ]


def test_another_readers_setup_id_posted_straight_to_confirm_charges_nobody(victim_setup, attacker, quarterly):
    victim, victim_setup_id = victim_setup
    victim_customer = BillingProfile.objects.get(user=victim).provider_customer_id
    assert len(_charges_of(victim_customer)) == 1
    user, browser = attacker

    # Billing details, then straight to the confirm URL with the victim's SetupIntent.
    assert browser.post("/subscribe/smart-quarterly/", {"name": "Mallory", "state_code": "27", "gstin": ""}).status_code == 302
    browser.post("/subscribe/pay/confirm/", {"setup_id": victim_setup_id})

    assert len(_charges_of(victim_customer)) == 1, "the victim's card was charged for someone else's subscription"
    subscription = Subscription.objects.get(user=user)
    assert subscription.status == S.PENDING
    assert not Payment.objects.filter(subscription=subscription, status=PaymentStatus.SUCCEEDED).exists()
    assert BillingProfile.objects.get(user=user).provider_customer_id != victim_customer


def test_another_readers_setup_id_never_becomes_this_readers_saved_card(victim_setup, attacker, quarterly):
    victim, victim_setup_id = victim_setup
    victim_profile = BillingProfile.objects.get(user=victim)
    user, browser = attacker
    browser.post("/subscribe/smart-quarterly/", {"name": "Mallory", "state_code": "27", "gstin": ""})
    browser.post("/subscribe/pay/confirm/", {"setup_id": victim_setup_id})

    profile = BillingProfile.objects.get(user=user)
    assert profile.provider_payment_method_id != victim_profile.provider_payment_method_id
    # Nor is the attacker reading on the victim's money.
    assert reading_subscription(user=user) is None
