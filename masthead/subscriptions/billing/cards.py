"""The reader's card for renewals, and staff refunds."""

from datetime import datetime

from django.utils import timezone

from masthead.payments.models import BillingProfile, Payment
from masthead.payments.providers import payment_provider
from masthead.payments.providers.base import CardSetup
from masthead.payments.services import RefundEffect

from ..models import EventReason, Subscription, SubscriptionStatus
from ..states import subscription_move
from .checkout import card_owner_check, provider_customer
from .clock import renewal_attempt

S = SubscriptionStatus


def card_change_start(*, subscription: Subscription, reuse_setup_id: str = "", provider=None) -> CardSetup:
    """The card form for a new renewal card, at the reader's customer with
    today's provider (made there if the profile names none, as checkout
    would)."""
    provider = provider or payment_provider()
    customer_id = provider_customer(user=subscription.user, provider=provider)
    return provider.card_setup(customer_id=customer_id, reuse_setup_id=reuse_setup_id)


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


def refund_effect(payment: Payment) -> RefundEffect:
    """Registered with payments (on_refund_effect): what staff are told a
    refund of ``payment`` will do before they confirm it."""
    if refund_ends_reading(payment, payment.subscription):
        return RefundEffect(
            ends_reading=True,
            description="It paid the current term: the subscription ends and the reader stops reading at once.",
        )
    return RefundEffect(description="The reader keeps reading (this payment did not pay the current term).")


def refund_ends_term(payment: Payment, *, by=None) -> None:
    """Registered with payments (on_payment_refunded): a refund of the
    current term's payment ends the subscription, whoever refunded it."""
    subscription = Subscription.objects.select_for_update().get(pk=payment.subscription_id)
    if refund_ends_reading(payment, subscription):
        now = payment.refunded_at
        subscription_move(
            subscription=subscription, to=S.REFUNDED, reason=EventReason.REFUNDED_BY_STAFF, actor=by, now=now, ended_at=now
        )
