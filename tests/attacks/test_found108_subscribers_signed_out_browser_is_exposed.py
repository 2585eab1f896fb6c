"""A subscriber who signs out is exposed to the experiment under their own
account: the browser is known to be theirs, yet their account is counted
among the arm's readers, where it can never convert.

docs/desk.md: "Subscribers never reach the meter, so are never exposed."
Since a browser an account logged in on reads by the account's arm once
signed out (``BrowserAccount``), its first metered story records an
``Exposure`` under ``u:<the subscriber>`` with the subscriber as its user.
The account already pays, so no payment of theirs is ever a first one:
the exposure stays in the arm's denominator for good.

What happens: every subscriber who logs out during an experiment (a
shared computer, a "sign out everywhere", a work laptop) and then opens a
story is added to an arm as a reader who did not convert. The arm with
more such subscribers looks worse; an experiment can be tipped by
subscribers logging out on purpose. Nothing stops it: the browser tie
is exactly what says who they are.

What should happen: a browser tied to a subscriber's account exposes
nobody (as a signed-in subscriber is not exposed).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.experiments.models import Exposure
from masthead.experiments.tests.factories import anonymous_ids_in_half, browser_of, make_allowance_experiment
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db

KEY = "allowance-subscriber-signed-out"
PASSWORD = "a fine long password"


def test_a_subscribers_signed_out_browser_exposes_nobody(django_user_model):
    set_meter(free_limit=5)
    plan = make_plan(name="Monthly", slug="monthly", price_minor=299_00, term_months=1)
    subscriber = django_user_model.objects.create_user(username="asha", email="asha@example.test", password=PASSWORD)
    now = timezone.now()
    Subscription.objects.create(
        user=subscriber, plan=plan, price_minor=plan.price_minor, term_months=1, status=SubscriptionStatus.ACTIVE,
        started_at=now - timedelta(days=40), term_start=now - timedelta(days=10), term_end=now + timedelta(days=20),
        term_number=2,
    )  # fmt: skip
    experiment = make_allowance_experiment(arms={"Five": 5, "Three": 3}, key=KEY)
    story = make_article(headline="A story")

    (browser_id,) = anonymous_ids_in_half(KEY, first_half=True, count=1)
    browser = browser_of(browser_id)
    assert browser.post("/accounts/login/", {"login": "asha@example.test", "password": PASSWORD}).status_code == 302
    assert "Second paragraph of the story." in browser.get(story.get_absolute_url()).text  # a subscriber: full text
    assert not Exposure.objects.exists()

    browser.post("/accounts/logout/")
    assert browser.get(story.get_absolute_url()).status_code == 200
    assert not Exposure.objects.filter(experiment=experiment).exists()
