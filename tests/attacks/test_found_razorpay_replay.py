"""Razorpay signs the body only; the event id Masthead stores events by
comes from the X-Razorpay-Event-Id header, outside the signature. Anyone
holding one real delivery can send it again under a new id, and it is
processed again: a replay is not recognised as one.
"""

import hashlib
import hmac
import json

import pytest

from masthead.payments.models import BillingProfile, WebhookEvent
from masthead.payments.providers import provider_register, provider_unregister
from masthead.subscriptions import services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.razorpay import recorded_body, recorded_provider
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus
CUSTOMER = "cust_Mr7yTzS3Xn1uKc"
WEBHOOK = "/payments/razorpay/webhook/"


@pytest.fixture(autouse=True)
def _razorpay_set_up(razorpay_keys):
    """Razorpay is set up for every test here."""


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="rzpreplay", email="rzpreplay@example.test", password="a long password here")


@pytest.fixture
def active(reader):
    BillingProfile.objects.create(user=reader, name="R", state_code="29", provider="razorpay", provider_customer_id=CUSTOMER)
    plan = make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    return services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))


def test_a_real_razorpay_delivery_sent_again_under_another_event_id_changes_nothing(client, reader, active):
    notes = {"masthead_subscription": str(active.pk)}
    remote = recorded_body("subscription_halted.json", status="cancelled", notes=notes, customer_id=CUSTOMER)
    adapter, _ = recorded_provider({("GET", "/v1/subscriptions/sub_Mr82bbbb"): [(200, remote), (200, remote)]})
    provider_register("razorpay", adapter)
    try:
        body = json.dumps(
            {
                "entity": "event",
                "event": "subscription.cancelled",
                "payload": {"subscription": {"entity": {"id": "sub_Mr82bbbb", "status": "cancelled", "notes": notes}}},
                "created_at": 1764300003,
            }
        ).encode()
        signature = hmac.new(b"razorpay-webhook-secret", body, hashlib.sha256).hexdigest()
        delivered = client.post(
            WEBHOOK, body, content_type="application/json", HTTP_X_RAZORPAY_SIGNATURE=signature, HTTP_X_RAZORPAY_EVENT_ID="evt_real"
        )
        assert delivered.status_code == 200
        active.refresh_from_db()
        assert active.status == S.CANCELLING

        # The reader changes their mind on the account page.
        client.force_login(reader)
        client.post("/account/resume/")
        client.logout()
        active.refresh_from_db()
        assert active.status == S.ACTIVE

        # A stranger sends the same signed body again, with a new event id header.
        client.post(WEBHOOK, body, content_type="application/json", HTTP_X_RAZORPAY_SIGNATURE=signature, HTTP_X_RAZORPAY_EVENT_ID="evt_again")
    finally:
        provider_unregister("razorpay")
    active.refresh_from_db()
    assert active.status == S.ACTIVE, "a replayed delivery cancelled the reader's subscription again"
    assert WebhookEvent.objects.filter(provider="razorpay").count() == 1
