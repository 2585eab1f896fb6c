"""A refund of the term a gift was made in takes the gift back ("the money
came back, so does the gift"). But staff refunds move a subscription to
REFUNDED only while it is active, cancelling or past due; a reader who
cancelled, let the term run out, then asked for their money back keeps an
ENDED subscription, and the gifts of that refunded term go on opening
premium stories until their own expiry. Likewise a refund of an earlier
term's payment (after a renewal) leaves that term's gifts standing, though
its money came back too."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from masthead.gifts.selectors import gift_url
from masthead.gifts.services import gift_create
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import payment_refund
from masthead.subscriptions.models import SubscriptionStatus as S
from masthead.subscriptions.services import (
    subscription_activate,
    subscription_begin,
    subscription_cancel,
    subscriptions_end_due,
)
from masthead.subscriptions.states import subscription_move
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, make_story_with_hidden_sentence
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


class RefundingProvider:
    """The provider's side of a refund: it succeeds."""

    def refund(self, *, payment_id: str, key: str = "") -> str:
        return "re_test_1"


def _paid_term_and_story(django_user_model):
    """A subscriber whose first term is paid, and a premium story only a gift opens."""
    giver = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20, first_name="Ravi")
    subscription = subscription_activate(subscription=subscription_begin(user=giver, plan=make_plan(term_months=1)))
    payment = Payment.objects.create(
        subscription=subscription, term_number=1, charge_key=f"masthead-sub{subscription.pk}-term1-try1",
        provider="stripe", provider_payment_id="pi_test_1", amount_minor=subscription.price_minor,
        status=PaymentStatus.SUCCEEDED, succeeded_at=timezone.now(),
    )  # fmt: skip
    set_meter(free_limit=0)
    story = make_story_with_hidden_sentence(is_premium=True)
    subscription.refresh_from_db()
    return giver, subscription, payment, story


def test_a_refund_after_the_term_ran_out_still_takes_back_that_terms_gifts(django_user_model):
    giver, subscription, payment, story = _paid_term_and_story(django_user_model)
    with time_machine.travel(subscription.term_end - timedelta(days=2), tick=False):
        link = gift_url(gift_create(user=giver, article=story))
        subscription_cancel(subscription=subscription)
    after_the_end = subscription.term_end + timedelta(hours=1)
    with time_machine.travel(after_the_end, tick=False):
        subscriptions_end_due()
        assert BEYOND_LEAD_IN in Client().get(link).text  # a cancelled, paid term's gift stands
        # The reader asks for the term's money back; staff refund the payment.
        payment_refund(payment=payment, provider=RefundingProvider())
        payment.refresh_from_db()
        assert payment.status == PaymentStatus.REFUNDED
        assert BEYOND_LEAD_IN not in Client().get(link).text, "a gift of a refunded term still opens the story"


def test_refunding_an_earlier_terms_payment_takes_back_that_terms_gifts(django_user_model):
    # The reader renewed, then disputes the first term; staff give that term's money back.
    giver, subscription, first, story = _paid_term_and_story(django_user_model)
    first_term_end = subscription.term_end
    with time_machine.travel(first_term_end - timedelta(days=2), tick=False):
        link = gift_url(gift_create(user=giver, article=story))
    with time_machine.travel(first_term_end, tick=False):
        subscription_move(subscription=subscription, to=S.ACTIVE, reason="renewed", term_number=2,
                          term_start=timezone.now(), term_end=timezone.now() + timedelta(days=30))  # fmt: skip
    with time_machine.travel(first_term_end + timedelta(days=1), tick=False):
        payment_refund(payment=first, provider=RefundingProvider())
        first.refresh_from_db()
        assert first.status == PaymentStatus.REFUNDED
        assert BEYOND_LEAD_IN not in Client().get(link).text, "a gift of a refunded (earlier) term still opens the story"
