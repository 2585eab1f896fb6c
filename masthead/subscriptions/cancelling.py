"""The cancel page: one optional question, at most one offer, and a cancel
button that cancels at once.

``save_offer_for`` is the one place that decides which offer (if any) a
subscription is shown; the page shows it, and accepting it asks it again
under the subscription's lock, so a stale page, a second tab or a forged
form never takes an offer the reader is not shown now. Whatever the reader
chooses is recorded (CancelAnswer) in the same transaction as the cancel or
the accepted offer.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from masthead.core.errors import InvalidOperation
from masthead.core.money import Money
from masthead.core.periods import day_label, local_date

from . import offers
from .models import (
    CANCEL_TEXT_MAX,
    CancelAnswer,
    CancelOutcome,
    CancelReason,
    EventReason,
    Offer,
    RenewalNotice,
    SaveOfferKind,
    SaveOfferSettings,
    Subscription,
    SubscriptionStatus,
)
from .pauses import months_refusal, pause_end
from .selectors import upgrade_being_charged
from .services import (
    OfferRefused,
    offer_check,
    offer_redemption_take,
    offer_taken_before,
    pause_limits,
    subscription_cancel,
    subscription_pause,
    subscription_pause_refusal,
)
from .states import subscription_move
from .terms import TRIAL_TERM

S = SubscriptionStatus

# What the cancel page may cancel (a complimentary or gift subscription is
# never charged, so there is nothing to cancel; it ends by itself).
CANCELLABLE = (S.ACTIVE, S.PAST_DUE, S.PAUSED, S.NEEDS_CARD)


class CancelRefused(InvalidOperation):
    code = "cancel_refused"


class SaveOfferRefused(InvalidOperation):
    """The offer posted is not the one this reader may take now: nothing changed."""

    code = "save_offer_refused"


@dataclass(frozen=True)
class SaveOffer:
    """The one offer a cancel page shows, as the reader reads it. ``key`` is
    what the page posts back; it names the offer and its terms, so an offer
    staff changed meanwhile no longer matches."""

    kind: SaveOfferKind
    key: str
    title: str
    in_words: str
    button: str
    months: int = 0
    offer: Offer | None = None
    price: Money | None = None


def save_offer_for(*, subscription: Subscription, now: datetime | None = None) -> SaveOffer | None:
    """The offer the cancel page shows this subscription now, or None.

    Only a paid, active subscription whose renewal is still ahead is offered
    anything: a trial gets the question only (a discount would be its first
    charge, not a renewal), a failed renewal or a pause is not rewarded, and a
    renewal already due may be being charged. Nor is one whose upgrade is
    being charged."""
    now = now or timezone.now()
    if subscription.status != S.ACTIVE or subscription.term_number == TRIAL_TERM or subscription.term_end <= now:
        return None
    if upgrade_being_charged(subscription_id=subscription.pk):
        # Its settlement starts a new term on another plan: a discount (or a
        # pause) worked out on this one would be for a renewal that never comes.
        return None
    row = SaveOfferSettings.current()
    if row.kind == SaveOfferKind.PAUSE:
        return _pause_offer(subscription, row.pause_months, now)
    if row.kind == SaveOfferKind.DISCOUNT and row.discount_offer_id is not None:
        return _discount_offer(subscription, row.discount_offer, now)
    return None


def _pause_offer(subscription: Subscription, months: int, now: datetime) -> SaveOffer | None:
    # The pause rules decide, as on the pause page: a reader who may not pause is not offered it.
    limits = pause_limits()
    if subscription_pause_refusal(subscription=subscription, now=now, limits=limits) or months_refusal(months, limits):
        return None
    until = pause_end(subscription.term_end, months)
    span = f"{months} month{'s' if months != 1 else ''}"
    return SaveOffer(
        kind=SaveOfferKind.PAUSE,
        key=f"pause-{months}",
        title=f"Pause for {span} instead",
        in_words=(
            f"Keep reading until {_day(subscription.term_end)}, then nothing is charged for {span}. Your subscription "
            f"starts again on {_day(until)} at {subscription.renewal_price}; we e-mail you a day before."
        ),
        button=f"Pause for {span} instead",
        months=months,
    )


def _discount_offer(subscription: Subscription, offer: Offer, now: datetime) -> SaveOffer | None:
    if subscription.save_offer_id is not None:
        return None  # once per subscription
    if subscription.next_plan_id is not None:
        return None  # the next renewal is the new plan's, at its price
    if offer_taken_before(user_id=subscription.user_id, offer=offer):
        return None  # once per reader, as at checkout: not again on a new subscription
    if not offers.leaves_a_charge(subscription.price_minor, offer.kind, offer.value):
        # An amount off that would reach the floor on this reader's own price
        # (kept from before a price rise) is not offered, as the admin refuses
        # one that reaches it on the plan's price: never a quiet ₹1 renewal.
        return None
    try:
        offer_check(offer=offer, plan=subscription.plan, now=now)
    except OfferRefused:
        return None
    term = subscription.term_number + 1
    usual = subscription.term_price(term)
    price = offers.discounted(subscription.price, offer.kind, offer.value)
    if price.minor >= usual.minor:
        return None  # the next renewal is already as cheap (an introductory offer's term)
    return SaveOffer(
        kind=SaveOfferKind.DISCOUNT,
        key=f"discount-{offer.pk}-{price.minor}",
        title=f"{offer.name}: your next renewal for {price}",
        in_words=(
            f"Stay, and your next renewal on {_day(subscription.term_end)} costs {price} instead of {usual}, once. "
            f"After that, {subscription.price} {offers.every_term(subscription.term_months)} as now; cancel anytime."
        ),
        button=f"Stay for {price}",
        offer=offer,
        price=price,
    )


def _day(moment: datetime) -> str:
    return day_label(local_date(moment))


def _answer_checked(reason: str, text: str) -> tuple[str, str]:
    text = (text or "").strip()
    if reason and reason not in CancelReason.values:
        raise InvalidOperation("reason_unknown", "Please choose one of the reasons listed, or none.")
    if len(text) > CANCEL_TEXT_MAX:
        raise InvalidOperation("text_too_long", f"Please keep your note to {CANCEL_TEXT_MAX} characters.")
    return reason or "", text


def cancel_answer_last(*, subscription: Subscription) -> int:
    """How many cancel page answers the subscription has (0: none). The page
    carries it, so that a second press, or the other button pressed in
    another window, is refused once the first has been answered. A count of
    this subscription's own answers, not an id: an id from the table every
    reader's answers share would tell a reader how many others cancelled."""
    return CancelAnswer.objects.filter(subscription=subscription).count()


