"""The registry says a provider is enabled only when its webhook secret can
be trusted, and checks.py calls a webhook anyone can sign an error. But
``provider_enabled`` asks only whether the secret is non-empty: with the
development default (whsec_localstripe, published in the repository) in
production, or on a staging site that talks to real Stripe, the Stripe
webhook URL is live and takes events signed by anyone. The system check
reports it, yet nothing stops the WSGI app serving it (checks do not run
there)."""

import hashlib
import hmac
import json
import time

import pytest

from masthead.payments.models import WebhookEvent
from masthead.payments.providers import enabled_providers, provider_class, provider_enabled

pytestmark = pytest.mark.django_db
WEBHOOK = "/payments/stripe/webhook/"
PUBLISHED = "whsec_localstripe"


def _forged(body: bytes):
    timestamp = int(time.time())
    signature = hmac.new(PUBLISHED.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return {"HTTP_STRIPE_SIGNATURE": f"t={timestamp},v1={signature}"}


@pytest.fixture(
    params=[
        pytest.param({"PRODUCTION": True}, id="production"),
        pytest.param({"PRODUCTION": False, "STRIPE_API_BASE": ""}, id="staging-on-real-stripe"),
    ]
)
def published_secret(request, settings):
    settings.STRIPE_WEBHOOK_SECRET = PUBLISHED
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = "sk_live_x", "pk_live_x"
    for name, value in request.param.items():
        setattr(settings, name, value)
    assert provider_class("stripe").webhook_secret_problem()  # the check knows


def test_a_provider_whose_webhook_secret_anyone_can_sign_is_not_enabled(published_secret):
    assert not provider_enabled("stripe")
    assert "stripe" not in enabled_providers()


def test_its_webhook_url_answers_404_to_an_event_signed_with_the_published_secret(client, published_secret):
    body = json.dumps({"id": "evt_forged", "object": "event", "type": "customer.created", "data": {"object": {}}}).encode()
    response = client.post(WEBHOOK, body, content_type="application/json", **_forged(body))
    assert response.status_code == 404, response.status_code
    assert not WebhookEvent.objects.exists()
