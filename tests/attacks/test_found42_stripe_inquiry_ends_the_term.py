"""A Stripe inquiry (a dispute that takes no money) ends the reader's term
and issues a credit note as if the money had gone back.

What happens: a card holder's bank opens an inquiry about a renewal (Stripe
charge.dispute.created with status "warning_needs_response"; an inquiry, or
early fraud question, withdraws no funds: Stripe sends
charge.dispute.funds_withdrawn when money is actually taken). Masthead maps
every charge.dispute.created to "money returned": the payment is marked
refunded, the subscription ends, a GST credit note is issued and the reader
is mailed a refund, while the publication still holds all the money. The
same happens for a real dispute that the publication goes on to win (the
funds come back, charge.dispute.funds_reinstated): nothing undoes it.

Expected: an event that moved no money (an inquiry) changes nothing; only
funds actually withdrawn are recorded as returned.
"""

import pytest

from masthead.invoicing.models import CreditNote
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import signed_stripe_event, subscribe
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="inquiry", email="inq@example.test", password="a long password here")


@pytest.mark.django_db
def test_an_inquiry_that_takes_no_money_leaves_the_payment_paid(client, localstripe, reader):
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))
    paid = Payment.objects.get(subscription=subscription, status=PaymentStatus.SUCCEEDED)
    body, headers = signed_stripe_event({
        "id": "evt_inquiry_1", "object": "event", "type": "charge.dispute.created",
        "data": {"object": {
            "id": "dp_inq", "object": "dispute", "charge": "ch_inq", "payment_intent": paid.provider_payment_id,
            "amount": paid.amount_minor, "status": "warning_needs_response", "is_charge_refundable": True,
            "balance_transactions": [],
        }},
    })  # fmt: skip
    assert client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 200
    paid.refresh_from_db()
    subscription.refresh_from_db()
    assert paid.status == PaymentStatus.SUCCEEDED
    assert subscription.status == S.ACTIVE
    assert not CreditNote.objects.filter(invoice__payment=paid).exists()
