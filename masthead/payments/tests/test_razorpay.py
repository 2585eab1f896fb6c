"""Razorpay. Its servers cannot be reached from here: the adapter's HTTP
exchanges run against recorded responses (razorpay_replay.py); signatures are
real HMAC-SHA256, computed and verified exactly as Razorpay does."""

import hashlib
import hmac
import json

import pytest
from django.utils import timezone

from masthead.core.money import Money
from masthead.payments.models import Payment, PaymentStatus, WebhookEvent
from masthead.payments.providers.base import SavedMethod, SignatureInvalid
from masthead.payments.providers.razorpay import RazorpayProvider
from masthead.subscriptions import services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.razorpay import RecordedRazorpay, recorded_body
from masthead.testing.subscriptions import make_plan

WEBHOOK = "/payments/razorpay/webhook/"
KEY = "masthead-sub7-term2-try1"
S = SubscriptionStatus


@pytest.fixture(autouse=True)
def _razorpay_set_up(razorpay_keys):
    """Razorpay is set up for every test here."""


def _signed(payload: dict, *, secret="razorpay-webhook-secret", event_id="evt_Mr81aaaa"):
    body = json.dumps(payload).encode()
    signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return body, {"HTTP_X_RAZORPAY_SIGNATURE": signature, "HTTP_X_RAZORPAY_EVENT_ID": event_id}


def _payment_event(event, charge_key, *, status="captured"):
    return {
        "entity": "event",
        "event": event,
        "contains": ["payment"],
        "payload": {"payment": {"entity": {"id": "pay_Mr7zQ9w8E7r6T5", "status": status, "amount": 90000, "notes": {"charge_key": charge_key}, "error_description": "Card declined" if status == "failed" else None}}},
        "created_at": 1764300002,
    }


def _subscription_event(event, subscription_id):
    return {
        "entity": "event",
        "event": event,
        "contains": ["subscription"],
        "payload": {"subscription": {"entity": {"id": "sub_Mr82bbbb", "status": event.split(".")[1], "notes": {"masthead_subscription": str(subscription_id)}}}},
        "created_at": 1764300003,
    }


# --- The adapter's HTTP exchanges (recorded responses) --------------------------------


def test_a_renewal_is_an_order_then_a_recurring_payment_on_the_saved_token():
    recorded = RecordedRazorpay(
        {
            ("GET", "/v1/orders"): [(200, "orders_none.json")],
            ("GET", "/v1/customers/cust_Mr7yTzS3Xn1uKc"): [(200, "customer.json")],
            ("POST", "/v1/orders"): [(200, "order.json")],
            ("POST", "/v1/payments/create/recurring"): [(200, "recurring_created.json")],
            ("GET", "/v1/payments/pay_Mr7zQ9w8E7r6T5"): [(200, "payment_captured.json")],
        }
    )
    provider = RazorpayProvider(session=recorded.session())
    result = provider.charge(
        saved=SavedMethod(customer_id="cust_Mr7yTzS3Xn1uKc", payment_method_id="token_Mr7yX9k8J7h6G5"),
        amount=Money(90000),
        key=KEY,
        description="Smart Quarterly, term 2",
    )
    assert result.succeeded and result.payment_id == "pay_Mr7zQ9w8E7r6T5"
    (_, _, order), (_, _, recurring) = [sent for sent in recorded.sent if sent[0] == "POST"]
    assert order["amount"] == 90000 and order["currency"] == "INR" and order["notes"]["charge_key"] == KEY
    assert recurring["token"] == "token_Mr7yX9k8J7h6G5" and recurring["recurring"] == "1"
    assert recurring["order_id"] == "order_Mr7zA1b2C3d4E5" and recurring["amount"] == 90000


def test_a_declined_recurring_payment_is_a_failed_charge_with_the_reason():
    recorded = RecordedRazorpay(
        {
            ("GET", "/v1/orders"): [(200, "orders_none.json")],
            ("GET", "/v1/customers/cust_Mr7yTzS3Xn1uKc"): [(200, "customer.json")],
            ("POST", "/v1/orders"): [(200, "order.json")],
            ("POST", "/v1/payments/create/recurring"): [(400, "recurring_declined.json")],
        }
    )
    result = RazorpayProvider(session=recorded.session()).charge(
        saved=SavedMethod("cust_Mr7yTzS3Xn1uKc", "token_Mr7yX9k8J7h6G5"), amount=Money(90000), key=KEY, description="x"
    )
    assert not result.succeeded
    assert result.message == "Payment failed because the card has insufficient funds"


