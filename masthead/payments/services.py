"""Taking money exactly once, and hearing back from providers.

A term's charge is a ``Payment`` row written *before* the provider is called,
keyed by (subscription, term, attempt). At most one attempt per term is in
flight (payment_attempt_open, under the subscription's row lock and a
conditional unique constraint), so a double click, a second tab or two clocks
never both call the provider; a worker that died after the call leaves a
claimed row that the next run, once the claim has expired, reconciles with the
provider by the same key instead of charging again. Webhooks and the
synchronous answer settle the row through the same function, under a row
lock, so whichever comes second changes nothing; a webhook is only a pointer
to a provider object, re-read and matched to the row before money moves.

The money invariants (docs/subscriptions.md): one charge per click and per
term; an event settles only its own payment; an extra charge is refunded.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from masthead.core.errors import MastheadError
from masthead.core.money import Money

from .models import BillingProfile, Payment, PaymentStatus, WebhookEvent, WebhookOutcome
from .providers import payment_provider
from .providers.base import (
    ChargeResult,
    EventMalformed,
    PaymentProvider,
    ProviderCharge,
    ProviderEvent,
    SavedMethod,
)
from .selectors import CLAIM_EXPIRES, term_attempts

logger = logging.getLogger(__name__)

PAID = (PaymentStatus.SUCCEEDED, PaymentStatus.REFUNDED)
# What WebhookEvent stores of an event's id and type.
ID_LENGTH = WebhookEvent._meta.get_field("event_id").max_length
TYPE_LENGTH = WebhookEvent._meta.get_field("event_type").max_length


class ChargeInFlight(MastheadError):
    """Another charge for the same term is being made right now."""

    code = "charge_in_flight"

    def __init__(self, message: str = "Your payment is being processed. Please wait a moment and reload this page."):
        super().__init__(message=message)


class TermAlreadyPaid(MastheadError):
    code = "term_already_paid"

    def __init__(self, message: str = "This term is already paid for."):
        super().__init__(message=message)


class EventRejected(MastheadError):
    """A correctly signed event that does not match the payment it names."""

    code = "event_rejected"


def charge_key(*, subscription_id: int, term_number: int, attempt: int) -> str:
    return f"masthead-sub{subscription_id}-term{term_number}-try{attempt}"


def gift_charge_key(*, gift_id: int, attempt: int) -> str:
    return f"masthead-gift{gift_id}-try{attempt}"


class ChargeNotWanted(MastheadError):
    """What the charge was for changed before it was made (checked under the
    lock): a cancel, a renewal moved, a notice withdrawn."""

    code = "charge_not_wanted"

    def __init__(self, message: str = "This charge is no longer due."):
        super().__init__(message=message)


def _lock_subscription(subscription_id: int) -> None:
    """Lock order (docs/subscriptions.md): the subscription row first, then its
    payments. Every new charge attempt is opened under this lock."""
    subscription_model = Payment._meta.get_field("subscription").related_model
    subscription_model.objects.select_for_update().only("pk").get(pk=subscription_id)


def _lock_owner(*, subscription_id: int | None, gift_id: int | None) -> None:
    """The row a payment pays for, locked first: the subscription, or the gift
    subscription bought (the same lock order, with the gift in its place)."""
    if subscription_id is not None:
        _lock_subscription(subscription_id)
    else:
        gift_model = Payment._meta.get_field("gift").related_model
        gift_model.objects.select_for_update().only("pk").get(pk=gift_id)


def _same_term(payment: Payment) -> Q:
    """The payments for what ``payment`` pays for."""
    if payment.subscription_id is not None:
        return Q(subscription_id=payment.subscription_id, term_number=payment.term_number)
    return Q(gift_id=payment.gift_id)


def payment_attempt_open(
    *,
    subscription=None,
    gift=None,
    term_number: int = 1,
    amount: Money,
    provider_name: str,
    attempt: int | None = None,
    now: datetime | None = None,
    still_due: Callable[[], bool] | None = None,
    customer_id: str = "",
) -> tuple[Payment, bool]:
    """Hold the one charge attempt for (subscription, term) that may go to the provider.

    The in-flight rule: under the subscription's row lock (and a conditional
    unique constraint, for SQLite, which has no row locks), a term has at most
    one pending attempt. Returns ``(payment, reconcile)``:

    - a new attempt, written already claimed by this worker (``reconcile`` False);
    - an earlier attempt whose worker died or never claimed it (``reconcile``
      True when a worker had it: ask the provider before charging again);
    - with ``attempt`` (the billing clock's scheduled attempt), that attempt
      as it is when it was already answered: it is never made twice.

    Raises ChargeInFlight while another worker holds the term's attempt, and
    TermAlreadyPaid once the term is paid.

    A ``gift`` (a gift subscription being bought) in place of ``subscription``
    has one term, under the same rules.

    ``customer_id`` is the provider's customer to be charged (for a gift,
    by default the one its payment page was made for): an event about the
    attempt must name it.

    ``still_due``, when given, is asked under that lock, before any attempt is
    opened or taken over: when it says no (the subscription was cancelled, or
    its renewal moved, since the caller read it) ChargeNotWanted is raised
    and nothing is charged.
    """
    now = now or timezone.now()
    if (subscription is None) == (gift is None):
        raise ValueError("A payment pays for a subscription's term or for a gift, and only one.")
    if gift is not None:
        term_number = 1
    with transaction.atomic():
        _lock_owner(subscription_id=subscription and subscription.pk, gift_id=gift and gift.pk)
        if gift is not None:
            term = Payment.objects.filter(gift_id=gift.pk)
        else:
            term = Payment.objects.filter(subscription_id=subscription.pk, term_number=term_number)
        if attempt is not None:
            made = term.filter(attempt=attempt).first()
            if made is not None and made.status != PaymentStatus.PENDING:
                return made, False
        if term.filter(status__in=PAID, duplicate=False).exists():
            raise TermAlreadyPaid()
        if still_due is not None and not still_due():
            raise ChargeNotWanted()
        in_flight = term.filter(status=PaymentStatus.PENDING).first()
        if in_flight is not None:
            was_claimed = in_flight.claimed_at is not None
            taken = (
                Payment.objects.filter(pk=in_flight.pk, status=PaymentStatus.PENDING)
                .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_EXPIRES))
                .update(claimed_at=now)
            )
            if not taken:
                raise ChargeInFlight()
            # Read again once taken: the worker that had it may have written
            # to it (an order's id) and let it go since it was read above.
            in_flight.refresh_from_db()
            return in_flight, was_claimed
        if gift is not None:
            number = attempt or (max(term.values_list("attempt", flat=True), default=0) + 1)
            key = gift_charge_key(gift_id=gift.pk, attempt=number)
        else:
            number = attempt or term_attempts(subscription_id=subscription.pk, term_number=term_number).next_number
            key = charge_key(subscription_id=subscription.pk, term_number=term_number, attempt=number)
        try:
            with transaction.atomic():
                payment = Payment.objects.create(
                    subscription_id=subscription and subscription.pk,
                    gift_id=gift and gift.pk,
                    term_number=term_number,
                    attempt=number,
                    charge_key=key,
                    provider=provider_name,
                    amount_minor=amount.minor,
                    currency=amount.currency,
                    claimed_at=now,
                    provider_customer_id=customer_id or (gift and gift.provider_customer_id) or "",
                )
        except IntegrityError:
            raise ChargeInFlight() from None
    return payment, False


def payment_authorisation_open(
    *, subscription, amount: Money, provider_name: str, customer_id: str, note: str, now: datetime | None = None
) -> Payment:
    """An attempt that buys nothing by design: the small payment a provider
    needs to register a new card or mandate when nothing is owed (Razorpay's
    authorisation transaction). It is written on the term being read, already
    marked as an extra charge (``duplicate``) with ``note`` saying why, so it
    is never invoiced, ends no term when refunded, and payment_settle
    refunds it as soon as it is paid, whichever way the payment is reported.
    It is also marked ``authorisation``, so the reader is told what it was
    (a new card's authorisation) rather than a charge made twice.

    Opened under the subscription's lock, with the next attempt number of
    that term, so its charge key is never one the term used; ChargeInFlight
    while another attempt on the term is pending."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock_subscription(subscription.pk)
        term = Payment.objects.filter(subscription_id=subscription.pk, term_number=subscription.term_number)
        in_flight = term.filter(status=PaymentStatus.PENDING).first()
        if in_flight is not None:
            # An earlier authorisation whose order was never made (the
            # provider erred, or the page's worker died before asking) names
            # no provider object, so nothing can have been paid on it: once no
            # worker holds it, it is taken over, as payment_attempt_open takes
            # over a stale attempt. Anything else pending on the term is a
            # charge in flight.
            taken = (
                in_flight.authorisation
                and not in_flight.provider_payment_id
                and Payment.objects.filter(pk=in_flight.pk, status=PaymentStatus.PENDING, provider_payment_id="")
                .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_EXPIRES))
                .update(claimed_at=now)
            )
            if not taken:
                raise ChargeInFlight()
            in_flight.refresh_from_db()
            return in_flight
        number = term_attempts(subscription_id=subscription.pk, term_number=subscription.term_number).next_number
        try:
            with transaction.atomic():
                return Payment.objects.create(
                    subscription_id=subscription.pk,
                    term_number=subscription.term_number,
                    attempt=number,
                    charge_key=charge_key(subscription_id=subscription.pk, term_number=subscription.term_number, attempt=number),
                    provider=provider_name,
                    amount_minor=amount.minor,
                    currency=amount.currency,
                    claimed_at=now,
                    provider_customer_id=customer_id,
                    duplicate=True,
                    authorisation=True,
                    note=note[:250],
                )
        except IntegrityError:
            raise ChargeInFlight() from None


