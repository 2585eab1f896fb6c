"""A reader shown an arm's offer on a browser someone else once logged in
on signs up there, and their new account does not keep the offer.

docs/desk.md: "a reader who met an offer anonymously and signs up keeps it,
and the account's payment converts that exposure"; and a browser an account
logged in on reads, signed out, by that account's arm. The two meet on any
shared browser: signed out, it shows (and records as an exposure of) the
*last account's* arm, so nothing is left on the browser for a sign-up to
link, and the new account reads by the arm its own id hashes to.

What happens: a family computer; one member has an account (in the offer's
arm) and once logged in on it. Another member, signed out, opens
/subscribe/ there and sees "Welcome offer ₹450". They sign up to take it.
Their checkout shows ₹900 and nothing about the offer: the price they
signed up for was never theirs, and the exposure behind it is counted as
the other member's. (A reader who wants the offer can also use this on
purpose: keep the browser tied to an account in the arm, sign up new
accounts there; whichever arm the page showed is not what they get.)

What should happen: what a signed-out browser showed a reader is what a
sign-up there keeps: a new account signed up on it takes the arm the page
showed it, or the page shows such a reader nothing the new account will not
have.
"""

import pytest

from masthead.experiments.models import Variable
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
KEY = "offer-shared-browser"
OFFER_PRICE = "₹450"
PASSWORD = "a fine long password"


def test_a_sign_up_keeps_the_offer_the_signed_out_browser_showed(django_user_model):
    Plan.objects.update(is_active=False)
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    welcome = make_offer(quarterly, name="Welcome offer")
    make_experiment(variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": welcome}}, key=KEY)
    member_pk = next(pk for pk in range(1000, 2000) if bucket_by_hand(KEY, f"u:{pk}") >= 5_000)  # "Welcome"
    django_user_model.objects.create_user(id=member_pk, username="asha", email="asha@example.test", password=PASSWORD)

    (browser_id,) = anonymous_ids_in_half(KEY, first_half=True, count=1)
    family = browser_of(browser_id)
    assert family.post("/accounts/login/", {"login": "asha@example.test", "password": PASSWORD}).status_code == 302
    family.post("/accounts/logout/")

    shown = family.get("/subscribe/").text
    assert OFFER_PRICE in shown  # signed out: the offer, by the account the browser is tied to

    next_account_id_where(lambda pk: bucket_by_hand(KEY, f"u:{pk}") < 5_000)  # the new account's own id: "No offer"
    sign_up(family, email="ravi@example.test", password=PASSWORD)
    checkout = family.get("/subscribe/smart-quarterly/").text
    assert 'name="offer_shown"' in checkout  # signed in as the new account, on its checkout
    assert OFFER_PRICE in checkout, "the offer the page showed before signing up is not the new account's"
