"""The cancel page in Chromium, on a phone (390 px) and a desktop, against
localstripe and a real SMTP server: two clicks from the account page to one
page with the question, the staff's one offer and a cancel button drawn
like the offer's. Taking "pause instead" pauses; taking the discount keeps
the subscription and, with the clock at the term's end, the renewal is
charged at the discount and its invoice shows it; declining cancels at once."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from masthead.invoicing.models import Invoice
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing
from masthead.subscriptions.models import CancelAnswer, SaveOfferKind, SaveOfferSettings, Subscription, SubscriptionStatus
from masthead.testing.stripe import register_localstripe_webhook, subscribe
from masthead.testing.subscriptions import make_offer, make_plan

from .conftest import DESKTOP, PHONE, blocking_accessibility_violations, signed_in

pytestmark = pytest.mark.django_db(transaction=True)
S = SubscriptionStatus


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y}"


def _main(page) -> str:
    return " ".join(page.locator("main").inner_text().split())


@pytest.fixture
def subscriber(live_server, localstripe, django_user_model):
    register_localstripe_webhook(localstripe, live_server.url + "/payments/stripe/webhook/")
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    reader = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="a long password here")
    return reader, subscribe(reader, plan)


def _discount_offer(plan):
    offer = make_offer(plan, name="Stay with us", kind="percent", value=40)
    SaveOfferSettings(kind=SaveOfferKind.DISCOUNT, discount_offer=offer).save()
    return offer


def _to_cancel_page(page, live_server):
    """Two clicks: the account page's link, then the page with the buttons."""
    page.goto(live_server.url + "/account/")
    page.get_by_role("link", name="Cancel subscription").click()
    page.wait_for_url("**/account/cancel/")


def _buttons_alike(page, offer_button: str, viewport):
    cancel = page.get_by_role("button", name="Cancel my subscription")
    offer = page.get_by_role("button", name=offer_button)
    assert cancel.is_visible() and offer.is_visible()
    drawn = [button.evaluate("b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).fontSize]") for button in (cancel, offer)]
    assert drawn[0] == drawn[1]  # as prominent as each other
    assert abs(cancel.bounding_box()["height"] - offer.bounding_box()["height"]) < 1
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_on_a_phone_pause_instead_is_taken_from_the_cancel_page(browser, live_server, subscriber, smtp, artifacts):
    reader, subscription = subscriber
    SaveOfferSettings(kind=SaveOfferKind.PAUSE, pause_months=2).save()
    context = signed_in(browser, live_server, reader, viewport=PHONE)
    page = context.new_page()
    _to_cancel_page(page, live_server)
    assert "Or: Pause for 2 months instead" in _main(page)
    _buttons_alike(page, "Pause for 2 months instead", PHONE)
    page.get_by_label("I am taking a break").check()
    page.screenshot(path=artifacts / "cancel-pause-offer-phone.png", full_page=True)
    page.get_by_role("button", name="Pause for 2 months instead").click()
    page.wait_for_url("**/account/")
    subscription.refresh_from_db()
    assert subscription.status == S.PAUSED
    text = _main(page)
    assert f"You are staying with us: your subscription is paused from {_day(subscription.term_end)} to {_day(subscription.pause_until)}" in text
    assert f"Pauses from {_day(subscription.term_end)} to {_day(subscription.pause_until)}" in text
    context.close()
    assert CancelAnswer.objects.get().reason == "break"
    assert any("paused" in message["Subject"].lower() or "pause" in message.get_body(("plain",)).get_content() for message in smtp.for_address(reader.email))


def test_on_a_desktop_the_discount_is_taken_and_the_renewal_is_charged_and_invoiced_at_it(
    browser, live_server, subscriber, smtp, artifacts
):
    reader, subscription = subscriber
    _discount_offer(subscription.plan)
    end = subscription.term_end
    context = signed_in(browser, live_server, reader, viewport=DESKTOP)
    page = context.new_page()
    _to_cancel_page(page, live_server)
    assert f"Stay, and your next renewal on {_day(end)} costs ₹540 instead of ₹900, once." in _main(page)
    _buttons_alike(page, "Stay for ₹540", DESKTOP)
    page.screenshot(path=artifacts / "cancel-discount-offer-desktop.png", full_page=True)
    page.get_by_role("button", name="Stay for ₹540").click()
    page.wait_for_url("**/account/")
    text = _main(page)
    assert f"your next renewal, on {_day(end)}, is ₹540 instead of ₹900, this once" in text
    assert "Discount Stay with us: your next renewal is ₹540 instead of ₹900, this once" in text
    assert f"Next renewal {_day(end)}, ₹540" in text
    # Back on the cancel page: the discount is not offered twice.
    _to_cancel_page(page, live_server)
    assert page.get_by_role("button", name="Stay for ₹540").count() == 0
    context.close()

    with time_machine.travel(end - timedelta(hours=47), tick=True):
        billing.billing_clock_tick()
    notice = [m for m in smtp.for_address(reader.email) if "renews on" in m["Subject"]][-1].get_body(("plain",)).get_content()
    assert "we will charge ₹540" in notice and "₹540 instead of ₹900, this once" in notice

    with time_machine.travel(end + timedelta(minutes=1), tick=True):
        billing.billing_clock_tick()
        (paid,) = Payment.objects.filter(subscription=subscription, term_number=2)
        assert paid.status == PaymentStatus.SUCCEEDED and paid.amount_minor == 540_00
        invoice = Invoice.objects.get(payment=paid)
        context = signed_in(browser, live_server, reader, viewport=DESKTOP)
        page = context.new_page()
        page.goto(live_server.url + invoice.get_absolute_url())
        text = _main(page)
        assert "Less discount: Stay with us, this renewal only" in text and "Total ₹540.00" in text
        page.screenshot(path=artifacts / "cancel-discount-invoice-desktop.png", full_page=True)
        page.goto(live_server.url + "/account/")
        subscription = Subscription.objects.get(pk=subscription.pk)
        assert f"Next renewal {_day(subscription.term_end)}, ₹900" in _main(page)
        assert "Discount" not in page.locator("dl.facts").inner_text()
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_declining_the_offer_cancels_at_once_and_the_account_says_until_when(
    browser, live_server, subscriber, artifacts, viewport
):
    reader, subscription = subscriber
    _discount_offer(subscription.plan)
    context = signed_in(browser, live_server, reader, viewport=viewport)
    page = context.new_page()
    _to_cancel_page(page, live_server)
    blocking = blocking_accessibility_violations(page)
    assert not blocking, "\n".join(blocking)
    page.get_by_label("Something else").check()
    page.get_by_label("Anything you would like to tell us? (optional)").fill("Moving abroad")
    page.get_by_role("button", name="Cancel my subscription").click()
    page.wait_for_url("**/account/")
    last_day = _day(subscription.term_end)
    text = _main(page)
    assert f"Your subscription is cancelled. You can read everything until {last_day}" in text
    assert f"Access until {last_day}" in text
    assert page.get_by_role("button", name="Keep my subscription").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(path=artifacts / f"cancel-declined-{'phone' if viewport == PHONE else 'desktop'}.png", full_page=True)
    context.close()
    subscription.refresh_from_db()
    assert subscription.status == S.CANCELLING and subscription.save_offer_id is None
    answer = CancelAnswer.objects.get()
    assert (answer.reason, answer.text, answer.offer_shown, answer.outcome) == ("other", "Moving abroad", "discount", "cancelled")
