"""A gift subscription in Chromium: bought through Stripe.js served by
localstripe, its e-mail read from a real SMTP server, redeemed by a new
reader (who signs up on the way) and by a subscriber (whose term grows)."""

import re

import pytest

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.invoicing.models import Invoice
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.subscriptions.services import term_end_after
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

from .conftest import DESKTOP, PHONE, signed_in

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a very long passphrase 42"


@pytest.fixture
def plans(localstripe):
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, position=1)
    annual = make_plan(name="Smart Annual", slug="smart-annual", price_minor=2_700_00, term_months=12, position=2)
    return quarterly, annual


def _enter_card(page, price):
    card = page.locator("#card-element")
    card.locator("input[placeholder=number]").fill("4242424242424242")
    card.locator("input[placeholder=exp_month]").fill("12")
    card.locator("input[placeholder=exp_year]").fill("34")
    card.locator("input[placeholder=cvc]").fill("123")
    card.locator("input[placeholder=postal_code]").fill("40001")
    page.get_by_role("button", name=f"Pay {price}").click()


def _buy_gift(page, live_server, *, recipient, email, screenshots=None):
    page.goto(live_server.url + "/gift/")
    page.get_by_label("Smart Annual: 1 year, ₹2,700").check()
    page.fill("input[name=recipient_name]", recipient)
    page.fill("input[name=recipient_email]", email)
    page.fill("textarea[name=message]", "Happy reading!")
    page.fill("input[name=name]", "Meera Iyer")
    page.select_option("select[name=state_code]", "29")
    if screenshots:
        page.screenshot(path=screenshots, full_page=True)
    page.get_by_role("button", name="Continue to payment").click()
    page.wait_for_url("**/gift/*/pay/")
    _enter_card(page, "₹2,700")
    page.wait_for_url(re.compile(r".*/gift/\d+/$"))
    assert "Thank you: your gift is paid" in page.content()


def _redeem_link(smtp, email):
    (message,) = smtp.for_address(email)
    body = message.get_body(("plain",)).get_content()
    return re.search(r"https://news\.example\.test(/gift/redeem/\?code=[A-Z0-9]+)", body).group(1)


def _mailed_sign_up_code(smtp, email):
    for message in smtp.for_address(email):
        body = message.get_body(("plain",)).get_content()
        found = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", body)
        if found and "/gift/redeem/" not in body:
            return found.group(1)
    raise AssertionError(f"no sign-up code mailed to {email}")


def test_a_gift_is_bought_then_redeemed_by_a_new_reader_and_by_a_subscriber(
    browser, live_server, smtp, plans, artifacts, django_user_model
):
    quarterly, _ = plans
    buyer = django_user_model.objects.create_user(username="meera", email="meera@example.test", password=PASSWORD)

    # The buyer, on a phone: the gift page needs an account, and comes back.
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/gift/")
    page.wait_for_url("**/accounts/login/**")
    page.fill("input[name=login]", "meera@example.test")
    page.fill("input[name=password]", PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url("**/gift/")
    _buy_gift(page, live_server, recipient="Ravi Kumar", email="ravi@example.test", screenshots=artifacts / "gift-buy-phone.png")
    page.screenshot(path=artifacts / "gift-bought-phone.png", full_page=True)
    gift = GiftSubscription.objects.get(recipient_email="ravi@example.test")
    assert gift.status == GiftSubscriptionStatus.SENT
    assert Invoice.objects.get(payment__gift=gift).buyer_name == "Meera Iyer"
    page.goto(live_server.url + "/account/")
    assert "ravi@example.test" in page.locator("main").inner_text()
    context.close()

    # Ravi, new here: the link from the e-mail, then sign-up, then redeem.
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + _redeem_link(smtp, "ravi@example.test"))
    assert page.locator("input[name=code]").input_value() == gift.code
    page.get_by_role("button", name="Redeem").click()
    page.wait_for_url("**/accounts/login/**")
    page.get_by_role("link", name="Sign up").click()
    page.fill("input[name=email]", "ravi@example.test")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/accounts/confirm-email/**")
    page.fill("input[name=code]", _mailed_sign_up_code(smtp, "ravi@example.test"))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/gift/redeem/**")
    page.screenshot(path=artifacts / "gift-redeem-phone.png", full_page=True)
    page.get_by_role("button", name="Redeem").click()
    page.wait_for_url("**/account/")
    ravi = Subscription.objects.get(user__email="ravi@example.test")
    assert ravi.status == SubscriptionStatus.GIFT
    account = page.locator("main").inner_text()
    assert "Gift, ends at the end of the term" in account
    assert f"{local_date(ravi.term_end):%-d %B %Y}" in account
    page.screenshot(path=artifacts / "gift-redeemed-phone.png", full_page=True)
    context.close()

    # A subscriber, on a desktop: a second gift lengthens their term.
    asha = django_user_model.objects.create_user(username="asha", email="asha@example.test", password=PASSWORD)
    subscription = subscribe(asha, quarterly)
    old_end = subscription.term_end
    context = signed_in(browser, live_server, buyer, viewport=DESKTOP)
    page = context.new_page()
    _buy_gift(page, live_server, recipient="Asha Rao", email="asha@example.test", screenshots=artifacts / "gift-buy-desktop.png")
    context.close()

    context = signed_in(browser, live_server, asha, viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + _redeem_link(smtp, "asha@example.test"))
    page.get_by_role("button", name="Redeem").click()
    page.wait_for_url("**/account/")
    subscription.refresh_from_db()
    new_end = term_end_after(old_end, 12)
    assert subscription.status == SubscriptionStatus.ACTIVE and subscription.term_end == new_end
    account = page.locator("main").inner_text()
    assert f"you read everything until {local_date(new_end):%-d %B %Y}" in account
    assert "Next renewal" in account and f"{local_date(old_end):%-d %B %Y}" not in account
    page.screenshot(path=artifacts / "gift-extended-desktop.png", full_page=True)
    context.close()
