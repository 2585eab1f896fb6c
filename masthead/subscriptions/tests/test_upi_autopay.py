"""UPI AutoPay through Razorpay: the reader chooses it at checkout, approves a
recurring mandate in Razorpay Checkout, and renewals are debited on it by the
billing clock, each announced by the pre-debit notice.

Razorpay's servers cannot be reached from here. The responses in
masthead/testing/recorded/ used below (order_upi, payment_upi_first,
token_upi, order_upi_renewal, recurring_upi_created, payment_upi_recurring,
token_upi_revoked, webhook_token_upi_cancelled) are constructed from the
shapes Razorpay documents for UPI recurring payments (an order with
``method: upi`` and a ``token`` object, a payment with ``method: upi`` and a
``token_id``, ``payments/create/recurring``, a token with
``recurring_details.status``), not captured from its servers. Signatures are
real HMAC-SHA256, computed and verified as Razorpay does; Razorpay Checkout's
own script is not run, its answer is posted as the browser would.
"""

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.test import Client

from masthead.payments.models import BillingProfile, Payment, PaymentStatus, WebhookEvent
from masthead.payments.providers.razorpay import RazorpayProvider
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.razorpay import RECORDED, RecordedRazorpay, recorded_body
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus
CUSTOMER = "cust_Mr7yTzS3Xn1uKc"
CARD_ORDER = "order_Mr90Fq1w2e3r4T"
UPI_ORDER = "order_Mu9UpI1a2B3c4D"
UPI_PAYMENT = "pay_Mu9UpFirst1Pay"
MANDATE = "token_Mu9UpIMandate"
TOKEN_PATH = f"/v1/customers/{CUSTOMER}/tokens/{MANDATE}"
NONE_YET = {"entity": "collection", "count": 0, "items": []}


@pytest.fixture(autouse=True)
def mailbox(smtp, jobs_inline, razorpay_site):
    """A Razorpay site, its mail read from a real SMTP server."""
    return smtp


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="asha", email="asha@example.test", password="a long password here")


@pytest.fixture
def browser(db, reader):
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    make_plan(name="Smart Yearly", slug="smart-yearly", price_minor=3_000_00, term_months=12)
    client = Client()
    client.force_login(reader)
    return client


def _signature(order_id: str, payment_id: str) -> str:
    return hmac.new(b"razorpay-key-secret", f"{order_id}|{payment_id}".encode(), hashlib.sha256).hexdigest()


def _checkout_answers(*, payment=None, token=None) -> dict:
    payment = payment or recorded_body("payment_upi_first.json")
    return {
        ("POST", "/v1/customers"): [(200, "customer.json")],
        # A third for the reader's next try, where a try is given up.
        ("POST", "/v1/orders"): [(200, "order_first.json"), (200, "order_upi.json"), (200, recorded_body("order_upi.json", id="order_Mu9UpNextTry9"))],
        ("GET", f"/v1/orders/{CARD_ORDER}/payments"): [(200, NONE_YET)],
        ("GET", f"/v1/payments/{UPI_PAYMENT}"): [(200, payment), (200, payment)],
        ("GET", TOKEN_PATH): [(200, token or recorded_body("token_upi.json"))],
    }


def _choose_upi(browser) -> str:
    """Details, the payment page (a card order by default), then UPI AutoPay chosen: the page as shown."""
    assert browser.post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27"}).status_code == 302
    page = browser.get("/subscribe/pay/").text
    assert f'data-order-id="{CARD_ORDER}"' in page and ">UPI AutoPay</button>" in page
    assert browser.post("/subscribe/pay/", {"method": "upi"}).status_code == 302
    return browser.get("/subscribe/pay/").text


def _confirm(browser, *, signature=None):
    answer = {
        "razorpay_order_id": UPI_ORDER,
        "razorpay_payment_id": UPI_PAYMENT,
        "razorpay_signature": signature or _signature(UPI_ORDER, UPI_PAYMENT),
    }
    return browser.post("/subscribe/pay/confirm/", answer, follow=True)


