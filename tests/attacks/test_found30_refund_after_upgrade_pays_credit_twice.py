"""A subscriber on Smart Quarterly (₹900) upgrades to Smart Yearly a month
in: the unused days are credited (a proration credit note of about ₹600
against the quarter's invoice) and only ₹2,100 is charged. Then they ask
support for a refund of "the quarter I paid for", and staff refund that
payment (Payments → Refund): the admin's effect says it ends no reading
(it is not the current term's payment), the refund's credit note takes back
only the ₹300 the invoice still held, but the provider is asked to refund
the whole ₹900 charge.

The ₹600 already spent on the yearly term goes back to the card as well:
the reader paid ₹2,400 net for ₹3,000 of invoiced supply less ₹900 of credit
notes, so their invoices less credit notes (₹2,700) are not what they were
charged (₹2,100), and ₹600 of credit was paid out in cash.

Expected: a refund never sends back more than the payment's invoice still
holds (after the proration credit note), or is refused for a term whose
days were credited to an upgrade; either way invoices less credit notes
equal what the reader was charged net."""

from datetime import timedelta

import pytest

from masthead.invoicing.models import CreditNote, Invoice
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import payment_refund
from masthead.subscriptions import billing
from masthead.testing.stripe import stripe_client, subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db


@pytest.mark.xfail(strict=True, reason="A refund of a term credited to an upgrade sends back the credited part again")
def test_a_refund_of_the_term_credited_to_an_upgrade_sends_back_only_what_it_still_holds(localstripe, django_user_model):
    reader = django_user_model.objects.create_user(username="farmer", email="farmer@example.test", password="x" * 20)
    plans = make_smart_plans()
    subscription = subscribe(reader, plans["quarterly"])
    quarter = Payment.objects.get(subscription=subscription, term_number=1)
    upgrade = billing.plan_upgrade(
        subscription=subscription, plan=plans["yearly"], by=reader, now=subscription.term_start + timedelta(days=30)
    )
    assert upgrade.status == PaymentStatus.SUCCEEDED

    refunded = payment_refund(payment=quarter)
    assert refunded.status == PaymentStatus.REFUNDED

    # What the provider actually sent back to the card.
    sent_back = sum(
        r.amount for r in stripe_client().v1.refunds.list(params={"payment_intent": quarter.provider_payment_id}).data
    )
    charged = sum(p.amount_minor for p in Payment.objects.filter(subscription=subscription).exclude(succeeded_at=None))
    invoiced = sum(i.total_minor for i in Invoice.objects.filter(payment__subscription=subscription))
    credited = sum(c.total_minor for c in CreditNote.objects.filter(invoice__payment__subscription=subscription))
    assert invoiced - credited == charged - sent_back
