"""A renewal charge that lands after a gift moved the renewal is refunded
(settled.renewal_moved), and "the clock announces and charges the new date
in its turn". It does not charge it: the refunded charge was the term's
scheduled attempt 1, and the clock charges a renewal as attempt 1, which
payment_attempt_open treats as made already (an attempt is made at most
once) and hands back, refunded, without charging. The clock counts it as
charged; the subscription stays active past its term, unpaid, until the
renewal window ends and it lapses as "never settled": the reader reads the
renewal window free, is never charged, never told their card was not
charged, and loses their subscription. (Attempt 1's charge key is the
refunded charge's too, so the provider's idempotency would also hand the
old charge back.)

Expected: at the moved date the renewal is announced and charged, and the
reader's subscription renews."""

from datetime import timedelta

import pytest

from masthead.core.periods import local_date
from masthead.gifts.subscriptions import gift_redeem
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.subscriptions.billing import clock
from masthead.subscriptions.models import RenewalNotice, Subscription, SubscriptionStatus
from masthead.testing.renewals import SlowCharge, renewal_due_with_a_gift

pytestmark = pytest.mark.django_db


def test_a_renewal_moved_by_a_gift_is_charged_at_its_new_date(
    localstripe, django_user_model, django_capture_on_commit_callbacks
):
    due = renewal_due_with_a_gift(gift_months=1)
    reader, subscription, gift, now = due.reader, due.subscription, due.gift, due.now
    provider = SlowCharge(payment_provider(), lambda: gift_redeem(code=gift.code, user=reader))
    with django_capture_on_commit_callbacks(execute=True):
        clock.renewals_charge(provider=provider)
    moved = Subscription.objects.get(pk=subscription.pk)
    assert moved.term_number == 1 and moved.term_end > now + timedelta(days=20)
    assert Payment.objects.get(subscription=subscription, term_number=2).status == PaymentStatus.REFUNDED

    # The gift's month passes: the clock announces the new date, and charges it a day later.
    new_end = moved.term_end
    for later in (new_end + timedelta(minutes=1), new_end + timedelta(days=1, minutes=5)):
        with django_capture_on_commit_callbacks(execute=True):
            clock.renewals_charge(now=later, provider=provider)
    # The new date was announced, and its charge day has come.
    notice = RenewalNotice.objects.get(subscription=subscription, term_number=2)
    assert notice.charge_on <= later and later - notice.sent_at >= timedelta(hours=24)

    renewed = Subscription.objects.get(pk=subscription.pk)
    paid = Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED, duplicate=False)
    assert paid.exists() and renewed.term_number == 2, (
        f"a day after the moved renewal fell due nothing was charged: the subscription is {renewed.status}, "
        f"term {renewed.term_number} ended {local_date(renewed.term_end)}; term 2's payments: "
        f"{list(Payment.objects.filter(subscription=subscription, term_number=2).values_list('attempt', 'status'))}"
    )

    # ...and the window passes with no charge: the reader lapses without ever having been asked to pay.
    with django_capture_on_commit_callbacks(execute=True):
        clock.renewals_overdue_lapse(now=new_end + timedelta(days=30))
    assert Subscription.objects.get(pk=subscription.pk).status != SubscriptionStatus.LAPSED
