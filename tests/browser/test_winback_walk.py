"""A win-back offer walked in Chromium: the job mails a reader whose paid
subscription ended 30 days ago (a real SMTP inbox); the reader follows the
mail's link signed out, sees the offer's price, logs in on the way to
checkout, pays the offer's price on Stripe.js served by localstripe, and
the send records its open and the return."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import Subscription, SubscriptionStatus, WinbackSend, WinbackSettings
from masthead.subscriptions.winback import winback_send_due
from masthead.testing.stripe import GOOD_CARD, register_localstripe_webhook
from masthead.testing.subscriptions import make_offer, make_plan

from .conftest import PHONE, fill_card

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a very long passphrase 42"
OFFER_PRICE = "₹450 for your first 3 months, then ₹900 every 3 months"


@pytest.fixture
def lapsed_reader(localstripe, live_server, django_user_model):
    register_localstripe_webhook(localstripe, live_server.url + "/payments/stripe/webhook/")
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, position=1)
    offer = make_offer(plan, name="Come back offer", starts_at=timezone.now() - timedelta(days=60))
    WinbackSettings(is_on=True, offer=offer, days_after=30).save()
    reader = django_user_model.objects.create_user(
        username="nila", email="nila@example.test", password=PASSWORD, first_name="Nila", last_name="Rao"
    )
    ended = timezone.now() - timedelta(days=30, hours=2)
    subscription = Subscription.objects.create(
        user=reader, plan=plan, status=SubscriptionStatus.LAPSED, price_minor=900_00, term_months=3, term_number=2,
        started_at=ended - timedelta(days=190), term_start=ended - timedelta(days=95), term_end=ended, ended_at=ended,
    )  # fmt: skip
    Payment.objects.create(
        subscription=subscription, term_number=1, charge_key="earlier-term-1", provider="stripe", amount_minor=900_00,
        status=PaymentStatus.SUCCEEDED, succeeded_at=ended - timedelta(days=190),
    )  # fmt: skip
    return reader


def _main(page) -> str:
    return " ".join(page.locator("main").inner_text().split())


def test_a_lapsed_reader_follows_the_mailed_offer_and_comes_back_at_its_price(
    browser, live_server, lapsed_reader, smtp, settings, artifacts
):
    settings.MASTHEAD_SITE_URL = live_server.url  # the mail's links lead to this server
    assert winback_send_due() == 1
    (message,) = smtp.for_address("nila@example.test")
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Dear Nila Rao," in body and f"Smart Quarterly: {OFFER_PRICE}" in " ".join(body.split())
    link = re.search(re.escape(live_server.url) + r"/subscribe/back/\S+/", body).group(0)

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(link)
    page.wait_for_url("**/subscribe/offer/**")
    assert OFFER_PRICE in _main(page)
    assert WinbackSend.objects.get(user=lapsed_reader).opened_at is not None
    page.screenshot(path=artifacts / "winback-offer-phone.png", full_page=True)

    page.get_by_role("link", name="Choose Smart Quarterly").click()
    page.wait_for_url("**/accounts/login/**")
    page.fill("input[name=login]", "nila@example.test")
    page.fill("input[name=password]", PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url("**/subscribe/smart-quarterly/**")
    assert f"Come back offer: {OFFER_PRICE}" in _main(page)
    page.fill("input[name=name]", "Nila Rao")
    page.select_option("select[name=state_code]", "27")
    page.get_by_role("button", name="Continue to payment").click()
    page.wait_for_url("**/subscribe/pay/")
    assert "₹450 today" in _main(page)
    fill_card(page, GOOD_CARD)
    page.get_by_role("button", name="Pay ₹450").click()
    page.wait_for_url("**/subscribe/welcome/")
    page.screenshot(path=artifacts / "winback-welcome-phone.png", full_page=True)

    back = Subscription.objects.get(user=lapsed_reader, status=SubscriptionStatus.ACTIVE)
    assert back.payments.get().amount_minor == 450_00
    send = WinbackSend.objects.get(user=lapsed_reader)
    assert send.returned_with == back and send.returned_at is not None
    # The link again: the first open stays the one counted.
    opened = send.opened_at
    page.goto(link)
    send.refresh_from_db()
    assert send.opened_at == opened
    context.close()
