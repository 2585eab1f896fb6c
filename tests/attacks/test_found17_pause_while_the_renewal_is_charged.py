"""A renewal charge that lands after a gift moved the renewal is refunded
(settled.renewal_moved): the reader is never charged today for a term that
begins months from now. But renewal_moved only asks this of an active or
past-due subscription. A reader who redeems a gift while the clock is
charging the card (the term is then no longer over) can also pause at once:
the charge then lands on a *paused* subscription, is kept, and ``_renewed``
takes it as a "resume now": the pause the reader was just told about is
silently dropped (it still counts against the limit), the subscription is
active again, and the reader has paid today for the term after the gift's
months, announced by a notice the gift withdrew.

Expected: the charge is refunded as on an active subscription, and the
subscription stays paused from the gift's end."""

import pytest

from masthead.core.periods import local_date
from masthead.gifts.subscriptions import gift_redeem
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.subscriptions import services
from masthead.subscriptions.billing import clock
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.renewals import SlowCharge, renewal_due_with_a_gift

pytestmark = pytest.mark.django_db


def test_a_pause_asked_for_while_the_renewal_is_at_the_provider_is_kept_and_nothing_is_charged(
    localstripe, django_user_model, django_capture_on_commit_callbacks
):
    due = renewal_due_with_a_gift(gift_months=6)
    reader, subscription, gift = due.reader, due.subscription, due.gift

    def redeem_then_pause():
        gift_redeem(code=gift.code, user=reader)
        services.subscription_pause(subscription=Subscription.objects.get(pk=subscription.pk), months=2, by=reader)

    provider = SlowCharge(payment_provider(), redeem_then_pause)
    with django_capture_on_commit_callbacks(execute=False):
        clock.renewals_charge(provider=provider)

    after = Subscription.objects.get(pk=subscription.pk)
    kept = Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED, duplicate=False)
    assert not kept.exists(), (
        f"charged {kept.first().amount} today on a paused subscription; it is now {after.status}, "
        f"term {after.term_number} from {local_date(after.term_start)} to {local_date(after.term_end)}"
    )
    assert after.status == SubscriptionStatus.PAUSED and after.term_number == 1
