"""The reader's card for renewals, and staff refunds."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.payments.services import payment_refund

from ..models import Subscription, SubscriptionStatus
from ..states import subscription_move
from .checkout import card_owner_check
from .clock import renewal_attempt

S = SubscriptionStatus


def payment_card_replace(
    *, subscription: Subscription, setup_id: str, provider=None, now: datetime | None = None
) -> Payment | None:
    """Save a new card for renewals. A subscription in its grace period is
    retried with it at once, unless a charge for the term is already in
    flight; returns that retry as it settled (paid or declined), or None when
    nothing was charged."""
    provider = provider or payment_provider()
    now = now or timezone.now()
    saved = provider.saved_method(setup_id=setup_id)
    profile = BillingProfile.objects.get(user=subscription.user)
    card_owner_check(profile=profile, saved=saved)
    profile.provider_payment_method_id = saved.payment_method_id
    profile.save()
    if subscription.status != S.PAST_DUE:
        return None
    payment = renewal_attempt(subscription, attempt=None, now=now, provider=provider, saved=saved)
    subscription.refresh_from_db()
    return payment


# The states a staff refund of the current term ends.
_REFUND_ENDS = (S.ACTIVE, S.CANCELLING, S.PAST_DUE)


def refund_ends_reading(payment: Payment, subscription: Subscription) -> bool:
    """Whether refunding ``payment`` stops its reader reading: it paid the
    current term of a subscription that still reads. An extra charge paid for
    nothing ends no term."""
    return (
        not payment.duplicate
        and payment.term_number == subscription.term_number
        and subscription.status in _REFUND_ENDS
    )


def payment_refund_and_end(*, payment: Payment, by=None, provider=None, now: datetime | None = None) -> Payment:
    """Staff refund a payment; when it paid for the current term, reading stops."""
    now = now or timezone.now()
    with transaction.atomic():
        refunded = payment_refund(payment=payment, provider=provider, now=now)
        subscription = Subscription.objects.get(pk=payment.subscription_id)
        if refunded.status == PaymentStatus.REFUNDED and refund_ends_reading(refunded, subscription):
            subscription_move(
                subscription=subscription, to=S.REFUNDED, reason="refunded_by_staff", actor=by, now=now, ended_at=now
            )
    return refunded
