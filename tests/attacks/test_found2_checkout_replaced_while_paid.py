"""Checkout started again at the moment the first payment of the last one lands.

``subscription_begin`` reads the reader's pending checkouts, then ends each
through the state machine, expecting an ``InvalidTransition`` when one "was
paid a moment ago". But the state machine allows active → ended, and the
pending checkouts are read without a lock: when the first payment settles
between the read and the move (the webhook, or the other tab's confirm), the
subscription just paid for is *ended*. Nothing refunds it: the payment stays
succeeded and invoiced, and the reader has a new unpaid checkout instead of
the term they bought.
"""

import pytest

from masthead.payments.models import BillingProfile, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.payments.services import payment_attempt_open, payment_settle
from masthead.subscriptions import services
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.stripe import GOOD_CARD, card_setup_for, confirm_card
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db(transaction=True)
S = SubscriptionStatus


def test_starting_checkout_again_as_the_first_payment_lands_does_not_end_the_paid_subscription(localstripe, django_user_model, monkeypatch):
    reader = django_user_model.objects.create_user(username="kiran", email="kiran@example.test", password="a long password here")
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    first = services.subscription_begin(user=reader, plan=plan)
    setup = card_setup_for(reader)
    confirm_card(setup.setup_id, GOOD_CARD)
    provider = payment_provider()
    saved = provider.saved_method(setup_id=setup.setup_id)
    BillingProfile.objects.filter(user=reader).update(provider="stripe", provider_payment_method_id=saved.payment_method_id)
    payment, _ = payment_attempt_open(subscription=first, term_number=1, amount=first.price, provider_name="stripe")
    charged = provider.charge(saved=saved, amount=payment.amount, key=payment.charge_key, description="first term")
    assert charged.succeeded

    real_move = services.subscription_move

    def payment_lands_first(*, subscription, **kwargs):
        # Stripe's answer (or its webhook) settles the first payment after
        # subscription_begin read the pending checkouts, before it locks one.
        if kwargs.get("reason") == "checkout_replaced":
            payment_settle(payment_id=payment.pk, result=charged)
        return real_move(subscription=subscription, **kwargs)

    monkeypatch.setattr(services, "subscription_move", payment_lands_first)
    try:
        services.subscription_begin(user=reader, plan=plan)
    except Exception:  # noqa: BLE001 - "You already have a subscription" is the right answer
        pass

    first.refresh_from_db()
    payment.refresh_from_db()
    money_back = payment.status == PaymentStatus.REFUNDED or payment.duplicate
    assert first.status == S.ACTIVE or money_back, (
        f"the subscription the reader just paid for is {first.status}, its payment {payment.status} and kept"
    )
    assert Subscription.objects.filter(user=reader, status=S.ACTIVE).exists() or money_back
