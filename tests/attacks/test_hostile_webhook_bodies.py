"""Hostile bodies posted to every payment provider's webhook, unsigned and
correctly signed (the development secrets are public): never a 5xx (a 5xx is
retried by the provider for days) and no payment or subscription changes.
Bodies that are not an event object are a 400 with nothing stored. The
providers come from the registry, so a new one is attacked the day it is
added; test_found3_webhook_bodies.py covers NaN, Infinity and over-long ids.
"""

import hashlib
import hmac
import json
import time

import pytest
from django.conf import settings
from django.forms.models import model_to_dict

from masthead.payments.models import BillingProfile, Payment, WebhookEvent
from masthead.payments.providers import provider_class, provider_names
from masthead.subscriptions import services
from masthead.subscriptions.models import Subscription
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
# The adapters Masthead ships (tests may register fakes beside them).
PROVIDERS = [name for name in provider_names() if provider_class(name).__module__.startswith("masthead.payments.providers.")]


def _signed(provider: str, body: bytes) -> dict:
    """Headers a provider would send with ``body``, signed with this site's secret."""
    if provider == "stripe":
        timestamp = int(time.time())
        mac = hmac.new(settings.STRIPE_WEBHOOK_SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
        return {"HTTP_STRIPE_SIGNATURE": f"t={timestamp},v1={mac.hexdigest()}"}
    if provider == "razorpay":
        return {"HTTP_X_RAZORPAY_SIGNATURE": hmac.new(settings.RAZORPAY_WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()}
    raise AssertionError(f"sign for {provider} here: it has a webhook and is attacked below")


def _genuine(provider: str, subscription: Subscription) -> dict:
    """An event of the provider's shape naming this site's subscription."""
    if provider == "stripe":
        return {
            "id": "evt_hostile", "object": "event", "type": "payment_intent.succeeded",
            "data": {"object": {"id": "pi_hostile", "metadata": {"charge_key": "renewal-1"}, "last_payment_error": None}},
        }  # fmt: skip
    notes = {"masthead_subscription": str(subscription.pk), "charge_key": "renewal-1"}
    return {
        "entity": "event", "event": "payment.captured", "created_at": 1764300003,
        "payload": {"payment": {"entity": {"id": "pay_hostile", "order_id": "order_hostile", "notes": notes, "status": "captured"}}},
    }  # fmt: skip


def _retyped(event: dict):
    """The event with one field at a time, at any depth, given a value of each wrong type."""
    wrong = ["", 0, -1, 2**70, 1.5, True, None, [], [1], {}, "x" * 5000, {"entity": "x"}]
    for key, value in event.items():
        for other in wrong:
            if type(other) is not type(value):
                yield _replaced(event, key, other)
        if isinstance(value, dict):
            yield from (_replaced(event, key, inner) for inner in _retyped(value))


def _replaced(event: dict, key: str, new) -> dict:
    return {**event, key: new}


NOT_AN_EVENT = {
    "empty": b"",
    "not-json": b"not json",
    "not-utf8": b"\xff\xfe\x00",
    "json-list": b"[]",
    "list-of-events": b'[{"event": "payment.captured"}]',
    "json-string": b'"payment.captured"',
    "json-number": b"12",
    "json-null": b"null",
    "payment-a-string": b'{"event": "payment.captured", "payload": {"payment": "pay_1"}}',
    "entity-a-string": b'{"event": "payment.captured", "payload": {"payment": {"entity": "pay_1"}}}',
    "data-a-string": b'{"id": "evt_1", "type": "payment_intent.succeeded", "data": "x"}',
    "NUL": b'{"id": "evt_1", "type": "x", "data": {"object": {"x": "a\\u0000b"}}}',
    "NUL-in-event": b'{"event": "a\\u0000b", "payload": {}}',
    "deeply-nested": b'{"x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    "huge-and-cut-short": b'{"x": "' + b"y" * 3_000_000 + b'"',
}


@pytest.fixture
def subscribed(django_user_model, razorpay_keys):
    """A subscriber whose rows a forged event would want to change."""
    user = django_user_model.objects.create_user(username="hostile", email="hostile@example.test", password="a long password here")
    BillingProfile.objects.create(user=user, name="H", state_code="29", provider="razorpay", provider_customer_id="cust_hostile")
    plan = make_plan(name="Hostile Monthly", slug="hostile-monthly", term_months=1)
    return services.subscription_activate(subscription=services.subscription_begin(user=user, plan=plan))


def _state() -> list:
    return [
        [model_to_dict(row) for row in model.objects.order_by("pk")] for model in (Payment, Subscription)
    ]


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("body", list(NOT_AN_EVENT.values()), ids=list(NOT_AN_EVENT))
@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
def test_a_body_that_is_not_an_event_is_a_400_and_changes_nothing(client, subscribed, provider, body, signed):
    before = _state()
    headers = _signed(provider, body) if signed else {}
    response = client.post(f"/payments/{provider}/webhook/", body, content_type="application/json", **headers)
    assert response.status_code == 400, (response.status_code, response.content[:200])
    assert not WebhookEvent.objects.exists()
    assert _state() == before


@pytest.mark.parametrize("provider", PROVIDERS)
def test_an_event_with_any_field_of_a_wrong_type_is_never_a_server_error_and_changes_nothing(client, subscribed, provider):
    before = _state()
    failures = []
    for event in _retyped(_genuine(provider, subscribed)):
        body = json.dumps(event).encode()
        for headers in ({}, _signed(provider, body)):
            response = client.post(f"/payments/{provider}/webhook/", body, content_type="application/json", **headers)
            if response.status_code >= 500 or (not headers and response.status_code != 400):
                failures.append(f"{response.status_code} for {body[:200]!r} {'signed' if headers else 'unsigned'}")
    assert not failures, "\n".join(failures)
    assert _state() == before