@pytest.mark.django_db
def test_a_reader_who_chooses_upi_autopay_approves_a_mandate_with_headroom_and_is_active(browser, reader, razorpay_answers):
    recorded = razorpay_answers(_checkout_answers())
    page = _choose_upi(browser)
    assert f'data-order-id="{UPI_ORDER}"' in page and 'data-method="upi"' in page
    assert "approve a UPI AutoPay mandate in your UPI app once. Your app shows it for up to ₹3,000 a payment" in page

    orders = [sent for _, path, sent in recorded.sent if path == "/v1/orders"]
    assert orders[0]["method"] == "card" and orders[0]["token"]["max_amount"] == 900_00
    upi = orders[1]
    assert upi["method"] == "upi" and upi["amount"] == 900_00 and upi["customer_id"] == CUSTOMER
    # Twice the price (₹1,800) is less than the dearest plan on sale (₹3,000).
    assert upi["token"]["max_amount"] == 3_000_00 and upi["token"]["frequency"] == "as_presented"

    response = _confirm(browser)
    assert "Your Smart Quarterly subscription is active" in response.text
    subscription = reader.subscriptions.get()
    assert subscription.status == S.ACTIVE
    card_try, upi_try = subscription.payments.order_by("attempt")
    assert (card_try.status, card_try.provider_payment_id) == (PaymentStatus.FAILED, CARD_ORDER)
    assert card_try.failure_message == "Not paid: the reader chose to pay by UPI AutoPay."
    assert (upi_try.status, upi_try.provider_payment_id, upi_try.checkout_method) == (PaymentStatus.SUCCEEDED, UPI_PAYMENT, "upi")
    profile = BillingProfile.objects.get(user=reader)
    assert (profile.provider_payment_method_id, profile.payment_method_kind) == (MANDATE, "upi")
    assert TOKEN_PATH in [path for _, path, _ in recorded.sent]
    assert not any(path.endswith("/recurring") for _, path, _ in recorded.sent)  # not charged twice


@pytest.mark.django_db
def test_a_plan_dearer_than_the_upi_autopay_limit_is_offered_by_card_only(browser, reader, razorpay_answers):
    make_plan(name="Patron", slug="patron", price_minor=20_000_00, term_months=12)
    recorded = razorpay_answers({("POST", "/v1/customers"): [(200, "customer.json")], ("POST", "/v1/orders"): [(200, "order_first.json")]})
    assert browser.post("/subscribe/patron/", {"name": "Asha Rao", "state_code": "27"}).status_code == 302
    page = browser.get("/subscribe/pay/").text
    assert "UPI AutoPay renews only up to ₹15,000 a payment without asking you each time" in page
    assert "Please pay by card." in page and ">UPI AutoPay</button>" not in page
    response = browser.post("/subscribe/pay/", {"method": "upi"}, follow=True)
    assert "Please pay by card." in response.text
    assert [sent["method"] for _, path, sent in recorded.sent if path == "/v1/orders"] == ["card"]


@pytest.mark.django_db
def test_upi_autopay_cannot_be_chosen_while_a_card_payment_on_the_order_is_under_way(browser, reader, razorpay_answers):
    under_way = {"entity": "collection", "count": 1, "items": [recorded_body("payment_first.json", status="authorized")]}
    answers = {**_checkout_answers(), ("GET", f"/v1/orders/{CARD_ORDER}/payments"): [(200, under_way)]}
    razorpay_answers(answers)
    browser.post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27"})
    browser.get("/subscribe/pay/")
    response = browser.post("/subscribe/pay/", {"method": "upi"}, follow=True)
    assert "A payment for this subscription is already under way" in response.text
    payment = reader.subscriptions.get().payments.get()
    assert (payment.status, payment.provider_payment_id, payment.checkout_method) == (PaymentStatus.PENDING, CARD_ORDER, "card")


def _nothing_changed(reader, *, attempt_status):
    subscription = reader.subscriptions.get()
    assert subscription.status == S.PENDING
    assert not Payment.objects.filter(status=PaymentStatus.SUCCEEDED).exists()
    assert subscription.payments.get(provider_payment_id=UPI_ORDER).status == attempt_status
    profile = BillingProfile.objects.get(user=reader)
    assert (profile.provider_payment_method_id, profile.payment_method_kind) == ("", "")


@pytest.mark.django_db
def test_a_forged_signature_keeps_no_mandate_and_activates_nothing(browser, reader, razorpay_answers):
    recorded = razorpay_answers(_checkout_answers())
    _choose_upi(browser)
    response = _confirm(browser, signature=_signature(UPI_ORDER, "pay_SomeOtherPay"))
    assert "signature does not match" in response.text
    _nothing_changed(reader, attempt_status=PaymentStatus.PENDING)
    assert TOKEN_PATH not in [path for _, path, _ in recorded.sent]


