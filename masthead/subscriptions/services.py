"""Subscription writes. Every status change goes through states.subscription_move."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from masthead.core.errors import InvalidOperation, InvalidTransition
from masthead.core.periods import add_months, publication_zone
from masthead.metering.events import funnel_paid

from . import mail
from .app_settings import app_settings
from .models import (
    LIVE_STATUSES,
    EventReason,
    Offer,
    OfferRedemption,
    PauseSettings,
    Plan,
    RenewalNotice,
    Subscription,
    SubscriptionEvent,
    SubscriptionStatus,
    TrialUse,
)
from .offers import REFUSAL_SENTENCES, Refusal, refusal
from .pauses import PAUSE_YEAR_MONTHS, PauseLimits, months_refusal, pause_end, pause_refusal
from .selectors import saved_card_dead, subscription_refusing_checkout, upgrade_being_charged
from .states import subscription_move
from .terms import TRIAL_TERM
from .waiting import needs_card_changes

S = SubscriptionStatus


def term_end_after(start: datetime, months: int) -> datetime:
    """Terms are calendar months in the publication's zone (31 Jan + 3 months = 30 Apr)."""
    return add_months(start.astimezone(publication_zone()), months)


class OfferRefused(InvalidOperation):
    """An offer that cannot be taken: nothing was begun or charged."""

    code = "offer_refused"


def offer_check(*, offer: Offer, plan: Plan, now: datetime | None = None) -> None:
    """Raise OfferRefused, with a sentence for the reader, unless ``offer``
    may be taken for ``plan`` now."""
    now = now or timezone.now()
    why = refusal(offer.facts, now)
    if why is None and not offer.plans.filter(pk=plan.pk).exists():
        why = Refusal.OTHER_PLAN
    if why is not None:
        raise OfferRefused(why.value, REFUSAL_SENTENCES[why])


def subscription_begin(*, user, plan: Plan, offer: Offer | None = None) -> Subscription:
    """A pending subscription at the plan's own price, awaiting its first payment.

    The price, and the trial if the plan offers one, are copied from the
    server's plan, never taken from a form. A reader who already had a trial
    gets the plan without one (the checkout pages say so before payment).
    With ``offer``, its discounted price and number of terms are copied too, and one
    of its redemptions is taken in the same transaction (OfferRefused, nothing
    begun, when it cannot be: ended, used up, another plan's, already used by
    this reader).
    """
    if not plan.is_active:
        raise InvalidOperation("plan_unavailable", "That plan is no longer on sale.")
    if offer is not None:
        offer_check(offer=offer, plan=plan)
    if subscription_refusing_checkout(user=user) is not None:
        raise InvalidOperation("already_subscribed", "You already have a subscription.")
    now = timezone.now()
    # Each replaced checkout is ended on its own (not in one transaction with
    # the new one), so a first payment settling meanwhile, in another
    # process, is never rolled back with this request's refusal.
    for replaced in Subscription.objects.filter(user=user, status=S.PENDING):
        try:
            checkout_replaced_end(checkout=replaced, now=now)
        except InvalidTransition:
            raise InvalidOperation("already_subscribed", "You already have a subscription.") from None
    trial = {}
    if plan.has_trial and not TrialUse.objects.filter(user=user).exists():
        trial = {"trial_days": plan.trial_days, "trial_months": plan.trial_months, "trial_price_minor": plan.trial_price_minor}
    try:
        with transaction.atomic():
            subscription = Subscription.objects.create(
                user=user, plan=plan, price_minor=plan.price_minor, currency=plan.currency, term_months=plan.term_months,
                **trial,
            )  # fmt: skip
            if offer is not None:
                _offer_redeem(offer=offer, plan=plan, subscription=subscription, now=now)
            return subscription
    except IntegrityError:
        # The replaced checkout was paid a moment ago.
        raise InvalidOperation("already_subscribed", "You already have a subscription.") from None


