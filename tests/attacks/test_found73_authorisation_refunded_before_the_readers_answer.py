"""When Razorpay's webhook reports the ₹1 authorisation first, its refund
goes out at once, and the reader's own answer, read after it, is refused:
the new card is not saved.

What happens: a reader with nothing owed (active, or waiting for a card
within the term) pays the card link's ₹1 in Razorpay Checkout. Razorpay
sends payment.captured to the webhook as soon as it captures the payment,
often before the reader's browser posts Checkout's answer back. The webhook
settles the ₹1, which (opened as buying nothing) is refunded straight after
commit: at Razorpay the payment's status becomes "refunded". The reader's
answer then arrives; card_change_collected reads the payment again, sees a
final status that is not "captured", and raises PaymentDeclined before the
token is kept. The reader is told "The payment did not go through", their
new card is not saved (the webhook never keeps a token), and a subscription
waiting for a card stays waiting: the next try meets the same race. The
status note for the feature says the answer after the webhook "still keeps
the token"; for the ₹1 it cannot.

Expected: the answer keeps the new card and says the ₹1 is refunded,
whichever of the webhook and the answer came first.
"""

import pytest

from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.subscriptions.models import EventReason, SubscriptionStatus
from masthead.subscriptions.states import subscription_move
from masthead.testing.razorpay import recorded_body
from masthead.subscriptions.tests.test_card_link_razorpay import (  # noqa: F401 - the Razorpay site, reader and helpers
    NEW_TOKEN,
    OLD_TOKEN,
    PAYMENT,
    _answer,
    _answers,
    _captured_webhook,
    _link,
    _paid,
    _refund_answers,
    browser,
    mailbox,
    reader,
    subscription,
)

S = SubscriptionStatus


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.ACTIVE, S.NEEDS_CARD])
def test_the_authorisation_reported_by_webhook_first_still_saves_the_readers_card(
    browser, subscription, razorpay_answers, django_capture_on_commit_callbacks, status  # noqa: F811
):
    if status == S.NEEDS_CARD:
        subscription_move(subscription=subscription, to=S.NEEDS_CARD, reason=EventReason.CARD_UNUSABLE, grace_until=subscription.term_end)
    # Razorpay's account of the payment: captured, then (once Masthead refunded it) refunded in full.
    refunded = _paid(100, status="refunded", amount_refunded=100, refund_status="full")
    recorded = razorpay_answers(
        _answers(amount=100, extra={**_refund_answers(), ("GET", f"/v1/payments/{PAYMENT}"): [(200, _paid(100))] + [(200, refunded)] * 6})
    )
    # A refused answer sends the reader back to the card page, which opens a new ₹1 order.
    recorded.responses[("POST", "/v1/orders")].append((200, recorded_body("order_first.json", id="order_Ns1CardLink02", amount=100)))
    browser.get(_link(subscription))
    with django_capture_on_commit_callbacks(execute=True):
        assert _captured_webhook(browser, _paid(100)).status_code == 200
    assert Payment.objects.get(subscription=subscription, amount_minor=100).status == PaymentStatus.REFUNDED
    assert any(path == f"/v1/payments/{PAYMENT}/refund" for _, path, _ in recorded.sent)

    # Checkout's answer, posted by the reader's browser a moment later.
    response = _answer(browser)
    assert "did not go through" not in response.text
    assert "Your new card is saved" in response.text
    profile = BillingProfile.objects.get(user=subscription.user)
    assert profile.provider_payment_method_id == NEW_TOKEN != OLD_TOKEN
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE
