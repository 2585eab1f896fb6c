"""Subscription writes. Every status change goes through states.subscription_move."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from masthead.core.errors import InvalidOperation, InvalidTransition
from masthead.core.periods import add_months, publication_zone

from . import mail
from .models import LIVE_STATUSES, EventReason, Plan, RenewalNotice, Subscription, SubscriptionStatus
from .states import subscription_move

S = SubscriptionStatus


def term_end_after(start: datetime, months: int) -> datetime:
    """Terms are calendar months in the publication's zone (31 Jan + 3 months = 30 Apr)."""
    return add_months(start.astimezone(publication_zone()), months)


def subscription_begin(*, user, plan: Plan) -> Subscription:
    """A pending subscription at the plan's own price, awaiting its first payment.

    The price is copied from the server's plan, never taken from a form.
    """
    if not plan.is_active:
        raise InvalidOperation("plan_unavailable", "That plan is no longer on sale.")
    if Subscription.objects.filter(user=user, status__in=LIVE_STATUSES).exclude(status=S.PENDING).exists():
        raise InvalidOperation("already_subscribed", "You already have a subscription.")
    now = timezone.now()
    # Each replaced checkout is ended on its own (not in one transaction with
    # the new one), so a first payment settling meanwhile, in another
    # process, is never rolled back with this request's refusal.
    for replaced in Subscription.objects.filter(user=user, status=S.PENDING):
        try:
            # A first payment still in flight for it is refunded when it lands.
            subscription_move(
                subscription=replaced, to=S.ENDED, reason=EventReason.CHECKOUT_REPLACED, now=now, ended_at=now,
                only_from=(S.PENDING,),
            )  # fmt: skip
        except InvalidTransition:
            raise InvalidOperation("already_subscribed", "You already have a subscription.") from None
    try:
        with transaction.atomic():
            return Subscription.objects.create(
                user=user, plan=plan, price_minor=plan.price_minor, currency=plan.currency, term_months=plan.term_months
            )
    except IntegrityError:
        # The replaced checkout was paid a moment ago.
        raise InvalidOperation("already_subscribed", "You already have a subscription.") from None


def subscription_activate(
    *, subscription: Subscription, now: datetime | None = None, reason: EventReason = EventReason.FIRST_PAYMENT
) -> Subscription:
    """The first payment succeeded: the first term starts now."""
    now = now or timezone.now()
    return subscription_move(
        subscription=subscription,
        to=S.ACTIVE,
        reason=reason,
        now=now,
        started_at=now,
        term_start=now,
        term_end=term_end_after(now, subscription.term_months),
        term_number=1,
    )


def subscription_grant_comp(*, user, plan: Plan, months: int, by=None, now: datetime | None = None) -> Subscription:
    """Staff give a reader a complimentary subscription for ``months``."""
    now = now or timezone.now()
    if months < 1:
        raise InvalidOperation("comp_too_short", "A complimentary subscription lasts at least a month.")
    # Written pending, as every subscription begins, and granted through the
    # state machine in the same transaction: nobody sees the pending row, and
    # the grant is recorded like every other move.
    with transaction.atomic():
        try:
            with transaction.atomic():
                subscription = Subscription.objects.create(
                    user=user, plan=plan, price_minor=0, currency=plan.currency, term_months=months
                )
        except IntegrityError:
            raise InvalidOperation("already_subscribed", f"{user} already has a subscription.") from None
        return subscription_move(
            subscription=subscription,
            to=S.COMP,
            reason=EventReason.COMP_GRANTED,
            actor=by,
            now=now,
            term_number=1,
            started_at=now,
            term_start=now,
            term_end=term_end_after(now, months),
        )


# The statuses a gift lengthens in place: the term ends later, and nothing
# else changes (an active subscription renews at the new end).
GIFT_EXTENDS = (S.ACTIVE, S.CANCELLING, S.COMP, S.GIFT)


