"""An offer's redemption limit under concurrent checkouts, on whichever
database the suite runs on (SQLite here, PostgreSQL in CI's second run): the
count is raised by one conditional UPDATE and held by a check constraint."""

import pytest
from django.db import IntegrityError, transaction

from masthead.core.errors import MastheadError
from masthead.subscriptions import services
from masthead.subscriptions.models import Offer, OfferRedemption, Subscription
from masthead.testing.concurrency import in_threads
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db(transaction=True)


def _readers(django_user_model, count):
    return [
        django_user_model.objects.create_user(username=f"r{n}", email=f"r{n}@example.test", password="a long password here")
        for n in range(count)
    ]


def test_concurrent_checkouts_take_exactly_the_limit_at_the_offer_price(django_user_model):
    plan = make_plan(price_minor=900_00)
    offer = make_offer(plan, code="FIRST3", max_redemptions=3)
    readers = _readers(django_user_model, 8)

    begun, errors = in_threads(
        *[lambda reader=reader: services.subscription_begin(user=reader, plan=plan, offer=offer) for reader in readers]
    )

    assert len(begun) == 3 and all(subscription.first_price.minor == 450_00 for subscription in begun)
    assert len(errors) == 5 and all(isinstance(error, services.OfferRefused) for error in errors), errors
    assert {error.code for error in errors} == {"used_up"}
    assert {error.message for error in errors} == {"This offer has been fully taken up."}
    offer.refresh_from_db()
    assert offer.redemptions_used == 3 and OfferRedemption.objects.count() == 3
    # The refused readers were begun nothing: no subscription, so nothing at any price.
    assert Subscription.objects.count() == 3
    assert set(Subscription.objects.values_list("offer_price_minor", flat=True)) == {450_00}


def test_one_reader_in_two_tabs_takes_one_redemption(django_user_model):
    plan = make_plan(price_minor=900_00)
    offer = make_offer(plan, code="TWOTABS", max_redemptions=5)
    (reader,) = _readers(django_user_model, 1)

    begun, errors = in_threads(*[lambda: services.subscription_begin(user=reader, plan=plan, offer=offer)] * 4)

    assert all(isinstance(error, MastheadError) for error in errors), errors
    offer.refresh_from_db()
    live = Subscription.objects.filter(user=reader, status="pending")
    assert live.count() == 1 and offer.redemptions_used == 1 == OfferRedemption.objects.count()
    assert OfferRedemption.objects.get().subscription == live.get()


def test_the_database_refuses_a_count_past_the_limit(django_user_model):
    offer = make_offer(make_plan(), code="HELD", max_redemptions=2, redemptions_used=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.filter(pk=offer.pk).update(redemptions_used=3)
