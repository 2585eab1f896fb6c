"""An offer link followed earlier, for another plan, takes away the arm's
offer that the plans page has just shown on the plan the reader chose.

docs/desk.md: "A link's or a typed code's offer comes before the arm's."
Checkout looks no further than the offer a link left in the session: when
that offer is not for the plan chosen, it says so and charges the plan's own
price, although the arm's offer is for this plan, open, and the one the
page before showed on it.

What happens: a reader once followed a "Smart Annual, 20% off" link (the
session remembers it). Now in the experiment's offer arm, the plans page
shows them "Welcome offer: Smart Quarterly ₹450 instead of ₹900" and
nothing about the annual offer. They choose Smart Quarterly; checkout says
"Annual twenty: This offer is not for that plan. The price below is the
plan's own." and asks ₹900. The reader was shown an offer for this plan that
its own rules allow, and loses it to one they were not shown.

What should happen: checkout applies the offer the reader was shown on the
plan they chose: a chosen offer that is not for this plan gives way to the
arm's that is (or the plans page shows the chosen offer instead).
"""

import pytest

from masthead.experiments.tests.factories import (
    anonymous_ids_in_half,
    browser_of,
    bucket_by_hand,
    make_experiment,
    next_account_id_where,
    sign_up,
)
from masthead.experiments.models import Variable
from masthead.subscriptions.models import Plan
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
KEY = "offer-beside-a-link"
OFFER_PRICE = "₹450"
PASSWORD = "a fine long password"


def test_the_arms_offer_shown_on_the_chosen_plan_is_applied():
    Plan.objects.update(is_active=False)
    annual = make_plan(name="Smart Annual", slug="smart-annual", price_minor=2700_00, term_months=12)
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    annual_twenty = make_offer(annual, name="Annual twenty", value=20)
    welcome = make_offer(quarterly, name="Welcome offer")
    make_experiment(variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": welcome}}, key=KEY)
    # The account the reader signs up for is in the offer arm by its own id too.
    in_offer_arm = next_account_id_where(lambda pk: bucket_by_hand(KEY, f"u:{pk}") >= 5_000)
    (offer_arm_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    browser = browser_of(offer_arm_id)

    assert browser.get(f"/subscribe/offer/{annual_twenty.link_token}/").status_code == 200  # weeks ago
    plans_page = browser.get("/subscribe/").text
    assert OFFER_PRICE in plans_page and "Annual twenty" not in plans_page
    assert sign_up(browser, email="asha@example.test", password=PASSWORD).pk == in_offer_arm

    checkout = browser.get("/subscribe/smart-quarterly/").text

    assert f'name="offer_shown" value="{welcome.pk}"' in checkout, "checkout asks the plan's own price, not the one shown"
