"""Every status move a subscription could be asked to make, tried through the
one function that moves it: the allowed ones happen and are recorded, every
other one is refused and changes nothing."""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from masthead.core.errors import InvalidTransition
from masthead.subscriptions.models import (
    EventReason,
    Subscription,
    SubscriptionEvent,
    SubscriptionStatus,
)
from masthead.subscriptions.states import subscription_move
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus

# Written out here, not read from states.py: the rules as a reader meets them.
MAY_MOVE_TO = {
    # The first payment, a checkout given up, or a staff grant (the row is
    # written pending and granted in the same transaction), or a gift redeemed.
    S.PENDING: {S.ACTIVE, S.ENDED, S.COMP, S.GIFT},
    # Renewed in place, cancelled, paused, renewal failed, its card died at the provider…
    S.ACTIVE: {S.ACTIVE, S.CANCELLING, S.PAST_DUE, S.PAUSED, S.REFUNDED, S.ENDED, S.NEEDS_CARD},
    # Resumed (waiting for a new card again if its card died), over, or lengthened by a gift.
    S.CANCELLING: {S.ACTIVE, S.CANCELLING, S.ENDED, S.REFUNDED, S.NEEDS_CARD},
    # A retry paid, the reader cancelled in grace, grace ran out, or the card died (no more retries).
    S.PAST_DUE: {S.ACTIVE, S.CANCELLING, S.LAPSED, S.ENDED, S.REFUNDED, S.NEEDS_CARD},
    S.COMP: {S.COMP, S.ENDED},  # never charged, cancelled or refunded; a gift subscription lengthens it
    S.GIFT: {S.GIFT, S.ENDED},  # a gift subscription: over at its term's end, or lengthened by another gift
    # Undone before it begins or renewed when it ends (active), its renewal
    # failed (past due), cancelled (ended at once if the paid term is over), refunded,
    # or its saved card died during it (needs a new card when it ends).
    S.PAUSED: {S.ACTIVE, S.PAST_DUE, S.CANCELLING, S.ENDED, S.REFUNDED, S.NEEDS_CARD},
    # A new card saved (active in the term; past due, then charged, after it),
    # cancelled, lapsed when grace ran out, refunded.
    S.NEEDS_CARD: {S.ACTIVE, S.PAST_DUE, S.CANCELLING, S.LAPSED, S.ENDED, S.REFUNDED},
    S.ENDED: set(),  # final: a new subscription starts a new row
    S.LAPSED: set(),
    S.REFUNDED: set(),
}
# The table is about states: any reason on the list will do for every move.
ANY_REASON = EventReason.TERM_OVER


@pytest.mark.parametrize("to", list(S), ids=str)
@pytest.mark.parametrize("origin", list(S), ids=str)
def test_a_subscription_moves_only_along_the_allowed_paths(origin, to, django_user_model):
    reader = django_user_model.objects.create_user(username="mover", email="mover@example.test", password="x" * 16)
    plan = make_plan()
    subscription = Subscription.objects.create(
        user=reader, plan=plan, status=origin, price_minor=plan.price_minor, term_months=plan.term_months
    )
    if to in MAY_MOVE_TO[origin]:
        subscription_move(subscription=subscription, to=to, reason=ANY_REASON)
        subscription.refresh_from_db()
        assert subscription.status == to
        assert list(SubscriptionEvent.objects.values_list("from_status", "to_status")) == [(origin, to)]
    else:
        with pytest.raises(InvalidTransition) as refused:
            subscription_move(subscription=subscription, to=to, reason=ANY_REASON)
        assert refused.value.message == f"A subscription cannot go from {origin.label.lower()} to {to.label.lower()}."
        subscription.refresh_from_db()
        assert subscription.status == origin
        assert not SubscriptionEvent.objects.exists()


def _subscription(django_user_model, status, **fields):
    reader = django_user_model.objects.create_user(username="mover", email="mover@example.test", password="x" * 16)
    plan = make_plan()
    return Subscription.objects.create(
        user=reader, plan=plan, status=status, price_minor=plan.price_minor, term_months=plan.term_months, **fields
    )


def test_the_event_says_who_moved_it_why_when_and_with_what_detail(django_user_model):
    subscription = _subscription(django_user_model, S.ACTIVE)
    staff = django_user_model.objects.create_user(username="support", email="support@example.test", password="x" * 16)
    when = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
    subscription_move(
        subscription=subscription, to=S.REFUNDED, reason="refunded_by_staff", now=when, actor=staff, detail={"payment": 42}
    )
    event = SubscriptionEvent.objects.get()
    assert (event.subscription, event.from_status, event.to_status) == (subscription, S.ACTIVE, S.REFUNDED)
    assert (event.reason, event.actor, event.occurred_at, event.detail) == ("refunded_by_staff", staff, when, {"payment": 42})


