"""A ₹1 authorisation paid after the term ended leaves the renewal unpaid
and never charged: the reader is told the card is saved, then lapses.

What the reader does: their saved card died during the term (needs card).
Before the term ends they open the card link, which, nothing being owed yet,
opens Razorpay's ₹1 authorisation. They finish paying it after the term has
ended (the tab was left open over the renewal day; Razorpay orders do not
expire). card_change_collected keeps the new card, refunds the ₹1 and moves
the subscription with card_replaced, which, the term being over, makes it
past due "so the caller charges it at once". Nothing charges it: the card
link's answer does not retry the renewal (the Stripe card form does), and
the clock retries a past-due renewal only after a first attempt was made,
and none ever was (the dead card was never charged). The reader is told
"Your new card is saved. The ₹1 that authorised it is refunded to you.",
reads through the grace period, and the subscription lapses with a good
card on file that was never asked for the renewal.

Expected: the renewal is charged to the new card (at once, or by the clock
on its next turn), once.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.subscriptions import billing
from masthead.subscriptions.waiting import needs_card_changes
from masthead.subscriptions.models import EventReason, SubscriptionStatus
from masthead.subscriptions.states import subscription_move
from masthead.subscriptions.terms import grace_end
from masthead.subscriptions.tests.test_card_link_razorpay import (  # noqa: F401 - the Razorpay site, reader and helpers
    CUSTOMER,
    NEW_TOKEN,
    _answer,
    _answers,
    _link,
    _refund_answers,
    browser,
    mailbox,
    reader,
    subscription,
)

S = SubscriptionStatus


@pytest.mark.django_db
def test_a_new_card_saved_by_the_authorisation_after_the_term_ended_pays_the_renewal(
    browser, subscription, razorpay_answers, django_capture_on_commit_callbacks  # noqa: F811
):
    subscription_move(
        subscription=subscription, to=S.NEEDS_CARD, reason=EventReason.CARD_UNUSABLE, **needs_card_changes(subscription)
    )  # fmt: skip
    recorded = razorpay_answers(
        _answers(
            amount=100,
            extra={
                **_refund_answers(),
                # What the renewal's charge to the new card would be answered.
                ("GET", "/v1/orders"): [(200, "orders_none.json")] * 3,
                ("GET", f"/v1/customers/{CUSTOMER}"): [(200, "customer.json")] * 3,
                ("POST", "/v1/payments/create/recurring"): [(200, "recurring_created.json")] * 3,
                ("GET", "/v1/payments/pay_Mr7zQ9w8E7r6T5"): [(200, "payment_captured.json")] * 3,
            },
        )
    )
    recorded.responses[("POST", "/v1/orders")] += [(200, "order.json")] * 3
    page = browser.get(_link(subscription)).text
    assert 'data-amount="100"' in page  # within the term: the ₹1 authorisation

    # The renewal day passes while the tab is open; the reader pays the ₹1 an hour after the term ended.
    ended = timezone.now() - timedelta(hours=1)
    subscription.term_end, subscription.grace_until = ended, grace_end(ended)
    subscription.save(update_fields=["term_end", "grace_until"])
    with django_capture_on_commit_callbacks(execute=True):
        response = _answer(browser)
    assert "Your new card is saved" in response.text
    assert BillingProfile.objects.get(user=subscription.user).provider_payment_method_id == NEW_TOKEN

    # The clock's turns through the grace period.
    for days in (1, 2, 4, 6, 8):
        with django_capture_on_commit_callbacks(execute=True):
            billing.billing_clock_tick(now=timezone.now() + timedelta(days=days))
    subscription.refresh_from_db()
    renewals = [sent for _, path, sent in recorded.sent if path == "/v1/payments/create/recurring"]
    assert [sent["token"] for sent in renewals] == [NEW_TOKEN], f"never charged; the subscription is {subscription.status}"
    assert subscription.status == S.ACTIVE and subscription.term_number == 2
    assert Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED).count() == 1