def payment_take(
    *,
    subscription=None,
    gift=None,
    term_number: int = 1,
    amount: Money,
    saved: SavedMethod,
    description: str,
    attempt: int | None = None,
    provider: PaymentProvider | None = None,
    now: datetime | None = None,
    still_due: Callable[[], bool] | None = None,
) -> Payment:
    """Charge one term once (see payment_attempt_open for the in-flight rule
    and ``still_due``).

    Returns the settled payment. Raises ChargeInFlight or TermAlreadyPaid
    instead of charging a second time."""
    provider = provider or payment_provider()
    now = now or timezone.now()
    payment, reconcile = payment_attempt_open(
        subscription=subscription,
        gift=gift,
        term_number=term_number,
        amount=amount,
        provider_name=provider.name,
        attempt=attempt,
        now=now,
        still_due=still_due,
        customer_id=saved.customer_id,
    )
    if payment.status != PaymentStatus.PENDING:
        return payment
    if payment.checkout_method:
        # Taken over from a reader's page that never made its order: charged
        # here, it is no longer an order waiting for the reader.
        Payment.objects.filter(pk=payment.pk).update(checkout_method="")
        payment.checkout_method = ""
    result = _reconciled(provider, payment) if reconcile else None
    if result is None:
        result = provider.charge(saved=saved, amount=payment.amount, key=payment.charge_key, description=description)
    if not result.final:
        # Still being decided at the provider: keep the attempt (and its
        # claim) in flight; the provider's webhook settles it.
        Payment.objects.filter(pk=payment.pk, status=PaymentStatus.PENDING).update(provider_payment_id=result.payment_id)
        payment.refresh_from_db()
        return payment
    return payment_settle(payment_id=payment.pk, result=result, now=now)


