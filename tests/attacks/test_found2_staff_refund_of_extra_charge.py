"""Staff refund an extra charge whose automatic refund did not go through.

An extra charge (``duplicate`` set) is recorded as a succeeded payment of the
term it duplicates; when its automatic refund fails (the provider errored)
it stays "succeeded" in the admin's payment list until a clock turn manages.
Staff who refund it by hand use the one refund action there is,
``payment_refund_and_end``, which ends the subscription whenever the
refunded payment's term is the current one, without asking whether that
payment paid for it. Giving back the extra charge takes away the term the
reader did pay for.
"""

import pytest
from django.test import Client

from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.payments.providers.base import ChargeResult, ProviderUnavailable
from masthead.payments.providers.stripe import StripeProvider
from masthead.payments.services import payment_settle
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.accounts import make_staff
from masthead.testing.stripe import (
    GOOD_CARD,
    card_setup_for,
    confirm_card,
    signed_stripe_event,
)
from masthead.testing.subscriptions import make_plan
from masthead.testing.admin import refund_confirmation

pytestmark = pytest.mark.django_db(transaction=True)
S = SubscriptionStatus


def test_refunding_an_extra_charge_by_hand_does_not_end_the_term_the_reader_paid_for(client, localstripe, django_user_model, monkeypatch):
    reader = django_user_model.objects.create_user(username="twice", email="twice@example.test", password="a long password here")
    subscription = services.subscription_begin(user=reader, plan=make_plan(price_minor=900_00))
    setup = card_setup_for(reader)
    confirm_card(setup.setup_id, GOOD_CARD)
    saved = payment_provider().saved_method(setup_id=setup.setup_id)
    BillingProfile.objects.filter(user=reader).update(
        provider="stripe", provider_customer_id=saved.customer_id, provider_payment_method_id=saved.payment_method_id
    )
    # Attempt 1 timed out and was recorded as failed, but Stripe took the money.
    first = Payment.objects.create(
        subscription=subscription, term_number=1, attempt=1, provider="stripe", amount_minor=900_00,
        charge_key=f"masthead-sub{subscription.pk}-term1-try1",
    )  # fmt: skip
    taken = payment_provider().charge(saved=saved, amount=first.amount, key=first.charge_key, description="x")
    payment_settle(payment_id=first.pk, result=ChargeResult(succeeded=False, payment_id=taken.payment_id, message="timed out"))
    billing.checkout_pay(subscription=subscription, setup_id=setup.setup_id)  # attempt 2 pays the term
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE

    # Stripe's late news of attempt 1 arrives while refunds are failing at Stripe.
    def refund_fails(self, **kwargs):
        raise ProviderUnavailable(message="Stripe is having a bad minute.")

    monkeypatch.setattr(StripeProvider, "refund", refund_fails)
    event = {
        "id": "evt_late_success_2",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": taken.payment_id, "object": "payment_intent", "metadata": {"charge_key": first.charge_key}}},
    }
    body, headers = signed_stripe_event(event)
    assert client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 200
    extra = Payment.objects.get(duplicate=True)
    assert extra.status == PaymentStatus.SUCCEEDED  # its refund is still owed
    monkeypatch.undo()

    # Staff see a succeeded extra charge and give it back.
    staff = Client()
    staff.force_login(make_staff("payments.view_payment", "payments.refund_payment"))
    staff.post("/admin/payments/payment/", refund_confirmation(staff, [extra.pk]), follow=True)

    extra.refresh_from_db()
    subscription.refresh_from_db()
    assert extra.status == PaymentStatus.REFUNDED
    assert subscription.status == S.ACTIVE, (
        f"refunding the extra charge moved the paid-for subscription to {subscription.status}"
    )
