"""Refunds after an upgrade: the unused days credited from the term before
are the reader's again once the upgraded term is refunded, every rupee that
goes back has its credit note, and what the invoices hold less their credit
notes is what the publication kept."""

from datetime import timedelta

import pytest

from masthead.invoicing.models import CreditNote, CreditNoteReason, Invoice
from masthead.invoicing.services import invoice_uncredited
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import payment_refund, refund_effect
from masthead.payments.tests.test_money_returned import STRIPE, _disputed
from masthead.subscriptions import billing
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import stripe_client, subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db


def _sent_back(payment: Payment) -> int:
    return sum(refund.amount for refund in stripe_client().v1.refunds.list(params={"payment_intent": payment.provider_payment_id}).data)


def _kept(*payments) -> int:
    return sum(payment.amount_minor - _sent_back(payment) for payment in payments)


def _held(*payments) -> int:
    return sum(invoice_uncredited(Invoice.objects.get(payment=payment)).minor for payment in payments)


@pytest.fixture
def upgraded(localstripe, django_user_model):
    """A quarter paid (₹900), upgraded to the year a month in (₹600 credited, ₹2,100 charged)."""
    reader = django_user_model.objects.create_user(username="upgraded", email="upgraded@example.test", password="x" * 20)
    plans = make_smart_plans()
    subscription = subscribe(reader, plans["quarterly"])
    quarter = Payment.objects.get(subscription=subscription, term_number=1)
    upgrade = billing.plan_upgrade(subscription=subscription, plan=plans["yearly"], now=subscription.term_start + timedelta(days=30))
    assert (quarter.amount_minor, upgrade.amount_minor) == (900_00, 2100_00)
    return subscription, quarter, upgrade


def test_refunding_the_upgrade_then_the_term_before_gives_back_everything_with_credit_notes(upgraded):
    subscription, quarter, upgrade = upgraded
    payment_refund(payment=Payment.objects.get(pk=upgrade.pk))
    assert "All of it goes back: the ₹600 credited to a plan upgrade" in refund_effect(Payment.objects.get(pk=quarter.pk)).description
    payment_refund(payment=Payment.objects.get(pk=quarter.pk))

    assert _sent_back(quarter) + _sent_back(upgrade) == 3000_00
    assert _kept(quarter, upgrade) == _held(quarter, upgrade) == 0
    returned = CreditNote.objects.get(reason=CreditNoteReason.UPGRADE_CREDIT_RETURNED)
    assert returned.invoice.payment_id == upgrade.pk and returned.total_minor == 600_00
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.REFUNDED


def test_staff_refunding_the_term_before_first_are_told_to_refund_the_upgrade_first(upgraded):
    subscription, quarter, upgrade = upgraded
    effect = refund_effect(Payment.objects.get(pk=quarter.pk))
    assert effect.amount_minor == 300_00
    assert "refund first the upgrade's payment of ₹2,100" in effect.description
    payment_refund(payment=Payment.objects.get(pk=quarter.pk))
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE  # the credit still pays the year being read
    assert _kept(quarter, upgrade) == _held(quarter, upgrade) == 2700_00


def test_a_chargeback_of_the_term_before_ends_the_upgraded_term_and_credits_its_invoice(upgraded, client):
    subscription, quarter, upgrade = upgraded
    body, headers = _disputed(Payment.objects.get(pk=quarter.pk))
    assert client.post(STRIPE, body, content_type="application/json", **headers).status_code == 200

    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.REFUNDED
    assert Payment.objects.get(pk=quarter.pk).status == PaymentStatus.REFUNDED
    # The bank took ₹900 back: the publication kept ₹2,100, and its invoices say so.
    assert _held(quarter, upgrade) == 2100_00
    assert CreditNote.objects.get(reason=CreditNoteReason.UPGRADE_CREDIT_RETURNED).total_minor == 600_00