def subscription_gift_apply(*, user, plan: Plan, months: int, now: datetime | None = None, detail: dict | None = None) -> Subscription:
    """A gift of ``months`` of ``plan``, redeemed by ``user``.

    A reader without a subscription gets one in the gift status: it reads
    until the term ends and then ends, never renewing (no card is asked for).
    A subscriber's current term ends ``months`` later instead: an active
    subscription then renews at the new end, and a pre-debit notice already
    sent for the old date is withdrawn, so the clock announces the new date
    before it charges (never at the old one). A renewal that failed (past
    due) is refused: the reader's card is fixed first. A checkout not paid
    yet is replaced, as a new checkout would replace it.

    Runs inside the caller's transaction (the gift's redemption), under the
    reader's row lock: two gifts redeemed by one reader at once queue, and
    the second lengthens the subscription the first started."""
    now = now or timezone.now()
    detail = detail or {}
    with transaction.atomic():
        Subscription._meta.get_field("user").related_model.objects.select_for_update().only("pk").get(pk=user.pk)
        current = (
            Subscription.objects.select_for_update().filter(user=user, status__in=LIVE_STATUSES).exclude(status=S.PENDING).first()
        )
        if current is None:
            for replaced in Subscription.objects.filter(user=user, status=S.PENDING):
                subscription_move(
                    subscription=replaced, to=S.ENDED, reason=EventReason.CHECKOUT_REPLACED, now=now, ended_at=now,
                    only_from=(S.PENDING,),
                )  # fmt: skip
            subscription = Subscription.objects.create(
                user=user, plan=plan, price_minor=0, currency=plan.currency, term_months=months
            )
            return subscription_move(
                subscription=subscription,
                to=S.GIFT,
                reason=EventReason.GIFT_REDEEMED,
                now=now,
                detail=detail,
                term_number=1,
                started_at=now,
                term_start=now,
                term_end=term_end_after(now, months),
            )
        if current.status not in GIFT_EXTENDS:
            raise InvalidOperation(
                "gift_renewal_unpaid",
                "Your subscription's renewal payment has not gone through. Please update your card on your "
                "account page first; then redeem the gift to add its months.",
            )
        old_end = current.term_end or now
        new_end = term_end_after(old_end, months)
        withdrawn = RenewalNotice.objects.filter(subscription=current, term_number=current.term_number + 1)
        notice = withdrawn.values_list("charge_on", flat=True).first()
        withdrawn.delete()
        return subscription_move(
            subscription=current,
            to=current.status,
            reason=EventReason.GIFT_REDEEMED,
            now=now,
            only_from=(current.status,),
            detail={
                **detail,
                "term_end_was": old_end.isoformat(),
                **({"renewal_notice_withdrawn": notice.isoformat()} if notice else {}),
            },
            term_end=new_end,
        )


def subscription_cancel(*, subscription: Subscription, by=None, now: datetime | None = None) -> Subscription:
    """Cancel at the end of the paid term: reading continues until then."""
    subscription = subscription_move(
        subscription=subscription, to=S.CANCELLING, reason=EventReason.CANCELLED_BY_READER, actor=by, now=now
    )
    transaction.on_commit(lambda: mail.cancellation_send(subscription=subscription), robust=True)
    return subscription


def subscription_resume(*, subscription: Subscription, by=None, now: datetime | None = None) -> Subscription:
    """Undo a cancellation before the term ends."""
    now = now or timezone.now()
    if subscription.term_end and subscription.term_end <= now:
        raise InvalidOperation("term_over", "This subscription has already ended.")
    subscription = subscription_move(
        subscription=subscription, to=S.ACTIVE, reason=EventReason.RESUMED_BY_READER, actor=by, now=now
    )
    transaction.on_commit(lambda: mail.resumption_send(subscription=subscription), robust=True)
    return subscription


def subscriptions_end_due(*, now: datetime | None = None, subscription_ids: list[int] | None = None) -> int:
    """End cancelled, complimentary and gift subscriptions whose term is over."""
    now = now or timezone.now()
    ended = 0
    due = Subscription.objects.filter(status__in=[S.CANCELLING, S.COMP, S.GIFT], term_end__lte=now)
    if subscription_ids is not None:
        due = due.filter(pk__in=subscription_ids)
    for subscription in due:
        try:
            subscription_move(subscription=subscription, to=S.ENDED, reason=EventReason.TERM_OVER, now=now, ended_at=now)
        except InvalidTransition:
            continue  # another clock ended it, or the reader resumed, a moment ago
        ended += 1
    return ended
