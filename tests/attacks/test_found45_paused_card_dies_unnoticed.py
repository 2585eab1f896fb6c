"""A paused subscriber's card dies: nobody is told, and the pause ends with
a pre-debit notice for, and a charge to, a card known to be dead.

What happens: a subscriber pauses for two months. While paused, their bank
cancels the saved card and Stripe sends payment_method.detached for it.
saved_card_unusable only looks for an active or past-due subscription
(billing.cards._CHARGED_WITH_THE_CARD): the event is stored as ignored, "The
reader has no subscription renewing with this card.", the subscription stays
paused, and no card link is mailed (the account page does not say the card
is dead either). When the pause ends, the clock sends the pre-debit notice
"we will charge ₹900 to the card you saved" and charges the dead card (a
detached card, which Stripe refuses; localstripe does not), and only the
decline tells the reader. The same holds for a cancelling subscription
whose reader then keeps it.

Expected: a paused subscription renews with the saved card too: the dead
card is acted on (the reader is mailed the card link when the provider says
so, and no notice promises a charge to that card).
"""

from datetime import timedelta

import pytest

from masthead.payments.models import BillingProfile, WebhookEvent, WebhookOutcome
from masthead.subscriptions import services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import signed_stripe_event, stripe_client, subscribe
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus


@pytest.fixture(autouse=True)
def mailbox(smtp, jobs_inline):
    return smtp


@pytest.mark.django_db(transaction=True)
def test_a_paused_subscribers_dead_card_is_acted_on(client, localstripe, django_user_model, mailbox):
    reader = django_user_model.objects.create_user(username="pauser", email="pauser@example.test", password="a long password here")
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))
    services.subscription_pause(subscription=subscription, months=2, now=subscription.term_end - timedelta(days=5))
    subscription.refresh_from_db()
    assert subscription.status == S.PAUSED

    profile = BillingProfile.objects.get(user=reader)
    stripe_client().v1.payment_methods.detach(profile.provider_payment_method_id)
    body, headers = signed_stripe_event({
        "id": "evt_detached_paused", "object": "event", "type": "payment_method.detached",
        "data": {
            "object": {"id": profile.provider_payment_method_id, "object": "payment_method", "customer": None},
            "previous_attributes": {"customer": profile.provider_customer_id},
        },
    })  # fmt: skip
    assert client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 200

    stored = WebhookEvent.objects.get(event_id="evt_detached_paused")
    assert stored.outcome == WebhookOutcome.APPLIED, stored.reason
    assert [m for m in mailbox.for_address(reader.email) if "can no longer be charged" in m["Subject"]]
