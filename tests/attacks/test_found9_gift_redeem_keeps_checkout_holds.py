"""A reader with a checkout not paid yet redeems a gift. The gift replaces the
checkout (as a new checkout would), but unlike a new checkout it does not
give back what the checkout held: the offer's redemption and the reader's
trial claim stay with a checkout that has ended and never started.

- A limited offer loses a redemption for good: the ended checkout is not
  pending, so the used-up offer's hold expiry never takes it back, and the
  next reader is told "This offer has been fully taken up." Each gift
  redeemed this way drains the limit by one without anybody paying the
  offer's price.
- The reader can never take the offer again ("You have already used this
  offer"), though they never paid for it.
- The reader's one free trial is used up by a checkout that never started."""

import pytest
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_code_new, gift_redeem
from masthead.subscriptions import services
from masthead.subscriptions.models import Offer, OfferRedemption, Subscription, SubscriptionStatus, TrialUse
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus


def _reader(django_user_model, name):
    return django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="a long password here")


def _sent_gift(buyer, plan):
    now = timezone.now()
    return GiftSubscription.objects.create(
        buyer=buyer, plan=plan, term_months=plan.term_months, price_minor=plan.price_minor,
        recipient_name="Ravi", recipient_email="ravi@example.test", send_on=local_date(now),
        code=gift_code_new(), status=GiftSubscriptionStatus.SENT, paid_at=now, sent_at=now,
    )  # fmt: skip


def test_a_gift_redeemed_over_an_unpaid_offer_checkout_gives_the_redemption_back(django_user_model):
    plan = make_plan(price_minor=900_00)
    offer = make_offer(plan, code="ONLYONE", max_redemptions=1)
    ravi = _reader(django_user_model, "ravi")
    checkout = services.subscription_begin(user=ravi, plan=plan, offer=offer)
    assert Offer.objects.get(pk=offer.pk).redemptions_used == 1

    gift_redeem(code=_sent_gift(_reader(django_user_model, "friend"), plan).code, user=ravi)

    assert Subscription.objects.get(pk=checkout.pk).status == S.ENDED  # replaced, never paid
    assert Offer.objects.get(pk=offer.pk).redemptions_used == 0
    assert not OfferRedemption.objects.filter(subscription=checkout).exists()
    # So the offer is still there for the next reader, at its price.
    newcomer = services.subscription_begin(user=_reader(django_user_model, "newcomer"), plan=plan, offer=offer)
    assert newcomer.first_price.minor == 450_00


def test_a_gift_redeemed_over_an_unstarted_trial_checkout_gives_the_trial_back(django_user_model):
    plan = make_plan(price_minor=900_00, trial_days=14, trial_price_minor=100)
    ravi = _reader(django_user_model, "ravi")
    checkout = services.subscription_begin(user=ravi, plan=plan)
    # The card was saved and the trial claimed; its ₹1 charge has not landed.
    services.trial_claim(subscription=checkout, card_fingerprint="fp-ravi")

    gift = gift_redeem(code=_sent_gift(_reader(django_user_model, "friend"), plan).code, user=ravi)
    assert Subscription.objects.get(pk=checkout.pk).status == S.ENDED
    assert Subscription.objects.get(pk=checkout.pk).started_at is None

    assert not TrialUse.objects.filter(user=ravi).exists()
    # When the gift is over, Ravi subscribes with the trial the plan offers.
    Subscription.objects.filter(pk=gift.pk).update(status=S.ENDED, ended_at=timezone.now())
    again = services.subscription_begin(user=ravi, plan=plan)
    assert again.has_trial
