"""Stripe webhooks: signature over the raw body, stored once, same effects as checkout."""

import pytest

from masthead.payments.models import Payment, PaymentStatus, WebhookEvent
from masthead.payments.providers import payment_provider
from masthead.payments.providers.base import ChargeResult
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import (
    card_saved_for,
    card_setup_for,
    confirm_card,
    signed_stripe_event,
)
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
WEBHOOK = "/payments/stripe/webhook/"


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="hook", email="hook@example.test", password="a long password here")


@pytest.fixture
def pending(reader, localstripe):
    """A first payment Stripe has taken (in localstripe) whose own answer
    Masthead has not recorded yet: the webhook may arrive first."""
    plan = make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    subscription = services.subscription_begin(user=reader, plan=plan)
    saved = card_saved_for(reader)
    payment = Payment.objects.create(
        subscription=subscription, term_number=1, charge_key=f"masthead-sub{subscription.pk}-term1-try1", provider="stripe", amount_minor=900_00
    )
    charged = payment_provider().charge(saved=saved, amount=payment.amount, key=payment.charge_key, description="first term")
    payment.stripe_intent = charged.payment_id
    return subscription, payment


def _succeeded_event(payment, event_id="evt_1"):
    return {
        "id": event_id,
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": payment.stripe_intent, "object": "payment_intent", "status": "succeeded", "metadata": {"charge_key": payment.charge_key}}},
    }


def test_a_forged_signature_is_refused_and_changes_nothing(client, pending):
    subscription, payment = pending
    body, headers = signed_stripe_event(_succeeded_event(payment), secret="whsec_wrong")
    response = client.post(WEBHOOK, body, content_type="application/json", **headers)
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()
    payment.refresh_from_db()
    subscription.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING and subscription.status == SubscriptionStatus.PENDING


def test_a_tampered_body_fails_the_signature(client, pending):
    _, payment = pending
    body, headers = signed_stripe_event(_succeeded_event(payment))
    response = client.post(WEBHOOK, body.replace(payment.stripe_intent.encode(), b"pi_attacker"), content_type="application/json", **headers)
    assert response.status_code == 400


def test_the_same_event_twice_has_one_effect(client, pending):
    subscription, payment = pending
    body, headers = signed_stripe_event(_succeeded_event(payment))
    assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 200
    assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 200
    assert WebhookEvent.objects.count() == 1
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.events.filter(to_status=SubscriptionStatus.ACTIVE).count() == 1
    assert payment.subscription.payments.get().invoice is not None


def test_success_by_webhook_before_the_checkouts_own_answer_is_one_payment_one_invoice(client, pending):
    subscription, payment = pending
    body, headers = signed_stripe_event(_succeeded_event(payment))
    client.post(WEBHOOK, body, content_type="application/json", **headers)
    # Then the synchronous answer arrives for the same charge.
    from masthead.payments.services import payment_settle

    payment_settle(payment_id=payment.pk, result=ChargeResult(succeeded=True, payment_id=payment.stripe_intent))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    from masthead.invoicing.models import Invoice

    assert Invoice.objects.filter(payment=payment).count() == 1
    assert subscription.events.filter(to_status=SubscriptionStatus.ACTIVE).count() == 1


def test_a_failure_in_processing_answers_500_so_stripe_retries(client, pending, monkeypatch):
    _, payment = pending
    from masthead.payments import services as payment_services

    def broken(**kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(payment_services, "payment_settle", broken)
    body, headers = signed_stripe_event(_succeeded_event(payment, "evt_retry"))
    assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 500
    stored = WebhookEvent.objects.get(event_id="evt_retry")
    assert stored.processed_at is None and "database hiccup" in stored.error

    monkeypatch.undo()
    assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 200
    stored.refresh_from_db()
    assert stored.processed_at is not None
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED


def test_events_masthead_does_not_use_are_stored_and_acknowledged(client, pending):
    body, headers = signed_stripe_event({"id": "evt_other", "object": "event", "type": "customer.created", "data": {"object": {"id": "cus_1"}}})
    assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 200
    assert WebhookEvent.objects.get(event_id="evt_other").processed_at is not None


@pytest.mark.django_db(transaction=True)
def test_localstripe_delivers_a_signed_webhook_that_we_accept(localstripe, live_server, reader):
    """The real thing: localstripe signs and posts payment_intent.succeeded to our endpoint."""
    import time

    from masthead.testing.stripe import register_localstripe_webhook

    register_localstripe_webhook(localstripe, live_server.url + WEBHOOK)
    plan = make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    subscription = services.subscription_begin(user=reader, plan=plan)
    setup = card_setup_for(reader)
    confirm_card(setup.setup_id, "4242424242424242")
    billing.checkout_pay(subscription=subscription, setup_id=setup.setup_id)
    deadline = time.monotonic() + 10
    while not WebhookEvent.objects.filter(event_type="payment_intent.succeeded").exists():
        assert time.monotonic() < deadline, "no webhook arrived from localstripe"
        time.sleep(0.2)
    deadline = time.monotonic() + 5
    unprocessed = WebhookEvent.objects.filter(event_type="payment_intent.succeeded", processed_at__isnull=True)
    while unprocessed.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not unprocessed.exists()
    assert not WebhookEvent.objects.exclude(error="").exists()
    assert Payment.objects.get(subscription=subscription).status == PaymentStatus.SUCCEEDED


def test_a_stripe_payment_made_outside_masthead_is_acknowledged_and_ignored(client):
    """A charge made in Stripe's dashboard carries no charge key: nothing of
    Masthead's to settle, and nothing to reject either."""
    event = {
        "id": "evt_dashboard",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": "pi_dashboard", "object": "payment_intent", "status": "succeeded", "metadata": {}}},
    }
    body, headers = signed_stripe_event(event)
    assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 200
    stored = WebhookEvent.objects.get(event_id="evt_dashboard")
    assert (stored.outcome, stored.reason) == ("ignored", "Masthead does not act on payment_intent.succeeded events.")