def _reconciled(provider: PaymentProvider, payment: Payment) -> ChargeResult | None:
    """What became of an attempt whose worker died: the provider object
    recorded for it, re-read, or else the charge the provider has under its key."""
    if payment.provider_payment_id:
        charge = provider.charge_lookup(payment_id=payment.provider_payment_id)
        if charge is not None and charge.charge_key == payment.charge_key:
            return ChargeResult(
                succeeded=bool(charge.succeeded),
                payment_id=charge.payment_id,
                message=charge.message,
                final=charge.succeeded is not None,
            )
    return provider.find_charge(key=payment.charge_key)


def payment_settle(*, payment_id: int, result: ChargeResult, now: datetime | None = None) -> Payment:
    """Record the provider's answer. A payment settles once; later answers are no-ops.

    A success for a term another payment already paid is an extra charge: it
    is recorded as a duplicate, never invoiced, and refunded (after commit,
    and by the billing clock if that refund fails)."""
    now = now or timezone.now()
    subscription_id, gift_id = Payment.objects.values_list("subscription_id", "gift_id").get(pk=payment_id)
    with transaction.atomic():
        _lock_owner(subscription_id=subscription_id, gift_id=gift_id)  # the lock order: subscription, then payment
        payment = Payment.objects.select_for_update().get(pk=payment_id)
        if payment.status != PaymentStatus.PENDING:
            return payment
        payment.provider_payment_id = result.payment_id or payment.provider_payment_id
        term_paid_already = False
        if result.succeeded:
            payment.status = PaymentStatus.SUCCEEDED
            payment.succeeded_at = now
            # An attempt opened as buying nothing (an authorisation,
            # payment_authorisation_open) is refunded like an extra charge.
            term_paid_already = payment.duplicate or (
                Payment.objects.filter(_same_term(payment))
                .filter(status__in=PAID, duplicate=False)
                .exclude(pk=payment.pk)
                .exists()
            )
            # Marked before the save: the one-paid-payment constraint counts
            # only payments that are not duplicates.
            payment.duplicate = term_paid_already
        else:
            payment.status = PaymentStatus.FAILED
            payment.failure_message = result.message[:250]
        payment.save(update_fields=["provider_payment_id", "status", "succeeded_at", "failure_message", "duplicate"])
        if term_paid_already:
            payment_unneeded(payment=payment, note=payment.note or "Charged for a term already paid: refunded automatically.")
            return payment
        # What follows from the money (activating, renewing, invoicing) is
        # part of the same transaction: all of it happens, or none does and
        # the payment stays pending for the reconciler.
        for listener in _settled_listeners:
            listener(payment)
    return payment


