"""Pausing from the account page: the length and its dates, then "Paused
from … to …" with the undo button before the pause begins and "Resume now"
after; where pausing is not allowed the page says why in place of the button."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus
START = datetime(2026, 1, 31, 6, 0, tzinfo=UTC)  # 11:30 on 31 January in Kolkata


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="pauser", email="pauser@example.test", password="x" * 20)


@pytest.fixture
def quarterly():
    return make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)


def _browser(reader):
    browser = Client()
    browser.force_login(reader)
    return browser


def test_a_subscriber_pauses_from_the_account_page_sees_the_dates_and_can_undo_before_it_begins(reader, quarterly):
    with time_machine.travel(START, tick=False):
        subscription = services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=quarterly))
        browser = _browser(reader)
        assert "Pause subscription" in browser.get("/account/").text

        choose = browser.get("/account/pause/").text
        assert "You keep reading everything until <strong>30 April 2026</strong>" in choose
        for line in ("1 month: starts again on 30 May 2026", "2 months: starts again on 30 June 2026", "3 months: starts again on 30 July 2026"):
            assert line in choose
        assert "4 months" not in choose

        done = browser.post("/account/pause/", {"months": "2"}, follow=True).text
        assert "Your subscription is paused from 30 April 2026 to 30 June 2026." in done
        # Until the paid term ends the reader still subscribes: the page
        # says the pause is to come, not that they are paused now.
        assert "Pauses from 30 April 2026 to 30 June 2026" in done
        assert "<dt>Status</dt><dd>Active, pause to come</dd>" in done
        assert "Undo the pause" in done and "Resume now" not in done and "Pause subscription" not in done
        subscription.refresh_from_db()
        assert subscription.status == S.PAUSED

        undone = browser.post("/account/pause/undo/", follow=True).text
        assert "Your pause is undone" in undone and "Next renewal" in undone and "30 April 2026" in undone
        subscription.refresh_from_db()
        assert subscription.status == S.ACTIVE


def test_a_length_outside_the_limits_is_refused_and_nothing_changes(reader, quarterly):
    with time_machine.travel(START, tick=False):
        subscription = services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=quarterly))
        browser = _browser(reader)
        assert "A pause lasts 1 to 3 months." in browser.post("/account/pause/", {"months": "6"}, follow=True).text
        assert "Please choose how long" in browser.post("/account/pause/", {"months": "two"}, follow=True).text
        subscription.refresh_from_db()
        assert subscription.status == S.ACTIVE


def test_once_the_pause_has_begun_resume_now_charges_once_however_often_it_is_pressed(localstripe, reader, quarterly):
    subscription = subscribe(reader, quarterly)
    services.subscription_pause(subscription=subscription, months=3)
    with time_machine.travel(subscription.term_end + timedelta(days=10), tick=False):
        browser = _browser(reader)
        page = browser.get("/account/").text
        assert "Resume now (₹900 today)" in page and "Undo the pause" not in page
        assert "stories are closed to you during the pause" in page
        assert "Paused from" in page and "<dt>Status</dt><dd>Paused</dd>" in page

        first = browser.post("/account/pause/resume/", follow=True).text
        second = browser.post("/account/pause/resume/", follow=True).text
    assert "Welcome back: ₹900 is paid" in first
    assert "Resume now" not in second and "Next renewal" in second
    assert Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED).count() == 1
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 2


def test_cancelling_while_paused_works_as_any_cancel(reader, quarterly):
    with time_machine.travel(START, tick=False):
        subscription = services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=quarterly))
        services.subscription_pause(subscription=subscription, months=1)
        browser = _browser(reader)
        assert "Cancel subscription" in browser.get("/account/").text
        assert "Your pause from 30 April 2026 is dropped" in browser.get("/account/cancel/").text
        done = browser.post("/account/cancel/", follow=True).text
        assert "You can read everything until 30 April 2026" in done
        subscription.refresh_from_db()
        assert subscription.status == S.CANCELLING


@pytest.mark.parametrize(
    ("setup", "said"),
    [
        ("trial", "You cannot pause during a free trial."),
        ("gift", "A gift subscription cannot be paused"),
        ("cancelled", "Your subscription is cancelled, so there is nothing to pause."),
    ],
)
def test_where_pausing_is_not_allowed_the_page_says_why_in_place_of_the_button(reader, quarterly, setup, said):
    with time_machine.travel(START, tick=False):
        if setup == "gift":
            services.subscription_gift_apply(user=reader, plan=quarterly, months=3)
        else:
            plan = make_plan(price_minor=900_00, term_months=3, trial_days=14) if setup == "trial" else quarterly
            subscription = services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))
            if setup == "cancelled":
                services.subscription_cancel(subscription=subscription, by=reader)
        browser = _browser(reader)
        page = browser.get("/account/").text
        assert said in page and "Pause subscription" not in page
        # The pause page itself refuses in the same words.
        assert said in browser.get("/account/pause/", follow=True).text
