"""The reader's account page: it needs a login, says what the subscription
is and when it renews, cancels with one confirmation and resumes, gives the
last day in the publication's time zone, and leads to two-factor sign-in."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from masthead.subscriptions import billing, services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus
START = datetime(2026, 1, 31, 6, 0, tzinfo=UTC)  # 11:30 on 31 January in Kolkata


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(
        username="sub", email="sub@example.test", password="a long password here"
    )


@pytest.fixture
def quarterly():
    return make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)


@pytest.fixture
def subscriber(django_user_model, localstripe):
    reader = django_user_model.objects.create_user(username="steady", email="steady@example.test", password="x" * 20)
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))
    browser = Client()
    browser.force_login(reader)
    return reader, subscription, browser


def _active(reader, plan, now=START):
    return services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan), now=now)


def test_the_account_page_needs_a_login(client):
    response = client.get("/account/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_account_page_shows_the_plan_and_cancels_in_one_confirmation(reader, quarterly):
    with time_machine.travel(START, tick=False):
        subscription = _active(reader, quarterly)
        browser = Client()
        browser.force_login(reader)
        page = browser.get("/account/").text
        assert "Smart Quarterly" in page and "₹900" in page
        assert "Next renewal" in page and "30 April 2026" in page

        confirm = browser.get("/account/cancel/").text
        assert "You will not be charged again" in confirm
        done = browser.post("/account/cancel/", follow=True).text
        assert "You can read everything until 30 April 2026" in done
        subscription.refresh_from_db()
        assert subscription.status == S.CANCELLING
        assert "Keep my subscription" in done

        browser.post("/account/resume/")
        subscription.refresh_from_db()
        assert subscription.status == S.ACTIVE


def test_on_the_renewal_day_the_account_page_says_renews_today(subscriber):
    reader, subscription, browser = subscriber
    end = subscription.term_end
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        browser.force_login(reader)
        assert "Renews today, ₹900" in browser.get("/account/").text


def test_after_midnight_in_kolkata_the_cancel_message_gives_the_readers_date(reader, quarterly):
    """At 19:00 UTC it is already the next day in Kolkata: the message and the
    account page give the same, local, last day."""
    late = datetime(2026, 1, 31, 19, 0, tzinfo=UTC)  # 00:30 on 1 February in Kolkata
    with time_machine.travel(late, tick=False):
        subscription = _active(reader, quarterly, now=late)
        subscription.refresh_from_db()  # as a view reads it: in UTC
        last_day = f"{timezone.localtime(subscription.term_end):%-d %B %Y}"
        assert last_day != f"{subscription.term_end:%-d %B %Y}"  # the UTC date differs
        browser = Client()
        browser.force_login(reader)
        assert last_day in browser.get("/account/").text
        done = browser.post("/account/cancel/", follow=True).text
        assert f"You can read everything until {last_day}," in done


def test_the_account_page_offers_two_factor_authentication(reader):
    browser = Client()
    browser.force_login(reader)
    assert 'href="/accounts/2fa/"' in browser.get("/account/").text
    assert browser.get("/accounts/2fa/").status_code == 200