def _offer_redeem(*, offer: Offer, plan: Plan, subscription: Subscription, now: datetime) -> None:
    """Take one of the offer's redemptions for ``subscription`` and write the
    agreed price on it. The count is raised by one conditional UPDATE, so of
    any number of checkouts at once exactly the limit get through, on SQLite
    and PostgreSQL alike; the database's check constraint backs it."""
    if offer_taken_before(user_id=subscription.user_id, offer=offer):
        raise OfferRefused("already_used", "You have already used this offer; it is for new subscribers once.")
    taken = offer_redemption_take(offer)
    if not taken and _stale_holds_release(offer=offer, now=now):
        taken = offer_redemption_take(offer)
    if not taken:
        raise OfferRefused(Refusal.USED_UP.value, REFUSAL_SENTENCES[Refusal.USED_UP])
    try:
        with transaction.atomic():
            OfferRedemption.objects.create(offer=offer, user=subscription.user, subscription=subscription, redeemed_at=now)
    except IntegrityError:
        raise OfferRefused("already_used", "You have already used this offer; it is for new subscribers once.") from None
    subscription.offer = offer
    subscription.offer_terms = offer.terms
    subscription.offer_price_minor = offer.price_for(plan).minor
    subscription.save(update_fields=["offer", "offer_terms", "offer_price_minor", "updated_at"])


def offer_had(*, user_id: int, offer: Offer) -> bool:
    """Whether the reader has had ``offer`` on a checkout that went beyond
    its start (or as a cancel page's discount): a checkout still waiting for
    its first payment is replaced, and gives its redemption back, when the
    reader begins again, so it does not count here."""
    return (
        OfferRedemption.objects.filter(user_id=user_id, offer=offer).exclude(subscription__status=S.PENDING).exists()
        or Subscription.objects.filter(user_id=user_id, save_offer=offer).exists()
    )


def offer_taken_before(*, user_id: int, offer: Offer) -> bool:
    """Whether the reader has had ``offer`` before, once being all anyone
    gets: at a checkout (its redemption) or as a cancel page's discount on any
    of their subscriptions (which takes one of the offer's redemptions but
    writes no OfferRedemption: that row is a checkout's, one per subscription)."""
    return (
        OfferRedemption.objects.filter(user_id=user_id, offer=offer).exists()
        or Subscription.objects.filter(user_id=user_id, save_offer=offer).exists()
    )


def offer_redemption_take(offer: Offer) -> bool:
    return bool(
        Offer.objects.filter(pk=offer.pk, is_active=True)
        .filter(Q(max_redemptions__isnull=True) | Q(redemptions_used__lt=F("max_redemptions")))
        .update(redemptions_used=F("redemptions_used") + 1)
    )


def _stale_holds_release(*, offer: Offer, now: datetime) -> int:
    """A used-up offer takes back the redemptions of checkouts left unpaid
    for longer than MASTHEAD_OFFER_HOLD_HOURS: those checkouts end (a first
    payment still landing for one is refunded, as for any ended checkout), so
    nobody pays the offer's price on a redemption another reader now holds.
    Without this, readers who never pay (or one person with many accounts)
    could hold a limited offer from everyone."""
    before = now - timedelta(hours=app_settings.OFFER_HOLD_HOURS)
    stale = Subscription.objects.filter(
        offer_redemption__offer=offer, status=S.PENDING, created_at__lt=before
    ).order_by("created_at", "pk")
    released = 0
    for subscription in stale:
        try:
            with transaction.atomic():
                subscription_move(
                    subscription=subscription, to=S.ENDED, reason=EventReason.OFFER_HOLD_EXPIRED, now=now, ended_at=now,
                    only_from=(S.PENDING,),
                )  # fmt: skip
                _redemption_release(subscription)
        except InvalidTransition:
            continue  # paid (or replaced) a moment ago: its redemption stays
        released += 1
    return released


