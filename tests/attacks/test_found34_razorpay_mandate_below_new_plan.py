"""A reader who subscribed to Smart Quarterly through Razorpay registered a
recurring mandate (token) at checkout for at most the plan's price, ₹900
(billing/checkout.py: ``mandate_max=subscription.price``). The change-plan
page offers them Smart Yearly, "Upgrade now: ₹2,100 today" (₹2,700 when
nothing is credited, as for the term activated here without an invoice),
and Masthead sends Razorpay that recurring debit against the ₹900 mandate, which
Razorpay refuses for every such reader ("Your card was declined"); a switch
to Smart Yearly at the renewal would likewise send ₹2,700 against it, fail
the renewal and put the reader past due. Masthead never records the
mandate's limit, so nothing checks it.

Expected: no recurring debit above the mandate's limit is sent. A change to
a plan whose charge exceeds it asks the reader for a new mandate (a
Razorpay order registering one for the new price) or is refused with a
clear reason; it does not charge the old mandate."""

from datetime import timedelta

import pytest

from masthead.core.errors import MastheadError
from masthead.payments.models import BillingProfile
from masthead.payments.providers.razorpay import RazorpayProvider
from masthead.subscriptions import billing, services
from masthead.testing.razorpay import RecordedRazorpay, recorded_body
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db
CUSTOMER = "cust_Mr7yTzS3Xn1uKc"
TOKEN = "token_Mr7yX9k8J7h6G5"
PAYMENT = "pay_Mr7zQ9w8E7r6T5"
MANDATE_MAX = 900_00  # what checkout registered: the Smart Quarterly price


def _razorpay_quarterly(reader, plans):
    """Smart Quarterly, paid through a Razorpay mandate saved for ``reader``."""
    BillingProfile.objects.create(
        user=reader, name="Razorpay Reader", state_code="29", provider="razorpay",
        provider_customer_id=CUSTOMER, provider_payment_method_id=TOKEN,
    )  # fmt: skip
    return services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plans["quarterly"]))


def test_an_upgrade_does_not_debit_the_mandate_beyond_its_limit(razorpay_site, django_user_model):
    reader = django_user_model.objects.create_user(username="rzpup", email="rzpup@example.test", password="x" * 20)
    plans = make_smart_plans()
    subscription = _razorpay_quarterly(reader, plans)
    key = f"masthead-sub{subscription.pk}-term2-try1"
    notes = {"charge_key": key, "description": "Smart Yearly, upgrade from Smart Quarterly"}
    recorded = RecordedRazorpay(
        {
            ("GET", "/v1/orders"): [(200, "orders_none.json")],
            ("GET", f"/v1/customers/{CUSTOMER}"): [(200, "customer.json")],
            ("POST", "/v1/orders"): [(200, "order.json")],
            ("POST", "/v1/payments/create/recurring"): [(200, "recurring_created.json")],
            ("GET", f"/v1/payments/{PAYMENT}"): [(200, recorded_body("payment_captured.json", notes=notes))] * 3,
        }
    )
    try:
        billing.plan_upgrade(
            subscription=subscription, plan=plans["yearly"], by=reader, now=subscription.term_start + timedelta(days=30),
            provider=RazorpayProvider(session=recorded.session()),
        )
    except MastheadError:
        pass  # refused, or sent to register a new mandate: nothing debited
    debits = [sent.get("amount") for method, path, sent in recorded.sent if path == "/v1/payments/create/recurring"]
    orders = [sent.get("amount") for method, path, sent in recorded.sent if path == "/v1/orders" and method == "POST"]
    assert all(int(amount) <= MANDATE_MAX for amount in debits + orders), (
        f"debits of {debits} (orders {orders}) sent against a mandate for at most {MANDATE_MAX}"
    )


def test_a_plan_dearer_than_the_mandate_is_neither_offered_nor_taken(django_user_model):
    from masthead.subscriptions.models import PlanChange
    from masthead.subscriptions.plan_changes import plan_options

    reader = django_user_model.objects.create_user(username="rzpup2", email="rzpup2@example.test", password="x" * 20)
    plans = make_smart_plans()
    subscription = _razorpay_quarterly(reader, plans)
    now = subscription.term_start + timedelta(days=30)

    offered = {option.plan.slug for option in plan_options(subscription=subscription, now=now)}
    assert plans["monthly"].slug in offered and plans["yearly"].slug not in offered
    with pytest.raises(MastheadError, match="Razorpay mandate for at most ₹900"):
        billing.plan_upgrade(subscription=subscription, plan=plans["yearly"], by=reader, now=now)
    with pytest.raises(MastheadError, match="Razorpay mandate for at most ₹900"):
        services.plan_change_schedule(subscription=subscription, plan=plans["yearly"], by=reader, now=now)
    assert not PlanChange.objects.filter(subscription=subscription).exists()
    # A cheaper plan may still be switched to at the renewal.
    services.plan_change_schedule(subscription=subscription, plan=plans["monthly"], by=reader, now=now)
