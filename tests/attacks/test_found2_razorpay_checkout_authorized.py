"""Razorpay Checkout posts back while its payment is still ``authorized``.

With ``payment_capture: 1`` Razorpay captures the payment a moment after the
reader's browser posts back. ``checkout_collected`` reads
``captured = status == "captured"`` and settles the first payment as failed
(``ChargeResult`` defaults to ``final=True``), the reader is told "The
payment did not go through", and the next visit to the payment page opens a
second order for the same term. Razorpay then captures the first payment;
its webhook carries no charge key (a Checkout payment's notes are empty),
so it is ignored: the reader paid, reads nothing, and is asked to pay again.
The renewal path already treats "authorized" as not final; the checkout does not.
"""

import hashlib
import hmac

import pytest
from django.test import Client

from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.providers import provider_register, provider_unregister
from masthead.testing.razorpay import recorded_body, recorded_provider
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
ORDER, PAYMENT = "order_Mr90Fq1w2e3r4T", "pay_Mr91Zx9c8v7b6N"


@pytest.fixture(autouse=True)
def _on_razorpay(razorpay_site):
    """Every test here runs on a Razorpay site."""


def test_a_checkout_payment_razorpay_has_not_captured_yet_is_not_recorded_as_declined(django_user_model):
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    reader = django_user_model.objects.create_user(username="rzpauth", email="rzpauth@example.test", password="a long password here")
    authorized = recorded_body("payment_first.json", status="authorized", captured=False)
    adapter, recorded = recorded_provider(
        {
            ("POST", "/v1/customers"): [(200, "customer.json")],
            ("POST", "/v1/orders"): [(200, "order_first.json")] * 2,
            ("GET", f"/v1/payments/{PAYMENT}"): [(200, authorized)] * 2,
            ("GET", "/v1/customers/cust_Mr7yTzS3Xn1uKc/tokens/token_Mr91Tk1Tk2Tk3T"): [(200, "token_card.json")],
        }
    )
    provider_register("razorpay", adapter)
    try:
        browser = Client()
        browser.force_login(reader)
        browser.post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27"})
        assert f'data-order-id="{ORDER}"' in browser.get("/subscribe/pay/").text
        signature = hmac.new(b"razorpay-key-secret", f"{ORDER}|{PAYMENT}".encode(), hashlib.sha256).hexdigest()
        browser.post(
            "/subscribe/pay/confirm/",
            {"razorpay_order_id": ORDER, "razorpay_payment_id": PAYMENT, "razorpay_signature": signature},
        )
        browser.get("/subscribe/pay/")  # the reader is sent back to pay again
    finally:
        provider_unregister("razorpay")

    first = Payment.objects.get(subscription__user=reader, attempt=1)
    orders = [path for method, path, _ in recorded.sent if (method, path) == ("POST", "/v1/orders")]
    assert first.status != PaymentStatus.FAILED, (
        f"a payment Razorpay authorized and is about to capture was recorded as declined: {first.failure_message!r}"
    )
    assert len(orders) == 1, "a second order was opened for a term whose first payment is being captured"
