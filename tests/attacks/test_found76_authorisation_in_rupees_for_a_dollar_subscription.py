"""The card link's ₹1 authorisation is made in rupees for a subscription
paid in another currency, so the new card's mandate is registered in the
wrong currency.

What the reader does: a reader abroad subscribes on the Razorpay site to a
plan sold in US dollars ($12 a quarter; card only, as UPI AutoPay takes
rupees). Mid-term they open the card link to put renewals on a new card.
Nothing is owed, so the page opens Razorpay's authorisation order: AUTHORISATION
is Money(1_00), whose currency defaults to INR, while the mandate limit it
asks for is the plan's dollar price in cents. Razorpay is sent an INR order
of 100 paise with a token max_amount of 1200: a mandate for ₹12, not $12.
Masthead records the ₹1 as a rupee payment on a dollar subscription and
keeps 1200 as the mandate limit in the subscription's currency ($12). The
next renewal, $12 to a card whose mandate Razorpay holds at ₹12, is beyond
the mandate: declined, and the reader who replaced their card in good time
falls past due.

Expected: the authorisation order is in the subscription's currency, so the
mandate the bank registers is for the renewal's price in that currency.
"""

import pytest

from masthead.payments.models import BillingProfile, Payment
from masthead.subscriptions import services
from masthead.subscriptions.tests.test_card_link_razorpay import (  # noqa: F401 - the Razorpay site, reader and helpers
    CUSTOMER,
    OLD_TOKEN,
    ORDER,
    _link,
    _orders,
    browser,
    mailbox,
    reader,
)
from masthead.testing.razorpay import recorded_body
from masthead.testing.subscriptions import make_plan


@pytest.mark.django_db
def test_the_authorisation_for_a_dollar_subscription_is_in_dollars(browser, reader, razorpay_answers):  # noqa: F811
    BillingProfile.objects.create(
        user=reader, name="Asha Rao", state_code="29", provider="razorpay", provider_customer_id=CUSTOMER,
        provider_payment_method_id=OLD_TOKEN,
    )  # fmt: skip
    plan = make_plan(name="World Quarterly", slug="world-quarterly", price_minor=12_00, currency="USD", term_months=3)
    subscription = services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))
    recorded = razorpay_answers({("POST", "/v1/orders"): [(200, recorded_body("order_first.json", id=ORDER, amount=100))]})

    browser.get(_link(subscription))
    (order,) = _orders(recorded)
    assert order["token"]["max_amount"] == 12_00  # the plan's price, in cents
    assert order["currency"] == "USD"
    assert Payment.objects.get(subscription=subscription, provider_payment_id=ORDER).currency == "USD"
