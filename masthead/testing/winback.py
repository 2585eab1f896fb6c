"""Win-back switched on with a Smart Quarterly offer, and readers whose paid
subscription ended: the starting point of the attacks on win-back mail."""

from datetime import datetime, timedelta

from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import (
    Offer,
    Subscription,
    SubscriptionStatus,
    WinbackSettings,
)

from .numbers import next_number
from .subscriptions import make_offer, make_plan


def winback_switched_on(now: datetime) -> Offer:
    """Win-back on, 30 days after the end, with "Come back offer" (BACK50:
    half price for the first 3 months of Smart Quarterly, ₹900)."""
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    offer = make_offer(plan, name="Come back offer", code="BACK50", starts_at=now - timedelta(days=90))
    WinbackSettings(is_on=True, offer=offer, days_after=30).save()
    return offer


def term_paid(subscription: Subscription, term_number: int, at: datetime) -> Payment:
    return Payment.objects.create(
        subscription=subscription, term_number=term_number, charge_key=f"winback-test-{next_number()}",
        provider="fake", amount_minor=subscription.price_minor, status=PaymentStatus.SUCCEEDED, succeeded_at=at,
    )  # fmt: skip


def paid_and_ended(user, plan, *, ended_at: datetime, terms: int = 1) -> Subscription:
    """A subscription of ``terms`` paid quarterly terms that ended at ``ended_at``."""
    subscription = Subscription.objects.create(
        user=user, plan=plan, status=SubscriptionStatus.ENDED, price_minor=plan.price_minor, term_months=3,
        term_number=terms, started_at=ended_at - timedelta(days=90 * terms), term_start=ended_at - timedelta(days=90),
        term_end=ended_at, ended_at=ended_at,
    )  # fmt: skip
    for term in range(1, terms + 1):
        term_paid(subscription, term, ended_at - timedelta(days=90 * (terms - term + 1)))
    return subscription
