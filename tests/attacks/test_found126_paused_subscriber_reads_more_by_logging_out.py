"""A reader whose subscription is paused is put in an allowance arm and
exposed while signed in, but left out (the setting's allowance) on the same
browser signed out: logging out opens more free articles.

docs/desk.md: a browser that "an account with a subscription checkout
would refuse them another for (reading, in a trial, paused, waiting for a
new card) logged in on, once signed out ... reads under the setting as it
is, in every experiment", and "logging out never moves a reader to a
bigger allowance". The signed-in side was not left out: a paused
subscriber (who reads by the meter during the pause) is given their own
id's arm and recorded as exposed, though they cannot convert (their resume
is not a first payment).

What a reader does: their subscription is paused; their account lands in
"Three". Signed in they read three stories and are stopped. They log out:
the browser, tied to their account, now reads under the setting (five),
and the meter's carry gives back three: two more stories open. Every
paused subscriber is also counted as a reader exposed in the experiment,
who can never convert.

What should happen: one rule for the account signed in and its browser
signed out: a paused subscriber is left out of the experiment on both (no
arm, no exposure), or in its arm on both; logging out opens nothing more.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.experiments.models import Exposure
from masthead.experiments.tests.factories import anonymous_ids_in_half, browser_of, bucket_by_hand, make_allowance_experiment
from masthead.subscriptions.models import Plan, Subscription, SubscriptionStatus
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
KEY = "allowance-paused"
FULL = "Second paragraph of the story."
PASSWORD = "a fine long password"


def _full(browser, story) -> bool:
    return FULL in browser.get(story.get_absolute_url()).text


def test_a_paused_subscriber_reads_no_more_by_logging_out(django_user_model):
    set_meter(free_limit=5)
    experiment = make_allowance_experiment(arms={"Five": 5, "Three": 3}, key=KEY)
    Plan.objects.update(is_active=False)
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    stories = [make_article(headline=f"Story {n}") for n in range(5)]
    in_three = next(pk for pk in range(1000, 2000) if bucket_by_hand(KEY, f"u:{pk}") >= 5_000)
    reader = django_user_model.objects.create_user(id=in_three, username="asha", email="asha@example.test", password=PASSWORD)
    now = timezone.now()
    Subscription.objects.create(
        user=reader, plan=quarterly, price_minor=quarterly.price_minor, term_months=3, status=SubscriptionStatus.PAUSED,
        started_at=now - timedelta(days=120), term_start=now - timedelta(days=100), term_end=now - timedelta(days=10),
        term_number=2, pause_until=now + timedelta(days=80),
    )  # fmt: skip

    (browser_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    browser = browser_of(browser_id)
    assert browser.post("/accounts/login/", {"login": "asha@example.test", "password": PASSWORD}).status_code == 302
    signed_in = [_full(browser, story) for story in stories[:4]]
    browser.post("/accounts/logout/")
    signed_out = [_full(browser, story) for story in stories[3:5]]

    exposed = Exposure.objects.filter(experiment=experiment, user=reader).exists()
    more_signed_out = signed_in == [True, True, True, False] and any(signed_out)
    assert not more_signed_out, f"stopped at three signed in, then {signed_out} signed out; exposed: {exposed}"
