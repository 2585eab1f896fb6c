"""Forged, replayed and misdirected webhooks change nothing."""

import hashlib
import hmac
import json

import pytest

from masthead.payments.models import Payment, PaymentStatus, WebhookEvent
from masthead.payments.providers import payment_provider
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import (
    DECLINED_CARD,
    GOOD_CARD,
    card_setup_for,
    confirm_card,
    signed_stripe_event,
)
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="victim", email="victim@example.test", password="a long password here")


def _empty_key_razorpay(payload: dict) -> tuple[bytes, dict]:
    body = json.dumps(payload).encode()
    return body, {"HTTP_X_RAZORPAY_SIGNATURE": hmac.new(b"", body, hashlib.sha256).hexdigest()}


def _razorpay_event(event: str, entity: str, fields: dict) -> dict:
    return {"entity": "event", "event": event, "payload": {entity: {"entity": fields}}, "created_at": 1764300000}


@pytest.mark.parametrize("event", ["subscription.halted", "subscription.cancelled", "subscription.pending"])
def test_an_empty_key_razorpay_event_cannot_touch_a_stripe_subscriber(client, localstripe, reader, event):
    """Razorpay is not set up (the development default): its endpoint does not exist."""
    from masthead.testing.stripe import subscribe

    subscription = subscribe(reader, make_plan())
    body, headers = _empty_key_razorpay(
        _razorpay_event(event, "subscription", {"id": "sub_x", "notes": {"masthead_subscription": str(subscription.pk)}})
    )
    response = client.post("/payments/razorpay/webhook/", body, content_type="application/json", **headers)
    assert response.status_code == 404
    assert not WebhookEvent.objects.exists()
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE


def test_an_empty_stripe_secret_refuses_every_event(client, localstripe, reader, settings):
    """A Stripe webhook signed with an empty key is no signature at all."""
    settings.STRIPE_WEBHOOK_SECRET = ""
    body, headers = signed_stripe_event({"id": "evt_f", "object": "event", "type": "customer.created", "data": {"object": {}}}, secret="")
    assert client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 404
    assert not WebhookEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_forged_success_racing_a_declined_first_payment_gives_nothing(client, localstripe, reader, settings, monkeypatch):
    """While the declined card's charge is in flight, events claiming it
    succeeded arrive: by Razorpay with an empty key (no endpoint), by Razorpay
    correctly signed (another provider's payment), and by Stripe correctly
    signed naming the pending charge (re-read: Stripe says declined)."""
    from masthead.payments.providers.stripe import StripeProvider

    settings.RAZORPAY_KEY_ID, settings.RAZORPAY_KEY_SECRET, settings.RAZORPAY_WEBHOOK_SECRET = "rzp_k", "rzp_s", "rzp_hook"
    subscription = services.subscription_begin(user=reader, plan=make_plan(price_minor=900_00))
    setup = card_setup_for(reader)
    confirm_card(setup.setup_id, DECLINED_CARD)
    answers = []
    real_charge = StripeProvider.charge

    def charge_while_events_arrive(self, **kwargs):
        key = kwargs["key"]
        forged_razorpay = _razorpay_event("payment.captured", "payment", {"id": "pay_forged", "notes": {"charge_key": key}})
        body, headers = _empty_key_razorpay(forged_razorpay)
        answers.append(client.post("/payments/razorpay/webhook/", body, content_type="application/json", **headers).status_code)
        body = json.dumps(forged_razorpay).encode()
        headers = {"HTTP_X_RAZORPAY_SIGNATURE": hmac.new(b"rzp_hook", body, hashlib.sha256).hexdigest()}
        answers.append(client.post("/payments/razorpay/webhook/", body, content_type="application/json", **headers).status_code)
        result = real_charge(self, **kwargs)
        stripe_event = {
            "id": "evt_forged_success",
            "object": "event",
            "type": "payment_intent.succeeded",
            "data": {"object": {"id": result.payment_id, "object": "payment_intent", "status": "succeeded", "metadata": {"charge_key": key}}},
        }
        body, headers = signed_stripe_event(stripe_event)
        answers.append(client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code)
        return result

    monkeypatch.setattr(StripeProvider, "charge", charge_while_events_arrive)
    with pytest.raises(Exception, match="declined"):
        billing.checkout_pay(subscription=subscription, setup_id=setup.setup_id)
    assert answers[0] == 400  # the empty key: a bad signature once Razorpay is set up
    assert answers[1:] == [200, 200]  # stored, then rejected or re-read
    subscription.refresh_from_db()
    assert subscription.status == S.PENDING
    assert not Payment.objects.filter(status=PaymentStatus.SUCCEEDED).exists()
    assert not subscription.payments.filter(invoice__isnull=False).exists()
    assert WebhookEvent.objects.get(provider="razorpay").outcome == "rejected"


def test_a_real_stripe_event_for_another_readers_charge_changes_nothing(client, localstripe, reader, django_user_model):
    """A genuine, correctly signed event names the attacker's own charge but
    carries the victim's charge key: the re-read shows it belongs elsewhere."""
    from masthead.testing.stripe import subscribe

    attacker = django_user_model.objects.create_user(username="mallory", email="mallory@example.test", password="x" * 20)
    attackers = subscribe(attacker, make_plan(price_minor=900_00))
    victim_subscription = services.subscription_begin(user=reader, plan=make_plan(price_minor=900_00))
    victim_payment = Payment.objects.create(
        subscription=victim_subscription, term_number=1, provider="stripe", amount_minor=900_00,
        charge_key=f"masthead-sub{victim_subscription.pk}-term1-try1",
    )  # fmt: skip
    attacker_intent = attackers.payments.get().provider_payment_id
    event = {
        "id": "evt_replayed_for_other",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": attacker_intent, "object": "payment_intent", "metadata": {"charge_key": victim_payment.charge_key}}},
    }
    body, headers = signed_stripe_event(event)
    assert client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 200
    stored = WebhookEvent.objects.get(event_id="evt_replayed_for_other")
    assert stored.outcome == "rejected"
    victim_payment.refresh_from_db()
    victim_subscription.refresh_from_db()
    assert victim_payment.status == PaymentStatus.PENDING and victim_subscription.status == S.PENDING


def test_a_replayed_success_cannot_settle_a_later_declined_attempt(client, localstripe, reader):
    """Attempt 1 was declined; a (real) event for it replayed against attempt 2 changes nothing."""
    subscription = services.subscription_begin(user=reader, plan=make_plan(price_minor=900_00))
    setup = card_setup_for(reader)
    confirm_card(setup.setup_id, GOOD_CARD)
    saved = payment_provider().saved_method(setup_id=setup.setup_id)
    # Another, unrelated good charge of the same amount at Stripe for this customer.
    other = payment_provider().charge(saved=saved, amount=subscription.price, key="unrelated-key", description="x")
    payment = Payment.objects.create(
        subscription=subscription, term_number=1, provider="stripe", amount_minor=900_00,
        charge_key=f"masthead-sub{subscription.pk}-term1-try2",
    )  # fmt: skip
    event = {
        "id": "evt_other_charge",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": other.payment_id, "object": "payment_intent", "metadata": {"charge_key": payment.charge_key}}},
    }
    body, headers = signed_stripe_event(event)
    assert client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 200
    assert WebhookEvent.objects.get().outcome == "rejected"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
