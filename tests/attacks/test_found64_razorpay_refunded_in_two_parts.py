"""Support give a Razorpay reader their ₹900 back from Razorpay's dashboard
in two goes (₹400, then the other ₹500, as two refunds do when the first
was typed wrong). Razorpay sends refund.processed twice, each naming its
own refund (₹400, ₹500) and the payment, whose ``amount_refunded`` is the
running total: ₹900 and ``refund_status`` "full" on the second.

Masthead reads only each refund's own amount: both are "a part refund is
for staff to record" and nothing changes. The reader has all their money
back and keeps reading the paid term to its end; no credit note is issued,
so the GST on ₹900 the publication no longer has stays declared. A Stripe
reader refunded the same way is recorded at once (charge.refunded carries
the running total, ``amount_refunded``).

Expected: once the provider's event says the whole charge has gone back,
it is recorded as a refund (the term ends, the credit note is issued), as
for Stripe; a part refund that leaves money with the publication still
goes to staff."""

import hashlib
import hmac
import json


from masthead.payments.models import Payment, PaymentStatus, WebhookEvent
from masthead.payments.tests.test_money_returned import CUSTOMER, razorpay_paid, reader  # noqa: F401 - a paid Razorpay subscriber
from masthead.subscriptions.models import Subscription, SubscriptionStatus

PAYMENT = "pay_Mr7zQ9w8E7r6T5"


def _refund_processed(payment, *, refund_id: str, amount: int, refunded_so_far: int, created_at: int):
    payload = {
        "entity": "event", "event": "refund.processed", "contains": ["refund", "payment"],
        "payload": {
            "refund": {"entity": {
                "id": refund_id, "entity": "refund", "amount": amount, "currency": "INR", "payment_id": PAYMENT,
                "status": "processed", "speed_processed": "normal", "created_at": created_at,
            }},
            "payment": {"entity": {
                "id": PAYMENT, "entity": "payment", "amount": payment.amount_minor, "currency": "INR", "status": "refunded"
                if refunded_so_far >= payment.amount_minor else "captured", "amount_refunded": refunded_so_far,
                "refund_status": "full" if refunded_so_far >= payment.amount_minor else "partial", "captured": True,
                "customer_id": CUSTOMER, "notes": {"charge_key": payment.charge_key},
            }},
        },
        "created_at": created_at,
    }  # fmt: skip
    body = json.dumps(payload).encode()
    return body, {"HTTP_X_RAZORPAY_SIGNATURE": hmac.new(b"razorpay-webhook-secret", body, hashlib.sha256).hexdigest()}


def test_a_charge_refunded_whole_in_two_parts_at_razorpay_is_recorded(client, razorpay_paid):  # noqa: F811
    for refund_id, amount, so_far, at in (("rfnd_Part0000000A", 400_00, 400_00, 1764400000), ("rfnd_Part0000000B", 500_00, 900_00, 1764400300)):
        body, headers = _refund_processed(razorpay_paid, refund_id=refund_id, amount=amount, refunded_so_far=so_far, created_at=at)
        assert client.post("/payments/razorpay/webhook/", body, content_type="application/json", **headers).status_code == 200

    assert WebhookEvent.objects.count() == 2
    payment = Payment.objects.get(pk=razorpay_paid.pk)
    subscription = Subscription.objects.get(pk=razorpay_paid.subscription_id)
    assert payment.status == PaymentStatus.REFUNDED, [event.reason for event in WebhookEvent.objects.all()]
    assert subscription.status == SubscriptionStatus.REFUNDED
