"""The card link's renewal order paid while everything else happens at once:
the reader's answer posted twice (a double click), Razorpay's payment.captured
webhook, and the billing clock's retry day. The term is paid once, invoiced
once, and the new token kept. Run on whichever database the suite uses
(SQLite here, PostgreSQL in the second run, where the subscription's row lock
is what holds it). Razorpay answers from recorded responses (see
test_card_link_razorpay.py)."""

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.invoicing.models import Invoice
from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.providers.base import ChargeResult
from masthead.payments.providers.razorpay import RazorpayProvider
from masthead.payments.services import payment_attempt_open, payment_settle, webhook_receive
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.concurrency import in_threads
from masthead.testing.razorpay import RecordedRazorpay, recorded_body
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db(transaction=True)
S = SubscriptionStatus
CUSTOMER = "cust_Mr7yTzS3Xn1uKc"
ORDER = "order_Ns1CardLink01"
PAYMENT = "pay_Ns1CardLinkPay1"
NEW_TOKEN = "token_Ns2NewCard7Tk"


@pytest.fixture
def past_due(django_user_model, razorpay_keys):
    reader = django_user_model.objects.create_user(username="race", email="race@example.test", password="x" * 20)
    BillingProfile.objects.create(
        user=reader, name="Asha Rao", state_code="29", provider="razorpay", provider_customer_id=CUSTOMER,
        provider_payment_method_id="token_Mr7yX9k8J7h6G5",
    )  # fmt: skip
    plan = make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    subscription = services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))
    subscription.term_end = timezone.now() - timedelta(days=2)
    subscription.save(update_fields=["term_end"])
    declined, _ = payment_attempt_open(
        subscription=subscription, term_number=2, amount=subscription.renewal_price, provider_name="razorpay", attempt=1
    )
    payment_settle(payment_id=declined.pk, result=ChargeResult(succeeded=False, payment_id="", message="Card expired"))
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE
    return subscription


def test_double_submit_webhook_and_clock_at_once_pay_the_renewal_once(past_due, settings):
    settings.RAZORPAY_WEBHOOK_SECRET = "razorpay-webhook-secret"
    paid = recorded_body("payment_first.json", id=PAYMENT, order_id=ORDER, token_id=NEW_TOKEN)
    recorded = RecordedRazorpay(
        {
            ("POST", "/v1/orders"): [(200, recorded_body("order_first.json", id=ORDER))],
            ("GET", f"/v1/payments/{PAYMENT}"): [(200, paid)] * 10,
            ("GET", f"/v1/customers/{CUSTOMER}/tokens/{NEW_TOKEN}"): [(200, recorded_body("token_card.json", id=NEW_TOKEN))] * 4,
            # The clock asks whether the reader's order is being paid: it is.
            ("GET", f"/v1/orders/{ORDER}/payments"): [(200, {"entity": "collection", "count": 1, "items": [paid]})] * 2,
        }
    )
    provider = RazorpayProvider(session=recorded.session())
    order = billing.card_change_order(subscription=past_due, provider=provider)
    assert (order.order_id, order.amount.minor, order.renewal) == (ORDER, 900_00, True)

    signature = hmac.new(b"razorpay-key-secret", f"{ORDER}|{PAYMENT}".encode(), hashlib.sha256).hexdigest()
    body = json.dumps({"entity": "event", "event": "payment.captured", "payload": {"payment": {"entity": paid}}}).encode()
    headers = {"X-Razorpay-Signature": hmac.new(b"razorpay-webhook-secret", body, hashlib.sha256).hexdigest()}

    def answer():
        return billing.card_change_collected(
            subscription=Subscription.objects.get(pk=past_due.pk), order_id=ORDER, payment_id=PAYMENT, signature=signature,
            provider=provider,
        )  # fmt: skip

    _, errors = in_threads(
        answer,
        answer,
        lambda: webhook_receive(provider_name="razorpay", body=body, headers=headers, provider=provider),
        lambda: billing.renewal_retries(now=timezone.now() + timedelta(days=1), provider=provider),
    )

    assert errors == []
    past_due.refresh_from_db()
    assert past_due.status == S.ACTIVE and past_due.term_number == 2
    (renewal,) = Payment.objects.filter(subscription=past_due, status=PaymentStatus.SUCCEEDED)
    assert (renewal.term_number, renewal.provider_payment_id, renewal.duplicate) == (2, PAYMENT, False)
    assert Invoice.objects.filter(payment__subscription=past_due).count() == 1
    assert not any(path.endswith("/recurring") for _, path, _ in recorded.sent)
    assert BillingProfile.objects.get(user=past_due.user).provider_payment_method_id == NEW_TOKEN
