"""A gift redeemed by a subscriber moves their renewal: the term ends months
later, the pre-debit notice for the old date is withdrawn, and "the clock
announces the new date before it charges (never at the old one)"
(subscription_gift_apply). The clock now re-reads the renewal under the
subscription's lock before it opens the charge (renewal_still_due), but the
charge itself is made after that lock is let go. A gift redeemed while the
provider is charging the card (a second or two; longer when the provider is
slow) is not seen: the charge settles, ``_renewed`` starts the paid term at
the gift's new end, and the reader has paid today for a term that begins
months from now, announced by a notice the gift withdrew.

Expected: a renewal charge that lands after a gift moved its renewal buys
nothing and is refunded (as a charge landing after a cancel is), or the gift
waits until the charge in flight has settled."""

from datetime import timedelta

import pytest

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_redeem
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.subscriptions.billing import clock
from masthead.subscriptions.models import RenewalNotice, Subscription
from masthead.testing.renewals import SlowCharge, renewal_due_with_a_gift

pytestmark = pytest.mark.django_db


def test_a_gift_redeemed_while_the_renewal_is_at_the_provider_is_not_charged_now(
    localstripe, django_user_model, django_capture_on_commit_callbacks
):
    due = renewal_due_with_a_gift(gift_months=6)
    reader, subscription, gift, now = due.reader, due.subscription, due.gift, due.now

    provider = SlowCharge(payment_provider(), lambda: gift_redeem(code=gift.code, user=reader))
    with django_capture_on_commit_callbacks(execute=True):
        clock.renewals_charge(provider=provider)

    gift.refresh_from_db()
    after = Subscription.objects.get(pk=subscription.pk)
    kept = Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED, duplicate=False)
    assert gift.status == GiftSubscriptionStatus.REDEEMED
    assert not RenewalNotice.objects.filter(subscription=subscription, term_number=2).exists()  # withdrawn by the gift
    assert not kept.exists(), (
        f"charged {kept.first().amount} today, with the notice withdrawn by the gift; the term paid for runs "
        f"{local_date(after.term_start)} to {local_date(after.term_end)}"
    )
    # The charge went back, and the reader reads the gift's months on the term they had.
    refunded = Payment.objects.get(subscription=subscription, term_number=2, duplicate=True)
    assert refunded.status == PaymentStatus.REFUNDED and "a gift was redeemed" in refunded.note
    assert after.term_number == 1 and after.term_end > now + timedelta(days=150)
