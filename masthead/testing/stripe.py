"""Test helpers that play the reader's browser against localstripe."""

import hashlib
import hmac
import json
import time
from dataclasses import replace
from datetime import timedelta

import requests
import stripe
from django.conf import settings

from masthead.payments.models import BillingProfile
from masthead.payments.providers import payment_provider
from masthead.payments.providers.stripe import metadata_of
from masthead.subscriptions import billing, services

GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000341"  # saves fine, every charge is declined


def stripe_client() -> stripe.StripeClient:
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, base_addresses={"api": settings.STRIPE_API_BASE})


def confirm_card(setup_id: str, number: str) -> None:
    """What Stripe.js does in the browser: create the card and confirm the setup."""
    client = stripe_client()
    method = client.v1.payment_methods.create(
        params={"type": "card", "card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"}}
    )
    client.v1.setup_intents.confirm(setup_id, params={"payment_method": method.id})


def card_setup_for(user, *, state_code: str = "27"):
    profile, _ = BillingProfile.objects.get_or_create(user=user, defaults={"name": "Test Reader", "state_code": state_code})
    provider = payment_provider()
    customer_id = provider.customer(email=user.email, name=profile.name, existing_id=profile.provider_customer_id)
    profile.provider_customer_id = customer_id
    profile.save()
    return provider.card_setup(customer_id=customer_id)


def card_saved_for(user, *, card: str = GOOD_CARD):
    """A card the reader saved through checkout's card form, recorded on
    their billing profile as checkout records it; returns the SavedMethod."""
    setup = card_setup_for(user)
    confirm_card(setup.setup_id, card)
    saved = payment_provider().saved_method(setup_id=setup.setup_id)
    BillingProfile.objects.filter(user=user).update(
        provider="stripe", provider_customer_id=saved.customer_id, provider_payment_method_id=saved.payment_method_id
    )
    return saved


def subscribe(user, plan, *, card: str = GOOD_CARD, offer=None):
    """A reader goes through checkout with ``card`` (and ``offer``); returns the subscription."""
    subscription = services.subscription_begin(user=user, plan=plan, offer=offer)
    setup = card_setup_for(user)
    confirm_card(setup.setup_id, card)
    return billing.checkout_pay(subscription=subscription, setup_id=setup.setup_id)


def save_card(user, number: str) -> None:
    """Replace the reader's saved card (for renewals that should fail)."""
    setup = card_setup_for(user)
    confirm_card(setup.setup_id, number)
    saved = payment_provider().saved_method(setup_id=setup.setup_id)
    BillingProfile.objects.filter(user=user).update(provider_payment_method_id=saved.payment_method_id)


def renewal_declined(subscription):
    """The reader's card now declines, and the billing clock announced the
    renewal and charged it when the term ended: the subscription is past due
    (in its grace period), with the clock's attempt 1 declined."""
    save_card(subscription.user, DECLINED_CARD)
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == "past_due", subscription.status
    return subscription


def stripe_signature(body: bytes, *, secret: str | None = None) -> str:
    """The Stripe-Signature header Stripe (and localstripe) put on ``body``."""
    timestamp = int(time.time())
    key = settings.STRIPE_WEBHOOK_SECRET if secret is None else secret
    signature = hmac.new(key.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={signature}"


def signed_stripe_event(event: dict, *, secret: str | None = None) -> tuple[bytes, dict]:
    """A webhook body and headers signed the way Stripe (and localstripe) sign them."""
    body = json.dumps(event).encode()
    return body, {"HTTP_STRIPE_SIGNATURE": stripe_signature(body, secret=secret)}


def intents_with_key(key: str) -> list:
    return [intent for intent in stripe_client().v1.payment_intents.list(params={"limit": 100}).auto_paging_iter() if metadata_of(intent).get("charge_key") == key]


def register_localstripe_webhook(base: str, url: str) -> None:
    requests.post(
        f"{base}/_config/webhooks/masthead", data={"url": url, "secret": settings.STRIPE_WEBHOOK_SECRET}, timeout=10
    ).raise_for_status()


class StripeDecidedLater:
    """Stripe, whose answer to a charge is "not decided yet" (the money is
    taken; its webhook says so later, as Razorpay's recurring debits do).
    ``results`` keeps the real answers, for settling them later."""

    def __init__(self):
        self.stripe = payment_provider("stripe")
        self.name = self.stripe.name
        self.results = []

    def __getattr__(self, name):
        return getattr(self.stripe, name)

    def charge(self, **kwargs):
        result = self.stripe.charge(**kwargs)
        self.results.append(result)
        return replace(result, succeeded=False, final=False)
