"""The arm's offer is shown to a reader who has had it, whom checkout then
quietly charges the plan's own price.

docs/desk.md: checkout checks the arm's offer "as it checks any (open now,
for that plan, not used up, not had before by the reader)". The paywall and
the plans page check only that the offer is open: "once per reader" is left
to checkout, which then drops the offer without a word (a reader in the arm
"chose nothing", so no sentence says why).

What happens: a reader took "Welcome offer" last year (50% off the first
quarter), let the subscription end, and comes back during the experiment.
In the offer's arm, the paywall and /subscribe/ show them "Welcome offer:
₹450 instead of ₹900". They choose it; checkout shows ₹900 with nothing
about the offer. Every returning reader in the arm is advertised a price
its own rules refuse them, and the arm's result mixes in readers who were
shown the offer but could never have it.

What should happen: the offer is shown only to a reader who may take it:
a reader who has had it sees the plans' own prices.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.experiments.models import Variable
from masthead.experiments.tests.factories import bucket_by_hand, make_experiment
from masthead.subscriptions.models import Offer, OfferRedemption, Plan, Subscription, SubscriptionStatus
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
KEY = "offer-had-before"
OFFER_PRICE = "₹450"


def test_a_reader_who_had_the_offer_is_not_shown_it_again(django_user_model, client):
    Plan.objects.update(is_active=False)
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    welcome = make_offer(quarterly, name="Welcome offer", starts_at=timezone.now() - timedelta(days=400))
    account_pk = next(pk for pk in range(1000, 2000) if bucket_by_hand(KEY, f"u:{pk}") >= 5_000)  # "Welcome"
    reader = django_user_model.objects.create_user(id=account_pk, username="asha", email="asha@example.test")
    now = timezone.now()
    last_year = Subscription.objects.create(
        user=reader, plan=quarterly, price_minor=quarterly.price_minor, term_months=3, status=SubscriptionStatus.ENDED,
        started_at=now - timedelta(days=380), term_start=now - timedelta(days=380), term_end=now - timedelta(days=290),
        term_number=1, offer=welcome, offer_terms=1, offer_price_minor=450_00,
    )  # fmt: skip
    OfferRedemption.objects.create(offer=welcome, user=reader, subscription=last_year, redeemed_at=now - timedelta(days=380))
    Offer.objects.filter(pk=welcome.pk).update(redemptions_used=1)
    make_experiment(variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": welcome}}, key=KEY)
    client.force_login(reader)

    plans_page = client.get("/subscribe/").text
    checkout = client.get("/subscribe/smart-quarterly/").text
    assert 'name="offer_shown" value=""' in checkout and OFFER_PRICE not in checkout  # checkout: the plan's own price

    assert OFFER_PRICE not in plans_page, "the plans page advertises an offer this reader has had"
