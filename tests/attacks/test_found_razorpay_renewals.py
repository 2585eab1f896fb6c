"""Razorpay: renewals, and payments Razorpay Checkout takes.

A recurring payment Razorpay has not captured yet when
``payments/create/recurring`` returns is, by the adapter's own comment,
"captured later by webhook"; but its charge answer is a plain
succeeded=False, so Masthead records the renewal as declined and moves the
reader to past due, and when Razorpay captures the money the webhook treats
it as an extra charge and refunds it, while the clock charges the term again.
"""

import hashlib
import hmac
import json
from datetime import timedelta

import pytest

from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.providers import provider_register, provider_unregister
from masthead.payments.providers.razorpay import RazorpayProvider
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.razorpay import RecordedRazorpay, recorded_body, recorded_provider
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus
CUSTOMER = "cust_Mr7yTzS3Xn1uKc"
TOKEN = "token_Mr7yX9k8J7h6G5"
PAYMENT = "pay_Mr7zQ9w8E7r6T5"


@pytest.fixture(autouse=True)
def _on_razorpay(razorpay_site):
    """Every test here runs on a Razorpay site."""


@pytest.fixture
def active(django_user_model):
    reader = django_user_model.objects.create_user(username="rzp", email="rzp@example.test", password="a long password here")
    BillingProfile.objects.create(
        user=reader, name="Razorpay Reader", state_code="29", provider="razorpay",
        provider_customer_id=CUSTOMER, provider_payment_method_id=TOKEN,
    )  # fmt: skip
    plan = make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    return services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))


def _payment(key, status):
    notes = {"charge_key": key, "description": "Smart Quarterly, term 2"}
    return recorded_body("payment_captured.json", status=status, captured=status == "captured", notes=notes)


@pytest.mark.parametrize("status", ["created", "authorized"])
def test_a_renewal_razorpay_captures_a_moment_later_is_paid_once_not_declined(client, active, status):
    key = f"masthead-sub{active.pk}-term2-try1"
    recorded = RecordedRazorpay(
        {
            ("GET", "/v1/orders"): [(200, "orders_none.json")],
            ("GET", f"/v1/customers/{CUSTOMER}"): [(200, "customer.json")],
            ("POST", "/v1/orders"): [(200, "order.json")],
            ("POST", "/v1/payments/create/recurring"): [(200, "recurring_created.json")],
            ("GET", f"/v1/payments/{PAYMENT}"): [(200, _payment(key, status))],
        }
    )
    end = active.term_end
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    billing.renewals_charge(now=end + timedelta(minutes=1), provider=RazorpayProvider(session=recorded.session()))

    renewal = Payment.objects.get(charge_key=key)
    active.refresh_from_db()
    assert active.status == S.ACTIVE, f"the reader was moved to {active.status} for a payment Razorpay is still capturing"
    assert renewal.status == PaymentStatus.PENDING

    # Razorpay captures it and says so.
    adapter, _ = recorded_provider({("GET", f"/v1/payments/{PAYMENT}"): [(200, _payment(key, "captured"))]})
    provider_register("razorpay", adapter)
    try:
        body = json.dumps(
            {
                "entity": "event",
                "event": "payment.captured",
                "payload": {"payment": {"entity": {"id": PAYMENT, "status": "captured", "notes": {"charge_key": key}}}},
                "created_at": 1764300002,
            }
        ).encode()
        signature = hmac.new(b"razorpay-webhook-secret", body, hashlib.sha256).hexdigest()
        client.post(
            "/payments/razorpay/webhook/", body, content_type="application/json",
            HTTP_X_RAZORPAY_SIGNATURE=signature, HTTP_X_RAZORPAY_EVENT_ID="evt_captured",
        )  # fmt: skip
    finally:
        provider_unregister("razorpay")
    renewal.refresh_from_db()
    active.refresh_from_db()
    assert renewal.status == PaymentStatus.SUCCEEDED and not Payment.objects.filter(duplicate=True).exists()
    assert active.term_number == 2


