"""What staff see of payments and webhooks in the admin, and who may refund."""

import pytest
from django.test import Client

from masthead.payments.models import (
    Payment,
    PaymentStatus,
    WebhookEvent,
    WebhookOutcome,
)
from masthead.subscriptions import services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.accounts import make_staff
from masthead.testing.stripe import signed_stripe_event, stripe_client, subscribe
from masthead.testing.subscriptions import make_plan
from masthead.testing.admin import refund_confirmation

pytestmark = pytest.mark.django_db
PAYMENTS = "/admin/payments/payment/"
WEBHOOKS = "/admin/payments/webhookevent/"


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="paid", email="paid@example.test", password="a long password here")


@pytest.fixture
def paid(localstripe, reader):
    """A reader's first term, paid at localstripe."""
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))
    return Payment.objects.get(subscription=subscription, term_number=1)


def _browser(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def test_staff_who_may_only_view_payments_cannot_refund_one(paid):
    browser = _browser(make_staff("payments.view_payment"))
    listing = browser.get(PAYMENTS)
    assert listing.status_code == 200 and paid.charge_key in listing.text
    assert 'value="refund"' not in listing.text

    browser.post(PAYMENTS, {"action": "refund", "_selected_action": [paid.pk], "confirmed": "yes"}, follow=True)
    paid.refresh_from_db()
    assert paid.status == PaymentStatus.SUCCEEDED
    assert paid.subscription.status == SubscriptionStatus.ACTIVE
    assert stripe_client().v1.refunds.list(params={"limit": 10}).data == []


def test_a_refund_is_confirmed_first_and_says_what_it_will_do(paid):
    browser = _browser(make_staff("payments.view_payment", "payments.refund_payment"))

    asked = browser.post(PAYMENTS, {"action": "refund", "_selected_action": [paid.pk]})
    assert asked.status_code == 200
    page = asked.text
    assert "Refund 1 payment?" in page
    assert paid.charge_key in page and "paid@example.test" in page and "₹900" in page
    assert "stops reading at once" in page
    # Nothing moved yet: no money back, the reader still reads.
    paid.refresh_from_db()
    assert paid.status == PaymentStatus.SUCCEEDED
    assert paid.subscription.status == SubscriptionStatus.ACTIVE
    assert stripe_client().v1.refunds.list(params={"limit": 10}).data == []


def test_refunding_nothing_refundable_is_not_reported_as_done(reader):
    subscription = services.subscription_begin(user=reader, plan=make_plan(price_minor=900_00))
    failed = Payment.objects.create(
        subscription=subscription, term_number=1, attempt=1, charge_key="masthead-declined", provider="stripe",
        amount_minor=900_00, status=PaymentStatus.FAILED, failure_message="Your card was declined.",
    )  # fmt: skip
    browser = _browser(make_staff("payments.view_payment", "payments.refund_payment"))

    done = browser.post(PAYMENTS, {"action": "refund", "_selected_action": [failed.pk], "confirmed": "yes"}, follow=True)
    told = [(message.level_tag, message.message) for message in done.context["messages"]]
    assert told == [("warning", "None of the selected payments can be refunded: only paid ones can.")]


def test_staff_allowed_to_refund_give_the_money_back(paid):
    browser = _browser(make_staff("payments.view_payment", "payments.refund_payment"))
    assert 'value="refund"' in browser.get(PAYMENTS).text

    done = browser.post(PAYMENTS, refund_confirmation(browser, [paid.pk]), follow=True).text
    assert "Refunded 1 payment (₹900); paid@example.test no longer reads." in done
    paid.refresh_from_db()
    assert paid.status == PaymentStatus.REFUNDED
    assert paid.subscription.status == SubscriptionStatus.REFUNDED
    refunds = stripe_client().v1.refunds.list(params={"limit": 10}).data
    assert [refund.payment_intent for refund in refunds] == [paid.provider_payment_id]


def test_the_payment_list_says_why_a_charge_failed_and_which_were_duplicates(reader):
    subscription = services.subscription_begin(user=reader, plan=make_plan(price_minor=900_00))
    Payment.objects.create(
        subscription=subscription, term_number=1, attempt=1, charge_key="masthead-declined", provider="stripe",
        amount_minor=900_00, status=PaymentStatus.FAILED, failure_message="Your card was declined.",
    )  # fmt: skip
    Payment.objects.create(
        subscription=subscription, term_number=1, attempt=2, charge_key="masthead-extra", provider="stripe",
        amount_minor=900_00, status=PaymentStatus.REFUNDED, duplicate=True,
        note="Charged for a term already paid: refunded automatically.",
    )  # fmt: skip
    browser = _browser(make_staff("payments.view_payment"))

    everything = browser.get(PAYMENTS).text
    assert "Your card was declined." in everything
    duplicates = browser.get(PAYMENTS, {"duplicate__exact": "1"}).text
    assert "Charged for a term already paid: refunded automatically." in duplicates
    assert "masthead-declined" not in duplicates
    # Payments are written by charging, never by hand, whatever a role grants.
    clerk = _browser(make_staff("payments.view_payment", "payments.add_payment", username="clerk"))
    assert clerk.get(f"{PAYMENTS}add/").status_code == 403


def test_the_webhook_list_shows_why_an_event_was_rejected(client):
    # A correctly signed event naming a charge Masthead never made.
    event = {
        "id": "evt_stranger",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": "pi_stranger", "object": "payment_intent", "status": "succeeded", "metadata": {"charge_key": "masthead-sub999-term1-try1"}}},
    }  # fmt: skip
    body, headers = signed_stripe_event(event)
    assert client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 200
    body, headers = signed_stripe_event({"id": "evt_other", "object": "event", "type": "customer.created", "data": {"object": {"id": "cus_1"}}})
    assert client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 200
    assert WebhookEvent.objects.get(event_id="evt_stranger").outcome == WebhookOutcome.REJECTED

    browser = _browser(make_staff("payments.view_webhookevent"))
    rejected = browser.get(WEBHOOKS, {"outcome__exact": "rejected"}).text
    assert "evt_stranger" in rejected and "No payment has the charge key" in rejected
    assert "evt_other" not in rejected
    found = browser.get(WEBHOOKS, {"q": "masthead-sub999"}).text
    assert "evt_stranger" in found and "evt_other" not in found
    clerk = _browser(make_staff("payments.view_webhookevent", "payments.add_webhookevent", username="clerk"))
    assert clerk.get(f"{WEBHOOKS}add/").status_code == 403
