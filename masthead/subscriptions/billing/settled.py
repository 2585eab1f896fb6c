"""What a settled payment means for a subscription, and what a provider's
own subscription events may change. Both are registered as listeners of the
payments app in SubscriptionsConfig.ready; payments knows nothing of these rules."""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from masthead.core.errors import MastheadError
from masthead.core.periods import local_date
from masthead.metering.events import funnel_paid
from masthead.invoicing.services import invoice_issue, term_description
from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.providers.base import PaymentProvider, ProviderEvent
from masthead.payments.services import EventRejected, payment_unneeded

from .. import mail
from ..models import EventReason, Subscription, SubscriptionStatus
from ..services import subscription_activate, term_end_after
from ..states import subscription_move
from ..pauses import resumed_term_start
from ..terms import TRIAL_TERM, grace_end
from ..waiting import needs_card_changes, past_due_changes
from .plan_upgrade import upgrade_of, upgrade_settled

logger = logging.getLogger(__name__)
S = SubscriptionStatus


# The states a renewal charge that succeeds renews from. A subscription that
# came to need a new card while the charge was at the provider is among them:
# the card was charged after all, so the term is renewed, not refunded.
RENEWED_BY_A_CHARGE = (S.ACTIVE, S.PAST_DUE, S.PAUSED, S.NEEDS_CARD)


def payment_settled(payment: Payment) -> None:
    """Called inside the settling transaction, once per payment. A gift
    subscription's payment is the gifts app's (its own listener)."""
    if payment.subscription_id is None:
        return
    subscription = Subscription.objects.select_for_update(of=("self",)).select_related("plan").get(pk=payment.subscription_id)
    now = payment.succeeded_at or timezone.now()
    change = upgrade_of(payment) if payment.term_number == subscription.term_number + 1 else None
    if change is not None:
        # An upgrade's charge, not a renewal's: a decline leaves everything as it was.
        if upgrade_settled(payment, subscription, change):
            transaction.on_commit(lambda: _receipt_queue(payment.pk), robust=True)
        return
    if payment.status == PaymentStatus.SUCCEEDED:
        if payment.term_number == subscription.checkout_term and subscription.status == S.PENDING:
            subscription_activate(subscription=subscription, now=now)
        elif renewal_moved(payment, subscription):
            payment_unneeded(
                payment=payment,
                note=f"The renewal moved to {local_date(subscription.term_end)} (a gift was redeemed) while this "
                "charge was being made: refunded automatically.",
            )
            return
        elif payment.term_number == subscription.term_number + 1 and subscription.status in RENEWED_BY_A_CHARGE:
            _renewed(subscription, now)
        else:
            # The subscription moved while the charge was in flight (the
            # reader cancelled or started checkout again, the clock lapsed
            # it): the money buys no term, so it goes back.
            payment_unneeded(
                payment=payment,
                note=f"Paid while the subscription was {subscription.get_status_display().lower()}: refunded automatically.",
            )
            return
        try:
            with transaction.atomic():
                _issue_invoice(payment, subscription)
        except MastheadError as error:
            # The money is on record whatever happens; the invoice waits for
            # billing details staff can correct (the note says why).
            logger.error("no tax invoice for %s: %s", payment.charge_key, error.message)
            Payment.objects.filter(pk=payment.pk).update(note=f"Tax invoice not issued: {error.message}"[:250])
        transaction.on_commit(lambda: _receipt_queue(payment.pk), robust=True)
    elif payment.term_number == subscription.term_number + 1 and _renewal_was_due(payment, subscription):
        subscription_move(
            subscription=subscription,
            to=S.PAST_DUE,
            reason=EventReason.RENEWAL_FAILED,
            now=now,
            detail={"message": payment.failure_message},
            **past_due_changes(subscription),
        )
        transaction.on_commit(lambda: mail.payment_failed_send(payment=payment), robust=True)


