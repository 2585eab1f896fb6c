"""Support gives a Smart Quarterly reader ₹100 of their ₹900 back in the
Stripe dashboard (a goodwill part refund). Stripe's charge.refunded event
says ₹100 of ₹900 went back, and Masthead leaves it "for staff to record".
A week later the reader cancels and asks for the rest: staff refund the
payment from the admin. payment_refund asks Stripe what it already gave
back, sends only the other ₹800 (right), and records the payment as
refunded with ₹800 sent back and a credit note for ₹800.

All ₹900 went back and the reader reads nothing, but the quarter's tax
invoice still holds ₹100 that no credit note takes back: the publication's
invoices less credit notes say it kept ₹100 it did not keep, and the ₹100
is on no record of the payment at all (its refunded amount says ₹800). The
same with Razorpay (found41's case). docs/subscriptions.md says the part
refund is "for staff", but the credit note admin is read-only: staff have
no way to credit it, before or after.

Expected: every rupee given back has its credit note, so that an invoice
less its credit notes is what the publication kept of its payment."""

import pytest

from masthead.invoicing.models import Invoice
from masthead.invoicing.services import invoice_uncredited
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import payment_refund
from masthead.testing.stripe import stripe_client, subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db


def _sent_back(payment: Payment) -> int:
    refunds = stripe_client().v1.refunds.list(params={"payment_intent": payment.provider_payment_id}).data
    return sum(refund.amount for refund in refunds)



def test_money_given_back_in_the_dashboard_and_then_by_staff_is_all_credited(localstripe, django_user_model):
    reader = django_user_model.objects.create_user(username="goodwill", email="goodwill@example.test", password="x" * 20)
    subscription = subscribe(reader, make_smart_plans()["quarterly"])
    paid = Payment.objects.get(subscription=subscription, term_number=1)
    stripe_client().v1.refunds.create(params={"payment_intent": paid.provider_payment_id, "amount": 100_00})

    refunded = payment_refund(payment=Payment.objects.get(pk=paid.pk))

    assert refunded.status == PaymentStatus.REFUNDED
    assert _sent_back(paid) == 900_00
    kept = paid.amount_minor - _sent_back(paid)
    held = invoice_uncredited(Invoice.objects.get(payment=paid)).minor
    assert held == kept, f"the invoice less its credit notes holds ₹{held / 100:,.2f}; the publication kept ₹{kept / 100:,.2f}"
