"""The article page's cache keeps showing an arm's offer after it is used up.

docs/desk.md: "An offer that ends or is used up while the experiment runs is
shown to nobody and applied to nobody." The paywall's plans are rendered into
the cached page, whose key names the offer only by its id
(``-offer:<id>``): whether it may still be taken, and at what price, is
decided once, when the page is first rendered, and the copy is served to
every reader of the arm for the page's time.

What happens: "the first 100 readers: 50% off". The hundredth reader takes
it; for the next half a minute every reader of the arm who reaches that
story's paywall is shown ₹450 beside ₹900, follows it, and is told at
checkout that the price is ₹900. At a busy moment (a big story, a newsletter
sent) that is many readers shown a price the offer's own rules refuse.
The same holds when the offer ends at its time, or is switched off.

What should happen: as the plans page does, a paywall shows an offer only
while it may be taken: the next page view after it is used up shows the
plans' own prices.
"""

import pytest

from masthead.experiments.models import Variable
from masthead.experiments.tests.factories import anonymous_ids_in_half, browser_of, make_experiment
from masthead.subscriptions.models import Offer, Plan
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
KEY = "offer-used-up"
OFFER_PRICE = "₹450"


def test_a_used_up_offer_leaves_the_paywall_at_once():
    set_meter(free_limit=0)
    Plan.objects.update(is_active=False)
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    welcome = make_offer(quarterly, name="First hundred", max_redemptions=100, redemptions_used=99)
    make_experiment(variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": welcome}}, key=KEY)
    story = make_article(headline="A big story")
    first, second = anonymous_ids_in_half(KEY, first_half=False, count=2)

    assert OFFER_PRICE in browser_of(first).get(story.get_absolute_url()).text
    Offer.objects.filter(pk=welcome.pk).update(redemptions_used=100)  # the hundredth reader took it

    assert OFFER_PRICE not in browser_of(first).get("/subscribe/").text  # the plans page knows
    assert OFFER_PRICE not in browser_of(second).get(story.get_absolute_url()).text
