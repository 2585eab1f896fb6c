"""UPI AutoPay chosen in two tabs at once, or UPI in one and card in the
other: one order per way to pay at a time, never two pending attempts for
the checkout. Run on whichever database the suite uses (SQLite here,
PostgreSQL in CI's second run, where the subscription's row lock is what
holds it). Razorpay answers from recorded responses (see test_upi_autopay.py)."""

import pytest

from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.providers.razorpay import RazorpayProvider
from masthead.payments.services import ChargeInFlight
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import Subscription
from masthead.testing.concurrency import in_threads
from masthead.testing.razorpay import RecordedRazorpay, recorded_body
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db(transaction=True)
CUSTOMER = "cust_Mr7yTzS3Xn1uKc"
CARD_ORDER = "order_Mr90Fq1w2e3r4T"
NONE_YET = {"entity": "collection", "count": 0, "items": []}


@pytest.fixture
def pending(django_user_model, razorpay_keys):
    reader = django_user_model.objects.create_user(username="tabs", email="tabs@example.test", password="x" * 20)
    BillingProfile.objects.create(user=reader, name="Asha Rao", state_code="27", provider="razorpay", provider_customer_id=CUSTOMER)
    return services.subscription_begin(user=reader, plan=make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))


def _razorpay():
    upi_orders = [(200, recorded_body("order_upi.json", id=f"order_Mu9UpTab{n}")) for n in range(3)]
    return RecordedRazorpay(
        {
            ("POST", "/v1/orders"): [(200, "order_first.json"), *upi_orders],
            ("GET", f"/v1/orders/{CARD_ORDER}/payments"): [(200, NONE_YET)] * 3,
            # The card tab, when it comes second, gives up the UPI tab's order.
            **{("GET", f"/v1/orders/order_Mu9UpTab{n}/payments"): [(200, NONE_YET)] for n in range(3)},
        }
    )


@pytest.mark.parametrize("other", ["upi", "card"], ids=["upi in both tabs", "upi and card"])
def test_two_tabs_choosing_at_once_leave_one_order_to_pay(pending, other):
    recorded = _razorpay()
    provider = RazorpayProvider(session=recorded.session())
    assert billing.checkout_order(subscription=pending, provider=provider) == CARD_ORDER

    answers, errors = in_threads(
        lambda: billing.checkout_order(subscription=Subscription.objects.get(pk=pending.pk), provider=provider, method="upi"),
        lambda: billing.checkout_order(subscription=Subscription.objects.get(pk=pending.pk), provider=provider, method=other),
    )

    assert all(isinstance(error, ChargeInFlight) for error in errors), errors
    made = [sent for method, path, sent in recorded.sent if path == "/v1/orders"]
    if other == "upi":
        assert [order["method"] for order in made] == ["card", "upi"]
    # Every order Razorpay made is on a payment row, so a payment on it is
    # matched (or refunded, when its attempt was given up); one waits.
    attempts = Payment.objects.filter(subscription=pending).order_by("attempt")
    assert len(made) == attempts.count()
    (waiting,) = [attempt for attempt in attempts if attempt.status == PaymentStatus.PENDING]
    assert waiting == attempts.last() and waiting.checkout_method in ("upi", other)
    assert all(attempt.status == PaymentStatus.FAILED for attempt in attempts if attempt != waiting)
    # A tab that was answered was given the order that waits, or the one it chose a moment before the other tab.
    assert set(answers) <= {attempt.provider_payment_id for attempt in attempts}