@pytest.mark.django_db
def test_a_payment_of_another_amount_keeps_no_mandate_and_activates_nothing(browser, reader, razorpay_answers):
    razorpay_answers(_checkout_answers(payment=recorded_body("payment_upi_first.json", amount=100)))
    _choose_upi(browser)
    response = _confirm(browser)
    assert "does not match this subscription" in response.text
    _nothing_changed(reader, attempt_status=PaymentStatus.PENDING)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "max_amount, said",
    [(100_00, "allows ₹100 a payment, less than the ₹900 a renewal costs"), (20_000_00, "more than UPI AutoPay may take")],
    ids=["below the price", "above the limit"],
)
def test_a_mandate_registered_for_another_max_amount_is_not_kept(browser, reader, razorpay_answers, max_amount, said):
    razorpay_answers(_checkout_answers(token=recorded_body("token_upi.json", max_amount=max_amount)))
    _choose_upi(browser)
    response = _confirm(browser)
    assert said in response.text and "the payment will be refunded" in response.text
    # The attempt is given up, so the money Razorpay took is refunded when its capture is reported.
    _nothing_changed(reader, attempt_status=PaymentStatus.FAILED)


@pytest.mark.django_db
def test_a_mandate_the_bank_rejected_at_checkout_is_not_kept(browser, reader, razorpay_answers):
    rejected = recorded_body("token_upi.json", recurring_details={"status": "rejected", "failure_reason": "Mandate declined"})
    razorpay_answers(_checkout_answers(token=rejected))
    _choose_upi(browser)
    assert "did not set up the UPI AutoPay mandate" in _confirm(browser).text
    _nothing_changed(reader, attempt_status=PaymentStatus.PENDING)


# --- After checkout: renewals on the mandate, and a mandate revoked ---------------


@pytest.fixture
def on_upi(db, reader):
    BillingProfile.objects.create(
        user=reader, name="Asha Rao", state_code="29", provider="razorpay", provider_customer_id=CUSTOMER,
        provider_payment_method_id=MANDATE, payment_method_kind="upi",
    )  # fmt: skip
    plan = make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    return services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))


def _renewal_answers(key: str, status: str = "captured") -> RecordedRazorpay:
    """Razorpay's answers to a renewal debited on the mandate: an order, then a recurring payment, ``status``."""
    notes = {"charge_key": key, "description": "Smart Quarterly, term 2"}
    payment = recorded_body("payment_upi_recurring.json", notes=notes, status=status, captured=status == "captured")
    return RecordedRazorpay(
        {
            ("GET", "/v1/orders"): [(200, "orders_none.json")],
            ("GET", f"/v1/customers/{CUSTOMER}"): [(200, "customer.json")],
            ("POST", "/v1/orders"): [(200, "order_upi_renewal.json")],
            ("POST", "/v1/payments/create/recurring"): [(200, "recurring_upi_created.json")],
            ("GET", "/v1/payments/pay_Mu9UpRenew2Pay"): [(200, payment)],
        }
    )


@pytest.mark.django_db
def test_a_renewal_is_announced_a_day_ahead_then_debited_on_the_mandate_as_a_recurring_payment(
    on_upi, reader, mailbox, django_capture_on_commit_callbacks
):
    key = f"masthead-sub{on_upi.pk}-term2-try1"
    recorded = _renewal_answers(key)
    end = on_upi.term_end
    with django_capture_on_commit_callbacks(execute=True):
        assert billing.renewal_notices_send(now=end - timedelta(hours=47)) == 1
    (notice,) = mailbox.for_address(reader.email)
    body = notice.get_body(("plain",)).get_content()
    assert "renews on" in notice["Subject"]
    assert "we will charge ₹900 through the UPI AutoPay mandate you approved" in body

    billing.renewals_charge(now=end + timedelta(minutes=1), provider=RazorpayProvider(session=recorded.session()))
    on_upi.refresh_from_db()
    renewal = Payment.objects.get(charge_key=key)
    assert (renewal.status, renewal.provider_payment_id) == (PaymentStatus.SUCCEEDED, "pay_Mu9UpRenew2Pay")
    assert on_upi.status == S.ACTIVE and on_upi.term_number == 2
    (recurring,) = [sent for _, path, sent in recorded.sent if path == "/v1/payments/create/recurring"]
    assert recurring["token"] == MANDATE and recurring["recurring"] == "1" and recurring["amount"] == 900_00
    assert recurring["order_id"] == "order_Mu9UpRenew2Ord" and recurring["customer_id"] == CUSTOMER


