"""The cancel page pressed twice at once, or its two buttons pressed at once
in two windows: one outcome, one answer recorded, never two discounts. Run
on whichever database the suite uses (SQLite here, PostgreSQL in CI's second
run, where the subscription's row lock is what holds it)."""

from datetime import UTC, datetime, timedelta

import pytest

from masthead.core.errors import InvalidOperation
from masthead.subscriptions import services
from masthead.subscriptions.cancelling import cancel_answer_last, cancel_answered, save_offer_accept, save_offer_for
from masthead.subscriptions.models import (
    CancelAnswer,
    CancelOutcome,
    SaveOfferKind,
    SaveOfferSettings,
    Subscription,
    SubscriptionStatus,
)
from masthead.testing.concurrency import in_threads
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db(transaction=True)
S = SubscriptionStatus
START = datetime(2026, 1, 31, 6, 0, tzinfo=UTC)
NOW = START + timedelta(days=10)


@pytest.fixture
def subscription(django_user_model):
    reader = django_user_model.objects.create_user(username="racer", email="racer@example.test", password="x" * 20)
    plan = make_plan(price_minor=900_00, term_months=3)
    offer = make_offer(plan, name="Stay with us", value=40, starts_at=START - timedelta(days=1))
    SaveOfferSettings(kind=SaveOfferKind.DISCOUNT, discount_offer=offer).save()
    return services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan), now=START)


def _copies(subscription, n=2):
    """What each request reads before it acts."""
    return [Subscription.objects.get(pk=subscription.pk) for _ in range(n)]


def test_the_offer_taken_twice_at_once_is_taken_once(subscription):
    key = save_offer_for(subscription=subscription, now=NOW).key
    seen = cancel_answer_last(subscription=subscription)

    taken, errors = in_threads(
        *[lambda copy=copy: save_offer_accept(subscription=copy, key=key, seen=seen, now=NOW) for copy in _copies(subscription)]
    )

    assert len(taken) == 1 and len(errors) == 1 and isinstance(errors[0], InvalidOperation), errors
    subscription.refresh_from_db()
    assert subscription.renewal_price.minor == 540_00 and subscription.status == S.ACTIVE
    assert subscription.save_offer.redemptions_used == 1
    assert CancelAnswer.objects.count() == 1
    assert subscription.events.filter(reason="save_discount_taken").count() == 1


def test_cancel_and_the_offer_pressed_at_once_in_two_windows_give_one_outcome(subscription):
    key = save_offer_for(subscription=subscription, now=NOW).key
    seen = cancel_answer_last(subscription=subscription)
    first, second = _copies(subscription)

    done, errors = in_threads(
        lambda: cancel_answered(subscription=first, seen=seen, now=NOW),
        lambda: save_offer_accept(subscription=second, key=key, seen=seen, now=NOW),
    )

    assert len(done) == 1 and len(errors) == 1 and isinstance(errors[0], InvalidOperation), errors
    subscription.refresh_from_db()
    (answer,) = CancelAnswer.objects.all()
    if answer.outcome == CancelOutcome.CANCELLED:
        assert subscription.status == S.CANCELLING and subscription.save_offer_id is None
    else:
        assert subscription.status == S.ACTIVE and subscription.renewal_price.minor == 540_00


def test_cancel_pressed_twice_at_once_cancels_once(subscription):
    seen = cancel_answer_last(subscription=subscription)

    done, errors = in_threads(*[lambda copy=copy: cancel_answered(subscription=copy, seen=seen, now=NOW) for copy in _copies(subscription)])

    assert len(done) == 1 and len(errors) == 1 and isinstance(errors[0], InvalidOperation), errors
    assert CancelAnswer.objects.count() == 1
    assert subscription.events.filter(reason="cancelled_by_reader").count() == 1
