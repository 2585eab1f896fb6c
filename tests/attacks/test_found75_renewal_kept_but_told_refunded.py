"""A renewal paid from the card link, reported first by Razorpay's webhook,
is kept, while the reader is told it will be refunded.

What the reader does: past due, they open the card link, choose UPI AutoPay
and pay the unpaid renewal (₹900) in Razorpay Checkout; their bank
registers a mandate for less than the renewals cost (₹500). Razorpay's
payment.captured webhook arrives first: it settles the order's payment as
the renewal (the subscription is active again for a new term, the invoice
issued, the receipt mailed). Checkout's answer then arrives; the mandate is
found too small and the reader is told "Nothing was kept and the payment
will be refunded; please try again." No refund is made, or ever will be:
the payment is settled as the renewal, and payment_settle is only called
for a payment still pending. The reader waits for ₹900 that never comes
back (and may pay again elsewhere thinking the renewal was undone), and
support has a receipt and a page that contradict each other.

Expected: what the reader is told matches what happened: either the
payment is refunded (and the term not renewed), or the page says the
renewal is paid and only the mandate was not kept.
"""

import pytest

from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import SubscriptionStatus
from masthead.subscriptions.tests.test_card_link_razorpay import (  # noqa: F401 - the Razorpay site, reader and helpers
    NEW_TOKEN,
    NONE_YET,
    ORDER,
    PAYMENT,
    TOKEN_PATH,
    UPI_ORDER_BODY,
    _answer,
    _captured_webhook,
    _link,
    _refund_answers,
    browser,
    mailbox,
    past_due,
    reader,
    subscription,
)
from masthead.testing.razorpay import recorded_body

S = SubscriptionStatus


@pytest.mark.django_db
def test_a_renewal_kept_is_not_announced_as_refunded(browser, past_due, razorpay_answers, django_capture_on_commit_callbacks):  # noqa: F811
    upi_payment = recorded_body("payment_upi_first.json", id=PAYMENT, order_id=ORDER, token_id=NEW_TOKEN, amount=900_00)
    small = recorded_body("token_upi.json", id=NEW_TOKEN, max_amount=500_00)
    recorded = razorpay_answers(
        {
            ("POST", "/v1/orders"): [
                (200, recorded_body("order_first.json", id="order_Ns1CardFirst1")), (200, UPI_ORDER_BODY),
                (200, recorded_body("order_first.json", id="order_Ns1CardNext01", amount=100)),
            ],
            ("GET", "/v1/orders/order_Ns1CardFirst1/payments"): [(200, NONE_YET)],
            ("GET", f"/v1/payments/{PAYMENT}"): [(200, upi_payment)] * 5,
            ("GET", TOKEN_PATH): [(200, small)] * 3,
            **_refund_answers(),
        }
    )  # fmt: skip
    browser.get(_link(past_due))
    browser.post("/account/card/", {"method": "upi"})
    with django_capture_on_commit_callbacks(execute=True):
        assert _captured_webhook(browser, upi_payment).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        told = " ".join(message.message for message in _answer(browser).context["messages"])

    paid = Payment.objects.get(subscription=past_due, provider_payment_id=PAYMENT)
    refunded = paid.status == PaymentStatus.REFUNDED or any(path == f"/v1/payments/{PAYMENT}/refund" for _, path, _ in recorded.sent)
    past_due.refresh_from_db()
    assert (past_due.status, past_due.term_number, paid.status) == (S.ACTIVE, 2, PaymentStatus.SUCCEEDED)  # kept as the renewal
    assert refunded or "will be refunded" not in told, told
