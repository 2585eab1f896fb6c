"""A staff refund asks again when what it does changed since staff looked
(payment_refund(expected_effect=)), but "what it does" is compared as the
sentence the confirmation showed. Refunding the payment of a subscriber's
current term says "It paid the current term: the subscription ends and the
reader stops reading at once." A gift the reader redeems after staff looked
lengthens that same term by the gift's months (subscription_gift_apply: the
term ends later, its number stays), so the sentence stays the same, the
refund goes through unasked, and the subscription ends at once: the reader
loses the months a friend paid for (their gift is used up and cannot be
redeemed again), though staff only meant to give back one month's money.

Expected: a refund whose subscription a gift lengthened since staff looked
is not made: staff are asked again, with what it does now (the gift's
months end with it)."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_code_new, gift_redeem
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.admin import PAYMENTS, refund_confirmation
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def test_a_gift_redeemed_after_staff_looked_is_not_ended_by_the_refund_unseen(
    localstripe, django_user_model, django_capture_on_commit_callbacks
):
    reader = django_user_model.objects.create_user(username="monthly", email="monthly@example.test", password="x" * 20)
    plan = make_plan(name="Smart Monthly", slug="smart-monthly", price_minor=300_00, term_months=1)
    subscription = subscribe(reader, plan)
    payment = Payment.objects.get(subscription=subscription, status=PaymentStatus.SUCCEEDED)

    helpdesk = django_user_model.objects.create_user(
        username="helpdesk", email="helpdesk@example.test", password="a long password here", is_staff=True
    )
    helpdesk.groups.add(Group.objects.get(name="Support"))
    support = Client()
    support.force_login(helpdesk)
    form = refund_confirmation(support, [payment.pk])
    assert "the reader stops reading at once" in form[f"refund_effect_{payment.pk}"]

    # While the confirmation is open, the reader redeems a friend's six-month gift.
    now = timezone.now()
    friend = django_user_model.objects.create_user(username="friend", email="friend@example.test", password="x" * 20)
    gift = GiftSubscription.objects.create(
        buyer=friend, plan=plan, term_months=6, price_minor=1_800_00, recipient_name="M",
        recipient_email=reader.email, send_on=local_date(now), code=gift_code_new(),
        status=GiftSubscriptionStatus.SENT, paid_at=now, sent_at=now,
    )  # fmt: skip
    gift_redeem(code=gift.code, user=reader)
    lengthened = Subscription.objects.get(pk=subscription.pk).term_end

    with django_capture_on_commit_callbacks(execute=True):
        answer = support.post(PAYMENTS, {**form, "confirmed": "yes"}, follow=True)

    payment.refresh_from_db()
    subscription.refresh_from_db()
    gift.refresh_from_db()
    assert not (payment.status == PaymentStatus.REFUNDED and subscription.status == SubscriptionStatus.REFUNDED), (
        f"staff gave back {payment.amount} and the subscription ended at once: the friend's gift "
        f"({gift.get_status_display().lower()}), which ran it to {local_date(lengthened)}, is gone unseen"
    )
    assert "changed since you looked" in answer.text
