"""A reader who subscribed before staff raised the plan's price keeps the
price agreed at checkout (₹300 a month). Staff later run a fixed-amount
cancel page offer, "₹800 off", which the admin accepts because it leaves ₹100
of the plan's new ₹900 price (offers.leaves_a_charge: "a fixed amount that
would reach the floor is refused in the admin rather than quietly capped").

The reader opens the cancel page: the offer is worked out on their own ₹300
price, where ₹800 off reaches the floor, and is quietly capped at the ₹1
minimum. They press "Stay for ₹1" and their next renewal is charged ₹1, a
discount of 99.7 % that nobody on the staff ever chose.

Expected: an amount off that would reach the floor on this reader's price is
not offered (as the admin refuses one that reaches it on a plan's price), so
nobody is quietly given a ₹1 renewal."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.subscriptions import services
from masthead.subscriptions.cancelling import save_offer_accept, save_offer_for
from masthead.subscriptions.models import (
    Plan,
    SaveOfferKind,
    SaveOfferSettings,
    Subscription,
)
from masthead.subscriptions.offers import MINIMUM_CHARGE, leaves_a_charge
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db


def test_a_fixed_save_offer_larger_than_the_readers_own_price_is_not_offered(django_user_model):
    plan = make_plan(name="Smart Monthly", slug="smart-monthly", price_minor=300_00, term_months=1)
    reader = django_user_model.objects.create_user(username="early", email="early@example.test", password="x" * 20)
    now = timezone.now()
    subscription = services.subscription_activate(
        subscription=services.subscription_begin(user=reader, plan=plan), now=now - timedelta(days=5)
    )
    # Later, staff raise the plan's price; this subscriber keeps ₹300.
    Plan.objects.filter(pk=plan.pk).update(price_minor=900_00)
    plan.refresh_from_db()
    offer = make_offer(plan, name="Stay with us", kind="fixed", value=800_00)
    assert leaves_a_charge(plan.price_minor, offer.kind, offer.value)  # the admin's own rule accepts it
    SaveOfferSettings(kind=SaveOfferKind.DISCOUNT, discount_offer=offer).save()

    shown = save_offer_for(subscription=subscription, now=now)
    if shown is not None:
        save_offer_accept(subscription=subscription, key=shown.key, now=now)
    subscription = Subscription.objects.get(pk=subscription.pk)

    assert shown is None, f"offered: {shown.title}"
    assert subscription.renewal_price.minor > MINIMUM_CHARGE
