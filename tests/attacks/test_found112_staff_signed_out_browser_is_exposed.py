"""Staff who sign out to look at the experiment as readers see it are counted
as readers in its arms.

docs/desk.md: "Staff, subscribers, verified crawlers and API readers are left
out." A subscriber's browser is known by the log-in (``BrowserAccount``), so
signed out it is exposed to nothing. A staff member's browser is not tied at
log-in at all, so once they sign out it is an ordinary anonymous reader.

What happens: the Business desk runs an offer experiment; a colleague logs
in to check the admin, then logs out on the same browser to see the plans
page and the paywall "as a reader" (the natural way to check an arm).
Their browser is exposed in an arm and counted as a reader who never
converts; a desk that checks each arm this way, every day, tips the arms'
denominators.

What should happen: a browser a staff account logged in on is left out,
signed out too, as a subscriber's is.
"""

import pytest

from masthead.experiments.models import Exposure, Variable
from masthead.experiments.tests.factories import anonymous_ids_in_half, browser_of, make_experiment
from masthead.subscriptions.models import Plan
from masthead.testing.accounts import make_staff
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
KEY = "offer-staff-signed-out"


def test_a_staff_members_signed_out_browser_exposes_nobody():
    Plan.objects.update(is_active=False)
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    welcome = make_offer(quarterly, name="Welcome offer")
    experiment = make_experiment(variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": welcome}}, key=KEY)
    make_staff(username="desk")
    (browser_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    browser = browser_of(browser_id)

    assert browser.post("/accounts/login/", {"login": "desk@example.test", "password": "a long password here"}).status_code == 302
    assert "₹450" not in browser.get("/subscribe/").text  # staff: the site's plans, not exposed
    assert not Exposure.objects.exists()

    browser.post("/accounts/logout/")
    browser.get("/subscribe/")

    assert not Exposure.objects.filter(experiment=experiment).exists()
