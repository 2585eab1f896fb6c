"""A Razorpay renewal refunded in the dashboard before Masthead reads its
capture is recorded as declined, and the reader is charged again.

What happens: a renewal is charged with the reader's token; Razorpay has not
captured it when the charge call answers, so the payment stays pending and
the payment.captured webhook is to settle it. Before Masthead processes that
webhook (it was down, or the webhook was retried later), support refunds the
payment in Razorpay's dashboard. Masthead re-reads the payment for the
payment.captured event and finds status "refunded": the adapter maps any
status but "captured" to succeeded=False, so the renewal is settled as
DECLINED, the reader moves to past due and is mailed that their renewal did
not go through; the refund.processed event then finds a payment that was
"never paid (failed)" and does nothing. The clock retries the term on the
next retry day with the same token: the reader, whose money was given back
because they wanted out, is charged again.

Expected: a captured payment later refunded is recorded as paid and then
refunded (the term ends as for any refund at the provider), never as a
declined renewal that the clock retries.
"""

import hashlib
import hmac
import json
from datetime import timedelta

import pytest

from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.providers import provider_register, provider_unregister
from masthead.payments.providers.razorpay import RazorpayProvider
from masthead.subscriptions import billing
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.razorpay import RecordedRazorpay, recorded_provider
from tests.attacks.test_found_razorpay_renewals import (  # noqa: F401 - the Razorpay site and its subscriber
    CUSTOMER,
    PAYMENT,
    _on_razorpay,
    _payment,
    active,
)

pytestmark = pytest.mark.django_db
S = SubscriptionStatus


def _signed(client, payload):
    body = json.dumps(payload).encode()
    signature = hmac.new(b"razorpay-webhook-secret", body, hashlib.sha256).hexdigest()
    return client.post("/payments/razorpay/webhook/", body, content_type="application/json", HTTP_X_RAZORPAY_SIGNATURE=signature)


def test_a_renewal_refunded_before_its_capture_is_read_is_not_a_declined_renewal(client, active):  # noqa: F811
    key = f"masthead-sub{active.pk}-term2-try1"
    recorded = RecordedRazorpay({
        ("GET", "/v1/orders"): [(200, "orders_none.json")],
        ("GET", f"/v1/customers/{CUSTOMER}"): [(200, "customer.json")],
        ("POST", "/v1/orders"): [(200, "order.json")],
        ("POST", "/v1/payments/create/recurring"): [(200, "recurring_created.json")],
        ("GET", f"/v1/payments/{PAYMENT}"): [(200, _payment(key, "authorized"))],
    })  # fmt: skip
    end = active.term_end
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    billing.renewals_charge(now=end + timedelta(minutes=1), provider=RazorpayProvider(session=recorded.session()))
    renewal = Payment.objects.get(charge_key=key)
    assert renewal.status == PaymentStatus.PENDING

    # Captured, then refunded by support, before Masthead reads the capture.
    refunded = {**_payment(key, "refunded"), "captured": True, "amount_refunded": 90000, "refund_status": "full"}
    adapter, _ = recorded_provider({("GET", f"/v1/payments/{PAYMENT}"): [(200, refunded)] * 3})
    provider_register("razorpay", adapter)
    try:
        _signed(client, {
            "entity": "event", "event": "payment.captured",
            "payload": {"payment": {"entity": {"id": PAYMENT, "status": "captured", "customer_id": CUSTOMER, "notes": {"charge_key": key}}}},
            "created_at": 1764300002,
        })  # fmt: skip
        _signed(client, {
            "entity": "event", "event": "refund.processed", "contains": ["refund", "payment"],
            "payload": {
                "refund": {"entity": {"id": "rfnd_Support00001", "entity": "refund", "payment_id": PAYMENT, "amount": 90000}},
                "payment": {"entity": {"id": PAYMENT, "amount": 90000, "customer_id": CUSTOMER, "notes": {"charge_key": key}}},
            },
            "created_at": 1764300050,
        })  # fmt: skip
    finally:
        provider_unregister("razorpay")

    renewal.refresh_from_db()
    active.refresh_from_db()
    assert renewal.status != PaymentStatus.FAILED, "a payment Razorpay captured was recorded as declined"
    # Not left past due, for the clock to charge the reader again.
    assert active.status != S.PAST_DUE
    # Paid, then refunded: the term it paid ends, as for any refund at the provider.
    assert renewal.status == PaymentStatus.REFUNDED
    assert active.status == S.REFUNDED
