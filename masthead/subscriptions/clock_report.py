"""What a turn of the billing clock did, in the words staff read.

The admin action and ``manage.py billing_clock`` report the same turn the
same way, so what staff see in one matches what the other printed.
"""

from .models import Subscription, SubscriptionStatus


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def clock_turn_lines(turn: dict) -> list[str]:
    """One line per kind of work in a whole turn (``billing_clock_tick``'s answer)."""
    lines = [
        _counted(turn["ended"], "subscription ended", "subscriptions ended") + " (term over)",
        _counted(turn.get("lapsed", 0), "subscription lapsed", "subscriptions lapsed") + " (renewal never settled)",
        _counted(turn["notices"], "pre-debit notice sent", "pre-debit notices sent"),
    ]
    if "charged" in turn:
        lines.append(_counted(turn["charged"], "renewal charged", "renewals charged"))
    else:
        lines.append(_counted(turn["chunks_queued"], "chunk of renewals queued", "chunks of renewals queued"))
    lines.append(_counted(turn["retried"], "failed renewal retried", "failed renewals retried"))
    lines.append(_counted(turn["duplicates_refunded"], "duplicate charge refunded", "duplicate charges refunded"))
    if turn.get("upgrades_settled"):
        lines.append(_counted(turn["upgrades_settled"], "unfinished plan upgrade settled", "unfinished plan upgrades settled"))
    return lines


def subscription_label(subscription: Subscription) -> str:
    return f"Subscription {subscription.pk} ({subscription.user.email}, {subscription.plan.name})"


def subscription_turn_sentence(turn: dict, *, was: str) -> str:
    """One sentence for one subscription's turn (``subscription_clock_run``'s
    answer), given its status before the turn.

    The turn counts a charge whether or not the card paid; the status after
    it tells the two apart (a declined renewal leaves the subscription past
    due). A lapse at the end of the grace period is counted nowhere in the
    turn, so the change of status is named too.
    """
    paid = turn["status"] != SubscriptionStatus.PAST_DUE
    done = []
    if turn["ended"]:
        done.append("ended at the end of its term")
    if turn["notices"]:
        done.append("pre-debit notice sent")
    if turn["charged"]:
        done.append("renewal charged" if paid else "renewal charge declined")
    if turn["retried"]:
        done.append("failed renewal retried and paid" if paid else "failed renewal retried, declined again")
    if not done and turn.get("in_flight"):
        done.append("a renewal charge is already in progress")
    status = f"status now: {SubscriptionStatus(turn['status']).label}"
    if turn["status"] != was:
        status = f"status: {SubscriptionStatus(was).label} → {SubscriptionStatus(turn['status']).label}"
    return f"{', '.join(done) if done else 'nothing was due'}; {status}."


def subscription_turn_declined(turn: dict) -> bool:
    """A charge or retry was made in this turn and the card did not pay."""
    return turn["status"] == SubscriptionStatus.PAST_DUE and bool(turn["charged"] or turn["retried"])