def test_an_earlier_charge_is_found_by_its_key_and_refunds_go_to_the_payment():
    recorded = RecordedRazorpay(
        {
            ("GET", "/v1/orders"): [(200, "orders_for_key.json")],
            ("GET", "/v1/orders/order_Mr7zA1b2C3d4E5/payments"): [(200, "order_payments.json")],
            ("GET", "/v1/payments/pay_Mr7zQ9w8E7r6T5/refunds"): [(200, "refunds_none.json")],
            ("POST", "/v1/payments/pay_Mr7zQ9w8E7r6T5/refund"): [(200, "refund.json")],
        }
    )
    provider = RazorpayProvider(session=recorded.session())
    found = provider.find_charge(key=KEY)
    assert found.succeeded and found.payment_id == "pay_Mr7zQ9w8E7r6T5"
    assert provider.refund(payment_id=found.payment_id) == "rfnd_Mr80B1c2D3e4F5"


def test_checkout_signatures_are_verified_before_the_token_is_kept():
    recorded = RecordedRazorpay(
        {
            ("GET", "/v1/payments/pay_Mr7zQ9w8E7r6T5"): [(200, "payment_captured.json")],
            ("GET", "/v1/customers/cust_Mr7yTzS3Xn1uKc/tokens/token_Mr7yX9k8J7h6G5"): [
                (200, recorded_body("token_card.json", id="token_Mr7yX9k8J7h6G5"))
            ],
        }
    )
    provider = RazorpayProvider(session=recorded.session())
    genuine = hmac.new(b"razorpay-key-secret", b"order_Mr7zA1b2C3d4E5|pay_Mr7zQ9w8E7r6T5", hashlib.sha256).hexdigest()
    saved = provider.saved_method_from_checkout(order_id="order_Mr7zA1b2C3d4E5", payment_id="pay_Mr7zQ9w8E7r6T5", signature=genuine)
    assert saved == SavedMethod(customer_id="cust_Mr7yTzS3Xn1uKc", payment_method_id="token_Mr7yX9k8J7h6G5")
    with pytest.raises(SignatureInvalid):
        provider.saved_method_from_checkout(order_id="order_Mr7zA1b2C3d4E5", payment_id="pay_Other", signature=genuine)


# --- Webhooks ---------------------------------------------------------------------------


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="rzp", email="rzp@example.test", password="a long password here")


CUSTOMER = "cust_Mr7yTzS3Xn1uKc"


@pytest.fixture
def active(db, reader):
    from masthead.payments.models import BillingProfile

    BillingProfile.objects.create(
        user=reader, name="Razorpay Reader", state_code="29", provider="razorpay", provider_customer_id=CUSTOMER
    )
    plan = make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    return services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))


def _payment_answer(charge_key: str, **changes) -> dict:
    notes = {"charge_key": charge_key, "description": "Smart Quarterly, term 2"}
    return {("GET", "/v1/payments/pay_Mr7zQ9w8E7r6T5"): [(200, recorded_body("payment_captured.json", notes=notes, **changes))]}


def _subscription_answers(subscription_id, *statuses, customer=CUSTOMER) -> dict:
    notes = {"masthead_subscription": str(subscription_id)}
    return {
        ("GET", "/v1/subscriptions/sub_Mr82bbbb"): [
            (200, recorded_body("subscription_halted.json", status=status, notes=notes, customer_id=customer))
            for status in statuses
        ]
    }


@pytest.mark.django_db
def test_a_forged_razorpay_webhook_is_refused_and_changes_nothing(client, active):
    body, headers = _signed(_subscription_event("subscription.halted", active.pk), secret="not-the-secret")
    assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 400
    assert not WebhookEvent.objects.exists()
    active.refresh_from_db()
    assert active.status == S.ACTIVE


@pytest.mark.django_db
@pytest.mark.parametrize("secret", ["", "razorpay-webhook-secret"])
def test_without_a_webhook_secret_the_razorpay_endpoint_does_not_exist(client, active, settings, secret):
    """An empty key is a key anyone can sign with: no secret, no endpoint."""
    settings.RAZORPAY_WEBHOOK_SECRET = ""
    body, headers = _signed(_subscription_event("subscription.halted", active.pk), secret=secret)
    assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 404
    assert not WebhookEvent.objects.exists()
    active.refresh_from_db()
    assert active.status == S.ACTIVE


