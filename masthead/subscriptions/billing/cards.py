"""The reader's card for renewals, and staff refunds."""

import time
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from masthead.core.errors import InvalidTransition
from masthead.core.money import Money
from masthead.core.periods import local_date
from masthead.invoicing.models import CreditNote, CreditNoteReason, Invoice
from masthead.invoicing.services import invoice_uncredited
from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.payments.providers.base import CardSetup, ProviderEvent
from masthead.payments.services import ChargeInFlight, EventRejected, RefundEffect

from .. import mail
from ..models import EventReason, Subscription, SubscriptionEvent, SubscriptionStatus
from ..states import subscription_move
from .checkout import card_owner_check, provider_customer
from ..waiting import needs_card_changes
from .plan_upgrade import (
    credit_funds_term_being_read,
    credit_given_back_minor,
    credit_released,
    credit_return_placed,
)
from .clock import renewal_attempt

S = SubscriptionStatus


def card_change_start(
    *, subscription: Subscription, reuse_setup_id: str = "", reuse_customer_id: str = "", provider=None
) -> CardSetup:
    """The card form for a new renewal card, at the reader's customer with
    today's provider (made there if the profile names none, as checkout
    would). ``reuse_customer_id`` is the customer this page made for the
    reader before (CardSetup.customer_id), offered again on a reload."""
    provider = provider or payment_provider()
    profile = BillingProfile.objects.get(user=subscription.user)
    if _card_at_another_provider(profile, provider):
        # That card still pays the renewals, through the provider that saved
        # it: opening this page (or another site loading it) must not forget
        # it. The customer made here is recorded with the new card, if the
        # reader saves one (payment_card_replace).
        customer_id = provider.customer(email=subscription.user.email, name=profile.name, existing_id=reuse_customer_id)
    else:
        customer_id = provider_customer(user=subscription.user, provider=provider)
    return provider.card_setup(customer_id=customer_id, reuse_setup_id=reuse_setup_id)


def _card_at_another_provider(profile: BillingProfile, provider) -> bool:
    return bool(profile.provider_payment_method_id) and profile.provider not in ("", provider.name)


def payment_card_replace(
    *, subscription: Subscription, setup_id: str, shown_customer_id: str = "", provider=None, now: datetime | None = None
) -> Payment | None:
    """Save a new card for renewals. A subscription in its grace period is
    retried with it at once, unless a charge for the term is already in
    flight; returns that retry as it settled (paid or declined), or None when
    nothing was charged.

    The card must be saved for the reader's own customer: the profile's, or
    ``shown_customer_id``, the one their card form was made for
    (card_change_start) when their card was at another provider."""
    provider = provider or payment_provider()
    now = now or timezone.now()
    saved = provider.saved_method(setup_id=setup_id)
    with transaction.atomic():
        # Saved under the subscription's lock, as a dead-card event reads the
        # saved card under it (saved_card_unusable): the event either sees
        # this card and leaves the subscription alone, or moved it to
        # needs_card first and this card makes it active again below.
        Subscription.objects.select_for_update().filter(pk=subscription.pk).first()
        profile = BillingProfile.objects.get(user=subscription.user)
        if not shown_customer_id or saved.customer_id != shown_customer_id:
            card_owner_check(profile=profile, saved=saved)
        profile.provider = provider.name
        profile.provider_customer_id = saved.customer_id
        profile.provider_payment_method_id = saved.payment_method_id
        profile.payment_method_kind = saved.kind
        profile.mandate_max_minor = saved.mandate_max_minor
        profile.save()
    subscription.refresh_from_db()
    if subscription.status == S.NEEDS_CARD:
        card_replaced(subscription, now)
    if subscription.status != S.PAST_DUE:
        return None
    payment = retry_with_new_card(subscription, saved=saved, now=now, provider=provider)
    subscription.refresh_from_db()
    return payment


def card_replaced(subscription: Subscription, now: datetime) -> None:
    """A new card for a subscription whose card had stopped working: active
    again while its term runs (the clock announces and charges the renewal as
    usual); once the term is over, past due, so the caller charges it at once
    (and, if that is declined, the clock retries it through the grace period
    it already had)."""
    try:
        if subscription.term_end > now:
            subscription_move(
                subscription=subscription, to=S.ACTIVE, reason=EventReason.CARD_REPLACED, now=now,
                only_from=(S.NEEDS_CARD,), grace_until=None,
            )  # fmt: skip
        else:
            subscription_move(
                subscription=subscription, to=S.PAST_DUE, reason=EventReason.CARD_REPLACED, now=now,
                only_from=(S.NEEDS_CARD,),
            )  # fmt: skip
    except InvalidTransition:
        subscription.refresh_from_db()  # a second click, or the clock lapsing it, moved it first