def payment_unneeded(*, payment: Payment, note: str) -> None:
    """A settled success that buys nothing (the subscription was cancelled,
    replaced or lapsed while the charge was in flight): like an extra charge,
    it is never invoiced and is refunded after commit. Called by a settled
    listener, inside the settling transaction, with the payment locked."""
    payment.duplicate = True
    payment.note = note[:250]
    payment.save(update_fields=["duplicate", "note"])
    logger.warning("charge %s bought nothing (%s): refunding", payment.charge_key, note)
    transaction.on_commit(lambda: duplicate_refund(payment_id=payment.pk))


def duplicate_refund(*, payment_id: int, provider: PaymentProvider | None = None) -> Payment:
    """Give back an extra charge. Safe to repeat: the provider's refund is keyed."""
    payment = Payment.objects.get(pk=payment_id)
    if not payment.duplicate or payment.status != PaymentStatus.SUCCEEDED:
        return payment
    try:
        return payment_refund(payment=payment, provider=provider)
    except MastheadError as error:
        # The billing clock tries again (duplicates_refund_due).
        logger.warning("refund of duplicate charge %s failed: %s", payment.charge_key, error.message)
        return payment


def duplicates_refund_due() -> int:
    """Refund every extra charge whose refund has not gone through yet."""
    due = Payment.objects.filter(duplicate=True, status=PaymentStatus.SUCCEEDED).values_list("pk", flat=True)
    return sum(duplicate_refund(payment_id=pk).status == PaymentStatus.REFUNDED for pk in list(due))


# Set by the subscriptions app: what follows from a settled payment (activate,
# renew, invoice). Payments know nothing of subscriptions' rules.
_settled_listeners: list[Callable[[Payment], None]] = []


def on_payment_settled(listener: Callable[[Payment], None]) -> Callable[[Payment], None]:
    if listener not in _settled_listeners:
        _settled_listeners.append(listener)
    return listener


# Set by the subscriptions app: who is told of a refund. Called inside the
# refunding transaction, once per refund.
@dataclass(frozen=True)
class RefundEffect:
    """What refunding a payment does beyond giving the money back, as staff
    are told before they confirm (payments knows money, not reading)."""

    ends_reading: bool = False
    description: str = "Nothing else changes."
    # How much goes back (paise) when it is less than the payment: part of
    # what it paid was already credited elsewhere (an upgrade's credit note),
    # and a credit is never paid out twice. None: the whole payment.
    amount_minor: int | None = None


_refunded_listeners: list[Callable[..., None]] = []
_refund_effect: list[Callable[[Payment], RefundEffect]] = []


def on_payment_refunded(listener: Callable[..., None]) -> Callable[..., None]:
    """``listener(payment, by=...)`` runs inside the refunding transaction,
    with the payment locked and marked refunded; ``by`` is the member of staff
    who refunded it, or None for a refund Masthead made itself."""
    if listener not in _refunded_listeners:
        _refunded_listeners.append(listener)
    return listener


def on_refund_effect(describe: Callable[[Payment], RefundEffect]) -> Callable[[Payment], RefundEffect]:
    """Who decides what a refund ends: the app that sold a subscription's terms."""
    _refund_effect[:] = [describe]
    return describe


_gift_refund_effect: list[Callable[[Payment], RefundEffect]] = []


