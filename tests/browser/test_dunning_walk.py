"""A renewal declined, the e-mail read, its card link followed: the reader
logs in, saves a good card and the renewal is paid at once.

Stripe does not retry India-issued cards on its own; this walk is the
billing clock's dunning, as a reader meets it, through a real mail server
and Stripe.js served by localstripe."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing
from masthead.subscriptions.models import RenewalNotice, SubscriptionStatus
from masthead.testing.stripe import DECLINED_CARD, GOOD_CARD, register_localstripe_webhook, save_card, subscribe
from masthead.testing.subscriptions import make_plan

from .conftest import PHONE, fill_card
from .test_renewal_walk import _local

pytestmark = pytest.mark.django_db(transaction=True)
S = SubscriptionStatus
PASSWORD = "a very long passphrase 42"


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_reader_whose_renewal_failed_pays_it_from_the_mailed_link(
    browser, live_server, localstripe, smtp, jobs_inline, django_user_model, artifacts
):
    register_localstripe_webhook(localstripe, live_server.url + "/payments/stripe/webhook/")
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    reader = django_user_model.objects.create_user(username="meera", email="meera@example.test", password=PASSWORD)
    subscription = subscribe(reader, plan)

    # The term ended two hours ago; the notice went out the day before; the card now declines.
    save_card(reader, DECLINED_CARD)
    now = timezone.now()
    subscription.term_end = now - timedelta(hours=2)
    subscription.save(update_fields=["term_end"])
    RenewalNotice.objects.create(
        subscription=subscription, term_number=2, amount_minor=900_00,
        charge_on=now - timedelta(hours=1), sent_at=now - timedelta(hours=30),
    )  # fmt: skip
    billing.subscription_clock_run(subscription=subscription)
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE

    (failed,) = [m for m in smtp.for_address(reader.email) if "did not go through" in m["Subject"]]
    body = _body(failed)
    assert "Update your card here, and we will take the payment straight away:" in body
    link = re.search(r"https://news\.example\.test(/account/card/\?link=\S+)", body).group(1)

    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        # Opened from the mail, not signed in: log in, and land back on the card page.
        page.goto(live_server.url + link)
        page.wait_for_url("**/accounts/login/**")
        page.fill("input[name=login]", reader.email)
        page.fill("input[name=password]", PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/account/card/**")
        assert page.get_by_role("heading", name="Change your card").is_visible()

        fill_card(page, GOOD_CARD)
        page.get_by_role("button", name="Save card").tap()
        page.wait_for_url("**/account/")
        subscription.refresh_from_db()
        assert subscription.status == S.ACTIVE and subscription.term_number == 2
        runs_to = _local(subscription.term_end, "j F Y")
        message = " ".join(page.locator(".messages").inner_text().split())
        assert message == f"Your new card is saved. Paid: ₹900, your subscription runs to {runs_to}."
        facts = " ".join(page.locator("dl.facts").inner_text().split())
        assert "Status Active" in facts and f"Next renewal {runs_to}, ₹900" in facts
        page.screenshot(path=artifacts / "walk-dunning-paid-phone.png", full_page=True)
    finally:
        context.close()

    paid = Payment.objects.get(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED)
    assert paid.attempt == 2  # the clock's declined try was 1
    receipts = [m for m in smtp.for_address(reader.email) if "Your receipt" in m["Subject"]]
    assert any("₹900" in m["Subject"] for m in receipts)
