"""A plan's currency is its own (Plan.currency, editable in the plan admin:
staff may sell a "Global Yearly" at $1,000 to readers abroad). A reader on
Smart Quarterly (₹900, INR) opens the change-plan page: the USD plan is
offered as an upgrade, and the proration arithmetic mixes the units: the
₹600 of unused days (60,000 paise) is subtracted from $1,000 (100,000
cents) as if it were $600. The reader pays $400 for a $1,000 year; the
credit note takes back ₹600 from the INR invoice, and the new invoice says
$1,000 of which $600 was "paid by credit note": ₹600 became $600.

Expected: money in one currency is never set against a price in another.
A plan in another currency than the subscription's is not offered or made
as an upgrade now (or the credit is converted explicitly); here, refused
with nothing charged and no credit note."""

from datetime import timedelta

import pytest

from masthead.core.errors import MastheadError
from masthead.invoicing.models import CreditNote
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing, services
from masthead.subscriptions.plan_changes import plan_options
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan, make_smart_plans

pytestmark = pytest.mark.django_db


def test_an_upgrade_to_a_plan_in_another_currency_credits_nothing_across_currencies(localstripe, django_user_model):
    reader = django_user_model.objects.create_user(username="abroad", email="abroad@example.test", password="x" * 20)
    plans = make_smart_plans()
    subscription = subscribe(reader, plans["quarterly"])
    dollars = make_plan(name="Global Yearly", slug="global-yearly", price_minor=1000_00, term_months=12)
    dollars.currency = "USD"
    dollars.save(update_fields=["currency"])
    now = subscription.term_start + timedelta(days=30)

    offered = {option.plan.slug: option for option in plan_options(subscription=subscription, now=now)}
    # Not offered at all, or offered with nothing credited across currencies.
    upgrade = offered["global-yearly"].quote if "global-yearly" in offered else None
    try:
        billing.plan_upgrade(subscription=subscription, plan=dollars, by=reader, now=now)
    except MastheadError:
        pass

    charged = list(
        Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED).values_list(
            "amount_minor", "currency"
        )
    )
    notes = list(CreditNote.objects.filter(invoice__payment__subscription=subscription).values_list("total_minor", flat=True))
    assert charged == [] and notes == [], f"charged {charged}, credit notes (INR paise) {notes}"
    assert upgrade is None or upgrade.credit_minor == 0, f"offered: {upgrade}"
    with pytest.raises(MastheadError, match="sold in USD"):
        services.plan_change_schedule(subscription=subscription, plan=dollars, by=reader, now=now)
