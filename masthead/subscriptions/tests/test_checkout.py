"""Checkout against localstripe over real HTTP with the official Stripe SDK."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_code_new, gift_redeem
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.billing import checkout
from masthead.subscriptions.models import Subscription, SubscriptionStatus, TrialUse
from masthead.testing.newsroom import make_article
from masthead.testing.stripe import DECLINED_CARD, GOOD_CARD, confirm_card
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="buyer", email="buyer@example.test", password="a long password here")


@pytest.fixture
def browser(reader):
    client = Client()
    client.force_login(reader)
    return client


@pytest.fixture
def quarterly():
    return make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)


def _checkout(browser, plan, card, **form):
    details = {"name": "Asha Rao", "state_code": "27", "gstin": ""} | form
    assert browser.post(f"/subscribe/{plan.slug}/", details).status_code == 302
    pay_page = browser.get("/subscribe/pay/").text
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', pay_page).group(1)
    confirm_card(setup_id, card)
    return browser.post("/subscribe/pay/confirm/", {"setup_id": setup_id}, follow=True)


def test_a_reader_subscribes_and_reads_premium_at_once(localstripe, browser, reader, quarterly):
    premium = make_article(is_premium=True)
    assert "Subscribe now for unlimited access." in browser.get(premium.get_absolute_url()).text

    welcome = _checkout(browser, quarterly, GOOD_CARD)

    assert "Your Smart Quarterly subscription is active" in welcome.text
    subscription = Subscription.objects.get(user=reader)
    assert subscription.status == S.ACTIVE and subscription.price_minor == 900_00
    payment = Payment.objects.get(subscription=subscription)
    assert payment.status == PaymentStatus.SUCCEEDED and payment.amount_minor == 900_00
    assert payment.provider_payment_id.startswith("pi_")
    assert "Subscribe now for unlimited access." not in browser.get(premium.get_absolute_url()).text
    account = browser.get("/account/").text
    # The date as the reader's page gives it: in the publication's time zone.
    assert "₹900" in account and f"{local_date(subscription.term_end):%-d %B %Y}" in account


def test_a_declined_card_says_so_and_creates_no_active_subscription(localstripe, browser, reader, quarterly):
    response = _checkout(browser, quarterly, DECLINED_CARD)
    assert "Your card was declined. No money was taken. Please try another card." in response.text
    subscription = Subscription.objects.get(user=reader)
    assert subscription.status == S.PENDING
    assert Payment.objects.get(subscription=subscription).status == PaymentStatus.FAILED

    # Another card then works, as a new attempt.
    welcome = _checkout(browser, quarterly, GOOD_CARD)
    assert "is active" in welcome.text
    assert Subscription.objects.get(user=reader, status=S.ACTIVE).payments.filter(status=PaymentStatus.SUCCEEDED).count() == 1


def test_a_forged_price_or_plan_in_the_form_changes_nothing(localstripe, browser, reader, quarterly):
    make_plan(name="Super Saver", slug="super-saver", price_minor=3_900_00, term_months=24)
    browser.post("/subscribe/smart-quarterly/", {"name": "A", "state_code": "27", "price_minor": "100", "plan": "super-saver", "amount": "1"})
    subscription = Subscription.objects.get(user=reader)
    assert (subscription.plan, subscription.price_minor, subscription.term_months) == (quarterly, 900_00, 3)


def test_unknown_or_withdrawn_plans_are_refused_clearly(browser, quarterly):
    assert browser.get("/subscribe/no-such-plan/").status_code == 404
    quarterly.is_active = False
    quarterly.save()
    response = browser.post("/subscribe/smart-quarterly/", {"name": "A", "state_code": "27"})
    assert response.status_code == 404
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("signed_in", [True, False])
def test_an_address_without_a_plan_says_so_and_offers_the_plans(browser, client, quarterly, signed_in):
    make_plan(name="Old Offer", slug="old-offer", is_active=False)
    reader = browser if signed_in else client
    for path, why in (("/subscribe/nope/", "We have no plan at that address."), ("/subscribe/old-offer/", "That plan is no longer on sale.")):
        response = reader.get(path)
        assert response.status_code == 404
        intro = re.search(r'<p class="page-header__intro">(.*?)</p>', response.text, flags=re.S).group(1)
        assert re.sub(r"<.*?>", "", intro) == f"{why} See our plans."
        assert '<a href="/subscribe/">See our plans</a>' in intro
        assert "<h1>No such plan</h1>" in response.text and "The story may have moved" not in response.text
        assert "Choose Smart Quarterly" in response.text


def test_checkout_asks_for_a_login_first(client, quarterly):
    response = client.get("/subscribe/smart-quarterly/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/subscribe/smart-quarterly/"


def test_a_gstin_must_match_the_state(browser, quarterly):
    response = browser.post("/subscribe/smart-quarterly/", {"name": "Firm", "state_code": "29", "gstin": "27AAAAA0000A1Z5"})
    assert "The GSTIN’s first two digits must be your state’s code." in response.text or "first two digits" in response.text
    assert not Subscription.objects.exists()


def _setup_id(page: str) -> str:
    return re.search(r'name="setup_id" value="([^"]+)"', page).group(1)


def test_reloading_the_payment_page_offers_the_same_card_form(localstripe, browser, quarterly):
    """Five reloads, one SetupIntent; only a posted form makes the next one."""
    assert browser.post(f"/subscribe/{quarterly.slug}/", {"name": "Asha Rao", "state_code": "27"}).status_code == 302
    seen = {_setup_id(browser.get("/subscribe/pay/").text) for _ in range(5)}
    assert len(seen) == 1
    (setup_id,) = seen
    confirm_card(setup_id, DECLINED_CARD)
    declined = browser.post("/subscribe/pay/confirm/", {"setup_id": setup_id}, follow=True)
    assert "declined" in declined.text
    assert _setup_id(declined.text) != setup_id  # that card is used up: a new form for the next one


def test_a_card_form_of_another_reader_is_not_reused(localstripe, browser, quarterly, django_user_model):
    other = django_user_model.objects.create_user(username="other", email="other@example.test", password="x" * 20)
    other_browser = Client()
    other_browser.force_login(other)
    for client in (browser, other_browser):
        assert client.post(f"/subscribe/{quarterly.slug}/", {"name": "Asha Rao", "state_code": "27"}).status_code == 302
    mine = _setup_id(browser.get("/subscribe/pay/").text)
    theirs = _setup_id(other_browser.get("/subscribe/pay/").text)
    assert mine != theirs
    # Even with the other reader's id planted in my session, my form is my own.
    session = browser.session
    session["masthead_checkout_form"] = {"subscription": Subscription.objects.get(user__username="buyer").pk, "id": theirs}
    session.save()
    assert _setup_id(browser.get("/subscribe/pay/").text) not in {theirs}


@pytest.mark.parametrize("trial_price_minor", [None, 1_00], ids=["full-price", "token-trial"])
def test_a_checkout_a_gift_replaced_while_the_reader_was_paying_is_not_charged(
    localstripe, browser, reader, django_user_model, django_capture_on_commit_callbacks, monkeypatch, trial_price_minor
):
    """The reader pressed Pay; a gift they had redeemed in another tab a moment
    earlier replaced the checkout. Nothing is charged (rather than charged and
    given back), the reader is told so, and the gift's subscription stands."""
    trial = {"trial_days": 14, "trial_price_minor": trial_price_minor} if trial_price_minor else {}
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, **trial)
    friend = django_user_model.objects.create_user(username="friend", email="friend@example.test", password="x" * 20)
    now = timezone.now()
    gift = GiftSubscription.objects.create(
        buyer=friend, plan=plan, term_months=3, price_minor=900_00, recipient_name="Asha", recipient_email=reader.email,
        send_on=local_date(now), code=gift_code_new(), status=GiftSubscriptionStatus.SENT, paid_at=now, sent_at=now,
    )  # fmt: skip
    real = checkout.payment_take

    def redeemed_a_moment_before(**kwargs):
        gift_redeem(code=gift.code, user=reader)
        return real(**kwargs)

    monkeypatch.setattr(checkout, "payment_take", redeemed_a_moment_before)
    with django_capture_on_commit_callbacks(execute=True):
        answer = _checkout(browser, plan, GOOD_CARD)

    assert not Payment.objects.filter(subscription__user=reader).exists(), list(
        Payment.objects.values_list("charge_key", "status", "note")
    )
    assert "nothing was charged" in answer.text
    assert Subscription.objects.get(user=reader, status=S.GIFT)
    assert not TrialUse.objects.filter(user=reader).exists()