def on_gift_refund_effect(describe: Callable[[Payment], RefundEffect]) -> Callable[[Payment], RefundEffect]:
    """Who decides what refunding a gift subscription's payment does: the app that sold it."""
    _gift_refund_effect[:] = [describe]
    return describe


def refund_effect(payment: Payment) -> RefundEffect:
    describers = _refund_effect if payment.subscription_id is not None else _gift_refund_effect
    return describers[0](payment) if describers else RefundEffect()


class RefundEffectChanged(MastheadError):
    """What a refund does is no longer what staff were shown (a gift was
    redeemed, a term renewed since they looked): nothing was refunded.
    ``effect`` is what it does now."""

    code = "refund_effect_changed"

    def __init__(self, effect: RefundEffect):
        super().__init__(
            message=f"Nothing was refunded: what the refund does changed since you looked. It now does this: {effect.description}"
        )
        self.effect = effect


class NothingToRefund(MastheadError):
    """All that a payment paid was already credited elsewhere (an upgrade set
    its unused days against a new term): nothing goes back, nothing moves."""

    code = "nothing_to_refund"


class RefundNotRecorded(MastheadError):
    """What a refund ends or writes (the term, a gift, the credit note) could
    not be recorded, so the provider was never asked: nothing was refunded."""

    code = "refund_not_recorded"

    def __init__(
        self,
        message: str = "Nothing was refunded: its records (the credit note, the end of the term) could not be "
        "written. The error is logged; ask a developer before trying again.",
    ):
        super().__init__(message=message)


def payment_refund(
    *,
    payment: Payment,
    by=None,
    provider: PaymentProvider | None = None,
    now: datetime | None = None,
    expected_effect: str | None = None,
) -> Payment:
    """Give a paid payment's money back, once; the refunded listeners (ending
    the term it paid, voiding a gift, the credit note) run in the same
    transaction, before the provider is asked, so money goes back only if
    its records are written. A listener's failure that is not a MastheadError
    is raised as RefundNotRecorded.

    ``expected_effect`` is the refund's effect (RefundEffect.description) as
    staff were shown it: it is compared with what the refund does now under
    the same locks as the refund itself, so nothing that commits after the
    comparison (a gift redeemed, a term renewed) is refunded unseen. On a
    mismatch RefundEffectChanged is raised and nothing moves."""
    provider = provider or payment_provider(payment.provider)
    with transaction.atomic():
        # The listeners may move the subscription, so it is locked first, as
        # everywhere else: a refund and an event settling the same payment
        # must queue, not deadlock.
        _lock_owner(subscription_id=payment.subscription_id, gift_id=payment.gift_id)
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.status != PaymentStatus.SUCCEEDED:
            return locked
        effect = refund_effect(locked)
        if expected_effect is not None and effect.description != expected_effect:
            raise RefundEffectChanged(effect)
        # What Masthead gives back: the payment, or what an upgrade's credit
        # note left of it (the effect says).
        wanted = locked.amount_minor if effect.amount_minor is None else effect.amount_minor
        if wanted <= 0:
            raise NothingToRefund(message=f"Nothing was refunded: {effect.description}")
        # A part refund made in the provider's dashboard is not recorded by
        # its event (it is left to staff): what it returned is not sent again.
        returned = _returned_at_provider(provider, locked)
        to_send = max(wanted - returned, 0)
        # What went back in all, this refund and the provider's before it: the
        # credit note takes back all of it, so that the invoice less its
        # credit notes is what the publication kept, and the reader's mail
        # names all of it.
        recorded = max(wanted, returned)
        locked.status = PaymentStatus.REFUNDED
        locked.refunded_at = now or timezone.now()
        locked.refunded_minor = recorded if recorded < locked.amount_minor else None
        if not to_send:
            locked.note = f"Money returned at {locked.provider} before this refund: nothing was sent again."
        elif returned:
            locked.note = (
                f"{Money(returned, locked.currency)} was returned at {locked.provider} before; "
                f"this refund gave back the rest, {Money(to_send, locked.currency)}."
            )[:250]
        locked.save()
        # Everything the refund ends (the term, a gift) and writes (the credit
        # note) is done before the money moves: if any of it fails, the
        # transaction rolls back and nothing was sent back. The provider's
        # refund is the last step, so only its own failure (or the commit
        # itself) can come after.
        try:
            for listener in _refunded_listeners:
                listener(locked, by=by)
        except MastheadError:
            raise
        except Exception as error:
            logger.exception("refund of %s not recorded: nothing was sent back", locked.charge_key)
            raise RefundNotRecorded() from error
        if not to_send:
            return locked  # the provider gave it all back already: nothing to send
        # A provider that told what it already gave back is sent exactly the
        # rest (its refunds were just read under this lock); any other is
        # sent an amount only when it is less than the charge.
        told = hasattr(provider, "refunded_minor")
        provider.refund(
            payment_id=locked.provider_payment_id,
            key=locked.charge_key,
            **({"amount": Money(to_send, locked.currency)} if told or to_send < locked.amount_minor else {}),
        )
    return locked


