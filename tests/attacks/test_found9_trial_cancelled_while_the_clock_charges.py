"""The billing clock reads a chunk of due renewals (up to 500) and their
notices once, then charges them one by one, each a call to the provider.
Nothing re-reads a subscription under its lock before its charge: a reader
who cancels a free trial (or a subscription) while the clock is working
through the chunk is charged anyway, seconds after "You will not be
charged." (the refund follows automatically, days later on their statement);
a gift redeemed meanwhile, which withdrew the pre-debit notice and moved the
renewal months later, is charged now for a term that starts months later,
without a notice for that date.

Expected: the charge is taken only if, under the subscription's lock, it is
still active, due (term_end passed) and announced (its notice stands)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_code_new, gift_redeem
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import services
from masthead.subscriptions.billing import clock
from masthead.subscriptions.models import RenewalNotice, Subscription, SubscriptionStatus
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus


def _trial_at_its_end(django_user_model):
    reader = django_user_model.objects.create_user(username="trialist", email="trialist@example.test", password="x" * 20)
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, trial_days=14)
    subscription = subscribe(reader, plan)
    assert subscription.in_trial
    now = timezone.now()
    Subscription.objects.filter(pk=subscription.pk).update(term_end=now - timedelta(minutes=5))
    RenewalNotice.objects.create(
        subscription=subscription, term_number=1, amount_minor=900_00, charge_on=now - timedelta(minutes=5),
        sent_at=now - timedelta(days=2),
    )  # fmt: skip
    return reader, Subscription.objects.get(pk=subscription.pk)


def _meanwhile(monkeypatch, action):
    """``action`` commits after the clock read its chunk and before it charges."""
    real = clock.saved_methods

    def read_then_act(user_ids):
        cards = real(user_ids)
        action()
        return cards

    monkeypatch.setattr(clock, "saved_methods", read_then_act)


def test_a_trial_cancelled_while_the_clock_works_is_not_charged(localstripe, django_user_model, monkeypatch):
    reader, subscription = _trial_at_its_end(django_user_model)
    _meanwhile(monkeypatch, lambda: services.subscription_cancel(subscription=subscription, by=reader))

    clock.renewals_charge()

    assert Subscription.objects.get(pk=subscription.pk).status == S.CANCELLING
    charged = list(Payment.objects.filter(subscription=subscription).values_list("status", "amount_minor"))
    assert charged == [], f"a cancelled trial was charged: {charged}"


def test_a_renewal_moved_by_a_gift_while_the_clock_works_is_not_charged_now(localstripe, django_user_model, monkeypatch):
    reader, subscription = _trial_at_its_end(django_user_model)
    buyer = django_user_model.objects.create_user(username="friend", email="friend@example.test", password="x" * 20)
    now = timezone.now()
    gift = GiftSubscription.objects.create(
        buyer=buyer, plan=subscription.plan, term_months=3, price_minor=900_00, recipient_name="T",
        recipient_email="trialist@example.test", send_on=local_date(now), code=gift_code_new(),
        status=GiftSubscriptionStatus.SENT, paid_at=now, sent_at=now,
    )  # fmt: skip
    _meanwhile(monkeypatch, lambda: gift_redeem(code=gift.code, user=reader))

    clock.renewals_charge()

    after = Subscription.objects.get(pk=subscription.pk)
    assert not RenewalNotice.objects.filter(subscription=subscription).exists()  # withdrawn by the gift
    paid = Payment.objects.filter(subscription=subscription, status=PaymentStatus.SUCCEEDED)
    assert not paid.exists(), (
        f"charged {paid.first().amount} today with no notice standing; term {after.term_number} now runs "
        f"{local_date(after.term_start)} to {local_date(after.term_end)}"
    )
