"""A Razorpay reader whose renewal failed follows the card link and pays the
renewal in Razorpay Checkout, which registers their new card at the same time.

Razorpay's servers cannot be reached from here. Its API answers from the
recorded bodies (masthead/testing/recorded/), and Razorpay Checkout's script
is stood in for by a few lines served at its address: like the real one it
takes the options Masthead's page passes (key, order, amount, customer) and
calls the page's handler with the payment's ids and a signature, here a real
HMAC-SHA256 with the key secret, which the site verifies as Razorpay's.
"""

import hashlib
import hmac
from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.providers.base import ChargeResult
from masthead.payments.services import payment_attempt_open, payment_settle
from masthead.subscriptions import cardlinks, services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.razorpay import recorded_body
from masthead.testing.subscriptions import make_plan

from .conftest import PHONE, signed_in

pytestmark = pytest.mark.django_db(transaction=True)
S = SubscriptionStatus
CUSTOMER = "cust_Mr7yTzS3Xn1uKc"
ORDER = "order_Ns1CardLink01"
PAYMENT = "pay_Ns1CardLinkPay1"
NEW_TOKEN = "token_Ns2NewCard7Tk"

# Razorpay Checkout, stood in for: it opens on the order the page names and
# answers as Razorpay's does once the reader has paid.
CHECKOUT_JS = """
window.Razorpay = function (options) { this.options = options; };
window.Razorpay.prototype.on = function () {};
window.Razorpay.prototype.open = function () {
  const options = this.options;
  options.handler({razorpay_payment_id: "%(payment)s", razorpay_order_id: options.order_id, razorpay_signature: "%(signature)s"});
};
"""


def test_a_razorpay_reader_pays_the_failed_renewal_from_the_card_link_and_keeps_the_new_card(
    browser, live_server, settings, razorpay_site, razorpay_answers, django_user_model, artifacts
):
    # The site's Content-Security-Policy admits Razorpay Checkout when Razorpay takes the payments.
    settings.SECURE_CSP = {
        **settings.SECURE_CSP,
        "script-src": [*settings.SECURE_CSP["script-src"], "https://checkout.razorpay.com"],
    }
    reader = django_user_model.objects.create_user(username="meera", email="meera@example.test", password="a long passphrase 42")
    BillingProfile.objects.create(
        user=reader, name="Meera Iyer", state_code="29", provider="razorpay", provider_customer_id=CUSTOMER,
        provider_payment_method_id="token_Mr7yX9k8J7h6G5",
    )  # fmt: skip
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    subscription = services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))
    subscription.term_end = timezone.now() - timedelta(days=2)
    subscription.save(update_fields=["term_end"])
    declined, _ = payment_attempt_open(
        subscription=subscription, term_number=2, amount=subscription.renewal_price, provider_name="razorpay", attempt=1
    )
    payment_settle(payment_id=declined.pk, result=ChargeResult(succeeded=False, payment_id="", message="Card expired"))
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE

    paid = recorded_body("payment_first.json", id=PAYMENT, order_id=ORDER, token_id=NEW_TOKEN)
    recorded = razorpay_answers(
        {
            ("POST", "/v1/orders"): [(200, recorded_body("order_first.json", id=ORDER))],
            ("GET", f"/v1/payments/{PAYMENT}"): [(200, paid)] * 2,
            ("GET", f"/v1/customers/{CUSTOMER}/tokens/{NEW_TOKEN}"): [(200, recorded_body("token_card.json", id=NEW_TOKEN))],
        }
    )
    signature = hmac.new(b"razorpay-key-secret", f"{ORDER}|{PAYMENT}".encode(), hashlib.sha256).hexdigest()
    context = signed_in(browser, live_server, reader, viewport=PHONE)
    context.route(
        "https://checkout.razorpay.com/v1/checkout.js",
        lambda route: route.fulfill(
            status=200, content_type="application/javascript", body=CHECKOUT_JS % {"payment": PAYMENT, "signature": signature}
        ),
    )
    page = context.new_page()
    try:
        link = f"/account/card/?{cardlinks.PARAMETER}={cardlinks.card_link_token(subscription=subscription)}"
        page.goto(live_server.url + link)
        assert page.get_by_role("heading", name="Change your card").is_visible()
        assert "Your Smart Quarterly renewal is unpaid. Pay ₹900 now" in page.locator(".page-header__intro").inner_text()
        assert page.get_by_role("button", name="UPI AutoPay").is_visible()
        page.screenshot(path=artifacts / "walk-razorpay-card-link-phone.png", full_page=True)

        page.get_by_role("button", name="Pay ₹900").click()
        page.wait_for_url("**/account/")
        message = " ".join(page.locator(".messages").inner_text().split())
        subscription.refresh_from_db()
        assert subscription.status == S.ACTIVE and subscription.term_number == 2
        assert message.startswith("Your new card is saved. Paid: ₹900, your subscription runs to ")
        assert "Status Active" in " ".join(page.locator("dl.facts").inner_text().split())
    finally:
        context.close()

    (order,) = [sent for method, path, sent in recorded.sent if (method, path) == ("POST", "/v1/orders")]
    assert order["amount"] == 900_00 and order["token"]["max_amount"] == 900_00
    assert Payment.objects.filter(subscription=subscription, status=PaymentStatus.SUCCEEDED).count() == 1
    assert BillingProfile.objects.get(user=reader).provider_payment_method_id == NEW_TOKEN
