"""The signed-in reader's subscription: pause, resume now, change plan (at
the renewal, or an upgrade now), cancel and keep. Each operation calls the
service the account page calls, so a refusal is the page's own sentence in
the API's error shape. There is no subscription id in any address: an app
acts only on the subscription of the reader whose token it sends."""

from django.utils import timezone
from ninja import Router, Status

from masthead.core.errors import MastheadError
from masthead.payments.models import PaymentStatus
from masthead.payments.services import ChargeNotWanted, TermAlreadyPaid
from masthead.subscriptions import billing, cancelling, services, told
from masthead.subscriptions.models import Plan, PlanChange, PlanChangeStatus, Subscription, SubscriptionStatus
from masthead.subscriptions.plan_changes import plan_change_refusal, plan_option, plan_options
from masthead.subscriptions.selectors import current_subscription

from ..auth import app_token
from ..errors import ApiNotFound
from . import present
from .schemas import (
    CancelIn,
    ChargedOut,
    PauseIn,
    PlanChoiceIn,
    PlanOptionOut,
    SubscriptionDoneOut,
    SubscriptionStateOut,
    UpgradeIn,
    errors,
)

router = Router(tags=["subscription"], auth=app_token)
S = SubscriptionStatus


class Refused(MastheadError):
    """A request the account page would not even offer in this state."""


class PaymentDeclinedOut(MastheadError):
    code = "payment_declined"


def _subscription(request) -> Subscription:
    subscription = current_subscription(user=request.auth)
    if subscription is None:
        raise ApiNotFound("subscription_not_found", "You do not have a subscription.")
    return subscription


def _done(subscription: Subscription, message: str) -> dict:
    subscription.refresh_from_db()
    return {"message": message, "subscription": present.subscription_state(subscription)}


def _charged(subscription: Subscription, payment, *, paid, shows: str, declined: str):
    """A charge the reader asked for: 200 once paid, 202 while the provider
    decides, 402 with nothing changed when the card is declined."""
    if payment.status == PaymentStatus.FAILED:
        raise PaymentDeclinedOut(message=told.charge_declined_in_words(payment, declined))
    done = _done(subscription, paid() if payment.status == PaymentStatus.SUCCEEDED else told.charge_pending_in_words(shows))
    done["payment"] = {"status": payment.status, "amount": present.money(payment.amount)}
    return Status(200 if payment.status == PaymentStatus.SUCCEEDED else 202, done)


@router.get("/me/subscription", response={200: SubscriptionStateOut, **errors(401, 404)})
def subscription_show(request):
    return present.subscription_state(_subscription(request))


@router.post("/me/subscription/pause", response={200: SubscriptionDoneOut, **errors(401, 404, 422)})
def pause(request, body: PauseIn):
    """Pause from the end of the paid term for ``months``: reading goes on
    until then, nothing is charged during the pause, and it renews when it ends."""
    subscription = _subscription(request)
    services.subscription_pause(subscription=subscription, months=body.months, by=request.auth)
    return _done(subscription, told.paused_in_words(subscription))


@router.delete("/me/subscription/pause", response={200: SubscriptionDoneOut, **errors(401, 404)})
def pause_undo(request):
    """Undo a pause before it begins: the subscription renews as before."""
    subscription = _subscription(request)
    if subscription.status != S.PAUSED:
        raise Refused("not_paused", "Your subscription is not paused.")
    services.subscription_pause_undo(subscription=subscription, by=request.auth)
    return _done(subscription, told.PAUSE_UNDONE)


@router.post("/me/subscription/resume", response={200: ChargedOut, 202: ChargedOut, **errors(401, 402, 404)})
def resume_now(request):
    """End a pause that has begun: the next term is charged now (once,
    however often this is sent) and starts today once paid."""
    subscription = _subscription(request)
    if subscription.status != S.PAUSED:
        raise Refused("not_paused", "Your subscription is not paused.")
    try:
        payment = billing.pause_resume_now(subscription=subscription)
    except (TermAlreadyPaid, ChargeNotWanted):
        raise Refused("already_resumed", told.ALREADY_RUNNING) from None

    def paid() -> str:
        subscription.refresh_from_db()
        return told.resumed_in_words(subscription, payment)

    return _charged(subscription, payment, paid=paid, shows="your subscription", declined="your subscription stays paused.")


