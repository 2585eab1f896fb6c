"""The cancel page: reached in two clicks from the account page, one page
with the optional question, at most one offer and a cancel button that
cancels at once; what the reader is told after each outcome."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from masthead.subscriptions import services
from masthead.subscriptions.models import CancelAnswer, CancelOutcome, SaveOfferKind, SaveOfferSettings, SubscriptionStatus
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus
START = datetime(2026, 1, 31, 6, 0, tzinfo=UTC)  # the term ends on 30 April 2026 in Kolkata
LATER = START + timedelta(days=10)


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="canceller", email="canceller@example.test", password="x" * 20)


@pytest.fixture
def quarterly():
    return make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)


@pytest.fixture
def subscription(reader, quarterly):
    with time_machine.travel(START, tick=False):
        return services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=quarterly))


@pytest.fixture
def browser(reader):
    client = Client()
    client.force_login(reader)
    return client


@pytest.fixture
def discount(quarterly):
    with time_machine.travel(START - timedelta(days=30), tick=False):
        offer = make_offer(quarterly, name="Stay with us", kind="percent", value=40)
    SaveOfferSettings(kind=SaveOfferKind.DISCOUNT, discount_offer=offer).save()
    return offer


def _form(page: str) -> dict:
    """The hidden fields of the cancel page, as a browser would post them."""
    seen = page.split('name="seen" value="', 1)[1].split('"', 1)[0]
    return {"seen": seen}


def test_cancel_is_two_clicks_from_the_account_page_and_asks_one_optional_question(browser, subscription):
    with time_machine.travel(LATER, tick=False):
        account = browser.get("/account/").text
        assert 'href="/account/cancel/"' in account and "Cancel subscription" in account
        page = browser.get("/account/cancel/").text
        assert "Why are you leaving? (optional)" in page
        for label in ("It is too expensive", "I am not reading enough", "I found my news elsewhere",
                      "A problem with the site", "I am taking a break", "Something else"):  # fmt: skip
            assert label in page
        assert "Cancel my subscription" in page and 'name="accept"' not in page  # no offer set

        done = browser.post("/account/cancel/", {**_form(page), "reason": "not_reading", "cancel": "1"}, follow=True).text

    assert "You can read everything until 30 April 2026, and you will not be charged again." in done
    assert "<dt>Access until</dt><dd>30 April 2026</dd>" in done
    subscription.refresh_from_db()
    assert subscription.status == S.CANCELLING
    assert CancelAnswer.objects.get().reason == "not_reading"


def test_the_offer_and_the_cancel_button_are_on_the_same_page_and_declining_cancels(browser, subscription, discount):
    with time_machine.travel(LATER, tick=False):
        page = browser.get("/account/cancel/").text
        assert "Stay with us: your next renewal for ₹540" in page
        assert "costs ₹540 instead of ₹900, once" in page
        assert '<button type="submit" name="cancel" value="1">Cancel my subscription</button>' in page
        assert "Stay for ₹540</button>" in page

        done = browser.post("/account/cancel/", {**_form(page), "cancel": "1"}, follow=True).text

    assert "You can read everything until 30 April 2026" in done
    answer = CancelAnswer.objects.get()
    assert (answer.offer_shown, answer.offer, answer.outcome) == (SaveOfferKind.DISCOUNT, discount, CancelOutcome.CANCELLED)


def test_taking_the_discount_keeps_the_subscription_and_the_account_page_says_so(browser, subscription, discount):
    with time_machine.travel(LATER, tick=False):
        page = browser.get("/account/cancel/").text
        key = page.split('name="accept" value="', 1)[1].split('"', 1)[0]
        done = browser.post(
            "/account/cancel/", {**_form(page), "accept": key, "reason": "too_expensive", "text": "Pricey"}, follow=True
        ).text
        assert "You are staying with us: your next renewal, on 30 April 2026, is ₹540 instead of ₹900, this once." in done
        assert "<dt>Discount</dt><dd>Stay with us: your next renewal is ₹540 instead of ₹900, this once</dd>" in done
        assert "<dt>Next renewal</dt><dd>30 April 2026, ₹540</dd>" in done

        again = browser.post("/account/cancel/", {**_form(page), "accept": key}, follow=True).text
        assert "You have already taken this offer: your next renewal is ₹540." in again
        # A second visit to the cancel page offers nothing more, and still cancels.
        assert 'name="accept"' not in browser.get("/account/cancel/").text

    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.renewal_price.minor == 540_00
    answer = CancelAnswer.objects.get()
    assert (answer.reason, answer.text, answer.outcome) == ("too_expensive", "Pricey", CancelOutcome.OFFER_ACCEPTED)


def test_pause_instead_is_offered_and_taken_from_the_cancel_page(browser, subscription):
    SaveOfferSettings(kind=SaveOfferKind.PAUSE, pause_months=1).save()
    with time_machine.travel(LATER, tick=False):
        page = browser.get("/account/cancel/").text
        assert "Or: Pause for 1 month instead" in page
        done = browser.post("/account/cancel/", {**_form(page), "accept": "pause-1"}, follow=True).text
    assert "your subscription is paused from 30 April 2026 to 30 May 2026" in done
    subscription.refresh_from_db()
    assert subscription.status == S.PAUSED


def test_a_forged_offer_is_refused_and_nothing_changes(browser, subscription, discount):
    with time_machine.travel(LATER, tick=False):
        page = browser.get("/account/cancel/").text
        done = browser.post("/account/cancel/", {**_form(page), "accept": f"discount-{discount.pk}-100"}, follow=True).text
    assert "That offer is not available to you now. Nothing was changed." in done
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.save_offer_id is None and not CancelAnswer.objects.exists()


def test_taking_the_offer_after_cancelling_in_another_tab_says_so_and_changes_nothing(browser, subscription, discount):
    with time_machine.travel(LATER, tick=False):
        first_tab = browser.get("/account/cancel/").text
        second_tab = browser.get("/account/cancel/").text
        browser.post("/account/cancel/", {**_form(first_tab), "cancel": "1"})
        key = second_tab.split('name="accept" value="', 1)[1].split('"', 1)[0]
        done = browser.post("/account/cancel/", {**_form(second_tab), "accept": key}, follow=True).text
    assert "was cancelled already (perhaps in another window), so the offer was not applied" in done
    subscription.refresh_from_db()
    assert subscription.status == S.CANCELLING and subscription.save_offer_id is None
    assert CancelAnswer.objects.count() == 1


def test_a_note_too_long_is_refused_on_the_page_and_nothing_changes(browser, subscription):
    with time_machine.travel(LATER, tick=False):
        page = browser.get("/account/cancel/").text
        response = browser.post("/account/cancel/", {**_form(page), "cancel": "1", "text": "x" * 501, "reason": "other"})
    assert response.status_code == 200 and "at most 500 characters" in response.text
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and not CancelAnswer.objects.exists()


def test_a_trial_gets_the_question_and_no_offer(browser, reader, discount):
    trial_plan = make_plan(name="Trial Quarterly", price_minor=900_00, term_months=3, trial_days=14)
    discount.plans.add(trial_plan)
    with time_machine.travel(START, tick=False):
        trial = services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=trial_plan))
    with time_machine.travel(START + timedelta(days=2), tick=False):
        page = browser.get("/account/cancel/").text
        assert "Why are you leaving?" in page and 'name="accept"' not in page
        done = browser.post("/account/cancel/", {**_form(page), "cancel": "1"}, follow=True).text
    assert "Your trial is cancelled" in done
    trial.refresh_from_db()
    assert trial.status == S.CANCELLING


def test_a_complimentary_subscription_has_no_cancel_page(browser, reader, quarterly):
    services.subscription_grant_comp(user=reader, plan=quarterly, months=3)
    assert "Cancel subscription" not in browser.get("/account/").text
    response = browser.post("/account/cancel/", {"cancel": "1"})
    assert response.status_code == 302 and not CancelAnswer.objects.exists()
