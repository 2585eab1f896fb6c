"""The account page in Chromium, on a phone and a desktop, for a paused
subscriber whose card died during the pause and who stopped two kinds of
mail: the notice about the pause's end with its card link, and the stopped
mail, one of which they ask for again."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from masthead.payments.models import BillingProfile
from masthead.subscriptions import services
from masthead.subscriptions.models import MailKind
from masthead.subscriptions.optout import mail_opted_out, mail_stop, mail_stop_url
from masthead.testing.stripe import signed_stripe_event, stripe_client, subscribe
from masthead.testing.subscriptions import make_plan

from .conftest import DESKTOP, PHONE, signed_in

pytestmark = pytest.mark.django_db(transaction=True)


def _card_dies(reader) -> None:
    profile = BillingProfile.objects.get(user=reader)
    stripe_client().v1.payment_methods.detach(profile.provider_payment_method_id)
    body, headers = signed_stripe_event({
        "id": "evt_detached_walk", "object": "event", "type": "payment_method.detached",
        "data": {
            "object": {"id": profile.provider_payment_method_id, "object": "payment_method", "customer": None},
            "previous_attributes": {"customer": profile.provider_customer_id},
        },
    })  # fmt: skip
    assert Client().post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 200


def test_a_paused_reader_sees_the_dead_card_notice_and_sends_stopped_mail_again(
    browser, live_server, localstripe, jobs_inline, artifacts, django_user_model
):
    reader = django_user_model.objects.create_user(username="tara", email="tara@example.test", password="a long password here")
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3))
    services.subscription_pause(subscription=subscription, months=2, now=subscription.term_end - timedelta(days=5))
    _card_dies(reader)
    for kind in (MailKind.WINBACK, MailKind.SLEEPING_DIGEST):
        mail_stop(token=mail_stop_url(user_id=reader.pk, kind=kind).rstrip("/").rsplit("/", 1)[1])
    subscription.refresh_from_db()
    ends = f"{timezone.localtime(subscription.pause_until):%-d %B %Y}"

    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context = signed_in(browser, live_server, reader, viewport=viewport)
        page = context.new_page()
        page.goto(live_server.url + "/account/")
        notice = page.locator(".pause-card-dead")
        assert notice.is_visible()
        assert f"your pause will end on {ends} needing a new card" in notice.inner_text()
        assert page.get_by_role("link", name="Update your card").first.get_attribute("href") == "/account/card/"
        stopped = page.locator(".mail-stopped")
        assert "“Offers to come back”" in stopped.inner_text() and "“Stories you missed”" in stopped.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.screenshot(path=artifacts / f"account-pause-card-and-mail-{name}.png", full_page=True)
        context.close()

    context = signed_in(browser, live_server, reader, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/account/")
    row = page.locator(".mail-stopped li", has_text="Offers to come back")
    row.get_by_role("button", name="Send these again").click()
    page.wait_for_url("**/account/")
    assert "We will send you “Offers to come back” e-mails again." in page.content()
    assert "“Offers to come back”" not in page.locator(".mail-stopped").inner_text()
    page.locator("#mail-stopped-heading").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "account-mail-sent-again-phone.png", full_page=True)
    context.close()
    assert not mail_opted_out(user_id=reader.pk, kind=MailKind.WINBACK)
    assert mail_opted_out(user_id=reader.pk, kind=MailKind.SLEEPING_DIGEST)
