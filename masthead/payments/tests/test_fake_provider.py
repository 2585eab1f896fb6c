"""The FakeProvider in Masthead's own flows: checkout, webhooks and the
registry treat it as they treat a real provider (test_contract.py holds it to
the same promises as Stripe and Razorpay)."""

import pytest

from masthead.core.money import Money
from masthead.payments import providers
from masthead.payments.models import (
    BillingProfile,
    Payment,
    PaymentStatus,
    WebhookEvent,
)
from masthead.payments.providers.base import (
    PaymentDeclined,
    ProviderUnavailable,
    SavedMethod,
)
from masthead.payments.providers.fake import (
    DECLINED_CARD,
    GOOD_CARD,
    charge_event,
    confirm_card,
    signed_event,
)
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.subscriptions import make_plan

WEBHOOK = "/payments/fake/webhook/"
S = SubscriptionStatus


@pytest.fixture
def reader(django_user_model):
    user = django_user_model.objects.create_user(username="fake", email="fake@example.test", password="a long password here")
    BillingProfile.objects.create(user=user, name="Fake Reader", state_code="27")
    return user


@pytest.fixture
def pending(reader):
    plan = make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    return services.subscription_begin(user=reader, plan=plan)


def _checkout(subscription, card: str):
    form = billing.checkout_start(subscription=subscription)
    confirm_card(form.reuse_id, card)
    return billing.checkout_pay(subscription=subscription, setup_id=form.reuse_id)


def test_the_fake_provider_is_never_built_in():
    assert "fake" not in providers._ADAPTERS


@pytest.mark.django_db
def test_checkout_through_the_fake_provider_charges_once_and_activates(fake_provider, pending):
    subscription = _checkout(pending, GOOD_CARD)
    assert subscription.status == S.ACTIVE
    (charge,) = fake_provider.store.charges.values()
    payment = subscription.payments.get()
    assert payment.status == PaymentStatus.SUCCEEDED and payment.provider_payment_id == charge.id
    assert charge.amount == subscription.price and charge.key == payment.charge_key


@pytest.mark.django_db
def test_a_declined_card_at_the_fake_provider_leaves_checkout_pending(fake_provider, pending):
    with pytest.raises(PaymentDeclined, match="declined"):
        _checkout(pending, DECLINED_CARD)
    pending.refresh_from_db()
    assert pending.status == S.PENDING
    assert pending.payments.get().status == PaymentStatus.FAILED


@pytest.mark.django_db
def test_a_fake_webhook_delivered_twice_settles_its_payment_once(client, fake_provider, pending, reader):
    customer_id = fake_provider.customer(email=reader.email, name="Fake Reader")
    form = fake_provider.card_setup(customer_id=customer_id)
    confirm_card(form.setup_id, GOOD_CARD)
    saved = fake_provider.saved_method(setup_id=form.setup_id)
    BillingProfile.objects.filter(user=reader).update(provider="fake", provider_customer_id=customer_id)
    payment = Payment.objects.create(
        subscription=pending, term_number=1, charge_key=f"masthead-sub{pending.pk}-term1-try1", provider="fake", amount_minor=900_00
    )
    # The charge went through, but its synchronous answer was lost: the webhook settles it.
    charged = fake_provider.charge(saved=saved, amount=payment.amount, key=payment.charge_key, description="first term")
    body, headers = signed_event(charge_event(charged.payment_id))
    for _ in range(2):
        assert client.post(WEBHOOK, body, content_type="application/json", headers=headers).status_code == 200
    assert WebhookEvent.objects.filter(provider="fake").count() == 1
    payment.refresh_from_db()
    pending.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED and payment.provider_payment_id == charged.payment_id
    assert pending.status == S.ACTIVE


@pytest.mark.django_db
def test_a_fake_webhook_with_a_forged_signature_is_refused(client, fake_provider):
    body, headers = signed_event({"id": "evt_forged", "type": "charge.succeeded", "data": {}}, secret="not-the-secret")
    assert client.post(WEBHOOK, body, content_type="application/json", headers=headers).status_code == 400
    assert not WebhookEvent.objects.exists()


def test_an_unreachable_fake_provider_raises_provider_unavailable(fake_provider):
    fake_provider.store.unavailable = True
    with pytest.raises(ProviderUnavailable):
        fake_provider.charge(saved=SavedMethod("cus_fake1", "pm_fake1"), amount=Money(900_00), key="k", description="")
