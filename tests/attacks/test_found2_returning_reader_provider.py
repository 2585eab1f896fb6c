"""A reader who once paid through Razorpay comes back after new checkouts
moved to Stripe (or the other way round).

``checkout_start`` asks the checkout provider for the reader's customer with
``existing_id=profile.provider_customer_id``, and the adapters hand back any
existing id unchanged, whichever provider made it. Stripe is then asked for a
SetupIntent for Razorpay's ``cust_…`` customer: the payment page says
"Payments are unavailable just now" to this reader on every visit, for
ever, while everyone else can pay.
"""

import re

import pytest
from django.test import Client
from django.utils import timezone

from masthead.payments.models import BillingProfile
from masthead.subscriptions import services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.subscriptions.states import subscription_move
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus


@pytest.fixture
def former_razorpay_reader(django_user_model):
    reader = django_user_model.objects.create_user(username="meera", email="meera@example.test", password="a long password here")
    BillingProfile.objects.create(
        user=reader, name="Meera Iyer", state_code="29", provider="razorpay",
        provider_customer_id="cust_Mr7yTzS3Xn1uKc", provider_payment_method_id="token_Mr7yX9k8J7h6G5",
    )  # fmt: skip
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    old = services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))
    now = timezone.now()
    subscription_move(subscription=old, to=S.PAST_DUE, reason="renewal_failed", now=now, grace_until=now)
    subscription_move(subscription=old, to=S.LAPSED, reason="grace_over", now=now, ended_at=now)
    return reader


def test_a_former_razorpay_reader_gets_a_stripe_card_form(localstripe, former_razorpay_reader, settings):
    settings.MASTHEAD_PAYMENT_PROVIDER = "stripe"
    browser = Client()
    browser.force_login(former_razorpay_reader)
    browser.post("/subscribe/smart-quarterly/", {"name": "Meera Iyer", "state_code": "29", "gstin": ""})
    response = browser.get("/subscribe/pay/", follow=True)
    shown = re.search(r'name="setup_id" value="(seti_[^"]+)"', response.text)
    assert shown, "a returning reader gets no card form: " + " | ".join(str(m) for m in response.context["messages"])
    profile = BillingProfile.objects.get(user=former_razorpay_reader)
    assert profile.provider_customer_id.startswith("cus_"), profile.provider_customer_id
