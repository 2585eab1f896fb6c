"""Every status move a subscription could be asked to make, tried through the
one function that moves it: the allowed ones happen and are recorded, every
other one is refused and changes nothing."""

import pytest

from masthead.core.testing import make_plan
from masthead.subscriptions.models import Subscription, SubscriptionEvent, SubscriptionStatus
from masthead.subscriptions.states import InvalidTransition, subscription_move

pytestmark = pytest.mark.django_db
S = SubscriptionStatus

# Written out here, not read from states.py: the rules as a reader meets them.
MAY_MOVE_TO = {
    S.PENDING: {S.ACTIVE, S.ENDED},  # the first payment, or a checkout given up
    S.ACTIVE: {S.ACTIVE, S.CANCELLING, S.PAST_DUE, S.REFUNDED, S.ENDED},  # renewed in place, cancelled, renewal failed…
    S.CANCELLING: {S.ACTIVE, S.ENDED, S.REFUNDED},  # resumed before the term ends, or over
    S.PAST_DUE: {S.ACTIVE, S.CANCELLING, S.LAPSED, S.ENDED, S.REFUNDED},  # a retry paid, the reader cancelled in grace, or grace ran out
    S.COMP: {S.ENDED},  # a gift is never charged, cancelled or refunded
    S.ENDED: set(),  # final: a new subscription starts a new row
    S.LAPSED: set(),
    S.REFUNDED: set(),
}


@pytest.mark.parametrize("to", list(S), ids=str)
@pytest.mark.parametrize("origin", list(S), ids=str)
def test_a_subscription_moves_only_along_the_allowed_paths(origin, to, django_user_model):
    reader = django_user_model.objects.create_user(username="mover", email="mover@example.test", password="x" * 16)
    plan = make_plan()
    subscription = Subscription.objects.create(
        user=reader, plan=plan, status=origin, price_minor=plan.price_minor, term_months=plan.term_months
    )
    if to in MAY_MOVE_TO[origin]:
        subscription_move(subscription=subscription, to=to, reason="test")
        subscription.refresh_from_db()
        assert subscription.status == to
        assert list(SubscriptionEvent.objects.values_list("from_status", "to_status")) == [(origin, to)]
    else:
        with pytest.raises(InvalidTransition) as refused:
            subscription_move(subscription=subscription, to=to, reason="test")
        assert refused.value.message == f"A subscription cannot go from {origin.label.lower()} to {to.label.lower()}."
        subscription.refresh_from_db()
        assert subscription.status == origin
        assert not SubscriptionEvent.objects.exists()
