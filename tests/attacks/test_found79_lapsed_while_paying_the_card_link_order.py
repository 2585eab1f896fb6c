"""The clock lapses a past-due subscription while its reader is paying the
renewal on the card link, and the payment is refunded.

What the reader does: their renewal failed; on the last day of the grace
period they open the card link and pay the unpaid renewal (₹900) in
Razorpay Checkout. Razorpay has captured the payment, and the reader's
answer (and Razorpay's webhook) are on their way, when the clock's turn at
the end of the grace period comes. The reauthorisation left the reader's
order alone for the clock's retries (_reader_order_left: "an order being
paid ... is the reader's to finish"), but renewal_retries lapses first and
never looks at the order: the subscription lapses. The answer then finds no
subscription to change a card for; the webhook settles the payment on a
lapsed subscription, which buys nothing, so it is refunded. The reader who
paid in time (Razorpay has the money) has lost their subscription, and
with it the price it renewed at, and must subscribe again.

Expected: an order being paid when the grace period ends is the reader's to
finish, as for a retry: the payment renews the subscription once.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing
from masthead.subscriptions.models import SubscriptionStatus
from masthead.subscriptions.tests.test_card_link_razorpay import (  # noqa: F401 - the Razorpay site, reader and helpers
    ORDER,
    PAYMENT,
    _answer,
    _answers,
    _captured_webhook,
    _link,
    _paid,
    browser,
    mailbox,
    past_due,
    reader,
    subscription,
)
from masthead.testing.razorpay import recorded_body

S = SubscriptionStatus


@pytest.mark.django_db
def test_a_renewal_paid_on_the_card_link_as_the_grace_period_ends_renews_it(
    browser, past_due, razorpay_answers, django_capture_on_commit_callbacks  # noqa: F811
):
    past_due.grace_until = timezone.now() + timedelta(minutes=5)
    past_due.save(update_fields=["grace_until"])
    paying = {"entity": "collection", "count": 1, "items": [_paid(900_00)]}
    razorpay_answers(
        _answers(
            amount=900_00,
            extra={
                ("GET", f"/v1/orders/{ORDER}/payments"): [(200, paying)] * 3,
                ("GET", f"/v1/payments/{PAYMENT}/refunds"): [(200, {"entity": "collection", "count": 0, "items": []})],
                ("POST", f"/v1/payments/{PAYMENT}/refund"): [(200, recorded_body("refund.json", amount=900_00, payment_id=PAYMENT))],
            },
        )
    )
    browser.get(_link(past_due))
    # Razorpay has captured the reader's payment; the clock's turn comes at the end of the grace period.
    with django_capture_on_commit_callbacks(execute=True):
        billing.billing_clock_tick(now=past_due.grace_until + timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        _answer(browser)
        _captured_webhook(browser, _paid(900_00))

    past_due.refresh_from_db()
    paid = Payment.objects.get(subscription=past_due, provider_payment_id=PAYMENT)
    assert (paid.status, paid.duplicate) == (PaymentStatus.SUCCEEDED, False), paid.note
    assert past_due.status == S.ACTIVE and past_due.term_number == 2
