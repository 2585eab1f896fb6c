"""A token-price trial with Razorpay: its checkout takes ₹1 as an order for
term 0, and that order registers the mandate the clock charges later. A
mandate whose ceiling were the ₹1 just paid would refuse the ₹900 first
charge at the trial's end: the ceiling is the price of the terms that follow."""

import hashlib
import hmac

import pytest
from django.test import Client

from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.providers import provider_register, provider_unregister
from masthead.subscriptions.models import SubscriptionStatus, TrialUse
from masthead.testing.razorpay import recorded_body, recorded_provider
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
ORDER, PAYMENT = "order_Mr90Fq1w2e3r4T", "pay_Mr91Zx9c8v7b6N"


@pytest.fixture(autouse=True)
def _on_razorpay(razorpay_site):
    """Every test here runs on a Razorpay site."""


def _checkout(reader, responses):
    adapter, recorded = recorded_provider(responses)
    provider_register("razorpay", adapter)
    try:
        browser = Client()
        browser.force_login(reader)
        browser.post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27"})
        page = browser.get("/subscribe/pay/").text
        signature = hmac.new(b"razorpay-key-secret", f"{ORDER}|{PAYMENT}".encode(), hashlib.sha256).hexdigest()
        browser.post(
            "/subscribe/pay/confirm/",
            {"razorpay_order_id": ORDER, "razorpay_payment_id": PAYMENT, "razorpay_signature": signature},
        )
    finally:
        provider_unregister("razorpay")
    return page, recorded


def test_a_token_price_trial_is_paid_as_term_zero_with_a_mandate_for_the_full_price(django_user_model):
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, trial_days=14, trial_price_minor=100)
    reader = django_user_model.objects.create_user(username="rzptrial", email="rzptrial@example.test", password="a long password here")
    paid = recorded_body("payment_first.json", amount=100)
    page, recorded = _checkout(
        reader,
        {
            ("POST", "/v1/customers"): [(200, "customer.json")],
            ("POST", "/v1/orders"): [(200, recorded_body("order_first.json", amount=100))],
            ("GET", f"/v1/payments/{PAYMENT}"): [(200, paid)] * 3,
            ("GET", "/v1/customers/cust_Mr7yTzS3Xn1uKc/tokens/token_Mr91Tk1Tk2Tk3T"): [(200, "token_card.json")],
        },
    )
    assert "14 days for ₹1" in page and 'data-amount="100"' in page and "Pay ₹1" in page
    (order,) = [sent for method, path, sent in recorded.sent if (method, path) == ("POST", "/v1/orders")]
    assert order["amount"] == 100
    assert order["token"]["max_amount"] == 900_00, "the mandate would refuse the first charge after the trial"
    subscription = reader.subscriptions.get()
    assert subscription.status == SubscriptionStatus.ACTIVE and subscription.term_number == 0
    (payment,) = Payment.objects.filter(subscription=subscription)
    assert payment.term_number == 0 and payment.amount_minor == 100 and payment.status == PaymentStatus.SUCCEEDED
    assert TrialUse.objects.filter(user=reader).exists()


def test_a_free_trial_is_refused_by_razorpays_checkout_with_a_clear_message(django_user_model):
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, trial_days=14)
    reader = django_user_model.objects.create_user(username="rzpfree", email="rzpfree@example.test", password="a long password here")
    adapter, recorded = recorded_provider({("POST", "/v1/customers"): [(200, "customer.json")]})
    provider_register("razorpay", adapter)
    try:
        browser = Client()
        browser.force_login(reader)
        browser.post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27"})
        answer = browser.get("/subscribe/pay/", follow=True)
    finally:
        provider_unregister("razorpay")
    assert "A free trial cannot be started with razorpay" in answer.text
    assert not [path for method, path, _ in recorded.sent if path == "/v1/orders"]
    assert not Payment.objects.exists()
