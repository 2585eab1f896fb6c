"""A reader's saved card dies (the bank replaces it; Stripe sends
payment_method.detached): the subscription waits for a new card
("Needs a new card"), the reader is mailed the card link, nothing is
charged and no pre-debit notice goes out (docs/subscriptions.md).

The reader (or their app, through POST /me/subscription/cancel and then
POST /me/subscription/keep, or the account page's two buttons) cancels and
keeps the subscription. needs_card → cancelling is allowed, and Keep my
subscription moves a cancelling subscription to active, whatever it was
before it was cancelled. The subscription now reads "active", the account
page and /me/subscription say it renews at its price with nothing to fix,
the "needs a new card" banner and the card link's reason are gone, and the
billing clock will announce and charge the renewal to the dead card (a
decline, then retries and grace) instead of waiting for a new one.

Expected: keeping a subscription cancelled while it needed a new card
brings it back to needing a new card (or Keep is refused until a card is saved)."""

import pytest
from django.test import Client

from masthead.api.tests.conftest import make_account, sign_in
from masthead.payments.models import BillingProfile
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.stripe import signed_stripe_event, stripe_client, subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db
S = SubscriptionStatus
STRIPE = "/payments/stripe/webhook/"



def test_cancel_and_keep_still_waits_for_a_new_card(localstripe, client, django_user_model):
    asha = make_account(django_user_model, "asha")
    subscription = subscribe(asha, make_smart_plans()["quarterly"])
    profile = BillingProfile.objects.get(user=asha)
    stripe_client().v1.payment_methods.detach(profile.provider_payment_method_id)
    body, headers = signed_stripe_event({
        "id": "evt_detached", "object": "event", "type": "payment_method.detached",
        "data": {
            "object": {"id": profile.provider_payment_method_id, "object": "payment_method", "customer": None},
            "previous_attributes": {"customer": profile.provider_customer_id},
        },
    })  # fmt: skip
    assert client.post(STRIPE, body, content_type="application/json", **headers).status_code == 200
    assert Subscription.objects.get(pk=subscription.pk).status == S.NEEDS_CARD

    app = Client(HTTP_X_SESSION_TOKEN=sign_in(asha))
    cancelled = app.post("/api/v1/me/subscription/cancel", {}, content_type="application/json")
    assert cancelled.status_code == 200 and cancelled.json()["subscription"]["status"] == "cancelling"
    kept = app.post("/api/v1/me/subscription/keep", {}, content_type="application/json")

    assert Subscription.objects.get(pk=subscription.pk).status == S.NEEDS_CARD, (kept.status_code, kept.json())
