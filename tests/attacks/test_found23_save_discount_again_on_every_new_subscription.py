"""The cancel page's discount is "once per subscription", and a new
subscription is a click away. A monthly reader (₹300) takes "Stay for ₹180"
for their second month, cancels during it, lets the subscription end, and
subscribes again the same day: the new subscription's cancel page offers the
same ₹180 again, and again the month after next, for ever. The reader pays
₹300, ₹180, ₹300, ₹180 … and never loses a day's reading, while a reader who
never threatens to leave pays ₹300 every month; each round also takes one
more of the offer's limited redemptions.

At checkout the same Offer is once per reader (an OfferRedemption records who
took it); the cancel page records none, so nothing ties the discount to the
reader.

Expected: a reader who has taken this cancel page discount once is not
offered it again on a later subscription."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.subscriptions import services
from masthead.subscriptions.cancelling import (
    cancel_answered,
    save_offer_accept,
    save_offer_for,
)
from masthead.subscriptions.models import SaveOfferKind, SaveOfferSettings
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db


def _subscribed(reader, plan, now):
    return services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan), now=now)


def test_a_reader_who_took_the_discount_is_not_offered_it_again_by_subscribing_again(django_user_model):
    plan = make_plan(name="Smart Monthly", slug="smart-monthly", price_minor=300_00, term_months=1)
    start = timezone.now() - timedelta(days=70)
    offer = make_offer(plan, name="Stay with us", kind="percent", value=40, starts_at=start - timedelta(days=1))
    SaveOfferSettings(kind=SaveOfferKind.DISCOUNT, discount_offer=offer).save()
    reader = django_user_model.objects.create_user(username="cycler", email="cycler@example.test", password="x" * 20)

    first = _subscribed(reader, plan, start)
    taken_at = start + timedelta(days=10)
    save_offer_accept(subscription=first, key=save_offer_for(subscription=first, now=taken_at).key, now=taken_at)
    # The reader cancels later and the subscription ends (whether the discounted
    # month was paid first makes no difference to what the next one is offered).
    first.refresh_from_db()
    assert first.renewal_price.minor == 180_00
    cancel_answered(subscription=first, now=taken_at + timedelta(minutes=1))
    services.subscriptions_end_due(now=first.term_end + timedelta(minutes=1))

    again_at = first.term_end + timedelta(hours=1)
    second = _subscribed(reader, plan, again_at)
    offered = save_offer_for(subscription=second, now=again_at + timedelta(days=10))

    assert offered is None, f"offered again: {offered.title}"
