"""The change-card form's setup_id, tampered with, on a Razorpay site.

RazorpayProvider.saved_method reads setup_id as JSON with three named
fields; anything else escapes as a JSONDecodeError, KeyError or TypeError
instead of a MastheadError, and the reader gets a 500.
"""

import json

import pytest
from django.test import Client

from masthead.payments.models import BillingProfile
from masthead.subscriptions import services
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def razorpay_reader(settings, django_user_model):
    settings.MASTHEAD_PAYMENT_PROVIDER = "razorpay"
    settings.RAZORPAY_KEY_ID = "rzp_test_masthead"
    settings.RAZORPAY_KEY_SECRET = "razorpay-key-secret"
    settings.RAZORPAY_WEBHOOK_SECRET = "razorpay-webhook-secret"
    reader = django_user_model.objects.create_user(username="rzpcard", email="rzpcard@example.test", password="a long password here")
    BillingProfile.objects.create(
        user=reader, name="R", state_code="27", provider="razorpay",
        provider_customer_id="cust_Mr7yTzS3Xn1uKc", provider_payment_method_id="token_Mr7yX9k8J7h6G5",
    )  # fmt: skip
    plan = make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))
    browser = Client(raise_request_exception=False)
    browser.force_login(reader)
    return reader, browser


@pytest.mark.parametrize(
    "setup_id",
    [
        pytest.param("", id="empty"),
        pytest.param("seti_123", id="not-json"),
        pytest.param("[1, 2]", id="a-list"),
        pytest.param(json.dumps({"razorpay_order_id": "order_1"}), id="fields-missing"),
    ],
)
def test_a_tampered_setup_id_on_change_card_is_refused_not_a_500(razorpay_reader, setup_id):
    reader, browser = razorpay_reader
    response = browser.post("/account/card/", {"setup_id": setup_id})
    assert response.status_code != 500
    assert BillingProfile.objects.get(user=reader).provider_payment_method_id == "token_Mr7yX9k8J7h6G5"