@pytest.mark.django_db
def test_a_mandate_revoked_in_the_readers_upi_app_needs_a_new_way_to_pay(
    client, on_upi, reader, mailbox, razorpay_answers, django_capture_on_commit_callbacks
):
    recorded = razorpay_answers({("GET", TOKEN_PATH): [(200, "token_upi_revoked.json")]})
    body = (RECORDED / "webhook_token_upi_cancelled.json").read_bytes()
    signature = hmac.new(b"razorpay-webhook-secret", body, hashlib.sha256).hexdigest()
    assert json.loads(body)["payload"]["token"]["entity"]["method"] == "upi"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/payments/razorpay/webhook/", body, content_type="application/json", HTTP_X_RAZORPAY_SIGNATURE=signature
        )
    assert response.status_code == 200
    assert WebhookEvent.objects.get().outcome == "applied"
    on_upi.refresh_from_db()
    assert on_upi.status == S.NEEDS_CARD
    assert [path for _, path, _ in recorded.sent] == [TOKEN_PATH]  # the revocation is read back from Razorpay
    assert [m for m in mailbox.for_address(reader.email) if "can no longer be charged" in m["Subject"]]


@pytest.mark.django_db
def test_a_renewal_whose_notice_was_never_sent_is_announced_when_due_and_debited_a_day_later(
    on_upi, reader, mailbox, django_capture_on_commit_callbacks
):
    """UPI AutoPay debits only what was announced at least 24 hours ahead:
    a clock that missed the notice window sends it late and waits."""
    key = f"masthead-sub{on_upi.pk}-term2-try1"
    recorded = _renewal_answers(key)
    provider = RazorpayProvider(session=recorded.session())
    end = on_upi.term_end
    with django_capture_on_commit_callbacks(execute=True):
        assert billing.renewals_charge(now=end + timedelta(minutes=1), provider=provider) == 0
    assert recorded.sent == []
    (notice,) = mailbox.for_address(reader.email)
    assert "through the UPI AutoPay mandate you approved" in notice.get_body(("plain",)).get_content()
    assert billing.renewals_charge(now=end + timedelta(hours=23), provider=provider) == 0
    assert recorded.sent == []
    assert billing.renewals_charge(now=end + timedelta(hours=25), provider=provider) == 1
    on_upi.refresh_from_db()
    assert on_upi.term_number == 2 and Payment.objects.get(charge_key=key).status == PaymentStatus.SUCCEEDED


@pytest.mark.django_db
def test_the_payment_of_a_refused_mandate_is_refunded_when_razorpay_reports_its_capture(
    browser, reader, razorpay_answers, django_capture_on_commit_callbacks
):
    answers = _checkout_answers(token=recorded_body("token_upi.json", max_amount=100_00))
    answers[("GET", f"/v1/payments/{UPI_PAYMENT}")] += [(200, "payment_upi_first.json")]  # re-read for the event
    answers[("GET", f"/v1/payments/{UPI_PAYMENT}/refunds")] = [(200, "refunds_none.json")]
    answers[("POST", f"/v1/payments/{UPI_PAYMENT}/refund")] = [(200, recorded_body("refund.json", payment_id=UPI_PAYMENT))]
    recorded = razorpay_answers(answers)
    _choose_upi(browser)
    _confirm(browser)
    event = {
        "entity": "event", "event": "payment.captured", "contains": ["payment"],
        "payload": {"payment": {"entity": {"id": UPI_PAYMENT, "order_id": UPI_ORDER, "status": "captured", "method": "upi", "notes": []}}},
        "created_at": 1764300470,
    }  # fmt: skip
    body = json.dumps(event).encode()
    signature = hmac.new(b"razorpay-webhook-secret", body, hashlib.sha256).hexdigest()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/payments/razorpay/webhook/", body, content_type="application/json", HTTP_X_RAZORPAY_SIGNATURE=signature)
    extra = Payment.objects.get(provider_payment_id=UPI_PAYMENT)
    assert extra.duplicate and extra.status == PaymentStatus.REFUNDED
    assert ("POST", f"/v1/payments/{UPI_PAYMENT}/refund") in [(method, path) for method, path, _ in recorded.sent]
    assert reader.subscriptions.get().status == S.PENDING
    assert BillingProfile.objects.get(user=reader).provider_payment_method_id == ""


