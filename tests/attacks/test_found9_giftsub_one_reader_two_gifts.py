"""A reader redeems two gifts at the same moment (two tabs, two codes from
two friends). Each redemption found no subscription and made one; the
database's one-live-subscription rule refused the second with an
IntegrityError, a server error for the reader, instead of the second gift
lengthening the first's term."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_code_new, gift_redeem
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.concurrency import in_threads
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db(transaction=True)


def _sent_gift(buyer, plan):
    now = timezone.now()
    return GiftSubscription.objects.create(
        buyer=buyer, plan=plan, term_months=plan.term_months, price_minor=plan.price_minor,
        recipient_name="Ravi", recipient_email="ravi@example.test", send_on=local_date(now),
        code=gift_code_new(), status=GiftSubscriptionStatus.SENT, paid_at=now, sent_at=now,
    )  # fmt: skip


def test_two_gifts_redeemed_at_once_by_one_reader_add_up(django_user_model):
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    other = make_plan(name="Digital Quarterly", slug="digital-quarterly", price_minor=800_00, term_months=3)
    buyer = django_user_model.objects.create_user(username="b", email="b@example.test", password="x" * 20)
    ravi = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    # Gifts of two plans, from two friends.
    gifts = [_sent_gift(buyer, quarterly), _sent_gift(buyer, other)]

    done, errors = in_threads(*[lambda gift=gift: gift_redeem(code=gift.code, user=ravi) for gift in gifts])

    assert not errors, errors
    subscription = Subscription.objects.get(user=ravi)
    assert subscription.status == SubscriptionStatus.GIFT
    # Six months in all, whichever came first.
    assert subscription.term_end > subscription.term_start + timedelta(days=180)
    assert set(GiftSubscription.objects.values_list("status", flat=True)) == {GiftSubscriptionStatus.REDEEMED}
