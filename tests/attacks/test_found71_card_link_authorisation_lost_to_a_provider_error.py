"""A Razorpay error while the card link opens the ₹1 authorisation order
shuts the card link for the rest of the term.

What the reader does: their subscription is active (or waiting for a card
within its term: the saved card died) and they open the card link to give a
new card for the renewals. With nothing owed the page opens Razorpay's ₹1
authorisation: payment_authorisation_open writes the attempt first (claimed,
pending, on the current term) and then Razorpay is asked for the order. If
Razorpay answers with an error, the page says "Payments are unavailable just
now" and the attempt stays pending with no order. From then on every view of
the card link finds a pending attempt on the term and refuses with "in
flight": unlike payment_attempt_open, the authorisation never takes over an
attempt whose claim has expired, and nothing else ever settles it. The
reader cannot save a new card until the term is over: the renewal is charged
to the dead or unwanted card (or the subscription waits for a card past its
term), although the reader tried to fix it in good time.

Expected: once the claim is stale (ten minutes), the card link opens a ₹1
order again.
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
from tests.attacks.test_found70_card_link_order_lost_to_a_provider_error import SERVER_ERROR

S = SubscriptionStatus


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.ACTIVE, S.NEEDS_CARD])
def test_a_razorpay_error_opening_the_authorisation_does_not_shut_the_card_link(browser, subscription, razorpay_answers, status):  # noqa: F811
    if status == S.NEEDS_CARD:
        subscription_move(subscription=subscription, to=S.NEEDS_CARD, reason=EventReason.CARD_UNUSABLE, grace_until=subscription.term_end)
    razorpay_answers({("POST", "/v1/orders"): [(500, SERVER_ERROR)] + [(200, recorded_body("order_first.json", id=ORDER, amount=100))] * 3})

    assert "Payments are unavailable just now" in browser.get(_link(subscription), follow=True).text
    (left,) = Payment.objects.filter(subscription=subscription, status=PaymentStatus.PENDING)
    assert (left.amount_minor, left.provider_payment_id) == (100, "")

    # A day later the reader tries again; Razorpay is answering.
    Payment.objects.filter(pk=left.pk).update(claimed_at=timezone.now() - timedelta(days=1))
    again = browser.get("/account/card/", follow=True).text
    assert f'data-order-id="{ORDER}"' in again and 'data-amount="100"' in again
