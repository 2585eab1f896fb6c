"""The card link's retry at once racing the billing clock's retry, or a
double click on "Save card": the renewal is charged once. Run on whichever
database the suite uses (SQLite here, PostgreSQL in CI's second run, where
the subscription's row lock is what holds it)."""

from datetime import timedelta

import pytest

from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.concurrency import in_threads
from masthead.testing.stripe import GOOD_CARD, card_setup_for, confirm_card, intents_with_key, renewal_declined, subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db(transaction=True)
S = SubscriptionStatus


@pytest.fixture
def past_due(localstripe, django_user_model):
    reader = django_user_model.objects.create_user(username="race", email="race@example.test", password="a long password here")
    return renewal_declined(subscribe(reader, make_plan(price_minor=900_00, term_months=3)))


def _good_card(subscription) -> str:
    setup = card_setup_for(subscription.user)
    confirm_card(setup.setup_id, GOOD_CARD)
    return setup.setup_id


def _paid_once(subscription):
    term2 = Payment.objects.filter(subscription=subscription, term_number=2)
    assert term2.filter(status=PaymentStatus.SUCCEEDED).count() == 1
    charged = [intent for payment in term2 for intent in intents_with_key(payment.charge_key) if intent.status == "succeeded"]
    assert len(charged) == 1
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 2


def test_the_card_links_retry_racing_the_clocks_retry_charges_once(past_due):
    setup_id = _good_card(past_due)
    now = past_due.term_end + timedelta(days=1, minutes=1)  # the clock's first retry day
    reader_copy = Subscription.objects.get(pk=past_due.pk)

    _, errors = in_threads(
        lambda: billing.payment_card_replace(subscription=reader_copy, setup_id=setup_id, now=now),
        lambda: billing.renewal_retries(now=now),
    )

    assert not errors, errors
    _paid_once(past_due)


def test_save_card_clicked_twice_at_once_charges_once(past_due):
    setup_id = _good_card(past_due)
    now = past_due.term_end + timedelta(hours=5)
    copies = [Subscription.objects.get(pk=past_due.pk) for _ in range(2)]

    _, errors = in_threads(
        *[lambda copy=copy: billing.payment_card_replace(subscription=copy, setup_id=setup_id, now=now) for copy in copies]
    )

    assert not errors, errors
    _paid_once(past_due)
