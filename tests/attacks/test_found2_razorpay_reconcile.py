"""A Razorpay renewal still being captured when its claim runs out.

A recurring payment Razorpay has not captured yet stays pending, its claim
held by the worker that made it, and its id (``pay_…``) recorded on the row.
Ten minutes later the claim counts as a dead worker's, and the next turn
reconciles: ``RazorpayProvider.find_charge`` looks for the charge key in the
*first page* of the account's payments (``payment.all({"count": 100})``) and
not at the payment already recorded. On a renewal day with more than a
hundred payments since, it finds nothing and debits the reader's mandate a
second time; the row then records the second payment, so the first one's
capture webhook is rejected ("is pay_2, not pay_1") and that money is kept.
"""

from datetime import timedelta

import pytest

from masthead.payments.models import BillingProfile, Payment
from masthead.payments.providers.razorpay import RazorpayProvider
from masthead.subscriptions import billing, services
from masthead.testing.razorpay import RecordedRazorpay, recorded_body
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
CUSTOMER = "cust_Mr7yTzS3Xn1uKc"
TOKEN = "token_Mr7yX9k8J7h6G5"
PAYMENT = "pay_Mr7zQ9w8E7r6T5"


@pytest.fixture(autouse=True)
def _on_razorpay(razorpay_site):
    """Every test here runs on a Razorpay site."""


@pytest.fixture
def active(django_user_model):
    reader = django_user_model.objects.create_user(username="rzpbusy", email="rzpbusy@example.test", password="a long password here")
    BillingProfile.objects.create(
        user=reader, name="Razorpay Reader", state_code="29", provider="razorpay",
        provider_customer_id=CUSTOMER, provider_payment_method_id=TOKEN,
    )  # fmt: skip
    plan = make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    return services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))


def _busy_day_page() -> dict:
    """The newest hundred payments on the account: other readers' renewals."""
    items = [
        {"id": f"pay_Other{n:09d}", "entity": "payment", "amount": 90000, "currency": "INR", "status": "captured",
         "notes": {"charge_key": f"masthead-sub{1000 + n}-term2-try1"}, "error_description": None}
        for n in range(100)
    ]  # fmt: skip
    return {"entity": "collection", "count": 100, "items": items}


def _orders_for(key: str, *, made: bool) -> dict:
    """Razorpay's orders with ``key`` as their receipt: none before the first
    debit, then the order it was made on."""
    order = recorded_body("order.json", receipt=key, notes={"charge_key": key, "description": "Smart Quarterly, term 2"})
    return {"entity": "collection", "count": int(made), "items": [order] if made else []}


def _payments_of_the_order(payment: dict) -> dict:
    return {"entity": "collection", "count": 1, "items": [payment]}


def test_a_razorpay_renewal_still_being_captured_is_not_debited_again_on_a_busy_day(active):
    key = f"masthead-sub{active.pk}-term2-try1"
    authorized = recorded_body("payment_captured.json", status="authorized", captured=False, notes={"charge_key": key})
    recorded = RecordedRazorpay(
        {
            ("GET", f"/v1/customers/{CUSTOMER}"): [(200, "customer.json")] * 2,
            ("POST", "/v1/orders"): [(200, "order.json")] * 2,
            ("POST", "/v1/payments/create/recurring"): [(200, "recurring_created.json")] * 2,
            ("GET", f"/v1/payments/{PAYMENT}"): [(200, authorized)] * 3,
            ("GET", "/v1/payments"): [(200, _busy_day_page())] * 2,
            ("GET", "/v1/orders"): [(200, _orders_for(key, made=False))] + [(200, _orders_for(key, made=True))] * 2,
            ("GET", "/v1/orders/order_Mr7zA1b2C3d4E5/payments"): [(200, _payments_of_the_order(authorized))] * 2,
        }
    )
    provider = RazorpayProvider(session=recorded.session())
    end = active.term_end
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    billing.renewals_charge(now=end + timedelta(minutes=1), provider=provider)
    assert Payment.objects.get(charge_key=key).provider_payment_id == PAYMENT

    # Razorpay is still capturing it when the next turns come round.
    billing.renewals_charge(now=end + timedelta(minutes=12), provider=provider)

    debits = [sent for method, path, sent in recorded.sent if (method, path) == ("POST", "/v1/payments/create/recurring")]
    assert len(debits) == 1, f"the reader's mandate was debited {len(debits)} times for term 2"


def test_the_first_debit_of_a_renewal_debited_twice_is_not_kept_unrecorded(client, active):
    """Razorpay captures the first debit; its webhook names pay_1, but the
    row now records the second debit, so the event is rejected ("… is pay_2,
    not pay_1") and the first ₹900 is neither recorded nor refunded."""
    import hashlib as _hashlib
    import hmac as _hmac
    import json as _json

    from masthead.payments.providers import provider_register, provider_unregister
    from masthead.testing.razorpay import recorded_provider

    key = f"masthead-sub{active.pk}-term2-try1"
    second = "pay_Ms0000Second01"
    authorized = recorded_body("payment_captured.json", status="authorized", captured=False, notes={"charge_key": key})
    recorded = RecordedRazorpay(
        {
            ("GET", f"/v1/customers/{CUSTOMER}"): [(200, "customer.json")] * 2,
            ("POST", "/v1/orders"): [(200, "order.json")] * 2,
            ("POST", "/v1/payments/create/recurring"): [
                (200, "recurring_created.json"),
                (200, recorded_body("recurring_created.json", razorpay_payment_id=second)),
            ],
            # Razorpay still has the first debit authorized whenever it is asked.
            ("GET", f"/v1/payments/{PAYMENT}"): [(200, authorized)] * 2,
            ("GET", f"/v1/payments/{second}"): [(200, {**authorized, "id": second})],
            ("GET", "/v1/payments"): [(200, _busy_day_page())],
            ("GET", "/v1/orders"): [(200, _orders_for(key, made=False))] + [(200, _orders_for(key, made=True))] * 2,
            ("GET", "/v1/orders/order_Mr7zA1b2C3d4E5/payments"): [(200, _payments_of_the_order(authorized))] * 2,
        }
    )
    provider = RazorpayProvider(session=recorded.session())
    end = active.term_end
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    billing.renewals_charge(now=end + timedelta(minutes=1), provider=provider)
    billing.renewals_charge(now=end + timedelta(minutes=12), provider=provider)

    captured = recorded_body("payment_captured.json", notes={"charge_key": key})
    adapter, answers = recorded_provider(
        {("GET", f"/v1/payments/{PAYMENT}"): [(200, captured)], ("POST", f"/v1/payments/{PAYMENT}/refund"): [(200, "refund.json")]}
    )
    provider_register("razorpay", adapter)
    try:
        body = _json.dumps(
            {"entity": "event", "event": "payment.captured", "payload": {"payment": {"entity": captured}}, "created_at": 1764300902}
        ).encode()
        client.post(
            "/payments/razorpay/webhook/", body, content_type="application/json",
            HTTP_X_RAZORPAY_SIGNATURE=_hmac.new(b"razorpay-webhook-secret", body, _hashlib.sha256).hexdigest(),
        )  # fmt: skip
    finally:
        provider_unregister("razorpay")
    refunded = any(path.endswith("/refund") for _, path, _ in answers.sent)
    on_record = Payment.objects.filter(provider_payment_id=PAYMENT).exists()
    from masthead.payments.models import WebhookEvent

    why = list(WebhookEvent.objects.values_list("outcome", "reason"))
    assert refunded or on_record, f"Razorpay captured the first debit; Masthead neither records nor refunds it: {why}"