def renewal_moved(payment: Payment, subscription: Subscription) -> bool:
    """Whether ``payment``, a renewal's charge, was overtaken by its renewal
    moving: the term it renews ended when the attempt was claimed (the clock
    charges only then, renewal_still_due, asked under the subscription's
    lock), but ends later now.

    Only a gift redeemed while the charge was at the provider moves it (it
    lengthens the term and withdraws the pre-debit notice;
    subscription_gift_apply), and the reader may pause at once after the
    gift, so the charge can land on a paused subscription too: a "resume
    now" is only ever claimed once the pause has begun, after the term's
    end, so it is never taken for one. Such a charge buys nothing: it is refunded, as
    a charge that lands after a cancel is, and the clock announces and
    charges the new date in its turn.

    Why refund here rather than refuse (or hold) the gift while a charge is
    in flight: the reader redeeming a gift would be told to wait for a
    charge they cannot see, and an attempt whose worker died stays pending
    until the clock reconciles it, so the gift could be refused for minutes;
    a check at settlement also covers every way a charge lands (the
    synchronous answer, a webhook, the reconciler). One charge per term is
    kept (the refunded charge is not the term's) and an event still settles
    only its own payment."""
    return (
        payment.term_number == subscription.term_number + 1
        and subscription.status in RENEWED_BY_A_CHARGE
        and payment.claimed_at is not None
        and subscription.term_end is not None
        and subscription.term_end > payment.claimed_at
    )


def _renewal_was_due(payment: Payment, subscription: Subscription) -> bool:
    """Whether a declined charge for the next term leaves the subscription
    past due: an active one's renewal, or a paused one's at the pause's end.
    A reader's declined "resume now" leaves the pause as it was."""
    if subscription.status == S.PAUSED:
        # When the attempt was made (claimed): the clock's, at the pause's end, or the reader's, before it.
        return (payment.claimed_at or payment.created_at) >= subscription.pause_until
    return subscription.status == S.ACTIVE


def _receipt_queue(payment_id: int) -> None:
    from ..tasks import receipt_mail  # the jobs module imports billing

    receipt_mail(payment_id)


def _plan_switch(subscription: Subscription) -> dict:
    """What a renewal changes when the reader scheduled another plan for it
    (plan_changes.plan_change_schedule): the plan, its price as scheduled and
    its term, and no offer (the renewal was charged at that full price)."""
    plan = subscription.next_plan
    if plan is None:
        return {}
    # The price the reader confirmed when scheduling it, in the currency they
    # confirmed it in (the subscription's), as charged (renewal_price).
    price = subscription.renewal_price
    return {
        "plan": plan, "price_minor": price.minor, "currency": price.currency, "term_months": plan.term_months,
        "next_plan": None, "next_price_minor": None, "offer_terms": 0, "offer_price_minor": None,
    }  # fmt: skip


def _renewed(subscription: Subscription, now: datetime) -> None:
    if subscription.term_number == TRIAL_TERM:
        # A trial's first paid term: the funnel's "paid" for the checkout
        # that began it (a trial's start is not one), once the move is kept.
        subscription_id, user_id = subscription.pk, subscription.user_id
        transaction.on_commit(lambda: funnel_paid(subscription_id=subscription_id, user_id=user_id))
    switch = _plan_switch(subscription)
    months = switch.get("term_months", subscription.term_months)
    switched = {"plan_was": subscription.plan_id, "plan": switch["plan"].pk} if switch else {}
    if subscription.status == S.PAUSED:
        start = resumed_term_start(term_end=subscription.term_end, pause_until=subscription.pause_until, paid_at=now)
        subscription_move(
            subscription=subscription,
            to=S.ACTIVE,
            reason=EventReason.PAUSE_OVER if now >= subscription.pause_until else EventReason.RESUMED_EARLY,
            now=now,
            term_number=subscription.term_number + 1,
            term_start=start,
            term_end=term_end_after(start, months),
            pause_until=None,
            detail={"pause_until_was": subscription.pause_until.isoformat(), **switched},
            **switch,
        )
        return
    new_start = subscription.term_end
    if subscription.term_number == TRIAL_TERM and subscription.status == S.PAST_DUE:
        # A first charge after a trial that failed gives no grace, so the
        # reader read nothing since the trial ended: the term paid late
        # starts when it is paid and is a whole term.
        new_start = max(new_start, now)
    subscription_move(
        subscription=subscription,
        to=S.ACTIVE,
        reason=EventReason.PLAN_CHANGED_AT_RENEWAL if switch else EventReason.RENEWED,
        now=now,
        term_number=subscription.term_number + 1,
        term_start=new_start,
        term_end=term_end_after(new_start, months),
        grace_until=None,
        detail=switched,
        **switch,
    )


