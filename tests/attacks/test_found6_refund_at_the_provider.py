"""Gifts and e-paper shares stand on the paid term they were made in, and a
refund of that term's payment takes them back (as it stops reading when it
paid the current term). But only a refund made in Masthead's admin counts:
money that comes back at the provider — a refund from the Stripe dashboard,
or a chargeback the reader wins at their bank — is announced by signed
webhook events Masthead did not read. The payment stayed "succeeded", the
reader went on reading, and the term's gift links went on opening premium
stories: the money came back, the gift did not. Those events are now
recorded as the payment's refund, with everything a staff refund does."""

import pytest
from django.test import Client

from masthead.gifts.selectors import gift_url
from masthead.gifts.services import gift_create
from masthead.payments.models import PaymentStatus
from masthead.testing.newsroom import BEYOND_LEAD_IN
from masthead.testing.stripe import signed_stripe_event
from tests.attacks.test_found5_gift_refund_after_end import _paid_term_and_story

pytestmark = pytest.mark.django_db


def _paid_term_gift(django_user_model):
    giver, _, payment, story = _paid_term_and_story(django_user_model)
    return payment, gift_url(gift_create(user=giver, article=story))


def _charge(payment, **fields):
    return {
        "id": "ch_test_1", "object": "charge", "payment_intent": payment.provider_payment_id,
        "amount": payment.amount_minor, "metadata": {"charge_key": payment.charge_key}, **fields,
    }  # fmt: skip


EVENTS = {
    "dashboard_refund": lambda payment: {
        "id": "evt_refund_1", "object": "event", "type": "charge.refunded",
        "data": {"object": _charge(payment, refunded=True, amount_refunded=payment.amount_minor)},
    },
    "chargeback_lost": lambda payment: {
        "id": "evt_dispute_1", "object": "event", "type": "charge.dispute.funds_withdrawn",
        "data": {"object": {
            "id": "dp_test_1", "object": "dispute", "charge": "ch_test_1", "payment_intent": payment.provider_payment_id,
            "amount": payment.amount_minor, "status": "lost",
        }},
    },
}  # fmt: skip


@pytest.mark.parametrize("event", EVENTS, ids=list(EVENTS))
def test_money_returned_at_the_provider_takes_back_the_terms_gifts(client, django_user_model, event):
    payment, link = _paid_term_gift(django_user_model)
    assert BEYOND_LEAD_IN in Client().get(link).text
    body, headers = signed_stripe_event(EVENTS[event](payment))
    assert client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED, f"the payment stays {payment.status} after its money came back at Stripe"
    assert BEYOND_LEAD_IN not in Client().get(link).text, "a gift of a term whose money came back still opens the story"
