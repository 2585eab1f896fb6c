"""Money given back at the provider (a refund made in its dashboard, or a
chargeback) is recorded as the payment's refund, with everything a staff
refund does: the term it paid ends, its credit note is issued, the reader
is told. Told twice, it is recorded once; an event that does not name one of
our payments by the provider's own id changes nothing."""

import hashlib
import hmac
import json

import pytest
from django.utils import timezone

from masthead.invoicing.models import CreditNote
from masthead.payments.models import BillingProfile, Payment, PaymentStatus, WebhookEvent, WebhookOutcome
from masthead.subscriptions import services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import signed_stripe_event, subscribe
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus
STRIPE = "/payments/stripe/webhook/"
RAZORPAY = "/payments/razorpay/webhook/"


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="asha", email="asha@example.test", password="a long password here")


@pytest.fixture
def paid(localstripe, reader):
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))
    return Payment.objects.get(subscription=subscription, status=PaymentStatus.SUCCEEDED)


def _refunded(payment, *, event_id="evt_refunded_1", refunded=None, intent=None, key=None):
    return signed_stripe_event({
        "id": event_id, "object": "event", "type": "charge.refunded",
        "data": {"object": {
            "id": "ch_1", "object": "charge", "payment_intent": intent or payment.provider_payment_id,
            "amount": payment.amount_minor, "amount_refunded": payment.amount_minor if refunded is None else refunded,
            "refunded": True, "metadata": {"charge_key": key or payment.charge_key},
        }},
    })  # fmt: skip


def _disputed(payment, *, event_id="evt_dispute_1"):
    return signed_stripe_event({
        "id": event_id, "object": "event", "type": "charge.dispute.created",
        "data": {"object": {
            "id": "dp_1", "object": "dispute", "charge": "ch_1", "payment_intent": payment.provider_payment_id,
            "amount": payment.amount_minor, "status": "needs_response",
        }},
    })  # fmt: skip


def _dispute_event(payment, event_type, status, *, event_id):
    return signed_stripe_event({
        "id": event_id, "object": "event", "type": event_type,
        "data": {"object": {
            "id": "dp_1", "object": "dispute", "charge": "ch_1", "payment_intent": payment.provider_payment_id,
            "amount": payment.amount_minor, "status": status,
        }},
    })  # fmt: skip


def _post(client, url, signed):
    body, headers = signed
    return client.post(url, body, content_type="application/json", **headers)


@pytest.mark.django_db
@pytest.mark.parametrize("event", [_refunded, _disputed], ids=["refund", "chargeback"])
def test_money_returned_at_stripe_ends_the_term_with_a_credit_note_once(client, paid, event, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, STRIPE, event(paid)).status_code == 200
        assert _post(client, STRIPE, event(paid, event_id="evt_again")).status_code == 200
    paid.refresh_from_db()
    assert paid.status == PaymentStatus.REFUNDED and "Money returned at stripe" in paid.note
    assert paid.subscription.status == S.REFUNDED
    assert CreditNote.objects.filter(invoice__payment=paid).count() == 1
    assert len([m for m in mail.outbox if "refund" in m.subject.lower()]) == 1
    outcomes = list(WebhookEvent.objects.order_by("pk").values_list("outcome", flat=True))
    assert outcomes == [WebhookOutcome.APPLIED, WebhookOutcome.IGNORED]


@pytest.mark.django_db
def test_a_dispute_the_publication_wins_is_recorded_once_and_noted_for_staff(client, paid):
    """The funds withdrawn come back when the dispute is won: the payment
    stays refunded with one credit note; the events are noted, not acted on."""
    assert _post(client, STRIPE, _disputed(paid)).status_code == 200
    won = [
        _dispute_event(paid, "charge.dispute.funds_reinstated", "won", event_id="evt_reinstated"),
        _dispute_event(paid, "charge.dispute.closed", "won", event_id="evt_closed_won"),
    ]
    for event in won:
        assert _post(client, STRIPE, event).status_code == 200
    paid.refresh_from_db()
    assert paid.status == PaymentStatus.REFUNDED
    assert CreditNote.objects.filter(invoice__payment=paid).count() == 1
    for stored in WebhookEvent.objects.exclude(event_id="evt_dispute_1"):
        assert stored.outcome == WebhookOutcome.IGNORED and "was won" in stored.reason


@pytest.mark.django_db
def test_an_inquiry_under_review_is_noted_and_its_dispute_recorded_when_funds_go(client, paid):
    assert _post(client, STRIPE, _dispute_event(paid, "charge.dispute.updated", "warning_under_review", event_id="evt_inq")).status_code == 200
    paid.refresh_from_db()
    assert paid.status == PaymentStatus.SUCCEEDED
    assert "no money was withdrawn" in WebhookEvent.objects.get().reason
    # The inquiry turns into a dispute: Stripe withdraws the funds.
    withdrawn = _dispute_event(paid, "charge.dispute.funds_withdrawn", "needs_response", event_id="evt_withdrawn")
    assert _post(client, STRIPE, withdrawn).status_code == 200
    paid.refresh_from_db()
    assert paid.status == PaymentStatus.REFUNDED and paid.subscription.status == S.REFUNDED
    assert CreditNote.objects.filter(invoice__payment=paid).count() == 1


