"""A reader presses "Cancel" and is offered "Stay with us: 40% off your
next renewal" (the Business team's cancel-page offer, an ordinary offer
with a code, STAY40). They take it, pay the discounted renewal, then cancel
anyway and let the subscription end. Later they start a new subscription
and type STAY40 at checkout (or follow its link, or the win-back mail that
names it): the offer is applied again, 40% off once more.

docs/subscriptions.md: the discount is offered "once per reader and offer,
as at checkout". The cancel page refuses a reader who took the offer at
checkout, but taking it on the cancel page writes no ``OfferRedemption``
(only ``Subscription.save_offer``), and checkout (and the win-back list)
look only at ``OfferRedemption``. So the same reader takes the same
once-per-reader offer twice, and the publisher loses the discount twice.
Expected: checkout refuses an offer this reader already took on the cancel
page, and nothing is begun."""

from datetime import UTC, datetime, timedelta

import pytest

from masthead.subscriptions import services
from masthead.subscriptions.cancelling import cancel_answer_last, save_offer_accept, save_offer_for
from masthead.subscriptions.models import SaveOfferKind, SaveOfferSettings, Subscription, SubscriptionStatus
from masthead.subscriptions.services import OfferRefused
from masthead.subscriptions.states import subscription_move
from masthead.subscriptions.models import EventReason
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
START = datetime(2026, 1, 31, 6, 0, tzinfo=UTC)
NOW = START + timedelta(days=10)


def test_the_cancel_page_discount_is_not_taken_again_at_checkout(django_user_model):
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test", password="x" * 20)
    plan = make_plan(price_minor=900_00, term_months=3)
    offer = make_offer(plan, name="Stay with us", code="STAY40", value=40, starts_at=START - timedelta(days=1))
    SaveOfferSettings(kind=SaveOfferKind.DISCOUNT, discount_offer=offer).save()
    first = services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan), now=START)

    shown = save_offer_for(subscription=first, now=NOW)
    assert shown is not None and shown.offer == offer
    save_offer_accept(subscription=first, key=shown.key, seen=cancel_answer_last(subscription=first), now=NOW)
    first.refresh_from_db()
    assert first.save_offer == offer and first.renewal_price.minor == 540_00

    # Later the subscription ends (the reader cancelled after the discounted renewal).
    ended = START + timedelta(days=200)
    subscription_move(subscription=first, to=SubscriptionStatus.ENDED, reason=EventReason.TERM_OVER, now=ended, ended_at=ended)

    with pytest.raises(OfferRefused):
        services.subscription_begin(user=reader, plan=plan, offer=offer)
    assert not Subscription.objects.filter(user=reader, offer=offer).exists()


def test_a_reader_who_took_the_offer_on_the_cancel_page_is_not_mailed_it_again(smtp, django_user_model):
    """The same hole from the win-back side: staff use one offer for both the
    cancel page and win-back. A reader who took it on the cancel page (and
    paid the discounted renewal) is mailed it again 30 days after the end,
    "here is an offer for you", which checkout then honours (above)."""
    from django.utils import timezone

    from masthead.subscriptions.winback import winback_send_due
    from masthead.testing.winback import paid_and_ended, winback_switched_on

    now = timezone.now().replace(microsecond=0)
    offer = winback_switched_on(now)
    plan = offer.plans.get()
    SaveOfferSettings(kind=SaveOfferKind.DISCOUNT, discount_offer=offer).save()
    reader = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    ended = paid_and_ended(reader, plan, ended_at=now - timedelta(days=30, hours=1), terms=2)
    # Its second term was the cancel page's discount, taken during the first.
    Subscription.objects.filter(pk=ended.pk).update(save_offer=offer, save_term=2, save_price_minor=450_00)

    assert winback_send_due(now=now) == 0
    assert smtp.for_address("ravi@example.test") == []