@pytest.mark.django_db
def test_a_captured_renewal_settles_once_however_often_it_is_delivered(client, active, razorpay_answers):
    pending = Payment.objects.create(
        subscription=active, term_number=2, charge_key=f"masthead-sub{active.pk}-term2-try1", provider="razorpay", amount_minor=900_00
    )
    recorded = razorpay_answers(_payment_answer(pending.charge_key))  # one re-read: replays never get that far
    body, headers = _signed(_payment_event("payment.captured", pending.charge_key))
    for _ in range(3):
        assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 200
    assert WebhookEvent.objects.filter(provider="razorpay").count() == 1
    pending.refresh_from_db()
    active.refresh_from_db()
    assert pending.status == PaymentStatus.SUCCEEDED and pending.provider_payment_id == "pay_Mr7zQ9w8E7r6T5"
    assert active.term_number == 2
    assert pending.invoice.igst_minor > 0  # Karnataka buyer, Maharashtra supplier
    assert [path for _, path, _ in recorded.sent] == ["/v1/payments/pay_Mr7zQ9w8E7r6T5"]


@pytest.mark.django_db
def test_a_captured_event_for_a_payment_razorpay_says_failed_settles_it_failed(client, active, razorpay_answers):
    """The event's body is never what moves money: the re-read is."""
    pending = Payment.objects.create(
        subscription=active, term_number=2, charge_key=f"masthead-sub{active.pk}-term2-try1", provider="razorpay", amount_minor=900_00
    )
    razorpay_answers(_payment_answer(pending.charge_key, status="failed", error_description="Card declined"))
    body, headers = _signed(_payment_event("payment.captured", pending.charge_key))
    assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 200
    pending.refresh_from_db()
    active.refresh_from_db()
    assert pending.status == PaymentStatus.FAILED and active.term_number == 1
    assert not hasattr(pending, "invoice") or pending.invoice is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"amount": 100}, "The charge is"),
        ({"currency": "USD"}, "The charge is"),
        ({"customer_id": "cust_SomeoneElse"}, "belongs to customer"),
    ],
)
def test_a_captured_event_that_does_not_match_its_payment_is_rejected(client, active, razorpay_answers, changes, reason):
    pending = Payment.objects.create(
        subscription=active, term_number=2, charge_key=f"masthead-sub{active.pk}-term2-try1", provider="razorpay", amount_minor=900_00
    )
    razorpay_answers(_payment_answer(pending.charge_key, **changes))
    body, headers = _signed(_payment_event("payment.captured", pending.charge_key))
    assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 200
    stored = WebhookEvent.objects.get()
    assert stored.outcome == "rejected" and reason.lower() in stored.reason.lower()
    pending.refresh_from_db()
    active.refresh_from_db()
    assert pending.status == PaymentStatus.PENDING and active.term_number == 1


@pytest.mark.django_db
def test_a_razorpay_event_naming_a_stripe_payment_is_rejected(client, active, razorpay_answers):
    stripe_payment = Payment.objects.create(
        subscription=active, term_number=2, charge_key=f"masthead-sub{active.pk}-term2-try1", provider="stripe", amount_minor=900_00
    )
    recorded = razorpay_answers({})
    body, headers = _signed(_payment_event("payment.captured", stripe_payment.charge_key))
    assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 200
    assert WebhookEvent.objects.get().outcome == "rejected"
    stripe_payment.refresh_from_db()
    assert stripe_payment.status == PaymentStatus.PENDING
    assert recorded.sent == []


@pytest.mark.django_db
def test_subscription_pending_then_halted_moves_to_past_due_then_needs_a_new_card(
    client, active, razorpay_answers, smtp, django_capture_on_commit_callbacks
):
    razorpay_answers(_subscription_answers(active.pk, "pending", "halted"))
    body, headers = _signed(_subscription_event("subscription.pending", active.pk), event_id="evt_pending")
    client.post(WEBHOOK, body, content_type="application/json", **headers)
    active.refresh_from_db()
    assert active.status == S.PAST_DUE
    body, headers = _signed(_subscription_event("subscription.halted", active.pk), event_id="evt_halted")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(WEBHOOK, body, content_type="application/json", **headers)
    active.refresh_from_db()
    # Razorpay has stopped retrying the mandate: the reader is asked for a new
    # card and reads to the end of the grace period, never charged with it again.
    assert active.status == S.NEEDS_CARD and active.grace_until > active.term_end
    assert active.grants_reading(timezone.now())
    (mailed,) = [m for m in smtp.for_address(active.user.email) if "can no longer be charged" in m["Subject"]]


