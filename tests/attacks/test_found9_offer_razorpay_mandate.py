"""Found: Razorpay's recurring mandate was registered for at most the first
payment's amount. With an introductory offer the first payment is ₹450 and
the renewals after the offer ₹900, which such a mandate would refuse: the
first full-price renewal would fail for every offer subscriber. The mandate
now covers the plan's full price; the order is still for the offer's price."""

import pytest
from django.test import Client

from masthead.payments.providers import provider_register, provider_unregister
from masthead.testing.razorpay import recorded_provider
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def razorpay(razorpay_keys, settings):
    settings.MASTHEAD_PAYMENT_PROVIDER = "razorpay"
    adapter, recorded = recorded_provider(
        {("POST", "/v1/customers"): [(200, "customer.json")], ("POST", "/v1/orders"): [(200, "order_first.json")]}
    )
    provider_register("razorpay", adapter)
    yield recorded
    provider_unregister("razorpay")


def test_an_offer_order_is_for_the_offer_price_and_its_mandate_covers_the_full_price(razorpay, django_user_model):
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    make_offer(plan, code="WELCOME50")
    reader = django_user_model.objects.create_user(username="rzp", email="rzp@example.test", password="a long password here")
    browser = Client()
    browser.force_login(reader)
    browser.post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27", "gstin": "", "code": "WELCOME50"})

    page = browser.get("/subscribe/pay/").text

    assert 'data-amount="45000"' in page and "Pay ₹450" in page and "then ₹900 every 3 months (the plan's price from" in page
    order = next(sent for method, path, sent in razorpay.sent if path == "/v1/orders")
    assert order["amount"] == 450_00
    assert order["token"]["max_amount"] == 900_00
