"""A reader whose first try in Razorpay Checkout fails and who pays the
card link's order on the second try is charged with nothing recorded and
nothing refunded.

What the reader does: past due, they open the card link and pay the unpaid
renewal (₹900) in Razorpay Checkout. The first card is declined (a wrong
OTP, a card the bank refuses): Razorpay sends payment.failed, and Checkout,
which retries by default, lets them try again on the same order. The
webhook settles the order's attempt as failed and writes the failed
payment's id over the order's id (payment_settle: ``provider_payment_id``).
The second try is captured. Checkout's answer (the same order, the new
payment) is refused, "That payment is not for your subscription's card
page": the attempt is no longer pending and no row has the new payment's
id. Razorpay's payment.captured for it is rejected too, "No payment has the
charge key 'order_…'": the order no longer names any payment. ₹900 is
taken, the renewal stays unpaid (the clock goes on retrying the dead card,
then the subscription lapses), the new card is not kept, and nothing ever
refunds the money.

Expected: the second try pays the renewal once (or, if it cannot, is
recorded and refunded); never money taken with no record of it.
"""

import hashlib
import hmac
import json

import pytest

from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import SubscriptionStatus
from masthead.subscriptions.tests.test_card_link_razorpay import (  # noqa: F401 - the Razorpay site, reader and helpers
    ORDER,
    PAYMENT,
    _answer,
    _answers,
    _link,
    _paid,
    browser,
    mailbox,
    past_due,
    reader,
    subscription,
)
from masthead.testing.razorpay import recorded_body

S = SubscriptionStatus
DECLINED = "pay_Ns1CardLinkFail"


@pytest.mark.django_db
def test_the_order_paid_on_a_second_try_after_a_declined_one_is_recorded(browser, past_due, razorpay_answers):  # noqa: F811
    declined = recorded_body(
        "payment_first.json", id=DECLINED, order_id=ORDER, amount=900_00, status="failed", captured=False, token_id=None,
        error_code="BAD_REQUEST_ERROR", error_description="Payment failed because the OTP was incorrect.",
    )  # fmt: skip
    failed_event = {
        ("GET", f"/v1/payments/{DECLINED}"): [(200, declined)] * 2,
        # A refused answer sends the reader back to the card page, which opens a new order.
        ("POST", "/v1/orders"): [(200, recorded_body("order_first.json", id=ORDER, amount=900_00))]
        + [(200, recorded_body("order_first.json", id="order_Ns1CardLink02", amount=900_00))] * 2,
    }
    razorpay_answers(_answers(amount=900_00, extra=failed_event))
    browser.get(_link(past_due))

    # The first try is declined: Razorpay's payment.failed event.
    assert _event(browser, "payment.failed", declined).status_code < 500
    # The second try on the same order is captured; Checkout posts its answer, and Razorpay its event.
    _answer(browser)
    _event(browser, "payment.captured", _paid(900_00))

    recorded = Payment.objects.filter(subscription=past_due, provider_payment_id=PAYMENT)
    assert recorded.exists(), "₹900 taken by Razorpay with no payment recorded for it"
    paid = recorded.get()
    past_due.refresh_from_db()
    assert (paid.status == PaymentStatus.SUCCEEDED and past_due.status == S.ACTIVE and past_due.term_number == 2) or (
        paid.status == PaymentStatus.REFUNDED
    )


def _event(client, name: str, payment: dict):
    """A Razorpay webhook about the order's payment, signed as Razorpay signs it."""
    body = json.dumps(
        {"entity": "event", "event": name, "payload": {"payment": {"entity": payment}}, "created_at": 1764400000}
    ).encode()
    return client.post(
        "/payments/razorpay/webhook/", body, content_type="application/json",
        HTTP_X_RAZORPAY_SIGNATURE=hmac.new(b"razorpay-webhook-secret", body, hashlib.sha256).hexdigest(),
    )  # fmt: skip


@pytest.mark.django_db
def test_a_checkout_paid_on_a_second_try_after_a_declined_one_is_recorded(django_user_model, razorpay_answers):
    """The same at the first checkout, whose order the card link copied:
    the first payment declined (payment.failed settles the checkout's attempt
    as failed under the declined payment's id), the second try on the same
    order captured, then refused by the confirm page and by the webhook."""
    from django.test import Client

    from masthead.testing.subscriptions import make_plan

    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    buyer = django_user_model.objects.create_user(username="meera", email="meera@example.test", password="a long password here")
    page = Client()
    page.force_login(buyer)
    checkout_order, second_try = "order_Mr90Fq1w2e3r4T", "pay_Mr91Zx9c8v7b6N"  # order_first.json, payment_first.json
    declined = recorded_body(
        "payment_first.json", id=DECLINED, status="failed", captured=False, token_id=None,
        error_code="BAD_REQUEST_ERROR", error_description="Payment failed because the OTP was incorrect.",
    )  # fmt: skip
    razorpay_answers(
        {
            ("POST", "/v1/customers"): [(200, "customer.json")],
            ("POST", "/v1/orders"): [(200, "order_first.json")] * 3,
            ("GET", f"/v1/payments/{DECLINED}"): [(200, declined)] * 2,
            ("GET", f"/v1/payments/{second_try}"): [(200, "payment_first.json")] * 4,
            ("GET", "/v1/customers/cust_Mr7yTzS3Xn1uKc/tokens/token_Mr91Tk1Tk2Tk3T"): [(200, "token_card.json")] * 2,
        }
    )
    assert page.post("/subscribe/smart-quarterly/", {"name": "Meera Rao", "state_code": "27"}).status_code == 302
    assert f'data-order-id="{checkout_order}"' in page.get("/subscribe/pay/").text

    assert _event(page, "payment.failed", declined).status_code < 500
    signature = hmac.new(b"razorpay-key-secret", f"{checkout_order}|{second_try}".encode(), hashlib.sha256).hexdigest()
    page.post(
        "/subscribe/pay/confirm/",
        {"razorpay_order_id": checkout_order, "razorpay_payment_id": second_try, "razorpay_signature": signature},
    )  # fmt: skip
    _event(page, "payment.captured", recorded_body("payment_first.json"))

    assert Payment.objects.filter(provider_payment_id=second_try).exists(), "₹900 taken by Razorpay with no payment recorded for it"