# The subscriptions a dead card stops charging: those that renew with it.
_CHARGED_WITH_THE_CARD = (S.ACTIVE, S.PAST_DUE)
# Those that would renew with it later: a paused one when its pause ends, a
# cancelling one if its reader keeps it. They keep their status; the dead
# card is recorded (a card_unusable event naming it), so the clock neither
# announces nor charges it, and moves them to needs_card when the renewal
# falls due (selectors.saved_card_dead). A new card saved before then is
# charged as usual.
_RENEWING_LATER = (S.PAUSED, S.CANCELLING)


def _profile_renewing_with(method_id: str, *, event: ProviderEvent, provider, noun: str) -> BillingProfile | str:
    """The billing profile whose saved card or mandate at ``provider`` an
    event names, or why there is none; EventRejected when the event says it
    is another customer's."""
    profile = (
        BillingProfile.objects.filter(provider=provider.name, provider_payment_method_id=method_id)
        .exclude(provider_payment_method_id="")
        .first()
    )
    if profile is None:
        return f"No reader renews with {provider.name} {noun} {method_id!r}."
    if event.customer_id and event.customer_id != profile.provider_customer_id:
        raise EventRejected(message=f"The {noun} belongs to customer {event.customer_id}, not the reader who saved it here.")
    return profile


def saved_card_unusable(event: ProviderEvent, provider) -> str:
    """Registered with payments (on_saved_card_unusable): the provider says
    the reader's saved card or mandate can no longer be charged. The
    subscription renewing with it needs a new card: nothing is charged, the
    reader reads to the end of the term and its grace period, and is mailed
    the card link. A paused subscription stays paused and its reader is
    mailed the link (resuming, or the pause's end, needs a new card); a
    cancelling one is noted silently. Returns why nothing changed ("" when
    it did something).

    The event only names a card: it counts only for the card saved on a
    reader's billing profile at this provider, for the customer the event
    names, and only once the provider, asked again, says the card cannot be
    charged. A second event about the same card finds the subscription
    already waiting for a card (or the card already noted) and mails nothing again."""
    profile = _profile_renewing_with(event.unusable_method_id, event=event, provider=provider, noun="card")
    if isinstance(profile, str):
        return profile
    usable = getattr(provider, "saved_method_usable", None)
    if usable is not None and usable(customer_id=profile.provider_customer_id, payment_method_id=event.unusable_method_id):
        return f"{provider.name} says the card can still be charged."
    subscription = Subscription.objects.filter(
        user_id=profile.user_id, status__in=_CHARGED_WITH_THE_CARD + _RENEWING_LATER
    ).first()
    if subscription is None:
        return "The reader has no subscription renewing with this card."
    detail = {"provider": provider.name, "card": event.unusable_method_id, "event": event.type}
    with transaction.atomic():
        # The provider was asked over the network above: the reader may have
        # saved a new card meanwhile (payment_card_replace saves it under
        # this lock). Only the card still saved is the one that died.
        locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if not BillingProfile.objects.filter(
            pk=profile.pk, provider=provider.name, provider_payment_method_id=event.unusable_method_id
        ).exists():
            return "The reader saved another card before the event was read."
        if locked.status in _RENEWING_LATER:
            return _card_dead_noted(locked, detail)
        try:
            subscription_move(
                subscription=subscription, to=S.NEEDS_CARD, reason=EventReason.CARD_UNUSABLE,
                only_from=_CHARGED_WITH_THE_CARD, detail=detail, **needs_card_changes(locked),
            )  # fmt: skip
        except InvalidTransition:
            return "The subscription moved before the event was read."
    transaction.on_commit(lambda: mail.card_needed_send(subscription=subscription), robust=True)
    return ""


def _card_dead_noted(locked: Subscription, detail: dict) -> str:
    """Record the dead card of a subscription that renews with it later (the
    status does not change: the event is the record the clock reads), and
    mail a paused reader the card link, once per card."""
    if SubscriptionEvent.objects.filter(
        subscription_id=locked.pk, reason=EventReason.CARD_UNUSABLE, detail__card=detail["card"]
    ).exists():
        return "The card was already recorded as dead."
    SubscriptionEvent.objects.create(
        subscription=locked, from_status=locked.status, to_status=locked.status, reason=EventReason.CARD_UNUSABLE,
        occurred_at=timezone.now(), detail=detail, **SubscriptionEvent.terms_of(locked),
    )  # fmt: skip
    if locked.status == S.PAUSED:
        transaction.on_commit(lambda: mail.card_needed_send(subscription=locked), robust=True)
    return ""


