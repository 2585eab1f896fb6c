"""A Razorpay error while the card link opens the owed renewal's order locks
the reader out of the card link for good.

What the reader does: their saved card died and their term is over (needs
card), so the card link opens an order for the unpaid renewal. Opening it
writes the term's next attempt first (payment_attempt_open, claimed by the
page) and then asks Razorpay for the order. Razorpay answers with an error
(a 5xx, a timeout): the page says "Payments are unavailable just now" and
the attempt stays pending, claimed, with no order and no way to pay named
on it. The reader reloads, as told: the page finds the attempt in flight
and says "A payment for your renewal is being processed" (nothing is);
ten minutes later the page takes the attempt over, sees it was claimed,
and says the same again, every time. The clock never charges or settles a
subscription waiting for a card, so nothing ever frees the attempt: the
reader, who wants to pay, can never open Razorpay Checkout again, and the
subscription lapses when its grace period ends.

Expected: an attempt whose order was never made is given up (or its order
made on the next view), and the reader's reload opens Razorpay Checkout.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import EventReason, SubscriptionStatus
from masthead.subscriptions.states import subscription_move
from masthead.subscriptions.tests.test_card_link_razorpay import (  # noqa: F401 - the Razorpay site, reader and helpers
    ORDER,
    _link,
    browser,
    mailbox,
    reader,
    subscription,
)
from masthead.testing.razorpay import recorded_body

S = SubscriptionStatus
SERVER_ERROR = {"error": {"code": "SERVER_ERROR", "description": "The server encountered an error. The incident has been reported to admins."}}


@pytest.mark.django_db
def test_a_razorpay_error_opening_the_owed_order_does_not_lock_the_reader_out(browser, subscription, razorpay_answers):  # noqa: F811
    subscription.term_end = timezone.now() - timedelta(days=1)
    subscription.save(update_fields=["term_end"])
    subscription_move(
        subscription=subscription, to=S.NEEDS_CARD, reason=EventReason.CARD_UNUSABLE,
        grace_until=timezone.now() + timedelta(days=6),
    )  # fmt: skip
    razorpay_answers({("POST", "/v1/orders"): [(500, SERVER_ERROR)] + [(200, recorded_body("order_first.json", id=ORDER, amount=900_00))] * 3})

    first = browser.get(_link(subscription), follow=True).text
    assert "Payments are unavailable just now" in first
    (left,) = Payment.objects.filter(subscription=subscription, status=PaymentStatus.PENDING)
    assert left.provider_payment_id == ""  # no order was made for it

    # The reader tries again later, as the page told them (beyond the ten minutes a claim lasts).
    Payment.objects.filter(pk=left.pk).update(claimed_at=timezone.now() - timedelta(minutes=15))
    again = browser.get("/account/card/", follow=True).text
    assert "being processed" not in again
    assert f'data-order-id="{ORDER}"' in again
