"""A reader whose renewal failed asks to stop.

Cancelling is "one click and one confirmation on the account page", and
"cancelled subscriptions are never charged". But the account page offers
*Cancel* only to an active subscription, ``/account/cancel/`` redirects a
past-due one without doing anything, and the state machine has no move from
past due to cancelling or ended. The clock's retries go on charging the card
of a reader who asked to stop.
"""

from datetime import timedelta

import pytest
from django.test import Client

from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import DECLINED_CARD, GOOD_CARD, save_card, subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus


def test_a_reader_in_the_grace_period_can_cancel_and_is_not_charged_again(localstripe, django_user_model, settings):
    settings.MASTHEAD_RENEWAL_RETRY_DAYS = [1, 3, 5]
    reader = django_user_model.objects.create_user(username="neha", email="neha@example.test", password="a long password here")
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3))
    save_card(reader, DECLINED_CARD)
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE

    browser = Client()
    browser.force_login(reader)
    browser.post("/account/cancel/")  # the one click and confirmation

    # The card works again by the next retry day (the bank lifted a block).
    save_card(reader, GOOD_CARD)
    billing.billing_clock_tick(now=end + timedelta(days=1, minutes=1))

    subscription.refresh_from_db()
    charged = Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED, duplicate=False)
    assert not charged.exists(), f"the reader asked to cancel and was charged for term 2 (now {subscription.status})"
