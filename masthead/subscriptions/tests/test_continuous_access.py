"""A paying subscriber never meets the paywall at renewal: from the end of a
term until the clock has renewed, retried or lapsed it, they keep reading."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from masthead.subscriptions import billing
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.newsroom import (
    BEYOND_LEAD_IN,
    PAYWALL_TEXT,
    make_story_with_hidden_sentence,
)
from masthead.testing.stripe import DECLINED_CARD, save_card, subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus


@pytest.fixture
def subscriber(django_user_model, localstripe):
    reader = django_user_model.objects.create_user(username="steady", email="steady@example.test", password="x" * 20)
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))
    browser = Client()
    browser.force_login(reader)
    return reader, subscription, browser


def test_between_term_end_and_the_renewal_charge_the_subscriber_reads_everything(subscriber):
    reader, subscription, browser = subscriber
    end = subscription.term_end
    # The clock was down: no notice went out, so the charge is a day away.
    with time_machine.travel(end + timedelta(hours=3), tick=False):
        browser.force_login(reader)  # a session from three months ago has expired
        story = make_story_with_hidden_sentence(is_premium=True)
        page = browser.get(story.get_absolute_url()).text
        assert BEYOND_LEAD_IN in page and PAYWALL_TEXT not in page
        account = browser.get("/account/").text
        assert "Active" in account
        charge_day = timezone.localtime(end + timedelta(hours=3) + timedelta(hours=24))
        assert f"Next renewal</dt><dd>{charge_day:%-d %B %Y}, ₹900" in account


def test_a_failed_renewal_says_when_it_is_tried_again_and_keeps_access(subscriber):
    reader, subscription, browser = subscriber
    save_card(reader, DECLINED_CARD)
    end = subscription.term_end
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    billing.renewals_charge(now=end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE
    with time_machine.travel(end + timedelta(hours=2), tick=False):
        browser.force_login(reader)
        account = browser.get("/account/").text
        retry = timezone.localtime(end + timedelta(days=1))
        assert f"Payment failed: we will try again on {retry:%-d %B}" in account
        assert "update your card" in account
        story = make_story_with_hidden_sentence(is_premium=True)
        assert BEYOND_LEAD_IN in browser.get(story.get_absolute_url()).text


def test_access_ends_once_the_renewal_window_is_over_without_the_clock(subscriber):
    """The window is bounded: a subscription the clock never reached does not read for ever."""
    reader, subscription, browser = subscriber
    assert subscription.grants_reading(subscription.term_end + timedelta(days=7))
    assert not subscription.grants_reading(subscription.term_end + timedelta(days=9))


def test_an_unrenewed_subscription_reads_until_exactly_a_day_after_the_grace_period(subscriber, settings):
    """Seven days' grace after the term, and the one day a late notice may add: then the paywall."""
    settings.MASTHEAD_GRACE_DAYS = 7
    reader, subscription, browser = subscriber
    window_end = subscription.term_end + timedelta(days=8)
    story = make_story_with_hidden_sentence(is_premium=True)
    with time_machine.travel(window_end - timedelta(seconds=1), tick=False):
        browser.force_login(reader)
        assert BEYOND_LEAD_IN in browser.get(story.get_absolute_url()).text
    with time_machine.travel(window_end, tick=False):
        browser.force_login(reader)
        page = browser.get(story.get_absolute_url()).text
        assert BEYOND_LEAD_IN not in page and PAYWALL_TEXT in page