@pytest.mark.django_db
def test_subscription_cancelled_at_razorpay_cancels_at_term_end(client, active, razorpay_answers):
    razorpay_answers(_subscription_answers(active.pk, "cancelled"))
    body, headers = _signed(_subscription_event("subscription.cancelled", active.pk), event_id="evt_cancel")
    client.post(WEBHOOK, body, content_type="application/json", **headers)
    active.refresh_from_db()
    assert active.status == S.CANCELLING


@pytest.mark.django_db
def test_out_of_order_events_after_halted_change_nothing(client, active, razorpay_answers):
    razorpay_answers(_subscription_answers(active.pk, "halted", "halted", "halted"))
    for event_id, event in [("e1", "subscription.halted"), ("e2", "subscription.pending"), ("e3", "subscription.cancelled")]:
        body, headers = _signed(_subscription_event(event, active.pk), event_id=event_id)
        assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 200
    active.refresh_from_db()
    assert active.status == S.NEEDS_CARD


@pytest.mark.django_db
@pytest.mark.parametrize("remote", [{"customer": "cust_SomeoneElse"}, {"ref": "999"}])
def test_a_subscription_event_for_another_customers_subscription_is_rejected(client, active, razorpay_answers, remote):
    answers = _subscription_answers(remote.get("ref", active.pk), "halted", customer=remote.get("customer", CUSTOMER))
    razorpay_answers(answers)
    body, headers = _signed(_subscription_event("subscription.halted", active.pk))
    assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 200
    assert WebhookEvent.objects.get().outcome == "rejected"
    active.refresh_from_db()
    assert active.status == S.ACTIVE


@pytest.mark.django_db
@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", json.dumps({"event": "payment.captured", "payload": {"payment": "pay_1"}}).encode()])
def test_a_signed_body_that_is_not_a_razorpay_event_is_a_400_and_stores_nothing(client, active, body):
    signature = hmac.new(b"razorpay-webhook-secret", body, hashlib.sha256).hexdigest()
    response = client.post(WEBHOOK, body, content_type="application/json", HTTP_X_RAZORPAY_SIGNATURE=signature)
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()


# --- Checkout with Razorpay (recorded responses; Razorpay Checkout's answer simulated) ---


def _razorpay_checkout(client, razorpay_answers, payment_file="payment_first.json", signature=None):
    recorded = razorpay_answers(
        {
            ("POST", "/v1/customers"): [(200, "customer.json")],
            ("POST", "/v1/orders"): [(200, "order_first.json")],
            ("GET", "/v1/payments/pay_Mr91Zx9c8v7b6N"): [(200, payment_file), (200, payment_file)],
            ("GET", "/v1/customers/cust_Mr7yTzS3Xn1uKc/tokens/token_Mr91Tk1Tk2Tk3T"): [(200, "token_card.json")],
        }
    )
    assert client.post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27"}).status_code == 302
    page = client.get("/subscribe/pay/").text
    assert 'data-order-id="order_Mr90Fq1w2e3r4T"' in page and 'data-amount="90000"' in page
    genuine = hmac.new(b"razorpay-key-secret", b"order_Mr90Fq1w2e3r4T|pay_Mr91Zx9c8v7b6N", hashlib.sha256).hexdigest()
    answer = {
        "razorpay_order_id": "order_Mr90Fq1w2e3r4T",
        "razorpay_payment_id": "pay_Mr91Zx9c8v7b6N",
        "razorpay_signature": signature or genuine,
    }
    return recorded, client.post("/subscribe/pay/confirm/", answer, follow=True)


@pytest.fixture
def checkout_client(db, reader, settings):
    from django.test import Client

    settings.MASTHEAD_PAYMENT_PROVIDER = "razorpay"
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    browser = Client()
    browser.force_login(reader)
    return browser