def _returned_at_provider(provider: PaymentProvider, payment: Payment) -> int:
    """What the provider already gave back of ``payment`` (minor units), for
    a provider that can say (``refunded_minor``); 0 otherwise."""
    ask = getattr(provider, "refunded_minor", None)
    if ask is None or not payment.provider_payment_id:
        return 0
    return min(ask(payment_id=payment.provider_payment_id), payment.amount_minor)


def webhook_receive(*, provider_name: str, body: bytes, headers, provider: PaymentProvider | None = None) -> WebhookEvent | None:
    """Verify, store once, process. Raises SignatureInvalid (or EventMalformed)
    before anything is stored, and ProviderDisabled for a provider not set up here.

    Returns None for a replay of an event already processed. An event that
    does not match the payment it names is stored as rejected, with the
    reason, and changes nothing. A processing failure is recorded on the
    event and re-raised, so the provider retries.
    """
    provider = provider or payment_provider(provider_name)
    event = provider.verify_webhook(body=body, headers=headers)
    if len(event.id) > ID_LENGTH or len(event.type) > TYPE_LENGTH:
        raise EventMalformed(message="The event's id or type is longer than any provider's.")
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
        outcome, reason = _process(event, provider)
    except EventRejected as rejected:
        outcome, reason = WebhookOutcome.REJECTED, rejected.message
        logger.warning("%s webhook %s rejected: %s", provider_name, event.id, reason)
    except Exception as error:
        WebhookEvent.objects.filter(pk=stored.pk).update(error=f"{type(error).__name__}: {error}"[:2000])
        raise
    WebhookEvent.objects.filter(pk=stored.pk).update(
        processed_at=timezone.now(), error="", outcome=outcome, reason=reason[:250]
    )
    stored.outcome, stored.reason = outcome, reason
    return stored


# Set by the subscriptions app: what a provider-side subscription event means.
_subscription_listeners: list[Callable[[ProviderEvent, PaymentProvider], None]] = []


def on_subscription_signal(listener: Callable[[ProviderEvent, PaymentProvider], None]) -> Callable:
    if listener not in _subscription_listeners:
        _subscription_listeners.append(listener)
    return listener


# Set by the subscriptions app: what a saved card the provider says is dead
# means. Returns why it changed nothing ("" when it did something).
_unusable_card_listeners: list[Callable[[ProviderEvent, PaymentProvider], str]] = []


def on_saved_card_unusable(listener: Callable[[ProviderEvent, PaymentProvider], str]) -> Callable:
    if listener not in _unusable_card_listeners:
        _unusable_card_listeners.append(listener)
    return listener


# Set by the subscriptions app: what a saved mandate the provider says can be
# charged again means. Returns why it changed nothing ("" when it did something).
_usable_again_listeners: list[Callable[[ProviderEvent, PaymentProvider], str]] = []


def on_saved_card_usable_again(listener: Callable[[ProviderEvent, PaymentProvider], str]) -> Callable:
    if listener not in _usable_again_listeners:
        _usable_again_listeners.append(listener)
    return listener


