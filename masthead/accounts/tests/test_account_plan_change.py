"""Changing plan from the account page: each other plan says what taking it
means (an upgrade now and its price today, or a switch at the renewal), one
confirmation, then a message; a scheduled change shows its day and can be
undone; where changing is not allowed the page says why."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from masthead.invoicing.models import CreditNote
from masthead.subscriptions import services
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.stripe import DECLINED_CARD, save_card, subscribe
from masthead.testing.subscriptions import make_plan, make_smart_plans

pytestmark = pytest.mark.django_db
S = SubscriptionStatus
START = datetime(2027, 1, 10, 6, 0, tzinfo=UTC)  # 11:30 on 10 January in Kolkata


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="changer", email="changer@example.test", password="x" * 20)


@pytest.fixture
def plans():
    return make_smart_plans()


def _browser(reader):
    browser = Client()
    browser.force_login(reader)
    return browser


@pytest.fixture
def subscribed(localstripe, reader, plans):
    with time_machine.travel(START, tick=False):
        return subscribe(reader, plans["quarterly"])


def test_the_plans_say_what_each_costs_today_and_an_upgrade_is_charged_and_credited(subscribed, reader):
    # 10 January to 10 April is 90 days; on 9 February, 60 are unused: ₹600 of ₹900.
    with time_machine.travel(datetime(2027, 2, 9, 6, 0, tzinfo=UTC), tick=False):
        browser = _browser(reader)
        assert "Change plan" in browser.get("/account/").text
        page = browser.get("/account/plan/").text
        assert "Upgrade now: ₹2,100 today (₹600 credit for the 60 unused days of your current plan), then ₹2,700 every year" in page
        assert "Switch at renewal on 10 April 2027: then ₹300 every month" in page
        confirm = browser.get("/account/plan/smart-yearly/").text
        assert "Upgrade and pay ₹2,100" in confirm

        done = browser.post("/account/plan/smart-yearly/", {"confirmed": "upgrade-210000"}, follow=True).text
        note = CreditNote.objects.get()
        assert f"You are now on Smart Yearly: ₹2,100 is paid (₹600 credited for the unused days of your previous plan, by credit note {note.number})" in done
        assert "until 9 February 2028" in done
        assert "Smart Yearly (₹2,700 for 1 year)" in done
        invoices = browser.get("/account/invoices/").text
        assert note.number in invoices


def test_a_declined_upgrade_says_so_and_changes_nothing(subscribed, reader):
    save_card(reader, DECLINED_CARD)
    with time_machine.travel(datetime(2027, 2, 9, 6, 0, tzinfo=UTC), tick=False):
        done = _browser(reader).post("/account/plan/smart-yearly/", {"confirmed": "upgrade-210000"}, follow=True).text
    assert "Your card was declined" in done and "your plan is unchanged" in done
    subscribed.refresh_from_db()
    assert subscribed.plan.slug == "smart-quarterly" and not CreditNote.objects.exists()


def test_a_switch_at_renewal_shows_its_day_and_can_be_undone(subscribed, reader):
    with time_machine.travel(datetime(2027, 2, 9, 6, 0, tzinfo=UTC), tick=False):
        browser = _browser(reader)
        confirm = browser.get("/account/plan/smart-monthly/").text
        assert "Nothing changes until your renewal on <strong>10 April 2027</strong>" in confirm
        done = browser.post("/account/plan/smart-monthly/", {"confirmed": "renewal"}, follow=True).text
        assert "Your subscription changes to Smart Monthly on 10 April 2027" in done
        assert "Changes to Smart Monthly on 10 April 2027" in done and "Keep my plan" in done
        assert "10 April 2027, ₹300" in done  # the renewal line names the new amount

        kept = browser.post("/account/plan/keep/", follow=True).text
        assert "You keep your plan, Smart Quarterly" in kept and "Changes to Smart Monthly" not in kept
        assert "10 April 2027, ₹900" in kept


def test_a_gift_or_cancelled_subscription_is_told_why_it_cannot_change_plan(localstripe, reader, plans):
    services.subscription_grant_comp(user=reader, plan=plans["quarterly"], months=3)
    browser = _browser(reader)
    assert "Change plan" not in browser.get("/account/").text
    told = browser.get("/account/plan/", follow=True).text
    assert "A complimentary subscription cannot change plan" in told


def test_the_current_plan_or_one_not_on_sale_cannot_be_chosen(subscribed, reader, plans):
    plans["yearly"].is_active = False
    plans["yearly"].save()
    browser = _browser(reader)
    assert browser.get("/account/plan/smart-yearly/").status_code == 404
    told = browser.get("/account/plan/smart-quarterly/", follow=True).text
    assert "You are already on Smart Quarterly" in told


def test_a_confirmation_of_another_price_changes_nothing_and_asks_again(subscribed, reader):
    with time_machine.travel(datetime(2027, 2, 9, 6, 0, tzinfo=UTC), tick=False):
        browser = _browser(reader)
        # Shown the day before (₹2,070), confirmed today (₹2,100 due).
        told = browser.post("/account/plan/smart-yearly/", {"confirmed": "upgrade-207000"}, follow=True).text
        assert "Please check it and confirm again" in told and "Upgrade and pay ₹2,100" in told
        forged = browser.post("/account/plan/smart-monthly/", {"confirmed": "upgrade-100"}, follow=True).text
        assert "Please check it and confirm again" in forged
    subscribed.refresh_from_db()
    assert subscribed.plan.slug == "smart-quarterly" and subscribed.next_plan is None and not CreditNote.objects.exists()


def test_a_trial_switching_at_its_end_is_told_what_it_will_pay(localstripe, reader, plans):
    trial = make_plan(name="Trial Quarterly", slug="trial-quarterly", price_minor=900_00, term_months=3, trial_days=14)
    with time_machine.travel(START, tick=False):
        subscription = subscribe(reader, trial)
        services.plan_change_schedule(subscription=subscription, plan=plans["monthly"])
        page = _browser(reader).get("/account/").text
    assert "Trial until 24 January 2027, then ₹300 every month" in page
    assert "Changes to Smart Monthly on 24 January 2027" in page


def _switch_scheduled(browser):
    done = browser.post("/account/plan/smart-monthly/", {"confirmed": "renewal"}, follow=True).text
    assert "Keep my plan" in done


def test_keep_my_plan_works_while_the_pause_waits_for_its_renewal(subscribed, reader):
    with time_machine.travel(datetime(2027, 2, 9, 6, 0, tzinfo=UTC), tick=False):
        browser = _browser(reader)
        _switch_scheduled(browser)
        browser.post("/account/pause/", {"months": "2"})
        paused = browser.get("/account/").text
        assert "Pauses from 10 April 2027 to 10 June 2027" in paused
        assert "Changes to Smart Monthly on" in paused and "Keep my plan" in paused

        kept = browser.post("/account/plan/keep/", follow=True).text
    assert "You keep your plan, Smart Quarterly" in kept and "Changes to Smart Monthly" not in kept
    subscribed.refresh_from_db()
    assert subscribed.status == S.PAUSED and subscribed.next_plan is None
    assert subscribed.renewal_price.minor == 900_00


def test_keep_my_plan_works_while_waiting_for_a_new_card(subscribed, reader):
    with time_machine.travel(datetime(2027, 2, 9, 6, 0, tzinfo=UTC), tick=False):
        browser = _browser(reader)
        _switch_scheduled(browser)
        Subscription.objects.filter(pk=subscribed.pk).update(status=S.NEEDS_CARD, grace_until=subscribed.term_end)
        waiting = browser.get("/account/").text
        assert "Your card can no longer be charged" in waiting and "Keep my plan" in waiting
        kept = browser.post("/account/plan/keep/", follow=True).text
    assert "You keep your plan, Smart Quarterly" in kept
    subscribed.refresh_from_db()
    assert subscribed.status == S.NEEDS_CARD and subscribed.next_plan is None


def test_a_renewal_being_retried_at_the_new_plan_keeps_it_and_says_why(subscribed, reader):
    with time_machine.travel(datetime(2027, 2, 9, 6, 0, tzinfo=UTC), tick=False):
        browser = _browser(reader)
        _switch_scheduled(browser)
        Subscription.objects.filter(pk=subscribed.pk).update(status=S.PAST_DUE, grace_until=subscribed.term_end)
        why = "Your renewal payment for your new plan has not gone through and is being retried at the amount we told you"
        page = browser.get("/account/").text
        assert why in page and "Keep my plan" not in page
        refused = browser.post("/account/plan/keep/", follow=True).text
    assert why in refused
    subscribed.refresh_from_db()
    assert subscribed.next_plan.slug == "smart-monthly"