@pytest.mark.django_db
def test_razorpay_checkout_records_the_first_payment_and_keeps_the_mandate(checkout_client, reader, razorpay_answers):
    recorded, response = _razorpay_checkout(checkout_client, razorpay_answers)
    assert "Your Smart Quarterly subscription is active" in response.text
    subscription = reader.subscriptions.get()
    assert subscription.status == S.ACTIVE
    payment = subscription.payments.get()
    assert payment.status == PaymentStatus.SUCCEEDED and payment.provider_payment_id == "pay_Mr91Zx9c8v7b6N"
    assert reader.billing_profile.provider_payment_method_id == "token_Mr91Tk1Tk2Tk3T"
    order = next(sent for method, path, sent in recorded.sent if path == "/v1/orders")
    assert order["amount"] == 90000 and order["token"]["max_amount"] == 90000
    assert not any(path.endswith("/recurring") for _, path, _ in recorded.sent)  # not charged twice


@pytest.mark.django_db
def test_a_forged_checkout_signature_activates_nothing(checkout_client, reader, razorpay_answers):
    _, response = _razorpay_checkout(checkout_client, razorpay_answers, signature="0" * 64)
    assert "signature does not match" in response.text
    assert reader.subscriptions.get().status == S.PENDING
    assert not Payment.objects.filter(status=PaymentStatus.SUCCEEDED).exists()


@pytest.mark.django_db
def test_a_payment_for_another_amount_activates_nothing(checkout_client, reader, razorpay_answers):
    _, response = _razorpay_checkout(checkout_client, razorpay_answers, payment_file="payment_first_tampered_amount.json")
    assert "does not match this subscription’s price" in response.text or "does not match this subscription" in response.text
    assert reader.subscriptions.get().status == S.PENDING


def _renewal_pending(active, **fields):
    return Payment.objects.create(
        subscription=active, term_number=2, charge_key=f"masthead-sub{active.pk}-term2-try1", provider="razorpay",
        amount_minor=900_00, **fields,
    )  # fmt: skip


def _deliver(client, event) -> WebhookEvent:
    body, headers = _signed(event)
    assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 200
    return WebhookEvent.objects.get()


@pytest.mark.django_db
def test_a_captured_event_for_the_payments_own_order_settles_it(client, active, razorpay_answers):
    pending = _renewal_pending(active, provider_payment_id="order_Mr7zA1b2C3d4E5")  # the order checkout made
    razorpay_answers(_payment_answer(pending.charge_key))
    assert _deliver(client, _payment_event("payment.captured", pending.charge_key)).outcome == "applied"
    pending.refresh_from_db()
    active.refresh_from_db()
    assert pending.status == PaymentStatus.SUCCEEDED and active.term_number == 2


@pytest.mark.django_db
def test_a_captured_event_for_another_order_than_the_payments_is_rejected_with_the_reason(client, active, razorpay_answers):
    pending = _renewal_pending(active, provider_payment_id="order_TheReadersOwn")
    razorpay_answers(_payment_answer(pending.charge_key))
    stored = _deliver(client, _payment_event("payment.captured", pending.charge_key))
    assert stored.outcome == "rejected"
    assert stored.reason == f"{pending.charge_key} is order_TheReadersOwn, not pay_Mr7zQ9w8E7r6T5."
    pending.refresh_from_db()
    active.refresh_from_db()
    assert pending.status == PaymentStatus.PENDING and active.term_number == 1


@pytest.mark.django_db
def test_an_event_for_a_charge_razorpay_does_not_have_is_rejected_with_the_reason(client, active, razorpay_answers):
    pending = _renewal_pending(active)
    missing = {"error": {"code": "BAD_REQUEST_ERROR", "description": "The id provided does not exist"}}
    razorpay_answers({("GET", "/v1/payments/pay_Mr7zQ9w8E7r6T5"): [(400, missing)]})
    stored = _deliver(client, _payment_event("payment.captured", pending.charge_key))
    assert (stored.outcome, stored.reason) == ("rejected", "razorpay has no charge 'pay_Mr7zQ9w8E7r6T5'.")
    pending.refresh_from_db()
    assert pending.status == PaymentStatus.PENDING