def _process(event: ProviderEvent, provider: PaymentProvider) -> tuple[str, str]:
    """What the event did: (outcome, why it changed nothing, if it did not)."""
    if event.staff_note:
        return WebhookOutcome.IGNORED, event.staff_note
    if event.money_returned:
        return _money_returned(event, provider)
    if event.unusable_method_id:
        unchanged = [listener(event, provider) for listener in _unusable_card_listeners]
        if unchanged and not all(unchanged):
            return WebhookOutcome.APPLIED, ""
        return WebhookOutcome.IGNORED, unchanged[0] if unchanged else "Nothing acts on saved cards here."
    if event.usable_method_id:
        unchanged = [listener(event, provider) for listener in _usable_again_listeners]
        if unchanged and not all(unchanged):
            return WebhookOutcome.APPLIED, ""
        return WebhookOutcome.IGNORED, unchanged[0] if unchanged else "Nothing acts on saved cards here."
    if event.subscription_signal:
        for listener in _subscription_listeners:
            listener(event, provider)
        return WebhookOutcome.APPLIED, ""
    if not event.moves_money or not (event.charge_key or event.order_id):
        return WebhookOutcome.IGNORED, f"Masthead does not act on {event.type or 'untyped'} events."
    if event.charge_key:
        payment = Payment.objects.filter(charge_key=event.charge_key).first()
    else:
        payment = Payment.objects.filter(provider=provider.name, provider_payment_id=event.order_id).first()
    if payment is None:
        raise EventRejected(message=f"No payment has the charge key {event.charge_key or event.order_id!r}.")
    if payment.provider != provider.name:
        raise EventRejected(message=f"{payment.charge_key} was charged through {payment.provider}, not {provider.name}.")
    if payment.status in PAID and event.payment_id and event.payment_id == payment.provider_payment_id:
        return WebhookOutcome.IGNORED, "Already paid by this very charge."  # nothing to ask the provider
    charge = _charge_of_event(event, payment, provider)
    if payment.status != PaymentStatus.PENDING:
        _extra_charge_check(payment, charge)
        return WebhookOutcome.IGNORED, f"The payment was already settled ({payment.get_status_display().lower()})."
    if charge.succeeded is None:
        return WebhookOutcome.IGNORED, "Not final at the provider yet; a later event settles it."
    if charge.succeeded is False and _order_open_for_another_try(payment, charge):
        return WebhookOutcome.IGNORED, "A try on the reader's order failed; the order stays open for their next try."
    settled = payment_settle(
        payment_id=payment.pk,
        result=ChargeResult(succeeded=charge.succeeded, payment_id=charge.payment_id, message=charge.message),
    )
    if charge.refunded and settled.status == PaymentStatus.SUCCEEDED:
        # Paid, then given back at the provider before this event was read:
        # the refund's own event may have come first and found the payment
        # unpaid, so it is recorded here (once: a later event finds it refunded).
        payment_refunded_at_provider(
            payment=settled, note=f"Money returned at {provider.name} (a refund, found reading {event.type})."
        )
    return WebhookOutcome.APPLIED, ""


def _money_returned(event: ProviderEvent, provider: PaymentProvider) -> tuple[str, str]:
    """A refund made at the provider, or a chargeback: recorded as a refund
    of the payment it names, with everything a staff refund does (the term
    it paid ends, its gifts are taken back, the credit note is issued), but
    nothing is sent back: the money already went.

    Unlike a payment event, the signed body is what is acted on: it can only
    take reading away from the payer, never move money, and it must name one
    of our payments by the provider's own id for it (and by its charge key,
    when it carries one). A partial refund is left to staff."""
    payments = Payment.objects.filter(provider=provider.name)
    ids = {event.payment_id, event.order_id} - {""}
    if event.charge_key:
        payment = payments.filter(charge_key=event.charge_key).first()
    else:
        payment = payments.filter(provider_payment_id__in=ids).first() if ids else None
    if payment is None:
        raise EventRejected(message=f"No {provider.name} payment is {event.charge_key or event.payment_id or 'named'}.")
    if not payment.provider_payment_id or payment.provider_payment_id not in ids:
        raise EventRejected(message=f"{payment.charge_key} is {payment.provider_payment_id or 'no charge'}, not {event.payment_id!r}.")
    if event.customer_id and payment.provider_customer_id and event.customer_id != payment.provider_customer_id:
        raise EventRejected(message=f"The charge belongs to customer {event.customer_id}, not this payment's.")
    if payment.status == PaymentStatus.REFUNDED:
        return WebhookOutcome.IGNORED, "Already refunded."
    if payment.status != PaymentStatus.SUCCEEDED:
        return WebhookOutcome.IGNORED, f"The payment was never paid ({payment.get_status_display().lower()})."
    if event.returned_minor is not None and event.returned_minor < payment.amount_minor:
        return WebhookOutcome.IGNORED, (
            f"{Money(event.returned_minor, payment.currency)} of {payment.amount} went back: a part refund is for staff to record."
        )
    how = "a chargeback" if event.money_returned == "disputed" else "a refund"
    payment_refunded_at_provider(payment=payment, note=f"Money returned at {provider.name} ({how}, {event.type}).")
    return WebhookOutcome.APPLIED, ""


