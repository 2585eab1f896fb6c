"""A buyer whose renewals are paid by a card saved at another provider (a
Razorpay mandate) buys a gift by card at Stripe. The gift's payment page
makes a Stripe customer for this payment and, rightly, does not record it
over the buyer's renewal card. But the webhook check "an event settles only
its own payment" compares the charge's customer with the one on the buyer's
billing profile, so Stripe's own, genuine event for the gift's charge is
rejected ("The charge belongs to customer cus_…, not this reader's").

When the charge is not settled in the request that made it (the worker died
after Stripe took the money, or the charge was still processing), the event
is what settles it: here the buyer's money is taken and the gift stays
unpaid, never mailed, with nothing telling anyone; a payment for a reader's
own subscription in the same position is settled by the event."""

import pytest
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_checkout_start, gift_purchase_begin
from masthead.payments.models import BillingProfile, PaymentStatus, WebhookEvent
from masthead.payments.providers import payment_provider
from masthead.payments.services import payment_attempt_open
from masthead.testing.stripe import GOOD_CARD, confirm_card, signed_stripe_event
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def test_stripes_event_settles_a_gift_paid_by_a_buyer_whose_renewal_card_is_at_razorpay(
    client, localstripe, django_user_model, django_capture_on_commit_callbacks
):
    buyer = django_user_model.objects.create_user(username="giver", email="giver@example.test", password="x" * 20)
    BillingProfile.objects.create(
        user=buyer, name="Meera Iyer", state_code="29",
        provider="razorpay", provider_customer_id="cust_rzp_meera", provider_payment_method_id="token_rzp_meera",
    )  # fmt: skip
    plan = make_plan(name="Smart Annual", slug="smart-annual", price_minor=2_700_00, term_months=12)
    gift = gift_purchase_begin(
        buyer=buyer, plan=plan, recipient_name="Ravi", recipient_email="ravi@example.test", send_on=local_date(timezone.now())
    )
    form = gift_checkout_start(gift=gift)
    confirm_card(form.setup.setup_id, GOOD_CARD)
    stripe = payment_provider("stripe")
    saved = stripe.saved_method(setup_id=form.setup.setup_id)
    # The attempt is written, Stripe takes the money, and the worker dies
    # before recording the answer: Stripe's event is what settles it.
    payment, _ = payment_attempt_open(gift=gift, amount=gift.price, provider_name="stripe")
    charged = stripe.charge(saved=saved, amount=gift.price, key=payment.charge_key, description="Gift")
    assert charged.succeeded

    event = {
        "id": "evt_gift_paid", "object": "event", "type": "payment_intent.succeeded",
        "data": {"object": {"id": charged.payment_id, "object": "payment_intent", "metadata": {"charge_key": payment.charge_key}}},
    }  # fmt: skip
    body, headers = signed_stripe_event(event)
    with django_capture_on_commit_callbacks(execute=False):
        assert client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 200

    stored = WebhookEvent.objects.get(event_id="evt_gift_paid")
    payment.refresh_from_db()
    gift.refresh_from_db()
    assert (stored.outcome, payment.status, gift.status) == ("applied", PaymentStatus.SUCCEEDED, GiftSubscriptionStatus.PAID), stored.reason
