"""A reader subscribes in Chromium, paying through Stripe.js served by localstripe."""

from datetime import timedelta

import pytest

from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.newsroom import make_article
from masthead.testing.stripe import register_localstripe_webhook
from masthead.testing.subscriptions import make_plan

from .conftest import confirm_mailed_code, fill_card

pytestmark = pytest.mark.django_db(transaction=True)
PAYWALL = "Subscribe now for unlimited access."


def _sign_up_and_choose(page, live_server, email):
    page.goto(live_server.url + "/subscribe/")
    page.get_by_role("link", name="Choose Smart Quarterly").click()
    # Checkout needs an account: the login page offers sign-up, and comes back here.
    page.wait_for_url("**/accounts/login/**")
    page.get_by_role("link", name="Sign up").click()
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", "a very long passphrase 42")
    page.fill("input[name=password2]", "a very long passphrase 42")
    page.get_by_role("button", name="Sign up").click()
    confirm_mailed_code(page, email)
    page.wait_for_url("**/subscribe/smart-quarterly/")
    page.fill("input[name=name]", "Meera Pillai")
    page.select_option("select[name=state_code]", "27")
    page.get_by_role("button", name="Continue to payment").click()
    page.wait_for_url("**/subscribe/pay/")


def _enter_card(page, number):
    fill_card(page, number)
    page.get_by_role("button", name="Pay ₹900").click()


@pytest.fixture
def shop(localstripe, live_server):
    register_localstripe_webhook(localstripe, live_server.url + "/payments/stripe/webhook/")
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, position=1)
    make_plan(name="Smart Essential", slug="smart-essential", price_minor=2_700_00, term_months=12, position=2)
    return make_article(is_premium=True, headline="Inside the rate decision", published_ago=timedelta(hours=2))


def test_a_reader_subscribes_reads_premium_and_cancels(page, live_server, shop, artifacts):
    _sign_up_and_choose(page, live_server, "meera@example.test")
    _enter_card(page, "4242424242424242")
    page.wait_for_url("**/subscribe/welcome/")
    assert "Your Smart Quarterly subscription is active" in page.content()

    page.goto(live_server.url + shop.get_absolute_url())
    assert PAYWALL not in page.content()
    assert page.locator(".article__body.article-gated").is_visible()

    page.goto(live_server.url + "/account/")
    subscription = Subscription.objects.get(user__email="meera@example.test")
    account = page.locator("main").inner_text()
    assert "₹900" in account and "Next renewal" in account
    assert subscription.term_end.astimezone().strftime("%-d %B %Y") in account or f"{subscription.term_end:%Y}" in account
    page.screenshot(path=artifacts / "account-desktop.png", full_page=True)

    page.get_by_role("link", name="Cancel subscription").click()
    page.get_by_role("button", name="Cancel my subscription").click()
    assert "You can read everything until" in page.locator(".messages").inner_text()
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CANCELLING

    page.goto(live_server.url + shop.get_absolute_url())
    assert PAYWALL not in page.content()  # still reading until the term ends


def test_a_declined_card_shows_a_clear_message_and_no_subscription(page, live_server, shop):
    _sign_up_and_choose(page, live_server, "ravi@example.test")
    _enter_card(page, "4000000000000341")
    page.wait_for_url("**/subscribe/pay/")
    assert "Your card was declined. No money was taken." in page.locator(".messages").inner_text()
    assert not Subscription.objects.filter(user__email="ravi@example.test", status=SubscriptionStatus.ACTIVE).exists()
    page.goto(live_server.url + shop.get_absolute_url())
    assert PAYWALL in page.content()


def test_a_reader_pays_from_the_paywall_and_continues_the_story(page, live_server, shop, artifacts, django_user_model):
    django_user_model.objects.create_user(username="kiran", email="kiran@example.test", password="a very long passphrase 42")
    page.goto(live_server.url + shop.get_absolute_url())
    paywall = page.locator(".paywall")
    assert PAYWALL in paywall.inner_text()
    paywall.get_by_role("link", name="Choose Smart Quarterly").click()
    # Logging in on the way keeps the story.
    page.wait_for_url("**/accounts/login/**")
    page.fill("input[name=login]", "kiran@example.test")
    page.fill("input[name=password]", "a very long passphrase 42")
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(f"**/subscribe/smart-quarterly/?story={shop.pk}")
    page.fill("input[name=name]", "Kiran Shah")
    page.select_option("select[name=state_code]", "27")
    page.get_by_role("button", name="Continue to payment").click()
    page.wait_for_url("**/subscribe/pay/")
    _enter_card(page, "4242424242424242")
    page.wait_for_url("**/subscribe/welcome/")
    page.screenshot(path=artifacts / "welcome-continue-reading.png", full_page=True)

    page.get_by_role("link", name="Continue reading “Inside the rate decision”").click()
    page.wait_for_url("**" + shop.get_absolute_url())
    assert PAYWALL not in page.content()
    assert page.locator(".article__body.article-gated").is_visible()
