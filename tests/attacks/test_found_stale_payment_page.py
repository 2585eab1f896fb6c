"""The payment page's form is not tied to the checkout it was shown for.

pay_confirm charges whatever checkout is pending when the form arrives. A
reader with a payment page for one plan open in one tab who starts checkout
for another plan in a second tab, then presses "Pay ₹299" in the first tab,
is charged the second plan's ₹3,900.
"""

import re

import pytest
from django.test import Client

from masthead.testing.stripe import GOOD_CARD, confirm_card, stripe_client
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="tabs", email="tabs@example.test", password="a long password here")


def test_pay_pressed_on_a_page_for_one_plan_never_charges_another_plans_price(localstripe, reader):
    make_plan(name="Monthly", slug="monthly", price_minor=299_00, term_months=1)
    make_plan(name="Two Years", slug="two-years", price_minor=3900_00, term_months=24)
    first_tab, second_tab = Client(), Client()
    first_tab.force_login(reader)
    second_tab.force_login(reader)

    first_tab.post("/subscribe/monthly/", {"name": "Asha Rao", "state_code": "27", "gstin": ""})
    page = first_tab.get("/subscribe/pay/").text
    assert "Pay ₹299" in page
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', page).group(1)

    # Meanwhile, in another tab, the reader looks at the two-year plan's checkout.
    second_tab.post("/subscribe/two-years/", {"name": "Asha Rao", "state_code": "27", "gstin": ""})

    # Back in the first tab: card typed, "Pay ₹299" pressed.
    confirm_card(setup_id, GOOD_CARD)
    first_tab.post("/subscribe/pay/confirm/", {"setup_id": setup_id})

    amounts = [intent.amount for intent in stripe_client().v1.payment_intents.list(params={"limit": 100}).auto_paging_iter()]
    assert 3900_00 not in amounts, f"'Pay ₹299' took {amounts}"
