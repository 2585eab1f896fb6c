"""What every billing job needs: the description of a term's charge and the reader's saved card."""

from masthead.core.errors import MastheadError
from masthead.payments.models import BillingProfile
from masthead.payments.providers.base import SavedMethod

from ..models import Subscription, SubscriptionStatus
from ..selectors import saved_card_dead  # noqa: F401 - where billing has always found it
from ..terms import FIRST_TERM, TRIAL_TERM, grace_end

__all__ = [
    "FIRST_TERM", "NoSavedCard", "charge_description", "past_due_changes", "saved_card_dead", "saved_method",
    "saved_methods",
]  # fmt: skip


class NoSavedCard(MastheadError):
    code = "no_saved_card"


def charge_description(subscription: Subscription, term_number: int) -> str:
    # A renewal is for the plan the reader scheduled for it, if they did.
    plan = subscription.renewal_plan if term_number > subscription.term_number else subscription.plan
    return f"{plan.name}, term {term_number}"


def saved_method(subscription: Subscription) -> SavedMethod:
    profile = BillingProfile.objects.filter(user=subscription.user).first()
    if profile is None or not profile.provider_payment_method_id:
        raise NoSavedCard(message="There is no saved card to charge.")
    return SavedMethod(
        customer_id=profile.provider_customer_id,
        payment_method_id=profile.provider_payment_method_id,
        provider=profile.provider,
    )


def saved_methods(user_ids: list[int]) -> dict[int, SavedMethod]:
    """The saved cards of many readers in one query, by user id."""
    profiles = BillingProfile.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "provider_customer_id", "provider_payment_method_id", "provider"
    )
    return {
        user_id: SavedMethod(customer_id=customer, payment_method_id=method, provider=provider)
        for user_id, customer, method, provider in profiles
    }


def past_due_changes(subscription: Subscription) -> dict:
    """What a failed renewal writes as it moves the subscription to past due:
    the grace period, counted from the day the renewal was due. After a pause
    that day is the pause's end, which becomes the unpaid term's end (retries,
    the grace period and the next term are counted from it, as for any renewal)."""
    if subscription.status == SubscriptionStatus.PAUSED:
        return {"term_end": subscription.pause_until, "grace_until": grace_end(subscription.pause_until), "pause_until": None}
    return {"grace_until": grace_end(subscription.term_end)}


def needs_card_changes(subscription: Subscription) -> dict:
    """What a move to needs_card writes: the grace period the renewal the
    dead card would have paid begins (none after a trial). After a pause
    that renewal falls due at the pause's end, which becomes the unpaid
    term's end, as for a failed renewal (past_due_changes)."""
    if subscription.status == SubscriptionStatus.PAUSED:
        return past_due_changes(subscription)
    if subscription.status == SubscriptionStatus.PAST_DUE and subscription.grace_until:
        return {"grace_until": subscription.grace_until}  # the failed renewal's, already running
    if subscription.term_number == TRIAL_TERM:
        return {"grace_until": subscription.term_end}
    return {"grace_until": grace_end(subscription.term_end)}
