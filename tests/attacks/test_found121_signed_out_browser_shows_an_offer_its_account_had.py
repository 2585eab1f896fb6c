"""A reader who has had an arm's offer is shown it again on their own
browser once signed out, and checkout then drops it without a word.

docs/desk.md: the paywall and the plans page show an arm's offer only to a
reader who may take it ("an offer already had is not shown again"), and a
browser an account logged in on reads, signed out, by the account's arm,
"so the browser shows what the account is counted in". The "had it"
check looks only at the signed-in account: a signed-out browser is asked
nothing, though it reads by its account's arm.

What a reader does: they took "Welcome offer" (50% off a quarter) last
year; their account is in the offer's arm. Signed in, /subscribe/ rightly
shows ₹900. They log out (or their session lapses) and come back from a
link: the same browser now shows "Welcome offer ₹450". They log in to take
it, and checkout shows ₹900 with nothing about the offer: a price the
site's own rules refuse them was advertised to them on their own browser.

What should happen: a browser tied to an account shows the arm's offer
only if that account may take it, as when the account is signed in.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.experiments.models import Variable
from masthead.experiments.tests.factories import anonymous_ids_in_half, browser_of, bucket_by_hand, make_experiment
from masthead.subscriptions.models import Offer, OfferRedemption, Plan, Subscription, SubscriptionStatus
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
KEY = "offer-had-signed-out"
OFFER_PRICE = "₹450"
PASSWORD = "a fine long password"


def test_a_browser_signed_out_does_not_show_an_offer_its_account_had(django_user_model):
    Plan.objects.update(is_active=False)
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    welcome = make_offer(quarterly, name="Welcome offer", starts_at=timezone.now() - timedelta(days=400))
    account_pk = next(pk for pk in range(1000, 2000) if bucket_by_hand(KEY, f"u:{pk}") >= 5_000)  # "Welcome"
    reader = django_user_model.objects.create_user(id=account_pk, username="asha", email="asha@example.test", password=PASSWORD)
    now = timezone.now()
    last_year = Subscription.objects.create(
        user=reader, plan=quarterly, price_minor=quarterly.price_minor, term_months=3, status=SubscriptionStatus.ENDED,
        started_at=now - timedelta(days=380), term_start=now - timedelta(days=380), term_end=now - timedelta(days=290),
        term_number=1, offer=welcome, offer_terms=1, offer_price_minor=450_00,
    )  # fmt: skip
    OfferRedemption.objects.create(offer=welcome, user=reader, subscription=last_year, redeemed_at=now - timedelta(days=380))
    Offer.objects.filter(pk=welcome.pk).update(redemptions_used=1)
    make_experiment(variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": welcome}}, key=KEY)

    (browser_id,) = anonymous_ids_in_half(KEY, first_half=True, count=1)  # its own id: "No offer"
    browser = browser_of(browser_id)
    assert browser.post("/accounts/login/", {"login": "asha@example.test", "password": PASSWORD}).status_code == 302
    signed_in = browser.get("/subscribe/").text
    assert OFFER_PRICE not in signed_in  # signed in: not shown again
    browser.post("/accounts/logout/")

    signed_out = browser.get("/subscribe/").text
    browser.post("/accounts/login/", {"login": "asha@example.test", "password": PASSWORD})
    checkout = browser.get("/subscribe/smart-quarterly/").text
    assert 'name="offer_shown" value=""' in checkout  # checkout: the plan's own price
    assert OFFER_PRICE not in signed_out, "the signed-out browser advertises the offer its account has had"
