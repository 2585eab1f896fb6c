"""Subscription e-mail as a reader receives it: through a real SMTP server
(the ``smtp`` fixture), parsed, against localstripe."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from masthead.core.periods import local_date
from masthead.invoicing.models import Invoice
from masthead.payments import services as payment_services
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.payments.providers.base import ChargeResult
from masthead.payments.services import payment_refund
from masthead.subscriptions import billing, services
from masthead.subscriptions.billing.common import saved_method
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import (
    DECLINED_CARD,
    save_card,
    signed_stripe_event,
    subscribe,
)
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus
SITE = "The Deccan Ledger"
SITE_URL = "https://news.example.test"  # set by the smtp fixture
NOT_OUR_NAME = ("127.0.0.1", "localhost", "example.com")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def publication(settings, jobs_inline):
    """The publication's name, and jobs (the queued receipt) run as they are queued."""
    settings.MASTHEAD_SITE_NAME = SITE


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(
        username="asha", email="asha@example.test", password="a long password here", first_name="Asha", last_name="Rao"
    )


@pytest.fixture
def quarterly():
    return make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)


@pytest.fixture
def subscribed(localstripe, smtp, reader, quarterly, django_capture_on_commit_callbacks):
    """A reader who has just paid for the first term (the receipt is in ``smtp``'s inbox)."""
    with django_capture_on_commit_callbacks(execute=True):
        subscription = subscribe(reader, quarterly)
    return subscription


def _date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def _mails(inbox, subject_part: str) -> list:
    return [message for message in inbox.for_address("asha@example.test") if subject_part in message["Subject"]]


def _one(inbox, subject_part: str):
    (message,) = _mails(inbox, subject_part)
    return message, _read(message)


def _read(message) -> str:
    """The body, once the message is seen to come from the publication, by name."""
    assert SITE in message["Subject"] and message["From"].addresses[0].display_name == SITE
    body = _text(message)
    assert body.startswith("Dear Asha Rao,") and body.rstrip().endswith(f"{SITE}\n{SITE_URL}")
    assert f"{SITE_URL}/account/" in body
    html = message.get_body(preferencelist=("html",)).get_content()
    assert SITE in html
    for seen in (message["Subject"], str(message["From"]), body, html):
        assert not any(name in seen for name in NOT_OUR_NAME), seen
    return body


def _pdf(message) -> tuple[str, bytes]:
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    return attachment.get_filename(), attachment.get_content()


def _renew(subscription, *, after: timedelta = timedelta(minutes=1)) -> None:
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + after)


def test_the_first_payment_mails_a_receipt_with_its_tax_invoice(subscribed, smtp):
    message, body = _one(smtp, "Your receipt")
    invoice = Invoice.objects.get(payment__subscription=subscribed, payment__term_number=1)
    assert message["Subject"] == f"Your receipt from {SITE}: Smart Quarterly ₹900"
    filename, pdf = _pdf(message)
    assert pdf.startswith(b"%PDF") and filename == invoice.filename
    assert f"Tax Invoice {invoice.number}".encode() in pdf  # the PDF's own title
    assert f"Invoice:     {invoice.number}" in body and "Paid:        ₹900" in body
    first, last = local_date(subscribed.term_start), local_date(subscribed.term_end) - timedelta(days=1)
    assert f"Term:        {_date(first)} to {_date(last)}" in body
    assert f"renews on {_date(local_date(subscribed.term_end))}" in body


def test_a_renewal_mails_one_receipt_however_often_it_is_settled_or_delivered(subscribed, smtp, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _renew(subscribed)
        _renew(subscribed, after=timedelta(minutes=2))
    renewal = Payment.objects.get(subscription=subscribed, term_number=2)
    # The provider's answer again, then its webhook twice.
    event = {
        "id": "evt_renewal",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": renewal.provider_payment_id, "object": "payment_intent", "status": "succeeded",
                            "metadata": {"charge_key": renewal.charge_key}}},
    }  # fmt: skip
    body, headers = signed_stripe_event(event)
    with django_capture_on_commit_callbacks(execute=True):
        payment_services.payment_settle(
            payment_id=renewal.pk, result=ChargeResult(succeeded=True, payment_id=renewal.provider_payment_id)
        )
        for _ in range(2):
            assert client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 200

    assert len(_mails(smtp, "renews on")) == 1
    receipts = _mails(smtp, "Your receipt")
    assert len(receipts) == 2
    invoice = Invoice.objects.get(payment=renewal)
    filename, pdf = _pdf(receipts[1])
    assert filename == invoice.filename and pdf.startswith(b"%PDF")
    text = _read(receipts[1])
    subscribed.refresh_from_db()
    assert invoice.number in text and f"renews on {_date(local_date(subscribed.term_end))}" in text


def test_a_declined_renewal_says_when_it_is_retried_and_links_to_the_card_page(subscribed, smtp, reader, settings,
                                                                               django_capture_on_commit_callbacks):  # fmt: skip
    settings.MASTHEAD_RENEWAL_RETRY_DAYS = [1, 3, 5]
    settings.MASTHEAD_GRACE_DAYS = 7
    save_card(reader, DECLINED_CARD)
    with django_capture_on_commit_callbacks(execute=True):
        _renew(subscribed)
        _renew(subscribed, after=timedelta(minutes=2))
    subscribed.refresh_from_db()
    assert subscribed.status == S.PAST_DUE
    message, body = _one(smtp, "did not go through")
    assert message["Subject"] == f"{SITE}: your renewal payment of ₹900 did not go through"
    link = re.search(rf"{re.escape(SITE_URL)}/account/card/\?link=\S+", body).group(0)
    html = message.get_body(preferencelist=("html",)).get_content()
    assert f'<a href="{link}"' in html
    assert f"try your card again on {_date(local_date(subscribed.term_end + timedelta(days=1)))}" in body
    assert f"reading everything until {_date(local_date(subscribed.grace_until))}" in body
    assert not list(message.iter_attachments())