def _answered_since(subscription: Subscription, seen: int | None) -> CancelAnswer | None:
    """The answer recorded since the page the reader pressed was shown (from
    another press, or another window); None when there is none."""
    if seen is None or cancel_answer_last(subscription=subscription) == seen:
        return None
    return CancelAnswer.objects.filter(subscription=subscription).order_by("-pk").first()


def cancel_answered(
    *, subscription: Subscription, reason: str = "", text: str = "", seen: int | None = None, by=None,
    now: datetime | None = None, offer_shown: bool = True,
) -> Subscription:  # fmt: skip
    """Cancel from the cancel page (declining its offer, if it showed one), and
    record the answer with the offer it showed. A second press, a cancel
    already made in another tab, or an offer taken since the page was shown
    (``seen``: cancel_answer_last as the page read it) raises CancelRefused
    and changes nothing. ``offer_shown=False``: the reader was shown no offer
    (the app API cancels straight away), so none is recorded as declined."""
    now = now or timezone.now()
    reason, text = _answer_checked(reason, text)
    with transaction.atomic():
        locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if answered := _answered_since(locked, seen):
            if answered.outcome == CancelOutcome.CANCELLED:
                raise CancelRefused("answered", _already(locked))
            raise CancelRefused(
                "answered",
                "You took the offer a moment ago (perhaps in another window), so your subscription is not cancelled. "
                "Your account page shows where things stand; you can still cancel from it.",
            )
        if locked.status not in CANCELLABLE:
            raise CancelRefused(message=_already(locked))
        shown = save_offer_for(subscription=locked, now=now) if offer_shown else None
        subscription_cancel(subscription=locked, by=by, now=now)
        _answer_write(locked, reason=reason, text=text, shown=shown, outcome=CancelOutcome.CANCELLED, now=now)
    subscription.refresh_from_db()
    return subscription


