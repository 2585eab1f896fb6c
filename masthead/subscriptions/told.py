"""What a reader is told after changing their subscription, in one place, so
the account page and the app API say the same sentence."""

from django.utils import timezone

from .models import Plan, Subscription


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y}"


def paused_in_words(subscription: Subscription) -> str:
    return (
        f"Your subscription is paused from {_day(subscription.term_end)} to {_day(subscription.pause_until)}. "
        "You keep reading everything until it begins, and nothing is charged during the pause."
    )


PAUSE_UNDONE = "Your pause is undone: your subscription will renew as before."
KEPT = "Your subscription will renew as before."
ALREADY_RUNNING = "Your subscription is already running again."


def resumed_in_words(subscription: Subscription, payment) -> str:
    return (
        f"Welcome back: {payment.amount} is paid, and you read everything again until {_day(subscription.term_end)}."
    )


def plan_scheduled_in_words(subscription: Subscription, plan: Plan) -> str:
    return (
        f"Your subscription changes to {plan.name} on {_day(subscription.term_end)}, at {plan.price_in_words}. "
        "Until then nothing changes."
    )


def plan_kept_in_words(subscription: Subscription) -> str:
    return f"You keep your plan, {subscription.plan.name}: it renews as before."


def charge_pending_in_words(shows: str) -> str:
    return f"Your payment is being processed. This page will show {shows} as soon as it is through."


def charge_declined_in_words(payment, declined: str) -> str:
    return (
        f"Your card was declined: {payment.failure_message or 'no reason given'}. Nothing was charged, and "
        f"{declined} Please update your card and try again."
    )


def upgraded_in_words(subscription: Subscription, plan: Plan, payment, change) -> str:
    credited = ""
    if change is not None and change.credit_note is not None:
        credited = (
            f" ({change.credit_note.total} credited for the unused days of your previous plan, by credit note "
            f"{change.credit_note.number})"
        )
    return (
        f"You are now on {plan.name}: {payment.amount} is paid{credited}, and your new term runs until "
        f"{_day(subscription.term_end)}."
    )


def upgrade_not_applied_in_words(subscription: Subscription, plan: Plan, payment) -> str:
    """An upgrade charged after the subscription moved (a cancel or a gift in
    another tab): what the charge did instead."""
    if payment.duplicate or payment.status == "refunded":
        said = f"the {payment.amount} charged goes back to your card"
    else:
        # A renewal's attempt still open was charged instead (payments'
        # one attempt per term): it paid the renewal, not the upgrade.
        said = f"the {payment.amount} charged paid your renewal"
    return (
        f"Your subscription changed while your card was being charged, so the upgrade to {plan.name} could not "
        f"be made: {said}, and your plan is still {subscription.plan.name}."
    )