def test_a_move_without_a_time_or_detail_is_recorded_now_with_an_empty_detail(django_user_model):
    subscription = _subscription(django_user_model, S.ACTIVE)
    with time_machine.travel(datetime(2026, 12, 6, 9, 30, tzinfo=UTC), tick=False):
        subscription_move(subscription=subscription, to=S.CANCELLING, reason="cancelled_by_reader")
    event = SubscriptionEvent.objects.get()
    assert (event.occurred_at, event.detail, event.actor) == (datetime(2026, 12, 6, 9, 30, tzinfo=UTC), {}, None)


def test_the_fields_that_change_with_the_move_are_saved_and_the_callers_copy_follows(django_user_model):
    subscription = _subscription(django_user_model, S.PAST_DUE, term_end=datetime(2026, 12, 1, tzinfo=UTC))
    with time_machine.travel(datetime(2026, 12, 20, tzinfo=UTC), tick=False):
        returned = subscription_move(
            subscription=subscription, to=S.LAPSED, reason="grace_over", ended_at=datetime(2026, 12, 8, tzinfo=UTC)
        )
    assert returned is subscription
    assert (subscription.status, subscription.ended_at) == (S.LAPSED, datetime(2026, 12, 8, tzinfo=UTC))
    assert subscription.updated_at == datetime(2026, 12, 20, tzinfo=UTC)
    stored = Subscription.objects.get()
    assert (stored.status, stored.ended_at, stored.updated_at) == (S.LAPSED, datetime(2026, 12, 8, tzinfo=UTC), datetime(2026, 12, 20, tzinfo=UTC))
    assert stored.term_end == datetime(2026, 12, 1, tzinfo=UTC)


def test_the_event_records_the_plan_price_and_term_the_move_leaves(django_user_model):
    """The desk counts each past day under the plan of that day: the event
    keeps the plan, price and term as the move left them, not as they were."""
    subscription = _subscription(django_user_model, S.ACTIVE)
    before = (subscription.plan_id, subscription.price_minor, subscription.term_months)
    yearly = make_plan(name="Yearly", slug="yearly", price_minor=2_700_00, term_months=12)
    subscription_move(subscription=subscription, to=S.ACTIVE, reason="plan_upgraded",
                      plan=yearly, price_minor=2_600_00, term_months=12)  # fmt: skip
    event = SubscriptionEvent.objects.get()
    assert (event.plan_id, event.price_minor, event.term_months) == (yearly.pk, 2_600_00, 12) != before


def test_a_stale_copy_cannot_move_a_subscription_from_the_state_it_has_left(django_user_model):
    """A webhook holds the subscription as active; the billing job has since
    refunded it. The row's state decides, not the caller's copy."""
    subscription = _subscription(django_user_model, S.ACTIVE)
    Subscription.objects.filter(pk=subscription.pk).update(status=S.REFUNDED)
    with pytest.raises(InvalidTransition, match="^A subscription cannot go from refunded to cancelled, active until the end of the term.$"):
        subscription_move(subscription=subscription, to=S.CANCELLING, reason="cancelled_by_reader")
    assert Subscription.objects.get().status == S.REFUNDED and not SubscriptionEvent.objects.exists()


def test_only_from_refuses_a_move_when_the_row_has_moved_since_it_was_read(django_user_model):
    subscription = _subscription(django_user_model, S.PAST_DUE)
    with pytest.raises(InvalidTransition):
        subscription_move(subscription=subscription, to=S.ACTIVE, reason="renewed", only_from=(S.ACTIVE,))
    assert Subscription.objects.get().status == S.PAST_DUE and not SubscriptionEvent.objects.exists()
    subscription_move(subscription=subscription, to=S.ACTIVE, reason="renewed", only_from=(S.ACTIVE, S.PAST_DUE))
    assert Subscription.objects.get().status == S.ACTIVE


def test_a_reason_not_on_the_list_is_refused_before_anything_moves(django_user_model):
    subscription = _subscription(django_user_model, S.PAST_DUE)
    with pytest.raises(ValueError, match="'grace_ended' is not a valid EventReason"):
        subscription_move(subscription=subscription, to=S.LAPSED, reason="grace_ended")
    assert Subscription.objects.get().status == S.PAST_DUE and not SubscriptionEvent.objects.exists()
    subscription_move(subscription=subscription, to=S.LAPSED, reason="grace_over")
    assert SubscriptionEvent.objects.get().reason == EventReason.GRACE_OVER == "grace_over"


def test_staff_read_each_moves_reason_in_words_in_the_admin(django_user_model, client):
    subscription = _subscription(django_user_model, S.ACTIVE)
    subscription_move(subscription=subscription, to=S.CANCELLING, reason=EventReason.CANCELLED_BY_READER)
    subscription_move(subscription=subscription, to=S.ACTIVE, reason=EventReason.RESUMED_BY_READER)
    client.force_login(django_user_model.objects.create_superuser(username="desk", email="desk@example.test", password="x" * 16))
    page = client.get(f"/admin/subscriptions/subscription/{subscription.pk}/change/").text
    reasons = re.findall(r'<td class="field-reason">\s*<p>(.*?)</p>', page)
    assert reasons == ["Cancelled by the reader", "Resumed by the reader"]
