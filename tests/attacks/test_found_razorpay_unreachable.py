"""Razorpay out of reach (a timeout, a refused connection).

The Stripe adapter turns every SDK error, network ones included, into
ProviderUnavailable, which the pages answer with "Payments are unavailable
just now". The Razorpay adapter only maps Razorpay's own HTTP errors: a
network error escapes as a requests exception, and the reader gets a 500.
"""

import pytest
from django.test import Client

from masthead.payments.models import BillingProfile
from masthead.subscriptions import services
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
# Nothing listens here: every call to "Razorpay" is refused at once.
UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture
def razorpay_down(settings):
    settings.MASTHEAD_PAYMENT_PROVIDER = "razorpay"
    settings.RAZORPAY_KEY_ID = "rzp_test_masthead"
    settings.RAZORPAY_KEY_SECRET = "razorpay-key-secret"
    settings.RAZORPAY_WEBHOOK_SECRET = "razorpay-webhook-secret"
    settings.RAZORPAY_API_BASE = UNREACHABLE


@pytest.fixture
def browser(django_user_model):
    reader = django_user_model.objects.create_user(username="rzpdown", email="rzpdown@example.test", password="a long password here")
    client = Client(raise_request_exception=False)
    client.force_login(reader)
    return reader, client


def test_the_payment_page_says_payments_are_unavailable_instead_of_a_500(razorpay_down, browser):
    reader, client = browser
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    assert client.post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27", "gstin": ""}).status_code == 302
    response = client.get("/subscribe/pay/")
    assert response.status_code != 500


def test_a_renewal_while_razorpay_is_unreachable_is_a_provider_error_not_a_network_exception(razorpay_down, django_user_model):
    from datetime import timedelta

    from masthead.subscriptions import billing

    reader = django_user_model.objects.create_user(username="rzprenew", email="rzprenew@example.test", password="a long password here")
    BillingProfile.objects.create(
        user=reader, name="R", state_code="27", provider="razorpay",
        provider_customer_id="cust_Mr7yTzS3Xn1uKc", provider_payment_method_id="token_Mr7yX9k8J7h6G5",
    )  # fmt: skip
    plan = make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    subscription = services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))
    end = subscription.term_end
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    from masthead.payments.providers.base import ProviderUnavailable

    try:
        billing.renewals_charge(now=end + timedelta(minutes=1))
    except ProviderUnavailable:
        pass  # the same answer the Stripe adapter gives: the job is retried