def _token_event(event: str, status: str, created_at: int) -> tuple[bytes, dict]:
    body = json.loads((RECORDED / "webhook_token_upi_cancelled.json").read_text())
    body["event"] = event
    body["created_at"] = created_at
    body["payload"]["token"]["entity"].update(status=status, recurring_details={"status": status, "failure_reason": None})
    raw = json.dumps(body).encode()
    return raw, {"HTTP_X_RAZORPAY_SIGNATURE": hmac.new(b"razorpay-webhook-secret", raw, hashlib.sha256).hexdigest()}


@pytest.mark.django_db
@pytest.mark.parametrize("resumed", [True, False], ids=["resumed", "still paused"])
def test_a_mandate_paused_in_the_upi_app_and_resumed_renews_again(client, on_upi, razorpay_answers, resumed):
    paused = recorded_body("token_upi.json", status="paused", recurring_details={"status": "paused", "failure_reason": None})
    confirmed = recorded_body("token_upi.json")
    razorpay_answers({("GET", TOKEN_PATH): [(200, paused), (200, confirmed if resumed else paused)]})
    for event, status, at in [("token.paused", "paused", 1773000000), ("token.confirmed", "confirmed", 1773086400)]:
        body, headers = _token_event(event, status, at)
        assert client.post("/payments/razorpay/webhook/", body, content_type="application/json", **headers).status_code == 200
    on_upi.refresh_from_db()
    assert on_upi.status == (S.ACTIVE if resumed else S.NEEDS_CARD)
    assert [event.outcome for event in WebhookEvent.objects.order_by("id")] == ["applied", "applied" if resumed else "ignored"]
    if resumed:
        assert on_upi.grace_until is None


@pytest.mark.django_db
def test_a_new_mandate_confirmed_by_the_bank_changes_nothing(client, on_upi, razorpay_answers):
    recorded = razorpay_answers({})
    body, headers = _token_event("token.confirmed", "confirmed", 1764300500)
    assert client.post("/payments/razorpay/webhook/", body, content_type="application/json", **headers).status_code == 200
    on_upi.refresh_from_db()
    assert on_upi.status == S.ACTIVE and WebhookEvent.objects.get().outcome == "ignored"
    assert recorded.sent == []


@pytest.mark.django_db
def test_a_upi_debit_razorpay_completes_later_keeps_the_reader_reading_and_renews_when_captured(
    client, on_upi, razorpay_answers
):
    """A UPI AutoPay debit is not immediate: Razorpay answers the recurring
    payment as created, and reports it captured later (payment.captured)."""
    key = f"masthead-sub{on_upi.pk}-term2-try1"
    end = on_upi.term_end
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    billing.renewals_charge(now=end + timedelta(minutes=1), provider=RazorpayProvider(session=_renewal_answers(key, "created").session()))
    on_upi.refresh_from_db()
    renewal = Payment.objects.get(charge_key=key)
    assert renewal.status == PaymentStatus.PENDING and on_upi.status == S.ACTIVE and on_upi.term_number == 1
    assert on_upi.grants_reading(end + timedelta(days=2))  # reading goes on while the bank debits

    captured = recorded_body("payment_upi_recurring.json", notes={"charge_key": key, "description": "Smart Quarterly, term 2"})
    razorpay_answers({("GET", "/v1/payments/pay_Mu9UpRenew2Pay"): [(200, captured)]})
    event = {
        "entity": "event", "event": "payment.captured", "contains": ["payment"],
        "payload": {"payment": {"entity": {"id": "pay_Mu9UpRenew2Pay", "status": "captured", "method": "upi", "notes": {"charge_key": key}}}},
        "created_at": 1772162560,
    }  # fmt: skip
    body = json.dumps(event).encode()
    signature = hmac.new(b"razorpay-webhook-secret", body, hashlib.sha256).hexdigest()
    assert client.post("/payments/razorpay/webhook/", body, content_type="application/json", HTTP_X_RAZORPAY_SIGNATURE=signature).status_code == 200
    renewal.refresh_from_db()
    on_upi.refresh_from_db()
    assert renewal.status == PaymentStatus.SUCCEEDED and on_upi.term_number == 2 and on_upi.status == S.ACTIVE
