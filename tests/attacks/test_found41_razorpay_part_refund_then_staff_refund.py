"""A part refund made in Razorpay's dashboard, then a staff refund in
Masthead: the reader is told the whole price came back, only the part did.

What happens: support gives a reader ₹100 of their ₹900 back in Razorpay's
dashboard. Razorpay sends refund.processed for ₹100; Masthead stores it as
"a part refund is for staff to record" and changes nothing. Staff then refund
the payment from the admin (payment_refund). The Razorpay adapter's refund
asks for the payment's refunds first and, finding the ₹100 one, takes it as
the refund already made ("Masthead only ever refunds a charge in full"): no
refund request is sent. The payment is marked refunded, the subscription
ends, a credit note for the full ₹900 is issued and the reader is mailed
that ₹900 is refunded, while ₹800 stays with the publication.

Expected: the rest of the money goes back (a refund request for what is
left), or the refund is refused and nothing is recorded; never a full
credit note for a part refund.
"""

import hashlib
import hmac
import json

import pytest

from masthead.payments.models import PaymentStatus, WebhookEvent, WebhookOutcome
from masthead.payments.services import payment_refund
from masthead.payments.tests.test_money_returned import CUSTOMER, razorpay_paid, reader  # noqa: F401 - a paid Razorpay subscriber
from masthead.testing.razorpay import recorded_body, recorded_provider

PAYMENT = "pay_Mr7zQ9w8E7r6T5"


@pytest.fixture
def razorpay_answers():
    from masthead.payments.providers import provider_register, provider_unregister

    def answer(responses: dict):
        adapter, recorded = recorded_provider(responses)
        provider_register("razorpay", adapter)
        return adapter, recorded

    yield answer
    provider_unregister("razorpay")


def _part_refund_event(payment, amount):
    payload = {
        "entity": "event", "event": "refund.processed", "contains": ["refund", "payment"],
        "payload": {
            "refund": {"entity": {"id": "rfnd_Part00000001", "entity": "refund", "payment_id": PAYMENT, "amount": amount}},
            "payment": {"entity": {"id": PAYMENT, "amount": payment.amount_minor, "customer_id": CUSTOMER, "notes": {"charge_key": payment.charge_key}}},
        },
        "created_at": 1764300011,
    }  # fmt: skip
    body = json.dumps(payload).encode()
    return body, {"HTTP_X_RAZORPAY_SIGNATURE": hmac.new(b"razorpay-webhook-secret", body, hashlib.sha256).hexdigest()}


def test_a_staff_refund_after_a_part_refund_at_razorpay_sends_the_rest_back(client, razorpay_paid, razorpay_answers):  # noqa: F811
    part = recorded_body("refund.json", id="rfnd_Part00000001", amount=100_00)
    adapter, recorded = razorpay_answers({
        ("GET", f"/v1/payments/{PAYMENT}/refunds"): [(200, {"entity": "collection", "count": 1, "items": [part]})],
        ("POST", f"/v1/payments/{PAYMENT}/refund"): [(200, recorded_body("refund.json", amount=800_00))],
    })  # fmt: skip

    body, headers = _part_refund_event(razorpay_paid, 100_00)
    assert client.post("/payments/razorpay/webhook/", body, content_type="application/json", **headers).status_code == 200
    stored = WebhookEvent.objects.get()
    assert stored.outcome == WebhookOutcome.IGNORED and "part refund is for staff" in stored.reason

    # Staff do as they are told: refund the payment in Masthead.
    refunded = payment_refund(payment=razorpay_paid, provider=adapter())
    asked_to_refund = [path for method, path, _ in recorded.sent if method == "POST" and path.endswith("/refund")]
    # Recorded as wholly refunded only if Razorpay was asked for the rest.
    assert refunded.status != PaymentStatus.REFUNDED or asked_to_refund
    assert refunded.status == PaymentStatus.REFUNDED
    assert [sent for method, path, sent in recorded.sent if method == "POST" and path.endswith("/refund")][0]["amount"] == 800_00
    assert "this refund gave back the rest, ₹800" in refunded.note