@pytest.mark.django_db
@pytest.mark.parametrize(
    "notes, belongs_to",
    [({"charge_key": "masthead-sub999-term2-try1"}, "masthead-sub999-term2-try1"), ({}, "no charge key")],
    ids=["another key", "no key"],
)
def test_an_event_whose_charge_belongs_to_another_payment_is_rejected_with_the_reason(
    client, active, razorpay_answers, notes, belongs_to
):
    pending = _renewal_pending(active)
    razorpay_answers({("GET", "/v1/payments/pay_Mr7zQ9w8E7r6T5"): [(200, recorded_body("payment_captured.json", notes=notes))]})
    stored = _deliver(client, _payment_event("payment.captured", pending.charge_key))
    assert (stored.outcome, stored.reason) == ("rejected", f"razorpay's charge pay_Mr7zQ9w8E7r6T5 belongs to {belongs_to}.")
    pending.refresh_from_db()
    assert pending.status == PaymentStatus.PENDING


@pytest.mark.django_db
def test_a_second_capture_on_a_failed_attempts_key_is_recorded_as_an_extra_charge(client, active, razorpay_answers):
    """The attempt was recorded as failed (pay_First); Razorpay then captured
    another payment carrying the same key. That money is an extra charge: kept
    on record as a duplicate, to be refunded, and the term stays unpaid."""
    failed = _renewal_pending(active, provider_payment_id="pay_First", status=PaymentStatus.FAILED)
    razorpay_answers(_payment_answer(failed.charge_key))
    assert _deliver(client, _payment_event("payment.captured", failed.charge_key)).outcome == "ignored"
    extra = Payment.objects.get(duplicate=True)
    assert (extra.provider_payment_id, extra.status, extra.term_number) == ("pay_Mr7zQ9w8E7r6T5", PaymentStatus.SUCCEEDED, 2)
    active.refresh_from_db()
    assert active.term_number == 1


@pytest.mark.django_db
@pytest.mark.parametrize("customer, named", [("cust_SomeoneElse", "cust_SomeoneElse"), (None, "none")], ids=["another", "none"])
def test_an_event_whose_charge_is_another_customers_is_rejected_with_the_reason(client, active, razorpay_answers, customer, named):
    pending = _renewal_pending(active)
    razorpay_answers(_payment_answer(pending.charge_key, customer_id=customer))
    stored = _deliver(client, _payment_event("payment.captured", pending.charge_key))
    assert (stored.outcome, stored.reason) == ("rejected", f"The charge belongs to customer {named}, not this reader's.")
    pending.refresh_from_db()
    assert pending.status == PaymentStatus.PENDING


@pytest.mark.django_db
def test_a_razorpay_event_naming_a_stripe_payment_says_so_in_its_reason(client, active, razorpay_answers):
    stripe_payment = _renewal_pending(active)
    Payment.objects.filter(pk=stripe_payment.pk).update(provider="stripe")
    razorpay_answers({})
    stored = _deliver(client, _payment_event("payment.captured", stripe_payment.charge_key))
    assert (stored.outcome, stored.reason) == ("rejected", f"{stripe_payment.charge_key} was charged through stripe, not razorpay.")


@pytest.mark.django_db
def test_another_delivery_of_the_capture_that_settled_a_payment_asks_razorpay_nothing(client, active, razorpay_answers):
    pending = _renewal_pending(active)
    recorded = razorpay_answers(_payment_answer(pending.charge_key))
    # Two events about the one capture (their bodies differ, so each is stored).
    for created_at in (1764300002, 1764300302):
        body, headers = _signed({**_payment_event("payment.captured", pending.charge_key), "created_at": created_at})
        assert client.post(WEBHOOK, body, content_type="application/json", **headers).status_code == 200
    assert [stored.outcome for stored in WebhookEvent.objects.order_by("id")] == ["applied", "ignored"]
    assert [path for _, path, _ in recorded.sent] == ["/v1/payments/pay_Mr7zQ9w8E7r6T5"]


@pytest.mark.django_db
def test_a_payment_razorpay_says_failed_keeps_razorpays_reason(client, active, razorpay_answers):
    pending = _renewal_pending(active)
    razorpay_answers(_payment_answer(pending.charge_key, status="failed", error_description="Card declined by the issuer"))
    assert _deliver(client, _payment_event("payment.captured", pending.charge_key)).outcome == "applied"
    pending.refresh_from_db()
    assert (pending.status, pending.failure_message) == (PaymentStatus.FAILED, "Card declined by the issuer")