def test_a_razorpay_reader_is_renewed_through_razorpay_after_new_checkouts_move_to_stripe(active, settings):
    """The registry promises that payments are handled by the provider that
    took them, but renewals charge through MASTHEAD_PAYMENT_PROVIDER: after a
    switch to Stripe, a Razorpay reader's token is sent to Stripe."""
    settings.MASTHEAD_PAYMENT_PROVIDER = "stripe"
    key = f"masthead-sub{active.pk}-term2-try1"
    adapter, recorded = recorded_provider(
        {
            ("GET", "/v1/orders"): [(200, "orders_none.json")],
            ("GET", f"/v1/customers/{CUSTOMER}"): [(200, "customer.json")],
            ("POST", "/v1/orders"): [(200, "order.json")],
            ("POST", "/v1/payments/create/recurring"): [(200, "recurring_created.json")],
            ("GET", f"/v1/payments/{PAYMENT}"): [(200, _payment(key, "captured"))],
        }
    )
    provider_register("razorpay", adapter)
    end = active.term_end
    try:
        billing.renewal_notices_send(now=end - timedelta(hours=47))
        try:
            billing.renewals_charge(now=end + timedelta(minutes=1))
        except Exception:  # noqa: BLE001 - Stripe does not know a Razorpay token
            pass
    finally:
        provider_unregister("razorpay")
    renewal = Payment.objects.filter(subscription=active, term_number=2).first()
    assert renewal is not None and renewal.provider == "razorpay", renewal and renewal.provider
    active.refresh_from_db()
    assert active.term_number == 2


def test_a_razorpay_payment_for_a_checkout_started_again_is_recorded_or_refunded(django_user_model):
    """Razorpay Checkout takes the money itself. A reader pays the order shown
    in one tab after submitting the billing details again in another (which
    ends the first checkout): pay_confirm answers "That payment does not
    belong to this checkout", the captured payment is neither recorded nor
    refunded, and its webhook (no charge key in a Checkout payment's notes)
    is ignored. The money is kept and nothing says so."""
    from django.test import Client

    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    reader = django_user_model.objects.create_user(username="rzptabs", email="rzptabs@example.test", password="a long password here")
    adapter, recorded = recorded_provider(
        {
            ("POST", "/v1/customers"): [(200, "customer.json")],
            ("POST", "/v1/orders"): [(200, "order_first.json")],
            ("GET", "/v1/payments/pay_Mr91Zx9c8v7b6N"): [(200, "payment_first.json")] * 4,
            ("GET", "/v1/customers/cust_Mr7yTzS3Xn1uKc/tokens/token_Mr91Tk1Tk2Tk3T"): [(200, "token_card.json")] * 2,
            ("GET", "/v1/payments/pay_Mr91Zx9c8v7b6N/refunds"): [(200, "refunds_none.json")],
            ("POST", "/v1/payments/pay_Mr91Zx9c8v7b6N/refund"): [(200, "refund.json")],
        }
    )
    provider_register("razorpay", adapter)
    try:
        first_tab, second_tab = Client(), Client()
        first_tab.force_login(reader)
        second_tab.force_login(reader)
        first_tab.post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27"})
        assert 'data-order-id="order_Mr90Fq1w2e3r4T"' in first_tab.get("/subscribe/pay/").text
        second_tab.post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27"})

        # Razorpay Checkout in the first tab takes the payment and posts back.
        signature = hmac.new(b"razorpay-key-secret", b"order_Mr90Fq1w2e3r4T|pay_Mr91Zx9c8v7b6N", hashlib.sha256).hexdigest()
        first_tab.post(
            "/subscribe/pay/confirm/",
            {"razorpay_order_id": "order_Mr90Fq1w2e3r4T", "razorpay_payment_id": "pay_Mr91Zx9c8v7b6N", "razorpay_signature": signature},
        )
        # And Razorpay's own webhook for the captured payment.
        body = json.dumps(
            {"entity": "event", "event": "payment.captured", "payload": {"payment": {"entity": recorded_body("payment_first.json")}}, "created_at": 1764300261}
        ).encode()
        first_tab.post(
            "/payments/razorpay/webhook/", body, content_type="application/json",
            HTTP_X_RAZORPAY_SIGNATURE=hmac.new(b"razorpay-webhook-secret", body, hashlib.sha256).hexdigest(),
            HTTP_X_RAZORPAY_EVENT_ID="evt_first_captured",
        )  # fmt: skip
    finally:
        provider_unregister("razorpay")
    refunded = any(path.endswith("/refund") for _, path, _ in recorded.sent)
    on_record = Payment.objects.filter(provider_payment_id="pay_Mr91Zx9c8v7b6N").exclude(status=PaymentStatus.PENDING).exists()
    assert refunded or on_record, "the reader's captured payment is neither on record nor refunded"
