"""Changing plan in Chromium, against localstripe and a real SMTP server:
one subscriber upgrades from the account page, sees the charge and the
credit note for the unused days and opens it; another switches to a cheaper
plan at the renewal, sees the day, keeps their plan, switches again, and
with the clock past the renewal is charged the new plan's price."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.invoicing.models import CreditNote
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.stripe import register_localstripe_webhook, subscribe
from masthead.testing.subscriptions import make_smart_plans

from .conftest import PHONE, blocking_accessibility_violations, signed_in

pytestmark = pytest.mark.django_db(transaction=True)
S = SubscriptionStatus


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y}"



def _facts(page) -> str:
    return " ".join(page.locator("dl.facts").inner_text().split())


@pytest.fixture
def plans():
    return make_smart_plans()


def test_a_subscriber_upgrades_now_and_finds_the_credit_note(browser, live_server, localstripe, smtp, artifacts, django_user_model, plans):
    register_localstripe_webhook(localstripe, live_server.url + "/payments/stripe/webhook/")
    reader = django_user_model.objects.create_user(username="uma", email="uma@example.test", password="a long password here")
    subscription = subscribe(reader, plans["quarterly"])
    days = (local_date(subscription.term_end) - local_date(subscription.term_start)).days

    context = signed_in(browser, live_server, reader, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/account/")
    page.get_by_role("link", name="Change plan").click()
    page.wait_for_url("**/account/plan/")
    # Upgraded on the term's first day: every day of it is credited.
    offer = f"Upgrade now: ₹1,800 today (₹900 credit for the {days} unused days of your current plan), then ₹2,700 every year"
    assert offer in page.content()
    assert f"Switch at renewal on {_day(subscription.term_end)}: then ₹300 every month" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=artifacts / "plan-change-phone.png", full_page=True)
    assert blocking_accessibility_violations(page) == []
    page.get_by_role("link", name="Choose Smart Yearly").click()
    page.wait_for_url("**/account/plan/smart-yearly/")
    assert blocking_accessibility_violations(page) == []
    page.get_by_role("button", name="Upgrade and pay ₹1,800").click()
    page.wait_for_url("**/account/")

    note = CreditNote.objects.get()
    assert "You are now on Smart Yearly: ₹1,800 is paid (₹900 credited" in page.content()
    assert "Smart Yearly (₹2,700 for 1 year)" in _facts(page)
    payments = page.locator("table.payments").inner_text()
    assert "₹1,800" in payments and "₹900" in payments
    page.get_by_role("link", name="All invoices").click()
    page.wait_for_url("**/account/invoices/")
    rows = page.locator("main table tbody tr")
    assert "−₹900.00" in page.locator("tr.invoice-lines__credit").inner_text()
    assert rows.count() == 3  # the upgrade's invoice, the first term's, its credit note
    page.get_by_role("link", name=note.number, exact=True).click()
    page.wait_for_url(f"**/account/credit-notes/{note.slug}/")
    credit_page = page.content()
    assert note.number in credit_page and "Unused days credited on a plan upgrade" in credit_page
    # On a phone every label stays readable (whole words, not a letter a line)
    # and the credit note's number is never broken.
    label_widths = page.locator("dl.facts dt").evaluate_all("dts => dts.map(dt => dt.getBoundingClientRect().width)")
    assert min(label_widths) >= 80, label_widths
    number_lines = page.locator("dl.facts dd").first.evaluate(
        "dd => { const range = document.createRange(); range.selectNodeContents(dd); return range.getClientRects().length; }"
    )
    assert number_lines == 1
    page.screenshot(path=artifacts / "plan-change-credit-note-phone.png", full_page=True)
    context.close()
    subscription.refresh_from_db()
    assert subscription.plan.slug == "smart-yearly" and subscription.term_number == 2


def test_a_subscriber_switches_at_renewal_keeps_their_plan_switches_again_and_is_charged_the_new_price(
    browser, live_server, localstripe, smtp, artifacts, django_user_model, plans
):
    register_localstripe_webhook(localstripe, live_server.url + "/payments/stripe/webhook/")
    reader = django_user_model.objects.create_user(username="dev", email="dev@example.test", password="a long password here")
    subscription = subscribe(reader, plans["quarterly"])
    end = subscription.term_end

    def switch(page):
        page.goto(live_server.url + "/account/plan/")
        page.get_by_role("link", name="Choose Smart Monthly").click()
        page.get_by_role("button", name="Switch at renewal").click()
        page.wait_for_url("**/account/")

    context = signed_in(browser, live_server, reader, viewport=PHONE)
    page = context.new_page()
    switch(page)
    assert f"Your subscription changes to Smart Monthly on {_day(end)}" in page.content()
    assert f"Changes to Smart Monthly on {_day(end)}" in _facts(page)
    assert f"Next renewal {_day(end)}, ₹300" in _facts(page)
    page.screenshot(path=artifacts / "plan-change-scheduled-phone.png", full_page=True)
    page.get_by_role("button", name="Keep my plan").click()
    page.wait_for_url("**/account/")
    assert "You keep your plan, Smart Quarterly" in page.content()
    assert "Changes to" not in _facts(page) and f"Next renewal {_day(end)}, ₹900" in _facts(page)
    switch(page)
    assert f"Changes to Smart Monthly on {_day(end)}" in _facts(page)
    context.close()

    with time_machine.travel(end - timedelta(hours=47), tick=True):
        billing.billing_clock_tick()
    (notice,) = [message for message in smtp.for_address(reader.email) if "renews" in message["Subject"]]
    body = notice.get_body(("plain",)).get_content()
    assert "changes from Smart Quarterly to Smart Monthly" in body and "we will charge ₹300" in body

    with time_machine.travel(end + timedelta(minutes=1), tick=True):
        billing.billing_clock_tick()
        subscription = Subscription.objects.get(pk=subscription.pk)
        assert subscription.status == S.ACTIVE and subscription.plan.slug == "smart-monthly" and subscription.term_number == 2
        (paid,) = Payment.objects.filter(subscription=subscription, term_number=2)
        assert paid.status == PaymentStatus.SUCCEEDED and paid.amount_minor == 300_00
        context = signed_in(browser, live_server, reader, viewport=PHONE)
        page = context.new_page()
        page.goto(live_server.url + "/account/")
        facts = _facts(page)
        assert "Smart Monthly (₹300 for 1 month)" in facts and f"Next renewal {_day(subscription.term_end)}, ₹300" in facts
        assert "Changes to" not in facts
        page.screenshot(path=artifacts / "plan-changed-at-renewal-phone.png", full_page=True)
        context.close()
