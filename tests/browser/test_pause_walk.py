"""A pause in Chromium on a phone, against localstripe and a real SMTP
server: the subscriber pauses from the account page; with the clock past the
term's end they meet the paywall and nothing is charged; with the clock at
the pause's end the pre-debit notice is mailed, the next term is charged and
the premium story opens again."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.newsroom import make_article
from masthead.testing.stripe import register_localstripe_webhook, subscribe
from masthead.testing.subscriptions import make_plan

from .conftest import PHONE, signed_in

pytestmark = pytest.mark.django_db(transaction=True)
S = SubscriptionStatus
PAYWALL = "Subscribe now for unlimited access."


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y}"


def _phone_page(browser, live_server, reader):
    context = signed_in(browser, live_server, reader, viewport=PHONE)
    return context, context.new_page()


def test_a_subscriber_pauses_reads_nothing_and_pays_nothing_during_it_and_is_renewed_when_it_ends(
    browser, live_server, localstripe, smtp, artifacts, django_user_model
):
    register_localstripe_webhook(localstripe, live_server.url + "/payments/stripe/webhook/")
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    story = make_article(is_premium=True, headline="Inside the rate decision", published_ago=timedelta(hours=2))
    reader = django_user_model.objects.create_user(username="pia", email="pia@example.test", password="a long password here")
    subscription = subscribe(reader, plan)
    end = subscription.term_end

    context, page = _phone_page(browser, live_server, reader)
    page.goto(live_server.url + "/account/")
    page.get_by_role("link", name="Pause subscription").click()
    page.wait_for_url("**/account/pause/")
    page.get_by_label("2 months").check()
    page.get_by_role("button", name="Pause subscription").click()
    page.wait_for_url("**/account/")
    subscription.refresh_from_db()
    until = subscription.pause_until
    assert f"Pauses from {_day(end)} to {_day(until)}" in page.locator("dl.facts").inner_text()
    assert page.get_by_role("button", name="Undo the pause").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=artifacts / "pause-account-phone.png", full_page=True)
    page.goto(live_server.url + story.get_absolute_url())
    assert PAYWALL not in page.content()  # the paid term reads to its end
    context.close()
    (confirmation,) = smtp.for_address(reader.email)
    assert f"paused from {_day(end)} to {_day(until)}" in confirmation.get_body(("plain",)).get_content()

    # Past the term's end: the pause has begun. No access, no charge.
    with time_machine.travel(end + timedelta(days=3), tick=True):
        billing.billing_clock_tick()
        context, page = _phone_page(browser, live_server, reader)
        page.goto(live_server.url + story.get_absolute_url())
        assert PAYWALL in page.content()
        page.goto(live_server.url + "/account/")
        assert page.get_by_role("button", name="Resume now (₹900 today)").is_visible()
        context.close()
    assert not Payment.objects.filter(subscription=subscription, term_number=2).exists()

    # Two days before the pause ends: the pre-debit notice, by mail; then the charge.
    with time_machine.travel(until - timedelta(hours=47), tick=True):
        billing.billing_clock_tick()
    (notice,) = [message for message in smtp.for_address(reader.email) if "pause ends" in message["Subject"]]
    body = notice.get_body(("plain",)).get_content()
    assert f"Your pause ends on {_day(until)}" in body and "we will charge ₹900" in body
    assert not Payment.objects.filter(subscription=subscription, term_number=2).exists()

    with time_machine.travel(until + timedelta(minutes=1), tick=True):
        billing.billing_clock_tick()
        subscription = Subscription.objects.get(pk=subscription.pk)
        assert subscription.status == S.ACTIVE and subscription.term_number == 2 and subscription.term_start == until
        (paid,) = Payment.objects.filter(subscription=subscription, term_number=2)
        assert paid.status == PaymentStatus.SUCCEEDED and paid.amount_minor == 900_00
        context, page = _phone_page(browser, live_server, reader)
        page.goto(live_server.url + story.get_absolute_url())
        assert PAYWALL not in page.content()
        page.goto(live_server.url + "/account/")
        assert f"Next renewal {_day(subscription.term_end)}, ₹900" in " ".join(page.locator("dl.facts").inner_text().split())
        page.screenshot(path=artifacts / "pause-renewed-account-phone.png", full_page=True)
        context.close()
