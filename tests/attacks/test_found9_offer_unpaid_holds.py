"""Found: a checkout begun with a limited offer and never paid held its
redemption for ever, so readers who never pay (or one person with many
accounts, each stopping at the payment page) could take a limited offer from
everyone. A used-up offer now takes back redemptions held by checkouts left
unpaid longer than MASTHEAD_OFFER_HOLD_HOURS; those checkouts end."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.subscriptions import services
from masthead.subscriptions.models import EventReason, OfferRedemption, Subscription, SubscriptionStatus
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus


def _reader(django_user_model, name):
    return django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="a long password here")


def _left_unpaid_for(subscription, hours):
    Subscription.objects.filter(pk=subscription.pk).update(created_at=timezone.now() - timedelta(hours=hours))


def test_checkouts_left_unpaid_past_the_hold_give_a_used_up_offer_back(django_user_model, settings):
    settings.MASTHEAD_OFFER_HOLD_HOURS = 24
    plan = make_plan(price_minor=900_00)
    offer = make_offer(plan, code="ONLYTWO", max_redemptions=2)
    hoarders = [services.subscription_begin(user=_reader(django_user_model, f"h{n}"), plan=plan, offer=offer) for n in range(2)]
    newcomer = _reader(django_user_model, "newcomer")

    _left_unpaid_for(hoarders[0], hours=23)
    with pytest.raises(services.OfferRefused):
        services.subscription_begin(user=newcomer, plan=plan, offer=offer)

    _left_unpaid_for(hoarders[0], hours=25)
    begun = services.subscription_begin(user=newcomer, plan=plan, offer=offer)

    assert begun.first_price.minor == 450_00
    offer.refresh_from_db()
    assert offer.redemptions_used == 2
    assert set(OfferRedemption.objects.values_list("user__username", flat=True)) == {"h1", "newcomer"}
    expired = Subscription.objects.get(pk=hoarders[0].pk)
    assert expired.status == S.ENDED
    assert expired.events.last().reason == EventReason.OFFER_HOLD_EXPIRED
    assert Subscription.objects.get(pk=hoarders[1].pk).status == S.PENDING  # within its hold


def test_a_paid_offer_subscription_is_never_taken_back(django_user_model, settings):
    settings.MASTHEAD_OFFER_HOLD_HOURS = 1
    plan = make_plan(price_minor=900_00)
    offer = make_offer(plan, code="ONLYONE", max_redemptions=1)
    paid = services.subscription_begin(user=_reader(django_user_model, "paid"), plan=plan, offer=offer)
    services.subscription_activate(subscription=paid)
    _left_unpaid_for(paid, hours=48)

    with pytest.raises(services.OfferRefused):
        services.subscription_begin(user=_reader(django_user_model, "late"), plan=plan, offer=offer)

    assert Subscription.objects.get(pk=paid.pk).status == S.ACTIVE
    assert OfferRedemption.objects.get().subscription_id == paid.pk
