"""A chargeback (or a refund at the provider) of the term's payment while
the subscription waits for a new card leaves the reader reading.

What the attacker does: subscribes with a card, then tells their bank the
card is lost and disputes the charge. The bank cancels the card (Stripe sends
payment_method.detached: the subscription moves to needs_card) and the
chargeback takes the money back (charge.dispute.created).

What happens: the chargeback is recorded as the payment's refund and a
credit note is issued, but the subscription is not ended: a refund ends only
an active, cancelling, past-due or paused subscription
(billing.cards._REFUND_ENDS has no needs_card). The reader keeps reading to
the end of the term and the grace period after it, with all the money back,
and a new card saved before then makes the subscription active again with
the unpaid term counted as paid. Staff refunding the same payment are told
"The reader keeps reading (this payment did not pay the current term)".

Expected: money given back for the current term ends the subscription
whatever it is waiting for, as it does for an active one.
"""

import pytest

from masthead.invoicing.models import CreditNote
from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import signed_stripe_event, stripe_client, subscribe
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus
STRIPE = "/payments/stripe/webhook/"


@pytest.fixture(autouse=True)
def mailbox(smtp, jobs_inline):
    return smtp


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="chargeback", email="cb@example.test", password="a long password here")


def _post(client, signed):
    body, headers = signed
    return client.post(STRIPE, body, content_type="application/json", **headers)


@pytest.mark.django_db(transaction=True)
def test_a_chargeback_while_the_subscription_needs_a_card_stops_the_reading(client, localstripe, reader):
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))
    paid = Payment.objects.get(subscription=subscription, status=PaymentStatus.SUCCEEDED)
    profile = BillingProfile.objects.get(user=reader)

    # The bank cancels the "lost" card ...
    stripe_client().v1.payment_methods.detach(profile.provider_payment_method_id)
    assert _post(client, signed_stripe_event({
        "id": "evt_detached_lost", "object": "event", "type": "payment_method.detached",
        "data": {
            "object": {"id": profile.provider_payment_method_id, "object": "payment_method", "customer": None},
            "previous_attributes": {"customer": profile.provider_customer_id},
        },
    })).status_code == 200  # fmt: skip
    subscription.refresh_from_db()
    assert subscription.status == S.NEEDS_CARD

    # ... and takes the term's money back.
    assert _post(client, signed_stripe_event({
        "id": "evt_dispute_lost_card", "object": "event", "type": "charge.dispute.created",
        "data": {"object": {
            "id": "dp_lost", "object": "dispute", "charge": "ch_lost", "payment_intent": paid.provider_payment_id,
            "amount": paid.amount_minor, "status": "needs_response",
        }},
    })).status_code == 200  # fmt: skip
    paid.refresh_from_db()
    assert paid.status == PaymentStatus.REFUNDED
    assert CreditNote.objects.filter(invoice__payment=paid).count() == 1

    subscription.refresh_from_db()
    # The money is back: the reader must not read on the term it paid for.
    assert subscription.status == S.REFUNDED
    assert not subscription.grants_reading(paid.refunded_at)
