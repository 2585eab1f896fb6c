"""Correctly signed webhook bodies that JSON can parse only partly, or that
the event store cannot keep: each must be a 400 with nothing stored (a 500
is retried by the provider for days), and nothing stored may break the
model's own limits. In development the signing secrets are known to anyone."""

import hashlib
import hmac
import json
import time

import pytest
from django.conf import settings

from masthead.payments.models import WebhookEvent

pytestmark = pytest.mark.django_db
STRIPE = "/payments/stripe/webhook/"


def _stripe_signed(body: bytes):
    timestamp = int(time.time())
    signature = hmac.new(settings.STRIPE_WEBHOOK_SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return {"HTTP_STRIPE_SIGNATURE": f"t={timestamp},v1={signature}"}


def _event(**extra) -> dict:
    return {"id": "evt_attack3", "object": "event", "type": "customer.created", "data": {"object": {"id": "cus_1"}}, **extra}


DEEP = b'{"id": "evt_deep", "type": "customer.created", "data": {"object": {"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}}"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(DEEP, id="deeply-nested"),
        pytest.param(b'{"id": "evt_nan", "type": "customer.created", "data": {"object": {"x": NaN}}}', id="NaN"),
        pytest.param(b'{"id": "evt_inf", "type": "customer.created", "data": {"object": {"x": Infinity}}}', id="Infinity"),
        pytest.param(b'{"id": "evt_big", "type": "customer.created", "data": {"object": {"x": 1e999}}}', id="float-overflow"),
    ],
)
def test_a_signed_stripe_body_json_cannot_store_is_a_400_and_stores_nothing(client, body):
    response = client.post(STRIPE, body, content_type="application/json", **_stripe_signed(body))
    assert response.status_code == 400, (response.status_code, response.content[:200])
    assert not WebhookEvent.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(_event(type="x" * 81), id="type-over-80"),
        pytest.param(_event(id="evt_" + "x" * 120), id="id-over-100"),
    ],
)
def test_a_signed_stripe_event_never_stores_fields_beyond_their_limits(client, payload):
    body = json.dumps(payload).encode()
    response = client.post(STRIPE, body, content_type="application/json", **_stripe_signed(body))
    assert response.status_code in (200, 400), response.status_code
    for event in WebhookEvent.objects.all():
        assert len(event.event_type) <= WebhookEvent._meta.get_field("event_type").max_length
        assert len(event.event_id) <= WebhookEvent._meta.get_field("event_id").max_length


RAZORPAY = "/payments/razorpay/webhook/"


def _razorpay_signed(body: bytes):
    return {"HTTP_X_RAZORPAY_SIGNATURE": hmac.new(settings.RAZORPAY_WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()}


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b'{"event": "order.paid", "payload": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", id="deeply-nested"),
        pytest.param(b'{"event": "order.paid", "payload": {"x": NaN}}', id="NaN"),
    ],
)
def test_a_signed_razorpay_body_json_cannot_store_is_a_400_and_stores_nothing(client, razorpay_keys, body):
    response = client.post(RAZORPAY, body, content_type="application/json", **_razorpay_signed(body))
    assert response.status_code == 400, (response.status_code, response.content[:200])
    assert not WebhookEvent.objects.exists()


def test_a_signed_razorpay_event_with_a_long_type_stores_no_id_beyond_its_limit(client, razorpay_keys):
    body = json.dumps({"event": "e" * 90, "payload": {}}).encode()
    response = client.post(RAZORPAY, body, content_type="application/json", **_razorpay_signed(body))
    assert response.status_code in (200, 400), response.status_code
    for event in WebhookEvent.objects.all():
        assert len(event.event_type) <= WebhookEvent._meta.get_field("event_type").max_length
        assert len(event.event_id) <= WebhookEvent._meta.get_field("event_id").max_length
