"""Taking money exactly once, and hearing back from providers.

A term's charge is a ``Payment`` row written *before* the provider is called,
keyed by (subscription, term, attempt). A worker claims the row with one
conditional UPDATE, so two workers never both call the provider; a worker that
died after the call leaves a claimed row that the next run, once the claim has
expired, reconciles with the provider by the same key instead of charging again.
Webhooks and the synchronous answer settle the row through the same function,
under a row lock, so whichever comes second changes nothing.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from masthead.core.money import Money

from .models import Payment, PaymentStatus, WebhookEvent
from .providers import payment_provider
from .providers.base import ChargeResult, PaymentProvider, ProviderEvent, SavedMethod

logger = logging.getLogger(__name__)

# A claim older than this belongs to a worker that died.
CLAIM_EXPIRES = timedelta(minutes=10)


def charge_key(*, subscription_id: int, term_number: int, attempt: int) -> str:
    return f"masthead-sub{subscription_id}-term{term_number}-try{attempt}"


def payment_take(
    *,
    subscription,
    term_number: int,
    attempt: int,
    amount: Money,
    saved: SavedMethod,
    description: str,
    provider: PaymentProvider | None = None,
    now: datetime | None = None,
) -> Payment | None:
    """Charge one attempt at one term, once. Returns the settled payment, or
    None when another worker holds the attempt right now."""
    provider = provider or payment_provider()
    now = now or timezone.now()
    key = charge_key(subscription_id=subscription.pk, term_number=term_number, attempt=attempt)
    # A new attempt is written already claimed by this worker: one statement,
    # where a write and then a claim would be two round trips and two commits.
    payment, created = Payment.objects.get_or_create(
        charge_key=key,
        defaults={
            "subscription": subscription,
            "term_number": term_number,
            "attempt": attempt,
            "provider": provider.name,
            "amount_minor": amount.minor,
            "currency": amount.currency,
            "claimed_at": now,
        },
    )
    if payment.status != PaymentStatus.PENDING:
        return payment
    previously_claimed = not created and payment.claimed_at is not None
    if not created:
        # One conditional UPDATE: an unclaimed attempt, or one whose worker died.
        claimed = (
            Payment.objects.filter(pk=payment.pk, status=PaymentStatus.PENDING)
            .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_EXPIRES))
            .update(claimed_at=now)
        )
        if not claimed:
            return None
    result = provider.find_charge(key=key) if previously_claimed else None
    if result is None:
        result = provider.charge(saved=saved, amount=payment.amount, key=key, description=description)
    return payment_settle(payment_id=payment.pk, result=result, now=now)


def payment_settle(*, payment_id: int, result: ChargeResult, now: datetime | None = None) -> Payment:
    """Record the provider's answer. A payment settles once; later answers are no-ops."""
    now = now or timezone.now()
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment_id)
        if payment.status != PaymentStatus.PENDING:
            return payment
        payment.provider_payment_id = result.payment_id or payment.provider_payment_id
        if result.succeeded:
            payment.status = PaymentStatus.SUCCEEDED
            payment.succeeded_at = now
        else:
            payment.status = PaymentStatus.FAILED
            payment.failure_message = result.message[:250]
        payment.save(update_fields=["provider_payment_id", "status", "succeeded_at", "failure_message"])
        # What follows from the money (activating, renewing, invoicing) is
        # part of the same transaction: all of it happens, or none does and
        # the payment stays pending for the reconciler.
        for listener in _settled_listeners:
            listener(payment)
    return payment


# Set by the subscriptions app: what follows from a settled payment (activate,
# renew, invoice). Payments know nothing of subscriptions' rules.
_settled_listeners: list[Callable[[Payment], None]] = []


def on_payment_settled(listener: Callable[[Payment], None]) -> Callable[[Payment], None]:
    _settled_listeners.append(listener)
    return listener


def payment_refund(*, payment: Payment, provider: PaymentProvider | None = None, now: datetime | None = None) -> Payment:
    provider = provider or payment_provider(payment.provider)
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.status != PaymentStatus.SUCCEEDED:
            return locked
        provider.refund(payment_id=locked.provider_payment_id)
        locked.status = PaymentStatus.REFUNDED
        locked.refunded_at = now or timezone.now()
        locked.save()
    return locked


def webhook_receive(*, provider_name: str, body: bytes, headers, provider: PaymentProvider | None = None) -> WebhookEvent | None:
    """Verify, store once, process. Raises SignatureInvalid before anything is stored.

    Returns None for a replay of an event already processed. A processing
    failure is recorded on the event and re-raised, so the provider retries.
    """
    provider = provider or payment_provider(provider_name)
    event = provider.verify_webhook(body=body, headers=headers)
    try:
        with transaction.atomic():
            stored = WebhookEvent.objects.create(
                provider=provider_name, event_id=event.id, event_type=event.type, payload=event.raw
            )
    except IntegrityError:
        stored = WebhookEvent.objects.get(provider=provider_name, event_id=event.id)
        if stored.processed_at is not None:
            return None
    try:
        _process(event)
    except Exception as error:
        WebhookEvent.objects.filter(pk=stored.pk).update(error=f"{type(error).__name__}: {error}"[:2000])
        raise
    WebhookEvent.objects.filter(pk=stored.pk).update(processed_at=timezone.now(), error="")
    return stored


# Set by the subscriptions app: what a provider-side subscription event means.
_subscription_listeners: list[Callable[[ProviderEvent], None]] = []


def on_subscription_signal(listener: Callable[[ProviderEvent], None]) -> Callable[[ProviderEvent], None]:
    _subscription_listeners.append(listener)
    return listener


def _process(event: ProviderEvent) -> None:
    if event.subscription_signal:
        for listener in _subscription_listeners:
            listener(event)
        return
    if event.succeeded is None or not event.charge_key:
        return  # an event Masthead does not act on: stored, nothing to do
    payment = Payment.objects.filter(charge_key=event.charge_key).first()
    if payment is None:
        logger.warning("webhook %s names unknown charge %s", event.id, event.charge_key)
        return
    payment_settle(
        payment_id=payment.pk,
        result=ChargeResult(succeeded=event.succeeded, payment_id=event.payment_id, message=event.message),
    )
