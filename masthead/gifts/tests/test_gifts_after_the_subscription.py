"""What becomes of a subscriber's gift links when their subscription stops.

The rule (docs/paywall.md, Gift links): a gift made while the giver was
paying stands until its own expiry after a cancellation or a lapse (the
term it came with was paid for), but not after a refund of the term it was
made in (the money came back). The giver can make no new gifts either way.
"""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from masthead.core.errors import InvalidOperation
from masthead.gifts.selectors import gift_url
from masthead.gifts.services import gift_create
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import SubscriptionStatus as S
from masthead.subscriptions.services import (
    subscription_activate,
    subscription_begin,
    subscription_cancel,
    subscriptions_end_due,
)
from masthead.subscriptions.states import subscription_move
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import (
    BEYOND_LEAD_IN,
    PAYWALL_TEXT,
    make_story_with_hidden_sentence,
)
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db

NO_LONGER_VALID = "This gift link is no longer valid."


@pytest.fixture
def giver(django_user_model):
    return django_user_model.objects.create_user(
        username="ravi", email="ravi@example.test", password="x" * 20, first_name="Ravi", last_name="Nair"
    )


@pytest.fixture
def subscription(giver):
    return subscription_activate(subscription=subscription_begin(user=giver, plan=make_plan(term_months=1)))


@pytest.fixture
def story():
    set_meter(free_limit=0)  # only a gift can open it
    return make_story_with_hidden_sentence(is_premium=True)


def opens(link: str) -> bool:
    page = Client().get(link).text
    assert (BEYOND_LEAD_IN in page) != (PAYWALL_TEXT in page)
    return BEYOND_LEAD_IN in page


def _refund(subscription):
    # What a staff refund of the current term's payment does (payments.services.payment_refund, whose listener billing.cards.refund_ends_term ends the term).
    return subscription_move(subscription=subscription, to=S.REFUNDED, reason="refunded_by_staff", ended_at=timezone.now())


def test_a_refund_stops_the_gifts_made_in_the_refunded_term(giver, subscription, story):
    link = gift_url(gift_create(user=giver, article=story))
    assert opens(link)
    _refund(subscription)
    page = Client().get(link).text
    assert BEYOND_LEAD_IN not in page and PAYWALL_TEXT in page
    assert NO_LONGER_VALID in page and "gifted you" not in page


def test_a_refunded_gift_opens_nothing_through_the_app_api_either(giver, subscription, story):
    token = gift_create(user=giver, article=story).token
    _refund(subscription)
    answer = Client().get(f"/api/v1/articles/{story.slug}", {"gift": token}).json()
    assert answer["access"] == "lead_in" and answer["gift"] is None
    assert answer["gift_problem"] == NO_LONGER_VALID
    assert BEYOND_LEAD_IN not in answer["text"]


def test_a_gift_from_an_earlier_paid_term_survives_a_refund_of_the_next(giver, subscription, story):
    start = timezone.now()
    other = make_story_with_hidden_sentence(is_premium=True)
    with time_machine.travel(start + timedelta(days=25), tick=False):
        from_paid_term = gift_url(gift_create(user=giver, article=story))
    with time_machine.travel(start + timedelta(days=30), tick=False):
        # The renewal: the second term starts (as billing.settled does).
        subscription_move(subscription=subscription, to=S.ACTIVE, reason="renewed", term_number=2,
                          term_start=timezone.now(), term_end=timezone.now() + timedelta(days=30))  # fmt: skip
    with time_machine.travel(start + timedelta(days=31), tick=False):
        from_refunded_term = gift_url(gift_create(user=giver, article=other))
    with time_machine.travel(start + timedelta(days=32), tick=False):
        _refund(subscription)
        assert opens(from_paid_term)
        assert not opens(from_refunded_term)


def test_a_gift_survives_a_cancellation_until_its_own_expiry(giver, subscription, story):
    link = gift_url(gift_create(user=giver, article=story))
    subscription_cancel(subscription=subscription)
    assert opens(link)
    # The term runs out and the subscription ends: the gift still stands…
    with time_machine.travel(subscription.term_end + timedelta(minutes=1), tick=False):
        subscriptions_end_due()
        subscription.refresh_from_db()
        assert subscription.status == S.ENDED
    with time_machine.travel(timezone.now() + timedelta(days=13), tick=False):
        assert opens(link)
    # …until its fourteen days are over, like any gift.
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=1), tick=False):
        assert not opens(link)


def test_a_gift_survives_a_lapse_but_the_lapsed_giver_can_gift_no_more(giver, subscription, story):
    link = gift_url(gift_create(user=giver, article=story))
    subscription_move(subscription=subscription, to=S.PAST_DUE, reason="renewal_failed")
    subscription_move(subscription=subscription, to=S.LAPSED, reason="grace_over", ended_at=timezone.now())
    assert opens(link)
    with pytest.raises(InvalidOperation):
        gift_create(user=giver, article=make_story_with_hidden_sentence())


def test_a_refund_after_the_giver_subscribed_again_spares_the_new_gifts(giver, subscription, story):
    _refund(subscription)
    subscription_activate(subscription=subscription_begin(user=giver, plan=make_plan()))
    assert opens(gift_url(gift_create(user=giver, article=story)))


def test_gifting_the_same_story_again_after_a_refund_makes_a_link_that_opens(giver, subscription, story):
    refunded_link = gift_url(gift_create(user=giver, article=story))
    _refund(subscription)
    subscription_activate(subscription=subscription_begin(user=giver, plan=make_plan()))
    again = gift_url(gift_create(user=giver, article=story))
    assert again != refunded_link and opens(again)
    assert not opens(refunded_link)


def test_an_extra_charge_given_back_takes_no_gift_back(giver, subscription, story):
    link = gift_url(gift_create(user=giver, article=story))
    # The provider charged the term twice; the extra charge is refunded on its own.
    Payment.objects.create(
        subscription=subscription, term_number=1, charge_key=f"masthead-sub{subscription.pk}-term1-try2",
        provider="stripe", provider_payment_id="pi_test_2", amount_minor=subscription.price_minor,
        status=PaymentStatus.REFUNDED, duplicate=True, refunded_at=timezone.now(),
    )  # fmt: skip
    assert opens(link)