def checkout_replaced_end(*, checkout: Subscription, now: datetime) -> Subscription:
    """End a checkout not paid yet that another subscription replaces (a new
    checkout, or a gift redeemed), and give back what it held: the reader's
    trial claim and its offer's redemption. Raises InvalidTransition when it
    is no longer pending (its first payment landed meanwhile)."""
    # A first payment still in flight for it is refunded when it lands.
    ended = subscription_move(
        subscription=checkout, to=S.ENDED, reason=EventReason.CHECKOUT_REPLACED, now=now, ended_at=now,
        only_from=(S.PENDING,),
    )  # fmt: skip
    # A trial claimed for a checkout that never started is the reader's again.
    TrialUse.objects.filter(subscription=checkout, subscription__started_at__isnull=True).delete()
    # Ended unpaid: its offer's redemption goes back (after the move, so a
    # payment landing meanwhile is never rolled back with it).
    _redemption_release(checkout)
    return ended


def _redemption_release(subscription: Subscription) -> None:
    """A checkout replaced before it was paid gives its redemption back."""
    released = OfferRedemption.objects.filter(subscription=subscription).delete()[0]
    if released:
        Offer.objects.filter(pk=subscription.offer_id, redemptions_used__gt=0).update(
            redemptions_used=F("redemptions_used") - 1
        )


def subscription_activate(
    *, subscription: Subscription, now: datetime | None = None, reason: EventReason = EventReason.FIRST_PAYMENT
) -> Subscription:
    """The first payment succeeded (or, for a free trial, the card was saved):
    the trial or the first term starts now."""
    now = now or timezone.now()
    if subscription.has_trial:
        return subscription_move(
            subscription=subscription,
            to=S.ACTIVE,
            reason=EventReason.TRIAL_STARTED,
            now=now,
            started_at=now,
            term_start=now,
            term_end=subscription.trial_end_from(now),
            term_number=TRIAL_TERM,
            only_from=(S.PENDING,),
        )
    moved = subscription_move(
        subscription=subscription,
        to=S.ACTIVE,
        reason=reason,
        now=now,
        started_at=now,
        term_start=now,
        term_end=term_end_after(now, subscription.term_months),
        term_number=1,
    )
    # The funnel's last step, once the move is kept (the move refuses a second one).
    transaction.on_commit(lambda: funnel_paid(subscription_id=moved.pk, user_id=moved.user_id))
    return moved


def trial_used(*, user) -> TrialUse | None:
    return TrialUse.objects.filter(user=user).first()


class TrialUsed(InvalidOperation):
    """The reader, or the card, had a trial already: the checkout goes on at
    the full price, which the reader sees before paying."""

    code = "trial_used"


def trial_claim(*, subscription: Subscription, card_fingerprint: str = "", now: datetime | None = None) -> TrialUse:
    """Claim the reader's one trial for this checkout, before it starts.

    Raises TrialUsed when the account, or the card (by the provider's
    fingerprint), had one; the subscription then loses its trial, so checkout
    asks for the full price, said on the payment page, never taken silently.
    The caller drops the trial (trial_drop) outside any transaction the claim ran in."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            return TrialUse.objects.create(
                user=subscription.user, subscription=subscription, card_fingerprint=card_fingerprint, used_at=now
            )
    except IntegrityError:
        pass
    mine = TrialUse.objects.filter(subscription=subscription).first()
    if mine is not None and mine.card_fingerprint in ("", card_fingerprint):
        return mine  # this checkout claimed it a moment ago (a double click, a retried charge)
    earlier = TrialUse.objects.filter(user=subscription.user).first()
    if earlier is not None:
        when = f"{earlier.used_at.astimezone(publication_zone()):%-d %B %Y}"
        raise TrialUsed("trial_used", f"Your free trial was used on {when}, so this subscription starts without one.")
    raise TrialUsed("trial_used", "This card has already had a free trial, so this subscription starts without one.")


def trial_drop(*, subscription: Subscription) -> None:
    """The checkout goes on without its trial (only while still pending)."""
    Subscription.objects.filter(pk=subscription.pk, status=S.PENDING).update(
        trial_days=0, trial_months=0, trial_price_minor=0, updated_at=timezone.now()
    )
    subscription.refresh_from_db()


def trial_release(*, subscription: Subscription) -> None:
    """A trial claimed for a checkout that did not start (its token charge was
    declined) is the reader's to claim again."""
    TrialUse.objects.filter(subscription=subscription, subscription__started_at__isnull=True).delete()