def saved_card_usable_again(event: ProviderEvent, provider) -> str:
    """Registered with payments (on_saved_card_usable_again): the provider
    says a saved mandate can be charged again (a UPI AutoPay mandate the
    reader paused in their UPI app, then resumed). A subscription that was
    waiting for a new card because of that very mandate goes on with it, as
    if the reader had saved it anew: active while its term runs, past due
    once it is over (the clock then retries it on its retry days). A new
    mandate's own confirmation, for a subscription renewing happily, changes
    nothing. Returns why nothing changed ("" when it moved)."""
    profile = _profile_renewing_with(event.usable_method_id, event=event, provider=provider, noun="mandate")
    if isinstance(profile, str):
        return profile
    subscription = Subscription.objects.filter(user_id=profile.user_id, status=S.NEEDS_CARD).first()
    if subscription is None:
        return "No subscription is waiting for this mandate."
    usable = getattr(provider, "saved_method_usable", None)
    if usable is None or not usable(customer_id=profile.provider_customer_id, payment_method_id=event.usable_method_id):
        return f"{provider.name} says the mandate still cannot be charged."
    card_replaced(subscription, timezone.now())
    subscription.refresh_from_db()
    return "" if subscription.status != S.NEEDS_CARD else "The subscription moved before the event was read."


# How long a reader's retry with a new card waits for a charge already in
# flight for the term (the clock's retry, with the card the reader is
# replacing): a little longer than a provider takes to answer an off-session
# charge. A charge stuck longer (its worker died) is left to the reconciler;
# the reader is told their card is saved, and the clock retries with it.
IN_FLIGHT_WAIT_SECONDS = 10.0
IN_FLIGHT_POLL_SECONDS = 0.25


def retry_with_new_card(subscription: Subscription, *, saved, now: datetime, provider) -> Payment | None:
    """The unpaid renewal, charged once to the card just saved, with the
    next attempt number (taken under the subscription's lock, so never one
    the clock has used or will use: the clock's own retry asks for a number
    it read before, and gets this attempt back instead of charging again).

    When the clock is charging the term at this moment (with the card being
    replaced, read before it was), the reader's charge waits for that one:
    if it is declined, the new card is charged; if it paid, that payment is
    the answer. Either way the term is charged once, and the reader who just
    saved a good card is not left unpaid by a retry that raced them."""
    term = subscription.term_number + 1
    deadline = time.monotonic() + IN_FLIGHT_WAIT_SECONDS
    while True:
        try:
            payment = renewal_attempt(
                subscription, attempt=None, now=now, provider=provider, saved=saved, wait_for_in_flight=True
            )
        except ChargeInFlight:
            if time.monotonic() >= deadline:
                return None
            time.sleep(IN_FLIGHT_POLL_SECONDS)
            subscription.refresh_from_db()
            continue
        if payment is None:
            # Paid by the charge it waited for, or nothing was due any more.
            return Payment.objects.filter(
                subscription_id=subscription.pk, term_number=term, status=PaymentStatus.SUCCEEDED, duplicate=False
            ).first()
        return payment