def _issue_invoice(payment: Payment, subscription: Subscription) -> None:
    """Every successful payment gets its tax invoice, in the same transaction.
    ``subscription`` is the row locked by the caller, as any move left it."""
    if payment.term_number == subscription.term_number:
        start, end = subscription.term_start, subscription.term_end
    else:
        start = subscription.term_end
        end = term_end_after(start, subscription.term_months)
    plan_name = subscription.plan.name
    if payment.term_number == TRIAL_TERM:
        plan_name = f"{plan_name} (trial)"
    label = ""
    if payment.amount_minor < subscription.price_minor:
        if subscription.save_discounts(payment.term_number):
            label = f"{subscription.save_offer.name}, this renewal only"
        elif subscription.offer_discounts(payment.term_number):
            label = f"{subscription.offer.name}, term {payment.term_number} of {subscription.offer_terms}"
    invoice_issue(
        payment=payment,
        description=term_description(plan_name=plan_name, term_start=start, term_end=end),
        list_price=subscription.price if label else None,
        discount_label=label,
    )


def provider_subscription_signal(event: ProviderEvent, provider: PaymentProvider) -> None:
    """Razorpay-style subscription events: a renewal failed, retries ran out, or
    the mandate was cancelled at the provider.

    The event only says which provider subscription to re-read; Masthead acts
    on what the provider's API says now, and only when that subscription names
    this Masthead subscription and belongs to this reader's customer at this
    provider. Anything else is rejected and changes nothing."""
    ref = event.subscription_ref
    subscription = Subscription.objects.filter(pk=int(ref)).first() if ref.isascii() and ref.isdigit() and len(ref) < 19 else None
    if subscription is None:
        raise EventRejected(message=f"No subscription {ref!r}.")
    lookup = getattr(provider, "subscription_lookup", None)
    remote = lookup(subscription_id=event.provider_subscription_id) if lookup and event.provider_subscription_id else None
    if remote is None:
        raise EventRejected(message=f"{provider.name} has no subscription {event.provider_subscription_id!r}.")
    profile = BillingProfile.objects.filter(user_id=subscription.user_id).first()
    if remote.subscription_ref != ref:
        raise EventRejected(message=f"{remote.id} is not Masthead subscription {ref}.")
    if profile is None or profile.provider != provider.name or not remote.customer_id or remote.customer_id != profile.provider_customer_id:
        raise EventRejected(message=f"{remote.id} belongs to another customer than subscription {ref}'s reader.")
    _apply_signal(subscription, remote.signal)


def _apply_signal(subscription: Subscription, signal: str) -> None:
    now = timezone.now()
    status = subscription.status
    if signal == "renewal_failed" and status == S.ACTIVE:
        subscription_move(
            subscription=subscription, to=S.PAST_DUE, reason=EventReason.PROVIDER_RENEWAL_FAILED, now=now,
            grace_until=grace_end(subscription.term_end),
        )  # fmt: skip
    elif signal == "renewals_exhausted" and status in (S.ACTIVE, S.PAST_DUE):
        # The provider has stopped retrying the mandate: as with a card it
        # says is dead, the subscription waits for a new card (the reader is
        # mailed the card link and reads to the end of the grace period),
        # and the dead mandate is never charged again.
        subscription_move(
            subscription=subscription, to=S.NEEDS_CARD, reason=EventReason.PROVIDER_HALTED, now=now,
            only_from=(S.ACTIVE, S.PAST_DUE), **needs_card_changes(subscription),
        )  # fmt: skip
        transaction.on_commit(lambda: mail.card_needed_send(subscription=subscription), robust=True)
    elif signal == "cancelled" and status == S.ACTIVE:
        subscription_move(subscription=subscription, to=S.CANCELLING, reason=EventReason.PROVIDER_CANCELLED, now=now)
