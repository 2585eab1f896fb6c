"""A friend buys a lapsed reader a gift subscription; the gift e-mail has
gone to the reader's address and the code is waiting to be redeemed. Days
later the win-back job mails the same reader "come back: ₹450 for your first
3 months" — asking them to pay for what has already been paid for them.

Win-back looks only at the reader's subscriptions, never at gifts bought for
their address (gifts: PAID or SENT, not yet redeemed). docs/subscriptions.md
keeps gifts out of win-back ("a gift (the giver paid) ... not mailed");
expected: no offer to pay while a redeemable gift addressed to the reader's
e-mail is waiting for them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_code_new
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import (
    Subscription,
    SubscriptionStatus,
    WinbackSettings,
)
from masthead.subscriptions.winback import winback_send_due
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
NOW = timezone.now().replace(microsecond=0)


@pytest.mark.xfail(strict=True, reason="win-back never looks at gifts waiting for the reader's address")
def test_a_reader_with_a_gift_waiting_is_not_mailed_an_offer_to_pay(smtp, django_user_model):
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    offer = make_offer(plan, name="Come back offer", code="BACK50", starts_at=NOW - timedelta(days=90))
    WinbackSettings(is_on=True, offer=offer, days_after=30).save()
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test", password="x" * 20)
    ended_at = NOW - timedelta(days=30, hours=1)
    subscription = Subscription.objects.create(
        user=reader, plan=plan, status=SubscriptionStatus.ENDED, price_minor=plan.price_minor, term_months=3,
        term_number=1, started_at=ended_at - timedelta(days=90), term_start=ended_at - timedelta(days=90),
        term_end=ended_at, ended_at=ended_at,
    )  # fmt: skip
    Payment.objects.create(
        subscription=subscription, term_number=1, charge_key="atkwin-gift-1", provider="fake",
        amount_minor=plan.price_minor, status=PaymentStatus.SUCCEEDED, succeeded_at=ended_at - timedelta(days=90),
    )  # fmt: skip
    friend = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    sent = NOW - timedelta(days=2)
    GiftSubscription.objects.create(
        buyer=friend, plan=plan, term_months=3, price_minor=900_00, recipient_name="Asha",
        recipient_email="asha@example.test", send_on=local_date(sent), code=gift_code_new(),
        status=GiftSubscriptionStatus.SENT, paid_at=sent, sent_at=sent,
    )  # fmt: skip

    assert winback_send_due(now=NOW) == 0
    assert smtp.for_address("asha@example.test") == []