# The states a refund of the current term ends (by staff, at the provider, or
# a chargeback): every one in which the reader still reads on that term. A
# subscription waiting for a new card still reads to its grace end, and a
# new card would make it active again on the unpaid term.
_REFUND_ENDS = (S.ACTIVE, S.CANCELLING, S.PAST_DUE, S.PAUSED, S.NEEDS_CARD)


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
    refund of ``payment`` will do before they confirm it.

    A refund that ends the reading names the day the term would have run to
    and the gifts that lengthened it: the sentence is what staff confirm
    (payment_refund compares it again under the lock), so a gift redeemed
    since they looked, which lengthens the same term without a new number,
    changes it and they are asked again.

    A payment whose invoice an upgrade partly credited (its unused days set
    against the new term) gives back only what the invoice still holds: the
    credit was spent on the new term, and is never paid out in cash too.
    Once a term that credit reached (through any number of upgrades) was
    refunded too, the credit paid for nothing the reader keeps and goes back
    with the rest (credit_released); so refunding every payment returns all
    that was charged when the newest is refunded first, which staff are told
    while the reader still reads a term the credit paid part of."""
    effect = _reading_effect(payment)
    credited = _credited_before(payment)
    if credited is None:
        return effect
    held, notes = credited
    subscription = payment.subscription
    if not effect.ends_reading and subscription.status not in _REFUND_ENDS:
        # The term the credit reached may be the one whose refund ended the
        # subscription: there is no reading left to keep.
        effect = RefundEffect(description=f"The subscription has already ended ({subscription.get_status_display().lower()}).")
    released = credit_released(payment)
    if released.minor:
        if held.minor + released.minor >= payment.amount_minor:
            returned = Money(payment.amount_minor - held.minor, payment.currency)
            return RefundEffect(
                ends_reading=effect.ends_reading,
                description=f"All of it goes back: the {returned} credited to a plan upgrade (credit note {notes}) "
                f"paid a term that was refunded since. {effect.description}",
            )
        held = Money(held.minor + released.minor, payment.currency)
    first = ""
    if funded := credit_funds_term_being_read(payment, subscription, _REFUND_ENDS):
        first = (
            f" To give back all of it, refund first the upgrade's payment of {funded.payment.amount}: the credit "
            "paid part of the term being read."
        )
    if held.minor <= 0:
        return RefundEffect(
            amount_minor=0,
            description=f"All of it ({payment.amount}) was credited to a plan upgrade (credit note {notes}): nothing is "
            f"left to refund, and nothing changes.{first}",
        )
    return RefundEffect(
        ends_reading=effect.ends_reading,
        amount_minor=held.minor,
        description=f"Only {held} goes back: the rest of {payment.amount} was credited to a plan upgrade "
        f"(credit note {notes}). {effect.description}{first}",
    )


def _credited_before(payment: Payment) -> tuple[Money, str] | None:
    """What ``payment``'s invoice still holds, and the credit notes that took
    the rest, when credit notes took part of it back before the refund (an
    upgrade's unused days); None when all of it goes back."""
    if payment.duplicate:
        return None
    invoice = Invoice.objects.filter(payment_id=payment.pk).first()
    if invoice is None or CreditNote.objects.filter(invoice=invoice, reason=CreditNoteReason.REFUND).exists():
        return None  # never invoiced, or refunded already (the refund itself says so)
    held = invoice_uncredited(invoice)
    if held.minor >= payment.amount_minor:
        return None
    notes = ", ".join(CreditNote.objects.filter(invoice=invoice).order_by("pk").values_list("number", flat=True))
    return Money(max(held.minor, 0), payment.currency), notes


def _reading_effect(payment: Payment) -> RefundEffect:
    subscription = payment.subscription
    if refund_ends_reading(payment, subscription):
        gifts = SubscriptionEvent.objects.filter(
            subscription_id=subscription.pk,
            reason=EventReason.GIFT_REDEEMED,
            occurred_at__gte=subscription.term_start or subscription.created_at,
        ).count()
        runs_to = f"{local_date(subscription.term_end):%-d %b %Y}" if subscription.term_end else "its end"
        if gifts:
            given = "a gift" if gifts == 1 else f"{gifts} gifts"
            return RefundEffect(
                ends_reading=True,
                description=f"It paid the current term, which {given} lengthened to {runs_to}: the subscription "
                f"ends and the reader stops reading at once, losing the months of {given} too.",
            )
        return RefundEffect(
            ends_reading=True,
            description=f"It paid the current term, to {runs_to}: the subscription ends and the reader stops reading at once.",
        )
    return RefundEffect(description="The reader keeps reading (this payment did not pay the current term).")


def refund_ends_term(payment: Payment, *, by=None) -> None:
    """Registered with payments (on_payment_refunded): a refund of the
    current term's payment ends the subscription, whoever refunded it; so
    does money given back beyond what the payment's invoice still held that
    is credited on the invoice of the upgraded term being read (a chargeback
    of a term before one or more upgrades, when the invoices between hold too
    little: the upgrade's price was part paid with it)."""
    if payment.subscription_id is None:
        return  # a gift subscription's purchase: the gifts app's listener
    subscription = Subscription.objects.select_for_update().get(pk=payment.subscription_id)
    if refund_ends_reading(payment, subscription) or _credit_returned_from_term_read(payment, subscription):
        now = payment.refunded_at
        subscription_move(
            subscription=subscription, to=S.REFUNDED, reason=EventReason.REFUNDED_BY_STAFF, actor=by, now=now, ended_at=now
        )


def _credit_returned_from_term_read(payment: Payment, subscription: Subscription) -> bool:
    """Whether part of what went back on ``payment`` is credited on the
    invoice of the term being read (credit_return_placed)."""
    beyond = credit_given_back_minor(payment)
    read = credit_funds_term_being_read(payment, subscription, _REFUND_ENDS) if beyond > 0 else None
    return read is not None and any(change.pk == read.pk for change, _, _ in credit_return_placed(payment, beyond))
