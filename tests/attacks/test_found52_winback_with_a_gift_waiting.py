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
from masthead.subscriptions.winback import winback_send_due
from masthead.testing.winback import paid_and_ended, winback_switched_on

pytestmark = pytest.mark.django_db
NOW = timezone.now().replace(microsecond=0)


def test_a_reader_with_a_gift_waiting_is_not_mailed_an_offer_to_pay(smtp, django_user_model):
    plan = winback_switched_on(NOW).plans.get()
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test", password="x" * 20)
    paid_and_ended(reader, plan, ended_at=NOW - timedelta(days=30, hours=1))
    friend = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    sent = NOW - timedelta(days=2)
    GiftSubscription.objects.create(
        buyer=friend, plan=plan, term_months=3, price_minor=900_00, recipient_name="Asha",
        recipient_email="asha@example.test", send_on=local_date(sent), code=gift_code_new(),
        status=GiftSubscriptionStatus.SENT, paid_at=sent, sent_at=sent,
    )  # fmt: skip

    assert winback_send_due(now=NOW) == 0
    assert smtp.for_address("asha@example.test") == []
