"""Changing plan: what each other plan would cost, and a change scheduled
for the next renewal (or undone). The upgrade, which charges now, is
billing.plan_upgrade; both refuse in the same words (plan_change_refusal).

Re-exported from services: ``plan_change_schedule`` and ``plan_change_undo``
are called with exactly these signatures from outside the account page too.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from masthead.core.errors import InvalidOperation
from masthead.core.money import Money
from masthead.core.periods import add_months, local_date, publication_zone
from masthead.invoicing.models import Invoice
from masthead.invoicing.services import invoice_uncredited
from masthead.payments.models import BillingProfile, PaymentStatus
from masthead.payments.selectors import charge_in_flight

from .models import (
    EventReason,
    Plan,
    RenewalNotice,
    Subscription,
    SubscriptionEvent,
    SubscriptionStatus,
)
from .proration import Quote, is_upgrade, upgrade_quote
from .selectors import upgrade_being_charged
from .states import subscription_move
from .terms import TRIAL_TERM

S = SubscriptionStatus


class PlanChangeRefused(InvalidOperation):
    """A plan change that cannot be made: nothing changed, nothing was charged."""

    code = "plan_change_refused"


# Why a subscription in each status cannot change plan, as the reader is told.
STATUS_REFUSALS = {
    S.PENDING: "Your subscription has not started yet: finish your checkout, or start it again with the plan you want.",
    S.CANCELLING: "Your subscription is cancelled. Keep your subscription first; then you can change plan.",
    S.PAST_DUE: "Your renewal payment has not gone through, so your plan cannot be changed. Please update your card first.",
    S.COMP: "A complimentary subscription cannot change plan. Please write to us if you would like another one.",
    S.GIFT: "A gift subscription cannot change plan: it is never charged, and ends when its term ends. "
    "You can subscribe to any plan once it has ended.",
    S.PAUSED: "Your subscription is paused. Undo the pause (or resume now) first; then you can change plan.",
    S.NEEDS_CARD: "Your saved card can no longer be charged, so your plan cannot be changed. Please update your card first.",
}
NO_SUBSCRIPTION = "You do not have a subscription to change."
RENEWAL_DUE = "Your renewal is due now. Change plan once it has gone through."
RENEWAL_IN_FLIGHT = "Your renewal payment is being processed. Change plan once it has gone through."


SAVE_DISCOUNT_PENDING = (
    "Your next renewal is at the discount you took when you thought of cancelling. You can change plan once it is paid."
)


def plan_change_refusal(*, subscription: Subscription, plan: Plan | None = None, now: datetime) -> str | None:
    """Why ``subscription`` may not change plan now (to ``plan``, when given),
    as the reader is told; None when it may."""
    if subscription.status != S.ACTIVE:
        return STATUS_REFUSALS.get(subscription.status, NO_SUBSCRIPTION)
    if subscription.term_end is None or subscription.term_end <= now:
        # Between the term's end and its renewal charge: the renewal decides
        # the plan; a change now would race it.
        return RENEWAL_DUE
    if subscription.next_renewal_save_discounted:
        # The discount was worked out on this plan's price for this renewal;
        # a change of plan would charge another price than the one promised.
        return SAVE_DISCOUNT_PENDING
    if plan is not None:
        if not plan.is_active:
            return "That plan is no longer on sale."
        if plan.pk == subscription.plan_id:
            return f"You are already on {plan.name}."
        if plan.currency != subscription.currency:
            # What was paid (and is credited) is in the subscription's
            # currency: it is never set against a price in another.
            return f"{plan.name} is sold in {plan.currency}, and your subscription is paid in {subscription.currency}."
        limit = mandate_limit_minor(subscription)
        if limit is not None and plan.price_minor > limit:
            return (
                f"Your payments are taken under a Razorpay mandate for at most {Money(limit, subscription.currency)} "
                f"a charge, so {plan.name} ({plan.price}) cannot be charged to it. Please write to us to change plan."
            )
    return None


def mandate_limit_minor(subscription: Subscription) -> int | None:
    """The most a charge to the reader's saved method may take, when the
    provider holds it to a limit; None when it does not.

    A Razorpay recurring mandate (token) is registered for a most per debit
    when the reader authorises it (checkout, or a new card from the card
    link), and Razorpay refuses a debit above it. The limit kept with the
    saved method (BillingProfile.mandate_max_minor: what the bank registered,
    or what our order asked for) is that most, so a plan up to it may be
    changed to and a dearer one, whether charged now or at the renewal, is
    refused rather than sent to be declined. A method saved before limits
    were kept has none recorded: the subscription's own price, which its
    mandate covered, is taken as the limit."""
    profile = BillingProfile.objects.filter(user_id=subscription.user_id).values_list("provider", "mandate_max_minor").first()
    if profile is None or profile[0] != "razorpay":
        return None
    return profile[1] if profile[1] is not None else subscription.price_minor


def current_term_invoice(subscription: Subscription) -> Invoice | None:
    """The invoice of the term being read now, if it was paid (a trial, a gift
    or a complimentary term has none)."""
    if subscription.term_number == TRIAL_TERM:
        return None
    return (
        Invoice.objects.filter(
            payment__subscription_id=subscription.pk,
            payment__term_number=subscription.term_number,
            payment__duplicate=False,
            payment__status__in=[PaymentStatus.SUCCEEDED, PaymentStatus.REFUNDED],
        )
        .order_by("pk")
        .first()
    )


def upgrade_quote_for(*, subscription: Subscription, plan: Plan, now: datetime) -> Quote:
    """What upgrading to ``plan`` costs today: the current term's invoice,
    less what credit notes took back, credited for its unused days (nothing
    in a trial or for a term paid ₹0), and the rest of the new price charged."""
    invoice = current_term_invoice(subscription)
    uncredited = invoice_uncredited(invoice).minor if invoice is not None else 0
    return upgrade_quote(
        uncredited_minor=uncredited,
        start=local_date(subscription.term_start or subscription.term_end),
        end=local_date(subscription.term_end),
        today=local_date(now),
        new_price_minor=plan.price_minor,
    )


def term_has_gift_months(subscription: Subscription) -> bool:
    """Whether a gift lengthened the term being read (it ends later than its
    own length from its start). Its gift months were never paid for, so no
    credit could carry them over: an upgrade now would lose them, and the
    change is made at the renewal instead, after they have been read."""
    if subscription.term_start is None or subscription.term_end is None:
        return False
    start = subscription.term_start.astimezone(publication_zone())
    own_end = subscription.trial_end_from(start) if subscription.term_number == TRIAL_TERM else add_months(start, subscription.term_months)
    return subscription.term_end > own_end


def plan_is_upgrade(subscription: Subscription, plan: Plan) -> bool:
    return is_upgrade(
        price_minor=subscription.price_minor,
        term_months=subscription.term_months,
        new_price_minor=plan.price_minor,
        new_term_months=plan.term_months,
    )


@dataclass(frozen=True)
class PlanOption:
    """One other plan, as the change-plan page offers it."""

    plan: Plan
    quote: Quote | None  # an upgrade charged now; None: the switch waits for the renewal
    switch_on: datetime  # when a switch at renewal takes effect

    @property
    def upgrade_now(self) -> bool:
        return self.quote is not None

    @property
    def confirmation(self) -> str:
        """What the reader confirms, as the form sends it back: the kind of
        change and what it charges today."""
        return f"upgrade-{self.quote.due_minor}" if self.quote is not None else "renewal"

    @property
    def due(self) -> Money:
        return Money(self.quote.due_minor, self.plan.currency)

    @property
    def credit(self) -> Money:
        return Money(self.quote.credit_minor, self.plan.currency)


def plan_option(*, subscription: Subscription, plan: Plan, now: datetime) -> PlanOption:
    """How ``plan`` would be taken: an upgrade now (when it is one and what is
    due today can be charged), else a switch at the renewal."""
    quote = None
    if plan_is_upgrade(subscription, plan) and not term_has_gift_months(subscription):
        quote = upgrade_quote_for(subscription=subscription, plan=plan, now=now)
        if not quote.chargeable:
            quote = None
    return PlanOption(plan=plan, quote=quote, switch_on=subscription.term_end)


def plan_options(*, subscription: Subscription, now: datetime | None = None) -> list[PlanOption]:
    """Every other plan on sale in the subscription's currency, in the plans
    page's order (a plan in another currency cannot be changed to), and
    within what the saved method may be charged (mandate_limit_minor)."""
    now = now or timezone.now()
    plans = Plan.objects.filter(is_active=True, currency=subscription.currency).exclude(pk=subscription.plan_id)
    limit = mandate_limit_minor(subscription)
    if limit is not None:
        plans = plans.filter(price_minor__lte=limit)
    return [plan_option(subscription=subscription, plan=plan, now=now) for plan in plans]


def _renewal_notice_withdraw(subscription: Subscription) -> str | None:
    """A pre-debit notice already sent names the old plan's amount: it is
    withdrawn, and the clock announces the new amount (and charges a day
    after it, as for every renewal). Returns when it would have charged."""
    withdrawn = RenewalNotice.objects.filter(subscription=subscription, term_number__gt=subscription.term_number)
    notice = withdrawn.values_list("charge_on", flat=True).first()
    withdrawn.delete()
    return notice.isoformat() if notice else None


def _scheduled_change(*, subscription: Subscription, next_plan: Plan | None, reason: EventReason, by, now) -> Subscription:
    with transaction.atomic():
        locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
        why = plan_change_refusal(subscription=locked, plan=next_plan, now=now)
        if why:
            raise PlanChangeRefused("plan_change_refused", why)
        if locked.next_plan_id == (next_plan and next_plan.pk):
            # A second click, or undoing what is already undone: nothing to change.
            _copy_fields(locked, subscription)
            return subscription
        if charge_in_flight(subscription_id=locked.pk, term_number=locked.term_number + 1, now=now) or (
            upgrade_being_charged(subscription_id=locked.pk)
        ):
            raise PlanChangeRefused("plan_change_refused", RENEWAL_IN_FLIGHT)
        withdrawn = _renewal_notice_withdraw(locked)
        return subscription_move(
            subscription=subscription, to=S.ACTIVE, reason=reason, actor=by, now=now, only_from=(S.ACTIVE,),
            next_plan=next_plan,
            # The price the reader confirmed: the renewal charges it, and the
            # new plan keeps it, whatever the list price becomes meanwhile.
            next_price_minor=next_plan and next_plan.price_minor,
            detail={
                "plan": locked.plan_id, "next_plan_was": locked.next_plan_id,
                "next_plan": next_plan and next_plan.pk, "on": locked.term_end.isoformat(),
                **({"renewal_notice_withdrawn": withdrawn} if withdrawn else {}),
            },
        )  # fmt: skip


def plan_change_schedule(*, subscription: Subscription, plan: Plan, by=None, now: datetime | None = None) -> Subscription:
    """Change to ``plan`` at the next renewal: the renewal charges ``plan``'s
    full price (an offer's price ends with the change) and switches the
    subscription to it; until then nothing changes. Any plan on sale other
    than the current one may be scheduled (the change-plan page offers it for
    the ones that are not upgrades). A pre-debit notice already sent for the
    renewal is withdrawn and sent again with the new plan and amount.

    PlanChangeRefused, and nothing changed, unless the subscription is active
    with its renewal still to come and no charge in flight. Scheduling the
    plan already scheduled changes nothing."""
    now = now or timezone.now()
    return _scheduled_change(subscription=subscription, next_plan=plan, reason=EventReason.PLAN_CHANGE_SCHEDULED, by=by, now=now)


# Where a change scheduled for the renewal still waits and may be dropped:
# the renewal it waits for is still to come (at the term's end, the pause's
# end, or once a new card is saved), and whoever charges it reads the plan then.
KEEP_PLAN_STATUSES = (S.ACTIVE, S.PAUSED, S.NEEDS_CARD)
KEEP_PLAN_REFUSALS = {
    # The failed renewal is retried at the amount its pre-debit notice gave,
    # with no new notice: dropping the change would charge an amount the
    # reader was never told.
    S.PAST_DUE: "Your renewal payment for your new plan has not gone through and is being retried at the amount we "
    "told you, so the change cannot be undone now. Please update your card; once the renewal is paid, you can "
    "change plan again.",
    S.CANCELLING: STATUS_REFUSALS[S.CANCELLING],
}


def plan_keep_refusal(*, subscription: Subscription, now: datetime) -> str | None:
    """Why the change scheduled for ``subscription``'s renewal cannot be
    dropped now, as the reader is told; None when it can (or when nothing is
    scheduled, which there is nothing to refuse)."""
    if subscription.next_plan_id is None:
        return None
    if subscription.status not in KEEP_PLAN_STATUSES:
        return KEEP_PLAN_REFUSALS.get(subscription.status, NO_SUBSCRIPTION)
    due_at = subscription.pause_until if subscription.status == S.PAUSED else subscription.term_end
    if subscription.status != S.NEEDS_CARD and (due_at is None or due_at <= now):
        # The renewal is being charged at the new plan's announced price.
        return RENEWAL_DUE
    return None


def plan_change_undo(*, subscription: Subscription, by=None, now: datetime | None = None) -> Subscription:
    """Keep the current plan: a scheduled change is dropped and the renewal
    is at the current plan's price again (its notice sent again if one went
    out). Nothing scheduled: nothing changes.

    Unlike scheduling, this works wherever the change still waits for its
    renewal (KEEP_PLAN_STATUSES): a paused subscription renews at the pause's
    end, one waiting for a new card once it is saved. The status does not
    change, so the event is written here rather than by a move."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if locked.next_plan_id is None:
            # A second click, or undoing what is already undone: nothing to change.
            _copy_fields(locked, subscription)
            return subscription
        why = plan_keep_refusal(subscription=locked, now=now)
        if why:
            raise PlanChangeRefused("plan_change_refused", why)
        if charge_in_flight(subscription_id=locked.pk, term_number=locked.term_number + 1, now=now):
            raise PlanChangeRefused("plan_change_refused", RENEWAL_IN_FLIGHT)
        withdrawn = _renewal_notice_withdraw(locked)
        SubscriptionEvent.objects.create(
            subscription=locked, from_status=locked.status, to_status=locked.status, reason=EventReason.PLAN_CHANGE_UNDONE,
            actor=by, occurred_at=now, **SubscriptionEvent.terms_of(locked),
            detail={
                "plan": locked.plan_id, "next_plan_was": locked.next_plan_id, "next_plan": None,
                "on": (locked.pause_until if locked.status == S.PAUSED else locked.term_end).isoformat(),
                **({"renewal_notice_withdrawn": withdrawn} if withdrawn else {}),
            },
        )  # fmt: skip
        locked.next_plan = None
        locked.next_price_minor = None
        locked.save(update_fields=["next_plan", "next_price_minor", "updated_at"])
    _copy_fields(locked, subscription)
    return subscription


def _copy_fields(source: Subscription, target: Subscription) -> None:
    for field in Subscription._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