def test_cancelling_confirms_the_last_day_in_the_publications_time(localstripe, smtp, reader, quarterly,
                                                                   django_capture_on_commit_callbacks):  # fmt: skip
    # 20:00 UTC is 01:30 the next morning in Kolkata: the term ends on a local
    # day that is not the UTC one.
    with time_machine.travel(datetime(2026, 11, 30, 20, 0, tzinfo=UTC), tick=False):
        subscription = subscribe(reader, quarterly)
    assert subscription.term_end.date() != local_date(subscription.term_end)
    with django_capture_on_commit_callbacks(execute=True):
        services.subscription_cancel(subscription=subscription, by=reader)
    message, body = _one(smtp, "cancelled")
    assert message["Subject"] == f"Your subscription to {SITE} is cancelled"
    assert "You can read everything until 1 March 2027" in body
    assert "28 February" not in body and "not be charged again" in body


def test_resuming_says_when_the_next_charge_comes(subscribed, smtp, reader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.subscription_cancel(subscription=subscribed, by=reader)
        services.subscription_resume(subscription=subscribed, by=reader)
    message, body = _one(smtp, "renew as before")
    assert f"The next renewal is on {_date(local_date(subscribed.term_end))}, for ₹900." in body
    assert len(_mails(smtp, "cancelled")) == 1


def test_a_staff_refund_says_the_subscription_has_ended(subscribed, smtp, django_capture_on_commit_callbacks):
    payment = Payment.objects.get(subscription=subscribed, term_number=1)
    with django_capture_on_commit_callbacks(execute=True):
        payment_refund(payment=payment)
        payment_refund(payment=payment)
    message, body = _one(smtp, "refund")
    assert message["Subject"] == f"Your refund from {SITE}: ₹900"
    assert "We have refunded ₹900" in body and payment.invoice.number in body
    credit_note = payment.invoice.credit_notes.get()
    assert f"Credit note {credit_note.number} takes back ₹900 and the GST on it from that invoice" in body
    assert f"{SITE_URL}/account/credit-notes/{credit_note.slug}/" in body
    assert "your subscription has ended" in body and f"{SITE_URL}/subscribe/" in body


def test_an_extra_charge_is_refunded_and_the_reader_told_once(subscribed, smtp, django_capture_on_commit_callbacks):
    # The same term charged a second time (a charge the provider made twice).
    paid = Payment.objects.get(subscription=subscribed, term_number=1)
    extra = Payment.objects.create(
        subscription=subscribed, term_number=1, attempt=2, charge_key=f"{paid.charge_key}-again", provider="stripe",
        amount_minor=paid.amount_minor,
    )  # fmt: skip
    result = payment_provider().charge(saved=saved_method(subscribed), amount=extra.amount, key=extra.charge_key, description="again")
    with django_capture_on_commit_callbacks(execute=True):
        payment_services.payment_settle(payment_id=extra.pk, result=result)
        payment_services.duplicates_refund_due()
    extra.refresh_from_db()
    assert extra.duplicate and extra.status == PaymentStatus.REFUNDED
    message, body = _one(smtp, "extra charge")
    assert message["Subject"] == f"{SITE} has refunded an extra charge of ₹900"
    assert "charged twice" in body and "carries on as before" in body
    assert len(_mails(smtp, "receipt")) == 1  # the first payment's only


def test_the_pre_debit_notice_names_the_day_and_the_amount(subscribed, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        billing.renewal_notices_send(now=subscribed.term_end - timedelta(hours=47))
    message, body = _one(smtp, "renews on")
    day = _date(local_date(subscribed.term_end))
    assert message["Subject"] == f"Your subscription to {SITE} renews on {day}"
    assert f"On {day} we will charge ₹900" in body


def test_the_pre_debit_notice_writes_its_day_alike_in_subject_and_body(
    localstripe, smtp, reader, quarterly, django_capture_on_commit_callbacks
):
    """A day of one digit: "7 December 2026" in both, never "07 December"."""
    with time_machine.travel(datetime(2026, 9, 7, 6, 0, tzinfo=UTC), tick=False):
        subscription = subscribe(reader, quarterly)
    with django_capture_on_commit_callbacks(execute=True):
        billing.renewal_notices_send(now=subscription.term_end - timedelta(hours=47))
    message, body = _one(smtp, "renews on")
    assert message["Subject"] == f"Your subscription to {SITE} renews on 7 December 2026"
    assert "On 7 December 2026 we will charge ₹900" in body


def test_a_refund_after_an_upgrade_names_only_what_went_back(subscribed, smtp, reader, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from masthead.subscriptions import billing

    yearly = make_plan(name="Smart Yearly", slug="smart-yearly", price_minor=2700_00, term_months=12)
    payment = Payment.objects.get(subscription=subscribed, term_number=1)
    with django_capture_on_commit_callbacks(execute=True):
        billing.plan_upgrade(subscription=subscribed, plan=yearly, by=reader, now=subscribed.term_start + timedelta(days=30))
    held = 900_00 - payment.invoice.credit_notes.get().total_minor
    with django_capture_on_commit_callbacks(execute=True):
        payment_refund(payment=payment)
    message, body = _one(smtp, "refund")
    said = f"₹{held // 100:,}"
    assert message["Subject"] == f"Your refund from {SITE}: {said}"
    assert f"We have refunded {said}" in body and "₹900" not in message["Subject"]
    refund_note = payment.invoice.credit_notes.get(reason="refund")
    assert f"Credit note {refund_note.number} takes back {said}" in body