def payment_refunded_at_provider(*, payment: Payment, note: str, now: datetime | None = None) -> Payment:
    """Record money the provider already gave back as this payment's refund,
    once: the refunded listeners run as for a staff refund (by nobody), and
    the provider is not asked to refund it again."""
    with transaction.atomic():
        _lock_owner(subscription_id=payment.subscription_id, gift_id=payment.gift_id)
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.status != PaymentStatus.SUCCEEDED:
            return locked
        locked.status = PaymentStatus.REFUNDED
        locked.refunded_at = now or timezone.now()
        locked.note = note[:250]
        locked.save(update_fields=["status", "refunded_at", "note"])
        for listener in _refunded_listeners:
            listener(locked, by=None)
    return locked


def _charge_of_event(event: ProviderEvent, payment: Payment, provider: PaymentProvider) -> ProviderCharge:
    """The provider's own account of the charge an event names, checked against
    the payment row: same provider object, same amount and currency, same
    customer. The event's body is never what moves money."""
    charge = provider.charge_lookup(payment_id=event.payment_id)
    if charge is None:
        raise EventRejected(message=f"{provider.name} has no charge {event.payment_id!r}.")
    ours = charge.charge_key == payment.charge_key or (charge.order_id and charge.order_id == payment.provider_payment_id)
    if not ours:
        raise EventRejected(message=f"{provider.name}'s charge {charge.payment_id} belongs to {charge.charge_key or 'no charge key'}.")
    recorded = payment.provider_payment_id
    if recorded and recorded not in {charge.payment_id, charge.order_id} and payment.status == PaymentStatus.PENDING:
        raise EventRejected(message=f"{payment.charge_key} is {recorded}, not {charge.payment_id}.")
    if charge.amount != payment.amount:
        raise EventRejected(message=f"The charge is {charge.amount}, the payment {payment.amount}.")
    # The customer the attempt was made for (a gift bought by a reader whose
    # renewals are at another provider has its own), or the payer's own.
    payer = Q(user__subscriptions=payment.subscription_id) if payment.subscription_id else Q(
        user__gift_subscriptions_bought=payment.gift_id
    )
    customers = {
        payment.provider_customer_id,
        BillingProfile.objects.filter(payer).values_list("provider_customer_id", flat=True).first(),
    } - {"", None}
    if not charge.customer_id or charge.customer_id not in customers:
        raise EventRejected(message=f"The charge belongs to customer {charge.customer_id or 'none'}, not this reader's.")
    return charge


def _order_open_for_another_try(payment: Payment, charge: ProviderCharge) -> bool:
    """Whether a failed payment leaves ``payment`` waiting: it is a reader's
    order (it names a way to pay) still recorded by the order's own id, and
    the provider's checkout lets the reader try again on the same order
    (Razorpay's does by default). Settling it as failed would write the
    failed try's id over the order's, and the next try's money, paid on that
    order, would match no payment and never be recorded or refunded."""
    return bool(payment.checkout_method and charge.order_id and payment.provider_payment_id == charge.order_id)


def _extra_charge_check(payment: Payment, charge: ProviderCharge) -> None:
    """A provider-confirmed success that no payment row records (a charge made
    twice, or a late success of an attempt recorded as failed) is recorded as
    a duplicate of this term and refunded."""
    if charge.refunded or not charge.succeeded:
        return  # nothing taken, or already given back
    if Payment.objects.filter(provider_payment_id=charge.payment_id, status__in=PAID).exists():
        return
    with transaction.atomic():
        extra, created = Payment.objects.get_or_create(
            charge_key=f"{payment.charge_key}-extra-{charge.payment_id}"[:80],
            defaults={
                "subscription_id": payment.subscription_id,
                "gift_id": payment.gift_id,
                "term_number": payment.term_number,
                "attempt": payment.attempt,
                "provider": payment.provider,
                "provider_payment_id": charge.payment_id,
                "amount_minor": charge.amount.minor,
                "currency": charge.amount.currency,
                "status": PaymentStatus.SUCCEEDED,
                "succeeded_at": timezone.now(),
                "duplicate": True,
                "note": "A charge the provider made beyond this payment: refunded automatically.",
            },
        )
        if created:
            logger.warning("extra charge %s for %s: refunding", charge.payment_id, payment.charge_key)
            transaction.on_commit(lambda: duplicate_refund(payment_id=extra.pk))