def subscription_grant_comp(*, user, plan: Plan, months: int, by=None, now: datetime | None = None) -> Subscription:
    """Staff give a reader a complimentary subscription for ``months``."""
    now = now or timezone.now()
    if months < 1:
        raise InvalidOperation("comp_too_short", "A complimentary subscription lasts at least a month.")
    try:
        with transaction.atomic():
            return _subscription_granted(
                user=user, plan=plan, months=months, to=S.COMP, reason=EventReason.COMP_GRANTED, now=now, actor=by
            )
    except IntegrityError:
        raise InvalidOperation("already_subscribed", f"{user} already has a subscription.") from None


def _subscription_granted(
    *, user, plan: Plan, months: int, to: SubscriptionStatus, reason: EventReason, now: datetime, actor=None,
    detail: dict | None = None,
) -> Subscription:
    """A subscription nobody pays for (complimentary, a gift), its one term
    starting now. Written pending, as every subscription begins, and moved
    through the state machine in the caller's transaction: nobody sees the
    pending row, and the grant is recorded like every other move."""
    subscription = Subscription.objects.create(user=user, plan=plan, price_minor=0, currency=plan.currency, term_months=months)
    return subscription_move(
        subscription=subscription, to=to, reason=reason, actor=actor, now=now, detail=detail,
        term_number=1, started_at=now, term_start=now, term_end=term_end_after(now, months),
    )  # fmt: skip


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
                checkout_replaced_end(checkout=replaced, now=now)
            return _subscription_granted(
                user=user, plan=plan, months=months, to=S.GIFT, reason=EventReason.GIFT_REDEEMED, now=now, detail=detail
            )
        if current.status == S.PAUSED:
            raise InvalidOperation(
                "gift_while_paused",
                "Your subscription is paused. Resume it, or undo the pause, on your account page first; then redeem "
                "the gift to add its months.",
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
    """Cancel at the end of the paid term: reading continues until then. A
    paused subscription (its pause begun or still to come) is cancelled the
    same way: its pause is dropped, and once its paid term is over it ends at once."""
    now = now or timezone.now()
    if subscription.status == S.PAUSED and subscription.term_end <= now:
        subscription = subscription_move(
            subscription=subscription, to=S.ENDED, reason=EventReason.CANCELLED_BY_READER, actor=by, now=now,
            only_from=(S.PAUSED,), ended_at=now,
        )  # fmt: skip
    else:
        subscription = subscription_move(
            subscription=subscription, to=S.CANCELLING, reason=EventReason.CANCELLED_BY_READER, actor=by, now=now,
            pause_until=None,
        )  # fmt: skip
    transaction.on_commit(lambda: mail.cancellation_send(subscription=subscription), robust=True)
    return subscription


def subscription_resume(*, subscription: Subscription, by=None, now: datetime | None = None) -> Subscription:
    """Undo a cancellation before the term ends. A subscription whose saved
    card died (it was waiting for a new card when cancelled, or the card died
    since) waits for a new card again: renewing as before would announce and
    charge the renewal to the dead card. Its reader is mailed the card link."""
    now = now or timezone.now()
    if subscription.term_end and subscription.term_end <= now:
        raise InvalidOperation("term_over", "This subscription has already ended.")
    if saved_card_dead(subscription):

        subscription = subscription_move(
            subscription=subscription, to=S.NEEDS_CARD, reason=EventReason.RESUMED_BY_READER, actor=by, now=now,
            only_from=(S.CANCELLING,), **needs_card_changes(subscription),
        )  # fmt: skip
        transaction.on_commit(lambda: mail.card_needed_send(subscription=subscription), robust=True)
        return subscription
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


def pause_limits() -> PauseLimits:
    """The limits staff set in the admin (their defaults until saved)."""
    row = PauseSettings.current()
    return PauseLimits(
        shortest_months=row.shortest_months, longest_months=row.longest_months, pauses_per_year=row.pauses_per_year
    )


def pauses_in_year(*, user, now: datetime) -> list[datetime]:
    """When each of the reader's recent pauses was asked for, less the ones
    undone before they began: all that can still count against the limit
    (pauses.pauses_counted decides which do, by day)."""
    since = add_months(now.astimezone(publication_zone()), -PAUSE_YEAR_MONTHS) - timedelta(days=2)
    events = SubscriptionEvent.objects.filter(
        subscription__user=user,
        occurred_at__gt=since,
        reason__in=[EventReason.PAUSED_BY_READER, EventReason.PAUSE_UNDONE],
    ).order_by("occurred_at", "pk")
    paused: list[datetime] = []
    for event in events:
        if event.reason == EventReason.PAUSED_BY_READER:
            paused.append(event.occurred_at)
        elif paused:
            paused.pop()
    return paused


def subscription_pause_refusal(*, subscription: Subscription, now: datetime | None = None, limits: PauseLimits | None = None) -> str | None:
    """Why this subscription may not be paused now, as the reader is told; None when it may."""
    now = now or timezone.now()
    if upgrade_being_charged(subscription_id=subscription.pk):
        return "Your plan change is being processed. Please wait a moment and reload the page."
    return pause_refusal(
        status=subscription.status,
        term_number=subscription.term_number,
        term_end=subscription.term_end,
        now=now,
        pauses_in_year=pauses_in_year(user=subscription.user_id, now=now),
        limits=limits or pause_limits(),
    )


class PauseRefused(InvalidOperation):
    code = "pause_refused"


def subscription_pause(*, subscription: Subscription, months: int, by=None, now: datetime | None = None) -> Subscription:
    """Pause for ``months`` from the end of the paid term: the reader keeps
    reading until then, nothing is charged during the pause, and the
    subscription renews when it ends (term numbers, and so an offer's
    discounted terms, carry on where they were). A pre-debit notice already
    sent for the term's end is withdrawn; the clock announces the new date."""
    now = now or timezone.now()
    limits = pause_limits()
    with transaction.atomic():
        locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
        why = subscription_pause_refusal(subscription=locked, now=now, limits=limits) or months_refusal(months, limits)
        if why:
            raise PauseRefused("pause_refused", why)
        until = pause_end(locked.term_end, months)
        withdrawn = RenewalNotice.objects.filter(subscription=locked, term_number=locked.term_number + 1)
        notice = withdrawn.values_list("charge_on", flat=True).first()
        withdrawn.delete()
        subscription = subscription_move(
            subscription=subscription, to=S.PAUSED, reason=EventReason.PAUSED_BY_READER, actor=by, now=now,
            only_from=(S.ACTIVE,), pause_until=until,
            detail={
                "months": months, "pause_from": locked.term_end.isoformat(), "pause_until": until.isoformat(),
                **({"renewal_notice_withdrawn": notice.isoformat()} if notice else {}),
            },
        )  # fmt: skip
    transaction.on_commit(lambda: mail.pause_send(subscription=subscription), robust=True)
    return subscription


def subscription_pause_undo(*, subscription: Subscription, by=None, now: datetime | None = None) -> Subscription:
    """Undo a pause before it begins (before the paid term ends): the
    subscription renews at the term's end as before."""
    now = now or timezone.now()
    if subscription.status == S.PAUSED and subscription.term_end <= now:
        raise InvalidOperation(
            "pause_begun", "Your pause has already begun. Resume now to start a new term today, or wait for the date it ends."
        )
    subscription = subscription_move(
        subscription=subscription, to=S.ACTIVE, reason=EventReason.PAUSE_UNDONE, actor=by, now=now,
        only_from=(S.PAUSED,), pause_until=None,
    )  # fmt: skip
    transaction.on_commit(lambda: mail.resumption_send(subscription=subscription, pause_undone=True), robust=True)
    return subscription


# Changing plan at the renewal (plan_changes.py); the upgrade, which charges now, is billing.plan_upgrade.
from .plan_changes import PlanChangeRefused, plan_change_schedule, plan_change_undo  # noqa: E402, F401
