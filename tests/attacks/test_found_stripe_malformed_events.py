"""Correctly signed Stripe bodies that are not Stripe event objects.

Razorpay's intake answers such a body 400 and stores nothing; Stripe's
raises out of verify_webhook and answers 500, which Stripe retries for days.
(In development the signing secret is whsec_localstripe, known to anyone.)
"""

import json

import pytest

from masthead.payments.models import WebhookEvent

pytestmark = pytest.mark.django_db
WEBHOOK = "/payments/stripe/webhook/"


def _signed_raw(body: bytes):
    import hashlib
    import hmac
    import time

    from django.conf import settings

    timestamp = int(time.time())
    signature = hmac.new(settings.STRIPE_WEBHOOK_SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return {"HTTP_STRIPE_SIGNATURE": f"t={timestamp},v1={signature}"}


PAYMENT_INTENT = {"id": "pi_1", "object": "payment_intent", "metadata": {"charge_key": "masthead-sub1-term1-try1"}}


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"[1, 2]", id="a-list"),
        pytest.param(b'"just a string"', id="a-string"),
        pytest.param(json.dumps({"object": "event", "type": "payment_intent.succeeded", "data": {"object": PAYMENT_INTENT}}).encode(), id="no-id"),
        pytest.param(json.dumps({"id": "evt_1", "object": "event", "data": {"object": PAYMENT_INTENT}}).encode(), id="no-type"),
        pytest.param(json.dumps({"id": "evt_1", "object": "event", "type": "payment_intent.succeeded", "data": [1]}).encode(), id="data-a-list"),
        pytest.param(
            json.dumps({"id": "evt_1", "object": "event", "type": "payment_intent.succeeded", "data": {"object": [1]}}).encode(),
            id="object-a-list",
        ),
        pytest.param(
            json.dumps(
                {"id": "evt_1", "object": "event", "type": "payment_intent.succeeded", "data": {"object": {**PAYMENT_INTENT, "metadata": ["x"]}}}
            ).encode(),
            id="metadata-a-list",
        ),
        pytest.param(
            json.dumps(
                {"id": "evt_1", "object": "event", "type": "payment_intent.succeeded", "data": {"object": {**PAYMENT_INTENT, "last_payment_error": "x"}}}
            ).encode(),
            id="error-a-string",
        ),
    ],
)
def test_a_signed_body_that_is_not_a_stripe_event_is_a_400_and_stores_nothing(client, body):
    response = client.post(WEBHOOK, body, content_type="application/json", **_signed_raw(body))
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()

