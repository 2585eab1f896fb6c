"""A reader who has used their pause is told on the account page "you can
pause again from <day>" (pauses.pause_refusal: the day the first pause was
asked for, 12 months on). But the count (services.pauses_in_year) runs to the
minute: a pause asked for at 15:00 still counts until 15:00 on that day, and
one asked for on 29 February still counts all through the 28 February the
page names. On the very day they were told, the reader goes to pause and is
refused, with the same sentence naming that same day.

Expected: from the start of the day named, the reader may pause again (or
the day named is the first day they may)."""

from datetime import datetime, timedelta

import pytest

from masthead.core.periods import publication_zone
from masthead.subscriptions import services
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def _paused_at(reader, asked, plan):
    subscription = subscribe(reader, plan)
    Subscription.objects.filter(pk=subscription.pk).update(term_end=asked + timedelta(days=10))
    subscription.refresh_from_db()
    services.subscription_pause(subscription=subscription, months=1, by=reader, now=asked)
    return subscription


def _running_again(subscription, now):
    """The pause is long over and paid for: a term runs again for months."""
    Subscription.objects.filter(pk=subscription.pk).update(
        status=SubscriptionStatus.ACTIVE, pause_until=None, term_number=5, term_end=now + timedelta(days=60)
    )
    return Subscription.objects.get(pk=subscription.pk)


@pytest.mark.parametrize(
    "asked, told, tried",
    [
        ((2026, 3, 5, 15, 0), "5 March 2027", (2027, 3, 5, 9, 0)),
        ((2028, 2, 29, 10, 0), "28 February 2029", (2029, 2, 28, 20, 0)),
    ],
)
def test_on_the_day_the_page_names_the_reader_may_pause_again(localstripe, django_user_model, asked, told, tried):
    zone = publication_zone()
    asked, tried = datetime(*asked, tzinfo=zone), datetime(*tried, tzinfo=zone)
    reader = django_user_model.objects.create_user(username="paula", email="paula@example.test", password="x" * 20)
    plan = make_plan(name="Smart Monthly", slug="smart-monthly", price_minor=300_00, term_months=1)
    subscription = _running_again(_paused_at(reader, asked, plan), asked + timedelta(days=100))

    shown = services.subscription_pause_refusal(subscription=subscription, now=asked + timedelta(days=100))
    assert shown is not None and f"you can pause again from {told}" in shown

    subscription = _running_again(subscription, tried)
    refusal = services.subscription_pause_refusal(subscription=subscription, now=tried)
    assert refusal is None, f"on {told}, told that day, the reader is refused: {refusal!r}"