@pytest.mark.django_db
def test_a_staff_refund_after_a_part_refund_at_stripe_gives_back_the_rest_and_credits_all(paid):
    from masthead.payments.services import payment_refund
    from masthead.testing.stripe import stripe_client

    stripe_client().v1.refunds.create(params={"payment_intent": paid.provider_payment_id, "amount": 100_00})
    refunded = payment_refund(payment=paid)
    assert refunded.status == PaymentStatus.REFUNDED and "the rest, ₹800" in refunded.note
    at_stripe = stripe_client().v1.refunds.list(params={"payment_intent": paid.provider_payment_id})
    assert sorted(refund.amount for refund in at_stripe.data) == [100_00, 800_00]
    # All ₹900 went back, ₹100 of it in the dashboard: the credit note takes
    # back all of it, so the invoice less its credit notes is what was kept.
    assert CreditNote.objects.get(invoice__payment=paid).total_minor == 900_00
    assert refunded.refunded_amount.minor == 900_00


@pytest.mark.django_db
def test_a_part_refund_at_the_provider_is_left_to_staff(client, paid):
    assert _post(client, STRIPE, _refunded(paid, refunded=100_00)).status_code == 200
    paid.refresh_from_db()
    assert paid.status == PaymentStatus.SUCCEEDED and paid.subscription.status == S.ACTIVE
    stored = WebhookEvent.objects.get()
    assert stored.outcome == WebhookOutcome.IGNORED and "part refund is for staff" in stored.reason


@pytest.mark.django_db
def test_a_refund_event_naming_another_charge_than_the_payments_changes_nothing(client, paid):
    assert _post(client, STRIPE, _refunded(paid, intent="pi_someone_elses")).status_code == 200
    paid.refresh_from_db()
    assert paid.status == PaymentStatus.SUCCEEDED and paid.subscription.status == S.ACTIVE
    assert WebhookEvent.objects.get().outcome == WebhookOutcome.REJECTED


@pytest.mark.django_db
def test_a_forged_refund_event_is_refused(client, paid):
    body, _ = _refunded(paid)
    assert client.post(STRIPE, body, content_type="application/json", HTTP_STRIPE_SIGNATURE="t=1,v1=00").status_code == 400
    paid.refresh_from_db()
    assert paid.status == PaymentStatus.SUCCEEDED


# Razorpay

CUSTOMER = "cust_Mr7yTzS3Xn1uKc"


@pytest.fixture
def razorpay_paid(db, reader, razorpay_keys):
    BillingProfile.objects.create(
        user=reader, name="Razorpay Reader", state_code="29", provider="razorpay", provider_customer_id=CUSTOMER
    )
    plan = make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    subscription = services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))
    return Payment.objects.create(
        subscription=subscription, term_number=1, attempt=1, charge_key=f"masthead-sub{subscription.pk}-term1-try1",
        provider="razorpay", provider_payment_id="pay_Mr7zQ9w8E7r6T5", provider_customer_id=CUSTOMER,
        amount_minor=900_00, status=PaymentStatus.SUCCEEDED, succeeded_at=timezone.now(),
    )  # fmt: skip


def _razorpay(event: str, payment, *, payment_id=None, amount=None, phase="chargeback"):
    entity = "refund" if event.startswith("refund.") else "dispute"
    returned = {"id": "rfnd_or_disp_1", "entity": entity, "payment_id": payment_id or payment.provider_payment_id, "amount": amount or payment.amount_minor}
    if entity == "dispute":
        returned["phase"] = phase
    payload = {
        "entity": "event", "event": event, "contains": [entity, "payment"],
        "payload": {
            entity: {"entity": returned},
            "payment": {"entity": {"id": payment_id or payment.provider_payment_id, "amount": payment.amount_minor, "customer_id": CUSTOMER, "notes": {"charge_key": payment.charge_key}}},
        },
        "created_at": 1764300011,
    }  # fmt: skip
    body = json.dumps(payload).encode()
    return body, {"HTTP_X_RAZORPAY_SIGNATURE": hmac.new(b"razorpay-webhook-secret", body, hashlib.sha256).hexdigest()}


@pytest.mark.parametrize("event", ["refund.processed", "payment.dispute.created"])
def test_money_returned_at_razorpay_ends_the_term(client, razorpay_paid, event):
    assert _post(client, RAZORPAY, _razorpay(event, razorpay_paid)).status_code == 200
    assert _post(client, RAZORPAY, _razorpay(event, razorpay_paid)).status_code == 200  # Razorpay's retry: the same body
    razorpay_paid.refresh_from_db()
    assert razorpay_paid.status == PaymentStatus.REFUNDED
    assert razorpay_paid.subscription.status == S.REFUNDED
    assert WebhookEvent.objects.count() == 1


def test_a_razorpay_refund_of_another_payment_changes_nothing(client, razorpay_paid):
    assert _post(client, RAZORPAY, _razorpay("refund.processed", razorpay_paid, payment_id="pay_SomeoneElse00")).status_code == 200
    razorpay_paid.refresh_from_db()
    assert razorpay_paid.status == PaymentStatus.SUCCEEDED
    assert WebhookEvent.objects.get().outcome == WebhookOutcome.REJECTED


def test_a_razorpay_inquiry_debits_nothing_and_a_won_dispute_is_not_acted_on_twice(client, razorpay_paid):
    assert _post(client, RAZORPAY, _razorpay("payment.dispute.created", razorpay_paid, phase="retrieval")).status_code == 200
    razorpay_paid.refresh_from_db()
    assert razorpay_paid.status == PaymentStatus.SUCCEEDED
    assert razorpay_paid.subscription.status == S.ACTIVE
    assert "nothing was debited" in WebhookEvent.objects.get().reason

    assert _post(client, RAZORPAY, _razorpay("payment.dispute.lost", razorpay_paid)).status_code == 200
    assert _post(client, RAZORPAY, _razorpay("payment.dispute.won", razorpay_paid)).status_code == 200
    razorpay_paid.refresh_from_db()
    assert razorpay_paid.status == PaymentStatus.REFUNDED
    assert "was won" in WebhookEvent.objects.get(event_type="payment.dispute.won").reason
