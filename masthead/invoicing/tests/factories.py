from datetime import UTC, datetime
from itertools import count

from masthead.payments.models import BillingProfile, Payment
from masthead.subscriptions.services import subscription_activate, subscription_begin

# 15:30 on 28 November 2026 in Kolkata: financial year 2026-27.
NOV_28 = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
_charges = count(1)


def make_subscription(*, user, plan, now=NOV_28):
    return subscription_activate(subscription=subscription_begin(user=user, plan=plan), now=now)


def make_payment(*, subscription, term_number=1, status="succeeded", amount_minor=None, now=NOV_28):
    return Payment.objects.create(
        subscription=subscription,
        term_number=term_number,
        charge_key=f"k-{next(_charges)}",
        provider="stripe",
        amount_minor=subscription.price_minor if amount_minor is None else amount_minor,
        status=status,
        succeeded_at=now if status == "succeeded" else None,
    )


def make_billing_profile(*, user, name="Asha Rao", state_code="27", gstin=""):
    return BillingProfile.objects.create(user=user, name=name, state_code=state_code, gstin=gstin)
