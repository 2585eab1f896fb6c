"""What a move into a waiting state writes: the grace period a failed
renewal (past due) or a dead card (needs card) gives the reader. Pure: it
reads the subscription as it stands under the caller's lock. Billing and the
account's own services both move subscriptions there."""

from .models import Subscription, SubscriptionStatus
from .terms import TRIAL_TERM, grace_end


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
