"""An introductory offer walked in Chromium, on a phone and a desktop: the
offer's link, checkout, a card on Stripe.js served by localstripe, the
discounted first payment, the invoice with its discount, then the billing
clock run to the end of the term: the pre-debit notice (a real SMTP inbox)
and the renewal at the plan's full price."""

import html
from datetime import timedelta

import pytest
from django.utils import dateformat, timezone

from masthead.invoicing.models import Invoice
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.stripe import GOOD_CARD, register_localstripe_webhook
from masthead.testing.subscriptions import make_offer, make_plan

from .conftest import DESKTOP, PHONE, fill_card, signed_in

pytestmark = pytest.mark.django_db(transaction=True)
OFFER_PRICE = "₹450 for your first 3 months, then ₹900 every 3 months"


@pytest.fixture
def shop(localstripe, live_server):
    register_localstripe_webhook(localstripe, live_server.url + "/payments/stripe/webhook/")
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, position=1)
    make_plan(name="Smart Essential", slug="smart-essential", price_minor=2_700_00, term_months=12, position=2)
    return make_offer(plan, name="Welcome offer", code="WELCOME50", max_redemptions=100)


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(
        username="meera", email="meera@example.test", password="a very long passphrase 42", first_name="Meera", last_name="Pillai"
    )


def _main(page) -> str:
    return " ".join(page.locator("main").inner_text().split())


def _local(moment, format_string) -> str:
    return dateformat.format(timezone.localtime(moment), format_string)


def _pay_and_welcome(page, artifacts, name):
    page.wait_for_url("**/subscribe/pay/")
    assert "₹450 today" in _main(page) and "then ₹900 every 3 months (the plan's price from" in _main(page)
    page.screenshot(path=artifacts / f"offer-pay-{name}.png", full_page=True)
    fill_card(page, GOOD_CARD)
    page.get_by_role("button", name="Pay ₹450").click()
    page.wait_for_url("**/subscribe/welcome/")
    page.screenshot(path=artifacts / f"offer-welcome-{name}.png", full_page=True)


def _invoice_shows_the_discount(page, live_server, subscription, artifacts, name):
    invoice = Invoice.objects.get(payment__subscription=subscription, payment__term_number=1)
    page.goto(live_server.url + invoice.get_absolute_url())
    text = _main(page)
    assert "Less discount: Welcome offer, term 1 of 1" in text and "−₹381.35" in text
    assert "Taxable value (after discount) ₹381.36" in text and "Total ₹450.00" in text
    page.screenshot(path=artifacts / f"offer-invoice-{name}.png", full_page=True)


def test_on_a_phone_an_offer_link_pays_450_then_the_clock_renews_at_900(
    browser, live_server, shop, reader, smtp, artifacts
):
    context = signed_in(browser, live_server, reader, viewport=PHONE)
    phone = context.new_page()
    phone.goto(live_server.url + "/subscribe/offer/WELCOME50/")
    assert OFFER_PRICE in _main(phone) and "Smart Essential" not in _main(phone)
    phone.screenshot(path=artifacts / "offer-link-phone.png", full_page=True)
    # Nothing is wider than the phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    phone.get_by_role("link", name="Choose Smart Quarterly").click()
    phone.wait_for_url("**/subscribe/smart-quarterly/")
    assert f"Welcome offer: {OFFER_PRICE}" in _main(phone)
    phone.fill("input[name=name]", "Meera Pillai")
    phone.select_option("select[name=state_code]", "27")
    phone.get_by_role("button", name="Continue to payment").click()
    _pay_and_welcome(phone, artifacts, "phone")

    subscription = Subscription.objects.get(user=reader)
    renews = _local(subscription.term_end, "j F Y")
    welcome = html.unescape(_main(phone))
    assert f"Your subscription renews on {renews} for ₹900" in welcome
    assert f"From {renews} each renewal is at the plan's price, ₹900." in welcome
    (first,) = Payment.objects.filter(subscription=subscription)
    assert (first.status, first.amount_minor) == (PaymentStatus.SUCCEEDED, 450_00)
    _invoice_shows_the_discount(phone, live_server, subscription, artifacts, "phone")

    # The billing clock, run two days before the term ends, then just after it.
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    (notice,) = [m for m in smtp.for_address("meera@example.test") if "renews on" in m["Subject"]]
    body = notice.get_body(preferencelist=("plain",)).get_content()
    assert "we will charge ₹900 to the card you saved" in body
    assert "this renewal is at the plan's full price, ₹900, up from the ₹450" in " ".join(body.split())
    billing.billing_clock_tick(now=end + timedelta(minutes=1))

    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE and subscription.term_number == 2
    renewal = Payment.objects.get(subscription=subscription, term_number=2)
    assert (renewal.status, renewal.amount_minor) == (PaymentStatus.SUCCEEDED, 900_00)
    renewal_invoice = Invoice.objects.get(payment=renewal)
    assert (renewal_invoice.total_minor, renewal_invoice.discount_minor) == (900_00, 0)
    phone.goto(live_server.url + "/account/")
    payments = " ".join(phone.locator("table.payments tbody").inner_text().split())
    assert payments.count("₹450") == 1 and payments.count("₹900") == 1
    assert f"Next renewal {_local(subscription.term_end, 'j F Y')}, ₹900" in _main(phone)
    phone.screenshot(path=artifacts / "offer-account-after-renewal-phone.png", full_page=True)
    context.close()


def test_on_a_desktop_a_code_typed_at_checkout_is_applied_before_paying(browser, live_server, shop, reader, artifacts):
    context = signed_in(browser, live_server, reader, viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + "/subscribe/smart-quarterly/")
    assert "₹900 for 3 months" in _main(page)
    page.fill("input[name=name]", "Meera Pillai")
    page.select_option("select[name=state_code]", "29")
    page.fill("input[name=code]", "nosuch")
    page.get_by_role("button", name="Apply").click()
    assert page.locator("#code-error").inner_text() == "We do not know that code. Check it and try again."
    page.fill("input[name=code]", "welcome50")
    page.get_by_role("button", name="Apply").click()
    assert "Code WELCOME50 applied: Welcome offer." in _main(page)
    assert f"Welcome offer: {OFFER_PRICE}" in _main(page)
    assert page.input_value("input[name=name]") == "Meera Pillai"  # kept across Apply
    page.screenshot(path=artifacts / "offer-checkout-desktop.png", full_page=True)
    page.get_by_role("button", name="Continue to payment").click()
    _pay_and_welcome(page, artifacts, "desktop")
    subscription = Subscription.objects.get(user=reader)
    assert subscription.offer_price_minor == 450_00
    invoice = Invoice.objects.get(payment__subscription=subscription)
    assert invoice.igst_minor == 68_64 and invoice.cgst_minor == 0  # Karnataka: IGST on ₹381.36
    _invoice_shows_the_discount(page, live_server, subscription, artifacts, "desktop")
    context.close()
