"""A card saved while the provider's "card is dead" event for the old card
is being handled: the subscription ends up needing a new card although the
reader has just saved one.

What happens: the reader's old card is cancelled by their bank; Stripe sends
payment_method.detached for it. The handler (billing.cards.saved_card_unusable)
finds the billing profile by the old card, asks Stripe again whether the card
can be charged (a network call), and only then moves the subscription to
needs_card under the subscription's lock, without looking at the profile
again. A reader who saves a good new card in that window (on the account page,
or from the failed-renewal mail) sees "Your new card is saved.", and the
event then moves the subscription to needs_card anyway: they are mailed that
their card can no longer be charged, nothing is charged with the good card at
the renewal, and the subscription lapses at the end of the grace period.

Expected: the move is decided on the card saved when it is made: a card
saved meanwhile keeps the subscription active and nothing is mailed.
"""

import pytest

from masthead.payments.models import BillingProfile
from masthead.payments.providers.stripe import StripeProvider
from masthead.subscriptions import billing
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.stripe import (
    GOOD_CARD,
    card_setup_for,
    confirm_card,
    signed_stripe_event,
    stripe_client,
    subscribe,
)
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus


@pytest.fixture(autouse=True)
def mailbox(smtp, jobs_inline):
    return smtp


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="swapper", email="swap@example.test", password="a long password here")


@pytest.mark.django_db(transaction=True)
def test_a_card_saved_while_the_old_cards_event_is_handled_keeps_the_subscription_active(
    client, localstripe, reader, mailbox, monkeypatch
):
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))
    old = BillingProfile.objects.get(user=reader)
    stripe_client().v1.payment_methods.detach(old.provider_payment_method_id)
    setup = card_setup_for(reader)
    confirm_card(setup.setup_id, GOOD_CARD)

    asked = StripeProvider.saved_method_usable

    def reader_saves_a_card_meanwhile(self, **kwargs):
        answer = asked(self, **kwargs)  # Stripe: the old card is gone
        # The reader's "Save card" lands while the event is being handled.
        billing.payment_card_replace(subscription=Subscription.objects.get(pk=subscription.pk), setup_id=setup.setup_id)
        return answer

    monkeypatch.setattr(StripeProvider, "saved_method_usable", reader_saves_a_card_meanwhile)
    body, headers = signed_stripe_event({
        "id": "evt_detached_swap", "object": "event", "type": "payment_method.detached",
        "data": {
            "object": {"id": old.provider_payment_method_id, "object": "payment_method", "customer": None},
            "previous_attributes": {"customer": old.provider_customer_id},
        },
    })  # fmt: skip
    assert client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 200

    profile = BillingProfile.objects.get(user=reader)
    assert profile.provider_payment_method_id != old.provider_payment_method_id  # the good card is saved
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE
    assert not [m for m in mailbox.for_address(reader.email) if "can no longer be charged" in m["Subject"]]
