"""A subscriber whose pause has begun is shown the arm's offer and counted
as a reader exposed to it, though no checkout will take them.

docs/desk.md: subscribers are left out of the offer experiment. The
experiment asks whether the reader reads everything *now*
(``is_subscriber``), and a paused subscription stops granting reading when
its paid term ends; yet it is still the reader's live subscription, and
checkout refuses anyone with one ("You already have a subscription.").

What happens: a subscriber pauses for three months. Reading during the
pause, they meet the meter's paywall: it shows "Welcome offer ₹450", and
the account is recorded as exposed in that arm. They follow the offer and
checkout turns them away. They resume at their own price when the pause
ends, which converts nothing (they paid before). Every paused subscriber
who opens a story sits in an arm's denominator for good, in whichever arm
their id falls, and each is shown a price they cannot have.

What should happen: a reader with a live subscription (paused, waiting for
a new card) is neither shown an offer they cannot take nor exposed.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.experiments.models import Exposure, Variable
from masthead.experiments.tests.factories import bucket_by_hand, make_experiment
from masthead.subscriptions.models import Plan, Subscription, SubscriptionStatus
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
KEY = "offer-paused"
OFFER_PRICE = "₹450"


def test_a_paused_subscriber_is_neither_shown_the_offer_nor_exposed(django_user_model, client):
    set_meter(free_limit=0)
    Plan.objects.update(is_active=False)
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    welcome = make_offer(quarterly, name="Welcome offer")
    experiment = make_experiment(variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": welcome}}, key=KEY)
    account_pk = next(pk for pk in range(1000, 2000) if bucket_by_hand(KEY, f"u:{pk}") >= 5_000)  # "Welcome"
    reader = django_user_model.objects.create_user(id=account_pk, username="asha", email="asha@example.test")
    now = timezone.now()
    Subscription.objects.create(
        user=reader, plan=quarterly, price_minor=quarterly.price_minor, term_months=3, status=SubscriptionStatus.PAUSED,
        started_at=now - timedelta(days=120), term_start=now - timedelta(days=100), term_end=now - timedelta(days=10),
        term_number=2, pause_until=now + timedelta(days=80),
    )  # fmt: skip
    client.force_login(reader)

    page = client.get(make_article(headline="A story").get_absolute_url()).text
    refused = client.post(
        "/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27", "gstin": "", "offer_shown": str(welcome.pk)},
        follow=True,
    )  # fmt: skip
    assert "You already have a subscription." in refused.text

    assert OFFER_PRICE not in page, "the paywall shows a paused subscriber an offer checkout refuses them"
    assert not Exposure.objects.filter(experiment=experiment).exists()
