"""A free trial in Chromium, on a phone and a desktop: the card is saved
through Stripe.js served by localstripe, the account page shows the trial,
and with the clock moved on, the pre-debit notice arrives by real SMTP and the
first term is charged at the trial's end, with its tax invoice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.invoicing.models import Invoice
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.newsroom import make_article
from masthead.testing.stripe import GOOD_CARD, register_localstripe_webhook
from masthead.testing.subscriptions import make_plan

from .conftest import DESKTOP, PHONE, fill_card, signed_in

pytestmark = pytest.mark.django_db(transaction=True)
S = SubscriptionStatus
PASSWORD = "a very long passphrase 42"
PAYWALL = "Subscribe now for unlimited access."


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y}"


def test_a_free_trial_is_saved_announced_and_charged_when_it_ends(
    browser, live_server, localstripe, smtp, artifacts, django_user_model
):
    register_localstripe_webhook(localstripe, live_server.url + "/payments/stripe/webhook/")
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, trial_days=14)
    story = make_article(is_premium=True, headline="Inside the rate decision", published_ago=timedelta(hours=2))
    reader = django_user_model.objects.create_user(username="tara", email="tara@example.test", password=PASSWORD)
    phone_context = signed_in(browser, live_server, reader, viewport=PHONE)
    page = phone_context.new_page()

    page.goto(live_server.url + "/subscribe/")
    assert "14 days free, then ₹900 every 3 months" in page.locator("main").inner_text()
    page.get_by_role("link", name="Choose Smart Quarterly").click()
    page.wait_for_url("**/subscribe/smart-quarterly/")
    assert "14 days free, then ₹900 every 3 months" in page.locator("main").inner_text()
    page.fill("input[name=name]", "Tara Menon")
    page.select_option("select[name=state_code]", "27")
    page.get_by_role("button", name="Continue to payment").click()
    page.wait_for_url("**/subscribe/pay/")
    trial_ends = timezone.now() + timedelta(days=14)
    intro = page.locator(".page-header__intro").inner_text()
    assert "₹0 today" in intro and f"then ₹900 on {_day(trial_ends)}" in intro
    page.screenshot(path=artifacts / "trial-pay-phone.png", full_page=True)
    fill_card(page, GOOD_CARD)
    page.get_by_role("button", name="Start my free trial").click()
    page.wait_for_url("**/subscribe/welcome/")
    assert "Your Smart Quarterly trial is active" in page.content()

    subscription = Subscription.objects.get(user=reader)
    assert subscription.status == S.ACTIVE and subscription.term_number == 0
    assert not Payment.objects.filter(subscription=subscription).exists()
    page.goto(live_server.url + story.get_absolute_url())
    assert PAYWALL not in page.content()
    page.goto(live_server.url + "/account/")
    assert f"Trial until {_day(subscription.term_end)}, then ₹900 every 3 months" in page.locator("main").inner_text()
    page.screenshot(path=artifacts / "trial-account-phone.png", full_page=True)
    phone_context.close()

    # Two days before the trial ends: the pre-debit notice, by mail.
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    (notice,) = smtp.for_address(reader.email)
    assert "trial" in notice["Subject"]
    body = notice.get_body(("plain",)).get_content()
    assert "we will charge ₹900" in body and _day(end) in body
    assert not Payment.objects.filter(subscription=subscription).exists()

    # The trial's end: the first term is charged, and invoiced.
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 1 and subscription.term_start == end
    (payment,) = Payment.objects.filter(subscription=subscription)
    assert payment.status == PaymentStatus.SUCCEEDED and payment.amount_minor == 900_00 and payment.term_number == 1
    invoice = Invoice.objects.get(payment=payment)

    desktop_context = signed_in(browser, live_server, reader, viewport=DESKTOP)
    page = desktop_context.new_page()
    page.goto(live_server.url + "/account/")
    account = page.locator("main").inner_text()
    assert "Trial until" not in account and "Next renewal" in account
    assert invoice.number in account
    page.screenshot(path=artifacts / "trial-charged-account-desktop.png", full_page=True)
    desktop_context.close()
