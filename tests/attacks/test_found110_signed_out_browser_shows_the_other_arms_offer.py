"""A signed-out browser shows its account an offer that checkout then refuses.

What a reader does: on a browser that landed in the experiment's control arm,
they open the plans page (no offer) and sign up there; the account is counted
in control from then on (its browser's exposure is linked at sign-up), and
signed in it sees no offer anywhere. They log out. The browser now reads by
its account, but by the arm the account's *own id* hashes to, not the arm it
is counted in: when that is the offer's arm, the signed-out plans page shows
"Welcome offer" at the offer's price. They log in again to take it, and
checkout has no offer for them: they were shown a price they cannot have,
and the experiment counts a reader in control who was shown the offer.

What should happen: a browser an account logged in on shows, signed out, the
arm the account is counted in (as docs/desk.md says, an account that was
exposed reads by the arm of its exposure), so the plans page offers nothing
that checkout will not apply.
"""

import pytest

from masthead.experiments.models import Exposure, Variable
from masthead.experiments.tests.factories import (
    anonymous_ids_in_half,
    browser_of,
    bucket_by_hand,
    make_experiment,
    next_account_id_where,
    sign_up,
)
from masthead.subscriptions.models import Plan
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db

KEY = "offer-signed-out"
OFFER_PRICE = "₹450"
PASSWORD = "a fine long password"


def test_signed_out_the_browser_shows_the_arm_its_account_is_counted_in():
    Plan.objects.update(is_active=False)
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    welcome = make_offer(quarterly, name="Welcome offer")
    experiment = make_experiment(variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": welcome}}, key=KEY)
    (control_id,) = anonymous_ids_in_half(KEY, first_half=True, count=1)
    account_pk = next_account_id_where(lambda pk: bucket_by_hand(KEY, f"u:{pk}") >= 5_000)  # its own id: "Welcome"

    browser = browser_of(control_id)
    assert OFFER_PRICE not in browser.get("/subscribe/").text
    assert sign_up(browser, email="asha@example.test", password=PASSWORD).pk == account_pk
    assert Exposure.objects.get(experiment=experiment, user_id=account_pk).arm.name == "No offer"
    assert 'name="offer_shown" value=""' in browser.get("/subscribe/smart-quarterly/").text

    browser.post("/accounts/logout/")
    signed_out = browser.get("/subscribe/").text

    assert OFFER_PRICE not in signed_out, "the signed-out plans page shows an offer the account's checkout refuses"
