"""An experiment of the registration wall: a reader who is not signed in and
has used their free articles meets the wall in one arm and the paywall in
the other; signed-in readers, subscribers and staff are left out; the page
cache never hands one arm's page to another's reader."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.experiments.models import Conversion, Exposure, Variable
from masthead.experiments.services import conversion_record, exposure_link
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import Subscription
from masthead.testing.accounts import make_staff
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import PAYWALL_TEXT, make_article
from masthead.testing.subscriptions import make_plan

from .factories import anonymous_ids_in_half, browser_of, make_experiment

pytestmark = pytest.mark.django_db
KEY = "wall-test"
WALL_HEADING = "Sign up free to read 3 more stories this month"


def _wall_experiment():
    return make_experiment(
        variable=Variable.REGISTRATION_WALL,
        arms={"Wall": {"registration_wall": True}, "No wall": {"registration_wall": False}},
        key=KEY,
    )


def _over_the_limit(reader_id: str) -> str:
    """The page of a second story, for a reader of the arm whose one free article went on the first."""
    browser = browser_of(reader_id)
    first, second = make_article(headline="First"), make_article(headline="Second")
    assert WALL_HEADING not in browser.get(first.get_absolute_url()).text
    return browser.get(second.get_absolute_url()).text


def test_each_arm_meets_its_wall_or_the_paywall_and_the_cache_keeps_them_apart():
    set_meter(free_limit=1, account_extra=3)
    experiment = _wall_experiment()
    (wall_id,) = anonymous_ids_in_half(KEY, first_half=True, count=1)
    (paywall_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    story = make_article(headline="Story")

    pages = {}
    for reader_id in (paywall_id, wall_id):  # the paywall's page is cached first
        browser = browser_of(reader_id)
        browser.get(make_article(headline=f"Free for {reader_id}").get_absolute_url())
        pages[reader_id] = browser.get(story.get_absolute_url()).text

    assert WALL_HEADING not in pages[paywall_id] and PAYWALL_TEXT in pages[paywall_id]
    assert "You’ve reached your limit of 1 free article this month." in pages[paywall_id]
    assert WALL_HEADING in pages[wall_id] and "Sign up free" in pages[wall_id]
    assert dict(Exposure.objects.filter(experiment=experiment).values_list("reader", "arm__name")) == {
        f"a:{wall_id}": "Wall", f"a:{paywall_id}": "No wall"
    }


def test_signed_in_readers_are_left_out_and_read_the_settings_extra_articles(django_user_model):
    set_meter(free_limit=1, account_extra=3)
    experiment = _wall_experiment()
    # Whatever their account's id would hash to: none is in the experiment.
    readers = [django_user_model.objects.create_user(username=f"r{n}", email=f"r{n}@example.test") for n in range(4)]
    stories = [make_article(headline=f"Story {n}") for n in range(4)]
    for reader in readers:
        browser = browser_of("0" * 32)
        browser.force_login(reader)
        pages = [browser.get(story.get_absolute_url()).text for story in stories]
        assert all(PAYWALL_TEXT not in page for page in pages)  # 1 + 3 free articles, in both arms
    assert not Exposure.objects.filter(experiment=experiment).exists()


def test_staff_are_left_out():
    set_meter(free_limit=0, account_extra=3)
    experiment = _wall_experiment()
    staff = make_staff(username="desk")
    browser = browser_of(anonymous_ids_in_half(KEY, first_half=False, count=1)[0])
    browser.force_login(staff)
    browser.get(make_article(headline="Story").get_absolute_url())
    assert not Exposure.objects.filter(experiment=experiment).exists()


def test_a_reader_who_signs_up_from_the_wall_and_pays_converts_the_wall_arm(django_user_model):
    set_meter(free_limit=1, account_extra=3)
    experiment = _wall_experiment()
    (wall_id,) = anonymous_ids_in_half(KEY, first_half=True, count=1)
    assert WALL_HEADING in _over_the_limit(wall_id)
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test")
    exposure_link(anonymous_reader=f"a:{wall_id}", user=reader)
    plan = make_plan()
    subscription = Subscription.objects.create(user=reader, plan=plan, price_minor=plan.price_minor, term_months=plan.term_months)
    conversion_record(
        Payment.objects.create(
            subscription=subscription, amount_minor=plan.price_minor, term_number=1, charge_key="k1",
            status=PaymentStatus.SUCCEEDED, succeeded_at=timezone.now() + timedelta(seconds=1),
        )  # fmt: skip
    )
    assert list(Conversion.objects.values_list("exposure__experiment", "exposure__arm__name")) == [(experiment.pk, "Wall")]


def test_a_reader_is_exposed_when_the_wall_or_the_paywall_is_shown_not_before():
    set_meter(free_limit=2, account_extra=3)
    experiment = _wall_experiment()
    wall_id, paywall_id = anonymous_ids_in_half(KEY, first_half=True, count=1)[0], anonymous_ids_in_half(KEY, first_half=False, count=1)[0]
    stories = [make_article(headline=f"Story {n}") for n in range(3)]
    browsers = {reader_id: browser_of(reader_id) for reader_id in (wall_id, paywall_id)}
    for browser in browsers.values():
        for story in stories[:2]:
            browser.get(story.get_absolute_url())  # free articles: nothing varies yet
    assert not Exposure.objects.filter(experiment=experiment).exists()
    for browser in browsers.values():
        browser.get(stories[2].get_absolute_url())
        browser.get(stories[2].get_absolute_url())  # seen twice, counted once
    assert dict(Exposure.objects.filter(experiment=experiment).values_list("reader", "arm__name")) == {
        f"a:{wall_id}": "Wall", f"a:{paywall_id}": "No wall"
    }
