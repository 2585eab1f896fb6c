"""A free trial and an introductory offer on one plan, and a gift redeemed
during such a trial: what the reader is told about the trial, the offer's
price, the plan's price and their dates."""

import html
import re
from datetime import timedelta

import pytest
from django.test import Client

from masthead.core.periods import add_months, local_date
from masthead.subscriptions import billing, services
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="nila", email="nila@example.test", password="a long password here")


@pytest.fixture
def browser(reader):
    client = Client()
    client.force_login(reader)
    return client


@pytest.fixture
def trial_plan():
    return make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, trial_days=14)


def _text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def _day(moment) -> str:
    return f"{local_date(moment):%-d %B %Y}"


def test_after_the_trial_the_offer_price_is_for_its_terms_only_on_the_welcome_and_account_pages(
    localstripe, browser, reader, trial_plan
):
    offer = make_offer(trial_plan, code="WELCOME50")
    subscription = subscribe(reader, trial_plan, offer=offer)
    assert subscription.in_trial
    after = "₹450 for your first 3 months, then ₹900 every 3 months"
    welcome = _text(browser.get("/subscribe/welcome/"))
    assert f"Your trial runs until {_day(subscription.term_end)}; then we charge {after} until you cancel" in welcome
    account = _text(browser.get("/account/"))
    assert f"Trial until {_day(subscription.term_end)}, then {after}" in account
    for page in (welcome, account):
        assert "then we charge ₹450 every 3 months" not in page and "then ₹450 every 3 months" not in page


def test_a_gift_redeemed_during_a_trial_moves_the_first_charge_and_the_plans_price_date(
    localstripe, browser, reader, trial_plan
):
    offer = make_offer(trial_plan, code="WELCOME50")
    subscription = subscribe(reader, trial_plan, offer=offer)
    trial_ended = subscription.term_end
    services.subscription_gift_apply(user=reader, plan=trial_plan, months=3)
    subscription.refresh_from_db()
    first_charge = add_months(local_date(trial_ended), 3)
    full_price = add_months(first_charge, 3)
    assert local_date(subscription.term_end) == first_charge
    account = _text(browser.get("/account/"))
    assert f"Trial until {first_charge:%-d %B %Y}" in account
    assert f"the plan's price from {full_price:%-d %B %Y}" in account
    assert f"the plan's price from {first_charge:%-d %B %Y}" not in account


def test_the_offers_link_says_the_plan_starts_with_its_trial(client, trial_plan):
    make_offer(trial_plan, code="WELCOME50")
    page = _text(client.get("/subscribe/offer/WELCOME50/"))
    assert "₹450 for your first 3 months, then ₹900 every 3 months" in page
    assert "It starts with 14 days free" in page


def test_the_notice_before_the_first_charge_of_a_two_term_offer_does_not_promise_the_full_price_next(
    localstripe, reader, trial_plan, smtp, django_capture_on_commit_callbacks
):
    offer = make_offer(trial_plan, code="TWOTERMS", terms=2)
    subscription = subscribe(reader, trial_plan, offer=offer)
    with django_capture_on_commit_callbacks(execute=True):
        billing.billing_clock_tick(now=subscription.term_end - timedelta(hours=47))
    (notice,) = smtp.for_address(reader.email)
    body = " ".join(notice.get_body(("plain",)).get_content().split())
    assert "we will charge ₹450" in body
    assert "₹450 every 3 months for your first 6 months, then ₹900 every 3 months" in body
    assert "and then ₹900 every 3 months" not in body


def test_a_trial_cancelled_with_an_offer_does_not_show_a_price_it_will_never_pay(localstripe, browser, reader, trial_plan):
    offer = make_offer(trial_plan, code="WELCOME50")
    subscription = subscribe(reader, trial_plan, offer=offer)
    services.subscription_cancel(subscription=subscription)
    account = _text(browser.get("/account/"))
    assert f"Your trial ends on {_day(subscription.term_end)}. You will not be charged." in account
    assert "the plan's price from" not in account and "₹450" not in account
