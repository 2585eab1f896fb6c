"""The card-update link in the failed-renewal e-mail: it opens the reader's
card page, and a good card saved there pays the renewal at once."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from masthead.core.periods import local_date
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import charge_key
from masthead.subscriptions import billing
from masthead.subscriptions.cardlinks import card_link_token
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import (
    DECLINED_CARD,
    GOOD_CARD,
    card_setup_for,
    confirm_card,
    intents_with_key,
    renewal_declined,
    subscribe,
)
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus
PASSWORD = "a long password here"


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="meera", email="meera@example.test", password=PASSWORD)


@pytest.fixture(autouse=True)
def mailbox(smtp, jobs_inline):
    """A real mail server, and jobs (the queued receipt) run as they are queued."""
    return smtp


@pytest.fixture
def past_due(localstripe, reader, django_capture_on_commit_callbacks):
    """A renewal charged to a card that declines: the reader is mailed the link."""
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))
    with django_capture_on_commit_callbacks(execute=True):
        return renewal_declined(subscription)


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _mailed_link(inbox, address: str) -> str:
    (failed,) = [m for m in inbox.for_address(address) if "did not go through" in m["Subject"]]
    url = re.search(r"https://news.example.test(/account/card/\?link=\S+)", _body(failed)).group(1)
    return url


def _save_card_through(browser: Client, link: str, card: str):
    browser.force_login(browser.reader)  # signed in at the time of the visit
    page = browser.get(link)
    assert page.status_code == 200, page
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', page.text).group(1)
    confirm_card(setup_id, card)
    return browser.post("/account/card/", {"setup_id": setup_id}, follow=True)


@pytest.mark.django_db
def test_the_link_in_the_failed_renewal_mail_pays_the_renewal_at_once_with_a_new_card(past_due, reader, mailbox, django_capture_on_commit_callbacks):
    link = _mailed_link(mailbox, reader.email)
    browser = Client()
    browser.reader = reader
    with time_machine.travel(past_due.term_end + timedelta(hours=3), tick=False), django_capture_on_commit_callbacks(execute=True):
        done = _save_card_through(browser, link, GOOD_CARD)
    past_due.refresh_from_db()
    assert past_due.status == S.ACTIVE and past_due.term_number == 2
    assert f"Your new card is saved. Paid: ₹900, your subscription runs to {local_date(past_due.term_end):%-d %B %Y}." in done.text
    receipts = [m for m in mailbox.for_address(reader.email) if "Your receipt" in m["Subject"]]
    (receipt,) = receipts  # the renewal's (the first term's was not mailed here)
    assert "₹900" in receipt["Subject"] and "Smart Quarterly" in receipt["Subject"]
    # The clock's declined attempt was try 1; the reader's took the next number, charged once.
    paid = Payment.objects.get(subscription=past_due, term_number=2, status=PaymentStatus.SUCCEEDED)
    assert paid.attempt == 2
    assert len(intents_with_key(charge_key(subscription_id=past_due.pk, term_number=2, attempt=2))) == 1


@pytest.mark.django_db
def test_the_clock_retries_after_a_declined_card_from_the_link_with_a_number_of_its_own(past_due, reader, mailbox):
    browser = Client()
    browser.reader = reader
    with time_machine.travel(past_due.term_end + timedelta(hours=3), tick=False):
        declined = _save_card_through(browser, _mailed_link(mailbox, reader.email), DECLINED_CARD)
    assert "declined" in declined.text
    billing.renewal_retries(now=past_due.term_end + timedelta(days=1, minutes=1))
    attempts = list(Payment.objects.filter(subscription=past_due, term_number=2).order_by("attempt").values_list("attempt", "charge_key"))
    assert [number for number, _ in attempts] == [1, 2, 3]
    assert all(len(intents_with_key(key)) == 1 for _, key in attempts)


@pytest.mark.django_db
def test_a_logged_out_reader_is_sent_to_log_in_and_back_to_the_link(past_due, reader, mailbox):
    link = _mailed_link(mailbox, reader.email)
    response = Client().get(link)
    assert response.status_code == 302
    login = response["Location"]
    assert login.startswith("/accounts/login/?next=")
    browser = Client()
    answer = browser.post(login, {"login": reader.email, "password": PASSWORD})
    assert answer.status_code == 302 and answer["Location"] == link


@pytest.mark.django_db
def test_a_link_sent_to_another_reader_does_nothing(past_due, reader, mailbox, django_user_model):
    other = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password=PASSWORD)
    other_subscription = subscribe(other, past_due.plan)
    browser = Client()
    browser.force_login(other)
    page = browser.get(_mailed_link(mailbox, reader.email), follow=True)
    assert "This card link was sent to another account." in page.text
    assert 'name="setup_id"' not in page.text
    past_due.refresh_from_db()
    other_subscription.refresh_from_db()
    assert past_due.status == S.PAST_DUE and other_subscription.status == S.ACTIVE
    assert not Payment.objects.filter(subscription=other_subscription, term_number=2).exists()


@pytest.mark.django_db
def test_a_link_for_the_readers_ended_subscription_does_not_open_another(past_due, reader):
    token = card_link_token(subscription=past_due)
    ended = past_due.pk
    past_due.pk = ended + 1000  # a token naming a subscription the reader no longer has
    stale = card_link_token(subscription=past_due)
    past_due.pk = ended
    browser = Client()
    browser.force_login(reader)
    page = browser.get(f"/account/card/?link={stale}", follow=True)
    assert "This card link is for a subscription that has ended." in page.text
    assert browser.get(f"/account/card/?link={token}").status_code == 200


@pytest.mark.django_db
def test_a_link_expires_with_the_grace_period_and_a_forged_one_never_works(past_due, reader, mailbox):
    browser = Client()
    browser.force_login(reader)
    link = _mailed_link(mailbox, reader.email)
    with time_machine.travel(past_due.grace_until + timedelta(minutes=1), tick=False):
        browser.force_login(reader)
        page = browser.get(link, follow=True)
    assert "This card link has expired." in page.text
    forged = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    assert "This card link is not valid." in browser.get(forged, follow=True).text
    assert "This card link is not valid." in browser.get("/account/card/?link=", follow=True).text


@pytest.mark.django_db
def test_a_double_click_on_save_with_the_same_card_charges_once(past_due, reader):
    setup = card_setup_for(reader)
    confirm_card(setup.setup_id, GOOD_CARD)
    with time_machine.travel(past_due.term_end + timedelta(hours=3), tick=False):
        for _ in range(2):
            billing.payment_card_replace(subscription=past_due, setup_id=setup.setup_id)
    paid = Payment.objects.filter(subscription=past_due, term_number=2, status=PaymentStatus.SUCCEEDED)
    assert paid.count() == 1
    assert Payment.objects.filter(subscription=past_due, term_number=2).count() == 2  # the clock's declined one, and this
