"""The account page lists the mail a reader stopped with a one-click link,
each with "Send these again"; and tells a paused reader whose saved card died
during the pause that it will end needing a new card."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from masthead.payments.models import BillingProfile
from masthead.subscriptions import services
from masthead.subscriptions.models import MailKind, MailOptOut, SubscriptionStatus
from masthead.subscriptions.optout import mail_opted_out, mail_stop, mail_stop_url
from masthead.testing.stripe import signed_stripe_event, stripe_client, subscribe
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus
DEAD_CARD = "Your saved card can no longer be charged, so your pause will end on"


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="meera", email="meera@example.test", password="x" * 20)


def _browser(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def _stop(user, kind: MailKind) -> None:
    mail_stop(token=mail_stop_url(user_id=user.pk, kind=kind).rstrip("/").rsplit("/", 1)[1])


@pytest.mark.django_db
def test_stopped_mail_is_listed_and_sent_again_on_request(reader, django_user_model):
    browser = _browser(reader)
    assert "E-mails you stopped" not in browser.get("/account/").text
    _stop(reader, MailKind.WINBACK)
    _stop(reader, MailKind.SLEEPING_DIGEST)
    other = django_user_model.objects.create_user(username="neel", email="neel@example.test", password="x" * 20)
    _stop(other, MailKind.WINBACK)

    page = browser.get("/account/").text
    assert "E-mails you stopped" in page
    assert "“Offers to come back”, stopped" in page and "“Stories you missed”, stopped" in page
    assert page.count("Send these again") == 2

    again = browser.post("/account/mail/again/", {"kind": "winback"}, follow=True).text
    assert "We will send you “Offers to come back” e-mails again." in again
    assert "“Offers to come back”, stopped" not in again and "“Stories you missed”, stopped" in again
    assert not mail_opted_out(user_id=reader.pk, kind=MailKind.WINBACK)
    assert mail_opted_out(user_id=reader.pk, kind=MailKind.SLEEPING_DIGEST)
    assert mail_opted_out(user_id=other.pk, kind=MailKind.WINBACK)  # only the reader's own


@pytest.mark.django_db
def test_an_unknown_kind_says_so_and_changes_nothing(reader):
    _stop(reader, MailKind.WINBACK)
    told = _browser(reader).post("/account/mail/again/", {"kind": "receipts"}, follow=True).text
    assert "We do not send that kind of e-mail. Nothing was changed." in told
    assert MailOptOut.objects.filter(user=reader).count() == 1
    assert _browser(reader).get("/account/mail/again/").status_code == 405


@pytest.mark.django_db(transaction=True)
def test_a_paused_reader_whose_card_died_is_told_the_pause_ends_needing_a_new_card(localstripe, reader, jobs_inline):
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))
    services.subscription_pause(subscription=subscription, months=2, now=subscription.term_end - timedelta(days=5))
    browser = _browser(reader)
    assert DEAD_CARD not in browser.get("/account/").text

    profile = BillingProfile.objects.get(user=reader)
    stripe_client().v1.payment_methods.detach(profile.provider_payment_method_id)
    body, headers = signed_stripe_event({
        "id": "evt_detached_paused", "object": "event", "type": "payment_method.detached",
        "data": {
            "object": {"id": profile.provider_payment_method_id, "object": "payment_method", "customer": None},
            "previous_attributes": {"customer": profile.provider_customer_id},
        },
    })  # fmt: skip
    assert Client().post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == S.PAUSED

    page = browser.get("/account/").text
    assert f"{DEAD_CARD} {timezone.localtime(subscription.pause_until):%-d %B %Y} needing a new card." in page
    assert 'href="/account/card/">Update your card</a> before then' in page