@router.get("/me/subscription/plans", response={200: list[PlanOptionOut], **errors(401, 404)})
def plan_choices(request):
    """Every other plan, each with what taking it means: an upgrade charged
    today (what is due and credited), or a switch at the renewal."""
    subscription = _subscription(request)
    refusal = plan_change_refusal(subscription=subscription, now=timezone.now())
    if refusal:
        raise services.PlanChangeRefused("plan_change_refused", refusal)
    return [present.plan_option(option) for option in plan_options(subscription=subscription)]


def _plan(slug: str) -> Plan:
    plan = Plan.objects.filter(slug=slug, is_active=True).first()
    if plan is None:
        raise ApiNotFound("plan_not_found", "No such plan on sale.")
    return plan


@router.put("/me/subscription/next-plan", response={200: SubscriptionDoneOut, **errors(401, 404, 422)})
def plan_schedule(request, body: PlanChoiceIn):
    """Change to this plan at the renewal; until then nothing changes."""
    subscription = _subscription(request)
    plan = _plan(body.plan)
    services.plan_change_schedule(subscription=subscription, plan=plan, by=request.auth)
    return _done(subscription, told.plan_scheduled_in_words(subscription, plan))


@router.delete("/me/subscription/next-plan", response={200: SubscriptionDoneOut, **errors(401, 404)})
def plan_keep(request):
    """Keep my plan: a change scheduled for the renewal is dropped."""
    subscription = _subscription(request)
    if subscription.next_plan_id is None:
        raise Refused("no_plan_change", "No plan change is scheduled: your plan renews as it is.")
    services.plan_change_undo(subscription=subscription, by=request.auth)
    return _done(subscription, told.plan_kept_in_words(subscription))


@router.post("/me/subscription/upgrade", response={200: ChargedOut, 202: ChargedOut, **errors(401, 402, 404, 422)})
def upgrade(request, body: UpgradeIn):
    """Upgrade now: what is due today (the new price less the credit for the
    current term's unused days) is charged to the saved card, once. The app
    sends the amount it showed; if that is no longer what is due, nothing is
    charged and the app shows the options again."""
    subscription = _subscription(request)
    plan = _plan(body.plan)
    now = timezone.now()
    refusal = plan_change_refusal(subscription=subscription, plan=plan, now=now)
    if refusal:
        raise services.PlanChangeRefused("plan_change_refused", refusal)
    option = plan_option(subscription=subscription, plan=plan, now=now)
    if not option.upgrade_now:
        raise Refused(
            "not_an_upgrade", f"{plan.name} is not an upgrade charged now: it can be changed to at your renewal instead."
        )
    if option.quote.due_minor != body.due_minor:
        raise Refused("price_changed", billing.PRICE_CHANGED)
    payment = billing.plan_upgrade(subscription=subscription, plan=plan, by=request.auth, confirmed_due_minor=body.due_minor)
    payment.refresh_from_db()
    change = PlanChange.objects.select_related("credit_note").filter(payment=payment).first()
    if payment.status in (PaymentStatus.SUCCEEDED, PaymentStatus.REFUNDED) and (
        change is None or change.status != PlanChangeStatus.APPLIED
    ):
        # The subscription moved while the card was charged (another tab): the
        # charge bought nothing here and goes back, or paid the renewal.
        subscription.refresh_from_db()
        raise Refused("subscription_changed", told.upgrade_not_applied_in_words(subscription, plan, payment))

    def paid() -> str:
        subscription.refresh_from_db()
        return told.upgraded_in_words(subscription, plan, payment, change)

    return _charged(subscription, payment, paid=paid, shows="your new plan", declined="your plan is unchanged.")


@router.post("/me/subscription/cancel", response={200: SubscriptionDoneOut, **errors(401, 404, 422)})
def cancel(request, body: CancelIn):
    """Cancel at the end of the paid term, with an optional reason and note.
    Reading goes on until then; nothing more is charged."""
    subscription = _subscription(request)
    cancelling.cancel_answered(
        subscription=subscription, reason=body.reason, text=body.note, by=request.auth, offer_shown=False
    )
    return _done(subscription, subscription.cancelled_in_words(timezone.now()))


@router.post("/me/subscription/keep", response={200: SubscriptionDoneOut, **errors(401, 404)})
def keep(request):
    """Undo a cancellation before the paid term ends: it renews as before."""
    subscription = _subscription(request)
    if subscription.status != S.CANCELLING:
        raise Refused("not_cancelled", "Your subscription is not cancelled: it renews as before.")
    services.subscription_resume(subscription=subscription, by=request.auth)
    return _done(subscription, told.KEPT)