def save_offer_accept(
    *, subscription: Subscription, key: str, reason: str = "", text: str = "", seen: int | None = None, by=None,
    now: datetime | None = None,
) -> SaveOffer:  # fmt: skip
    """Take the offer the cancel page showed instead of cancelling: the
    subscription stays. ``key`` must be the offer this subscription is shown
    now (SaveOfferRefused, nothing changed, otherwise: a second press, a
    cancel made in another tab, an offer staff changed, a forged form)."""
    now = now or timezone.now()
    reason, text = _answer_checked(reason, text)
    with transaction.atomic():
        locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if _answered_since(locked, seen):
            raise SaveOfferRefused("answered", _refusal(locked, key))
        shown = save_offer_for(subscription=locked, now=now)
        if shown is None or shown.key != key:
            raise SaveOfferRefused(message=_refusal(locked, key))
        if shown.kind == SaveOfferKind.PAUSE:
            subscription_pause(subscription=locked, months=shown.months, by=by, now=now)
        else:
            _discount_take(locked, shown, by=by, now=now)
        _answer_write(locked, reason=reason, text=text, shown=shown, outcome=CancelOutcome.OFFER_ACCEPTED, now=now)
    subscription.refresh_from_db()
    return shown


def _discount_take(subscription: Subscription, shown: SaveOffer, *, by, now: datetime) -> None:
    """The next renewal at the offer's price, once. A pre-debit notice already
    sent for it gave the full price: it is withdrawn, and the clock sends a
    new one with the discounted amount before it charges."""
    if not offer_redemption_take(shown.offer):
        raise SaveOfferRefused("used_up", "Sorry, this offer has just been fully taken up. Nothing was changed.")
    term = subscription.term_number + 1
    withdrawn = RenewalNotice.objects.filter(subscription=subscription, term_number=term)
    notice = withdrawn.values_list("charge_on", flat=True).first()
    withdrawn.delete()
    subscription_move(
        subscription=subscription, to=S.ACTIVE, reason=EventReason.SAVE_DISCOUNT_TAKEN, actor=by, now=now,
        only_from=(S.ACTIVE,), save_offer=shown.offer, save_term=term, save_price_minor=shown.price.minor,
        detail={
            "offer": shown.offer.pk, "term": term, "price_minor": shown.price.minor,
            **({"renewal_notice_withdrawn": notice.isoformat()} if notice else {}),
        },
    )  # fmt: skip


def _answer_write(subscription, *, reason: str, text: str, shown: SaveOffer | None, outcome: CancelOutcome, now) -> None:
    CancelAnswer.objects.create(
        subscription=subscription,
        reason=reason,
        text=text,
        offer_shown=shown.kind if shown else "",
        offer=shown.offer if shown else None,
        outcome=outcome,
        at=now,
    )


def _already(subscription: Subscription) -> str:
    if subscription.status == S.CANCELLING:
        return (
            f"Your subscription is already cancelled: you can read everything until {_day(subscription.term_end)}, "
            "and you will not be charged again."
        )
    return "This subscription cannot be cancelled now: it is not running."


def _refusal(subscription: Subscription, key: str) -> str:
    """Why an offer posted from the cancel page was not taken, as the reader is told."""
    if subscription.status in (S.CANCELLING, S.ENDED):
        return (
            "Your subscription was cancelled already (perhaps in another window), so the offer was not applied. "
            "You can keep your subscription on your account page."
        )
    if key.startswith("pause-") and subscription.status == S.PAUSED:
        return "You have already taken this offer: your subscription is paused."
    if key.startswith("discount-") and subscription.save_offer_id is not None:
        return f"You have already taken this offer: your next renewal is {subscription.renewal_price}."
    return "That offer is not available to you now. Nothing was changed."
