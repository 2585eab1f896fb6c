"""The subscription state machine: the only code that changes a status.

``subscription_move`` checks the move is allowed, locks the row, applies
the change and writes an event, all in one transaction, so two processes
(a webhook and the billing job, say) cannot both move one subscription from
the same state.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from masthead.core.errors import InvalidTransition

from .models import EventReason, Subscription, SubscriptionEvent, SubscriptionStatus

S = SubscriptionStatus

ALLOWED_MOVES: dict[str, frozenset[str]] = {
    S.PENDING: frozenset({S.ACTIVE, S.ENDED, S.COMP, S.GIFT}),
    S.ACTIVE: frozenset({S.ACTIVE, S.CANCELLING, S.PAST_DUE, S.PAUSED, S.REFUNDED, S.ENDED, S.NEEDS_CARD}),
    # A move to the same status is a change within it (a renewal, a gift's
    # months added to the term).
    # Kept (cancellation undone): active again, or waiting for a new card
    # again when its saved card is dead.
    S.CANCELLING: frozenset({S.ACTIVE, S.CANCELLING, S.ENDED, S.REFUNDED, S.NEEDS_CARD}),
    S.PAST_DUE: frozenset({S.ACTIVE, S.CANCELLING, S.LAPSED, S.ENDED, S.REFUNDED, S.NEEDS_CARD}),
    S.COMP: frozenset({S.COMP, S.ENDED}),
    # A gift's term ends, without renewal, or another gift lengthens it.
    S.GIFT: frozenset({S.GIFT, S.ENDED}),
    # Paused from the term's end: undone before then, renewed when the pause
    # ends (or the reader resumes early), past due when that renewal fails,
    # cancelled like any subscription (ended at once once the term is over);
    # needs a new card when the pause ends if the saved card died during it.
    S.PAUSED: frozenset({S.ACTIVE, S.PAST_DUE, S.CANCELLING, S.ENDED, S.REFUNDED, S.NEEDS_CARD}),
    # The saved card is dead: nothing is charged. A new card makes it active
    # again (past due first when the term is already over, then charged at
    # once); the reader may cancel; it lapses when the grace period ends.
    S.NEEDS_CARD: frozenset({S.ACTIVE, S.PAST_DUE, S.CANCELLING, S.LAPSED, S.ENDED, S.REFUNDED}),
    S.ENDED: frozenset(),
    S.LAPSED: frozenset(),
    S.REFUNDED: frozenset(),
}


def subscription_move(
    *,
    subscription: Subscription,
    to: SubscriptionStatus,
    reason: EventReason,
    now: datetime | None = None,
    actor=None,
    detail: dict | None = None,
    only_from: tuple[str, ...] | None = None,
    **changes,
) -> Subscription:
    """Move a subscription to ``to``, applying ``changes`` to its fields.

    Raises InvalidTransition, and changes nothing, when the move is not
    allowed from the state the row is in now (read under the lock, not the
    possibly stale copy the caller holds), or when ``only_from`` is given and
    the row is no longer in one of those states (it moved since the caller read it).
    A ``reason`` that is not an EventReason is a ValueError, before anything changes.
    """
    reason = EventReason(reason)
    now = now or timezone.now()
    with transaction.atomic():
        locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if to not in ALLOWED_MOVES[locked.status] or (only_from is not None and locked.status not in only_from):
            raise InvalidTransition(
                message=f"A subscription cannot go from {locked.get_status_display().lower()} to {S(to).label.lower()}."
            )
        from_status = locked.status
        locked.status = to
        for field, value in changes.items():
            setattr(locked, field, value)
        locked.save(update_fields=["status", "updated_at", *changes])
        SubscriptionEvent.objects.create(
            subscription=locked,
            from_status=from_status,
            to_status=to,
            reason=reason,
            actor=actor,
            occurred_at=now,
            detail=detail or {},
            **SubscriptionEvent.terms_of(locked),
        )
    # The caller's copy now says what the row says (read under the lock,
    # then changed here), without reading it a second time.
    for model_field in Subscription._meta.concrete_fields:
        setattr(subscription, model_field.attname, getattr(locked, model_field.attname))
    return subscription
