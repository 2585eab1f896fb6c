"""A Razorpay reader fixes their renewals from the card link in one step.

Razorpay registers a new recurring token (card, or UPI AutoPay mandate) only
with a payment made in Razorpay Checkout on an order carrying a ``token``
block, so the card page opens such an order: the unpaid renewal when one is
owed (paying it renews the subscription), else Razorpay's ₹1 authorisation,
which Masthead refunds at once.

Razorpay's servers cannot be reached from here. The responses are the
recorded bodies in masthead/testing/recorded/ (shapes Razorpay documents for
orders, payments, tokens and refunds), changed per test with recorded_body;
signatures are real HMAC-SHA256, computed and verified as Razorpay does.
Razorpay Checkout's own script is not run: its answer is posted as the
browser would.
"""

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from masthead.invoicing.models import Invoice
from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.providers.base import ChargeResult
from masthead.payments.services import payment_attempt_open, payment_settle
from masthead.subscriptions import billing, cardlinks, services
from masthead.subscriptions.models import EventReason, SubscriptionStatus
from masthead.subscriptions.plan_changes import plan_change_refusal
from masthead.subscriptions.states import subscription_move
from masthead.testing.razorpay import recorded_body
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus
CUSTOMER = "cust_Mr7yTzS3Xn1uKc"
OLD_TOKEN = "token_Mr7yX9k8J7h6G5"
NEW_TOKEN = "token_Ns2NewCard7Tk"
ORDER = "order_Ns1CardLink01"
PAYMENT = "pay_Ns1CardLinkPay1"
TOKEN_PATH = f"/v1/customers/{CUSTOMER}/tokens/{NEW_TOKEN}"
WEBHOOK = "/payments/razorpay/webhook/"
NONE_YET = {"entity": "collection", "count": 0, "items": []}


@pytest.fixture(autouse=True)
def mailbox(smtp, jobs_inline, razorpay_site):
    """A Razorpay site, its mail read from a real SMTP server."""
    return smtp


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="asha", email="asha@example.test", password="a long password here")


@pytest.fixture
def subscription(db, reader):
    """A Razorpay reader renewing quarterly with a saved card token."""
    BillingProfile.objects.create(
        user=reader, name="Asha Rao", state_code="29", provider="razorpay", provider_customer_id=CUSTOMER,
        provider_payment_method_id=OLD_TOKEN,
    )  # fmt: skip
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    return services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))


def _renewal_declined(subscription):
    """The term ended two days ago and the clock's charge of the renewal was declined: past due."""
    subscription.term_end = timezone.now() - timedelta(days=2)
    subscription.save(update_fields=["term_end"])
    attempt, _ = payment_attempt_open(
        subscription=subscription, term_number=2, amount=subscription.renewal_price, provider_name="razorpay", attempt=1,
        customer_id=CUSTOMER,
    )  # fmt: skip
    payment_settle(payment_id=attempt.pk, result=ChargeResult(succeeded=False, payment_id="", message="Card expired"))
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE
    return subscription


@pytest.fixture
def past_due(subscription):
    return _renewal_declined(subscription)


@pytest.fixture
def browser(reader):
    client = Client()
    client.force_login(reader)
    return client


def _link(subscription) -> str:
    return f"/account/card/?{cardlinks.PARAMETER}={cardlinks.card_link_token(subscription=subscription)}"


def _signature(order_id: str, payment_id: str) -> str:
    return hmac.new(b"razorpay-key-secret", f"{order_id}|{payment_id}".encode(), hashlib.sha256).hexdigest()


def _paid(amount: int, **changes) -> dict:
    return recorded_body("payment_first.json", id=PAYMENT, order_id=ORDER, amount=amount, token_id=NEW_TOKEN, **changes)


def _answers(*, amount: int, payment=None, token=None, order=None, extra=None) -> dict:
    payment = payment or _paid(amount)
    return {
        ("POST", "/v1/orders"): [(200, order or recorded_body("order_first.json", id=ORDER, amount=amount))],
        ("GET", f"/v1/payments/{PAYMENT}"): [(200, payment)] * 6,
        ("GET", TOKEN_PATH): [(200, token or recorded_body("token_card.json", id=NEW_TOKEN))] * 3,
        **(extra or {}),
    }


def _answer(browser, *, order_id=ORDER, payment_id=PAYMENT, signature=None):
    """What Razorpay Checkout's handler posts back to the card page."""
    return browser.post(
        "/account/card/",
        {"razorpay_order_id": order_id, "razorpay_payment_id": payment_id, "razorpay_signature": signature or _signature(order_id, payment_id)},
        follow=True,
    )


def _captured_webhook(browser, payment: dict):
    body = json.dumps(
        {"entity": "event", "event": "payment.captured", "payload": {"payment": {"entity": payment}}, "created_at": 1764400000}
    ).encode()
    return browser.post(
        WEBHOOK, body, content_type="application/json",
        HTTP_X_RAZORPAY_SIGNATURE=hmac.new(b"razorpay-webhook-secret", body, hashlib.sha256).hexdigest(),
    )  # fmt: skip


def _orders(recorded) -> list[dict]:
    return [sent for method, path, sent in recorded.sent if (method, path) == ("POST", "/v1/orders")]


def _charged_recurring(recorded) -> bool:
    return any(path.endswith("/recurring") for _, path, _ in recorded.sent)


# --- A renewal is owed: the order is the renewal --------------------------------------


@pytest.mark.django_db
def test_an_owed_renewal_is_paid_once_from_the_card_link_and_the_new_card_renews_from_then_on(
    browser, past_due, razorpay_answers
):
    recorded = razorpay_answers(_answers(amount=900_00))
    page = browser.get(_link(past_due)).text
    assert f'data-order-id="{ORDER}"' in page and 'data-amount="90000"' in page and "Pay ₹900" in page
    assert "Your Smart Quarterly renewal is unpaid" in page
    (order,) = _orders(recorded)
    assert order["amount"] == 900_00 and order["customer_id"] == CUSTOMER and order["method"] == "card"
    assert order["token"]["max_amount"] == 900_00
    assert order["notes"]["charge_key"] == f"masthead-sub{past_due.pk}-term2-try2"

    response = _answer(browser)
    assert "Your new card is saved. Paid: ₹900" in response.text
    # A second click on the same answer, and Razorpay's own webhook for the capture.
    again = _answer(browser)
    assert "Your new card is saved" in again.text
    assert _captured_webhook(browser, _paid(900_00)).status_code < 500

    past_due.refresh_from_db()
    assert past_due.status == S.ACTIVE and past_due.term_number == 2 and past_due.grace_until is None
    (paid,) = Payment.objects.filter(subscription=past_due, status=PaymentStatus.SUCCEEDED)
    assert (paid.term_number, paid.attempt, paid.provider_payment_id, paid.duplicate) == (2, 2, PAYMENT, False)
    assert Invoice.objects.filter(payment__subscription=past_due).count() == 1
    profile = BillingProfile.objects.get(user=past_due.user)
    assert (profile.provider_payment_method_id, profile.mandate_max_minor) == (NEW_TOKEN, 900_00)
    # The clock finds the term paid: nothing is charged again.
    billing.billing_clock_tick(now=timezone.now() + timedelta(days=3))
    assert not _charged_recurring(recorded)
    assert Payment.objects.filter(subscription=past_due, status=PaymentStatus.SUCCEEDED).count() == 1


@pytest.mark.django_db
def test_the_webhook_first_then_the_readers_answer_renews_once_and_keeps_the_new_card(browser, past_due, razorpay_answers):
    razorpay_answers(_answers(amount=900_00))
    browser.get(_link(past_due))
    assert _captured_webhook(browser, _paid(900_00)).status_code == 200
    past_due.refresh_from_db()
    assert past_due.status == S.ACTIVE and past_due.term_number == 2
    assert "Your new card is saved" in _answer(browser).text
    assert BillingProfile.objects.get(user=past_due.user).provider_payment_method_id == NEW_TOKEN
    assert Payment.objects.filter(subscription=past_due, status=PaymentStatus.SUCCEEDED).count() == 1
    assert Invoice.objects.filter(payment__subscription=past_due).count() == 1


@pytest.mark.django_db
def test_the_owed_order_is_priced_as_the_clock_would_charge_a_scheduled_plan_change(browser, past_due, razorpay_answers):
    yearly = make_plan(name="Smart Yearly", slug="smart-yearly", price_minor=3_000_00, term_months=12)
    past_due.next_plan, past_due.next_price_minor = yearly, 2_700_00  # the price frozen when it was scheduled
    past_due.save(update_fields=["next_plan", "next_price_minor"])
    assert past_due.renewal_price.minor == 2_700_00
    recorded = razorpay_answers(_answers(amount=2_700_00))
    assert "Pay ₹2,700" in browser.get(_link(past_due)).text
    (order,) = _orders(recorded)
    assert order["amount"] == 2_700_00 and order["token"]["max_amount"] == 2_700_00
    _answer(browser)
    past_due.refresh_from_db()
    assert (past_due.status, past_due.plan, past_due.term_number) == (S.ACTIVE, yearly, 2)
    assert Payment.objects.get(subscription=past_due, status=PaymentStatus.SUCCEEDED).amount_minor == 2_700_00


@pytest.mark.django_db
def test_the_clock_retrying_while_the_reader_pays_the_order_charges_the_term_once(browser, past_due, razorpay_answers):
    paying = {"entity": "collection", "count": 1, "items": [_paid(900_00, status="authorized", captured=False)]}
    recorded = razorpay_answers(_answers(amount=900_00, extra={("GET", f"/v1/orders/{ORDER}/payments"): [(200, paying)]}))
    browser.get(_link(past_due))
    # The clock's retry day comes while the reader's payment on the order is under way.
    assert billing.renewal_retries(now=timezone.now() + timedelta(days=1)) == 0
    assert not _charged_recurring(recorded)
    _answer(browser)
    billing.renewal_retries(now=timezone.now() + timedelta(days=1))
    past_due.refresh_from_db()
    assert past_due.status == S.ACTIVE and past_due.term_number == 2
    assert Payment.objects.filter(subscription=past_due, status=PaymentStatus.SUCCEEDED).count() == 1
    assert not _charged_recurring(recorded)


@pytest.mark.django_db
def test_an_order_the_reader_left_unpaid_is_given_up_and_the_clock_retries_the_saved_card(browser, past_due, razorpay_answers):
    recorded = razorpay_answers(
        _answers(
            amount=900_00,
            extra={
                ("GET", f"/v1/orders/{ORDER}/payments"): [(200, NONE_YET)],
                ("GET", "/v1/orders"): [(200, "orders_none.json")],
                ("GET", f"/v1/customers/{CUSTOMER}"): [(200, "customer.json")],
                ("POST", "/v1/payments/create/recurring"): [(200, "recurring_created.json")],
                ("GET", "/v1/payments/pay_Mr7zQ9w8E7r6T5"): [(200, "payment_captured.json")],
            },
        )
    )
    recorded.responses[("POST", "/v1/orders")].append((200, "order.json"))
    browser.get(_link(past_due))
    assert billing.renewal_retries(now=timezone.now() + timedelta(days=1)) == 1
    left = Payment.objects.get(subscription=past_due, provider_payment_id=ORDER)
    assert (left.status, left.failure_message) == (PaymentStatus.FAILED, "Not paid: the renewal was retried with the saved card.")
    (recurring,) = [sent for _, path, sent in recorded.sent if path == "/v1/payments/create/recurring"]
    assert recurring["token"] == OLD_TOKEN
    past_due.refresh_from_db()
    assert past_due.status == S.ACTIVE and past_due.term_number == 2
    assert Payment.objects.filter(subscription=past_due, status=PaymentStatus.SUCCEEDED).count() == 1


@pytest.mark.django_db
def test_a_clock_retry_in_flight_is_not_doubled_by_the_card_page(browser, past_due, razorpay_answers):
    recorded = razorpay_answers({})
    payment_attempt_open(subscription=past_due, term_number=2, amount=past_due.renewal_price, provider_name="razorpay")
    response = browser.get(_link(past_due), follow=True)
    assert "being processed" in response.text
    assert _orders(recorded) == []
    past_due.refresh_from_db()
    assert past_due.status == S.PAST_DUE


@pytest.mark.django_db
def test_a_reader_waiting_for_a_card_after_their_term_pays_the_renewal_from_the_link(browser, subscription, razorpay_answers):
    subscription.term_end = timezone.now() - timedelta(days=1)
    subscription.save(update_fields=["term_end"])
    subscription_move(
        subscription=subscription, to=S.NEEDS_CARD, reason=EventReason.CARD_UNUSABLE,
        grace_until=timezone.now() + timedelta(days=6),
    )  # fmt: skip
    razorpay_answers(_answers(amount=900_00))
    assert "Pay ₹900" in browser.get(_link(subscription)).text
    assert "Paid: ₹900" in _answer(browser).text
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 2
    assert Invoice.objects.filter(payment__subscription=subscription).count() == 1


# --- Nothing is owed: ₹1, refunded at once ------------------------------------------


def _refund_answers() -> dict:
    return {
        ("GET", f"/v1/payments/{PAYMENT}/refunds"): [(200, NONE_YET)],
        ("POST", f"/v1/payments/{PAYMENT}/refund"): [(200, recorded_body("refund.json", amount=100, payment_id=PAYMENT))],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.ACTIVE, S.NEEDS_CARD])
def test_with_nothing_owed_one_rupee_registers_the_new_card_and_is_refunded_at_once(
    browser, subscription, razorpay_answers, status, django_capture_on_commit_callbacks, mailbox
):
    if status == S.NEEDS_CARD:
        subscription_move(subscription=subscription, to=S.NEEDS_CARD, reason=EventReason.CARD_UNUSABLE, grace_until=subscription.term_end)
    term_end = subscription.term_end
    recorded = razorpay_answers(_answers(amount=100, extra=_refund_answers()))
    page = browser.get(_link(subscription)).text
    assert 'data-amount="100"' in page and "Razorpay takes <strong>₹1</strong>, which we refund to you at once" in page
    (order,) = _orders(recorded)
    assert order["amount"] == 100 and order["token"]["max_amount"] == 900_00 and order["method"] == "card"

    with django_capture_on_commit_callbacks(execute=True):
        response = _answer(browser)
        _answer(browser)  # a second click
    assert "Your new card is saved. The ₹1 that authorised it is refunded to you." in response.text
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 1 and subscription.term_end == term_end
    (authorisation,) = Payment.objects.filter(subscription=subscription, amount_minor=100)
    assert authorisation.status == PaymentStatus.REFUNDED and authorisation.duplicate
    assert "buys nothing" in authorisation.note
    refunds = [sent for method, path, sent in recorded.sent if (method, path) == ("POST", f"/v1/payments/{PAYMENT}/refund")]
    assert refunds == [{"notes": {"charge_key": authorisation.charge_key}, "amount": 100}]
    assert not Invoice.objects.filter(payment__subscription=subscription).exists()
    profile = BillingProfile.objects.get(user=subscription.user)
    assert (profile.provider_payment_method_id, profile.mandate_max_minor) == (NEW_TOKEN, 900_00)
    (mail,) = [mail for mail in mailbox.for_address(subscription.user.email) if "refunded" in mail["Subject"]]
    assert mail["Subject"] == "Masthead has refunded the ₹1 that authorised your new card"
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert "You paid ₹1 to authorise a new card for the renewals" in body and "charged twice" not in body


@pytest.mark.django_db
def test_the_clock_retrying_a_renewal_whose_card_link_order_razorpay_failed_to_make_charges_it_as_its_own(
    browser, past_due, razorpay_answers
):
    """The card page wrote the renewal's attempt, then Razorpay erred making
    its order; the reader left. The clock's retry day takes the attempt over
    and charges the saved card: from then on it is the clock's charge, not an
    order the card page would offer the reader."""
    server_error = {"error": {"code": "SERVER_ERROR", "description": "The server encountered an error."}}
    recorded = razorpay_answers(
        {
            ("POST", "/v1/orders"): [(500, server_error), (200, "order.json")],
            ("GET", "/v1/orders"): [(200, "orders_none.json")],
            ("GET", f"/v1/customers/{CUSTOMER}"): [(200, "customer.json")],
            ("POST", "/v1/payments/create/recurring"): [(200, "recurring_created.json")],
            ("GET", "/v1/payments/pay_Mr7zQ9w8E7r6T5"): [(200, "payment_captured.json")] * 2,
        }
    )
    assert "Payments are unavailable just now" in browser.get(_link(past_due), follow=True).text
    (left,) = Payment.objects.filter(subscription=past_due, status=PaymentStatus.PENDING)
    assert (left.provider_payment_id, left.checkout_method, left.claimed_at) == ("", "card", None)

    assert billing.renewal_retries(now=timezone.now() + timedelta(days=1)) == 1
    left.refresh_from_db()
    assert (left.status, left.checkout_method) == (PaymentStatus.SUCCEEDED, "")
    assert [sent["token"] for _, path, sent in recorded.sent if path.endswith("/recurring")] == [OLD_TOKEN]
    past_due.refresh_from_db()
    assert past_due.status == S.ACTIVE and past_due.term_number == 2


@pytest.mark.django_db
def test_an_order_razorpay_failed_to_make_is_made_at_the_renewal_price_of_the_readers_next_view(
    browser, past_due, razorpay_answers
):
    server_error = {"error": {"code": "SERVER_ERROR", "description": "The server encountered an error."}}
    recorded = razorpay_answers(
        {("POST", "/v1/orders"): [(500, server_error), (200, recorded_body("order_first.json", id=ORDER, amount=2_700_00))]}
    )
    assert "Payments are unavailable just now" in browser.get(_link(past_due), follow=True).text
    (left,) = Payment.objects.filter(subscription=past_due, status=PaymentStatus.PENDING)
    # Before the reader comes back, the renewal's price changes: a plan switch scheduled for it.
    yearly = make_plan(name="Smart Yearly", slug="smart-yearly", price_minor=3_000_00, term_months=12)
    past_due.next_plan, past_due.next_price_minor = yearly, 2_700_00
    past_due.save(update_fields=["next_plan", "next_price_minor"])

    assert "Pay ₹2,700" in browser.get("/account/card/").text
    assert _orders(recorded)[-1]["amount"] == 2_700_00
    left.refresh_from_db()
    assert left.status == PaymentStatus.FAILED and "never made" in left.failure_message
    waiting = Payment.objects.get(subscription=past_due, status=PaymentStatus.PENDING)
    assert (waiting.provider_payment_id, waiting.amount_minor) == (ORDER, 2_700_00)


@pytest.mark.django_db
def test_the_authorisation_captured_only_by_webhook_is_refunded_too(
    browser, subscription, razorpay_answers, django_capture_on_commit_callbacks
):
    recorded = razorpay_answers(_answers(amount=100, extra=_refund_answers()))
    browser.get(_link(subscription))
    with django_capture_on_commit_callbacks(execute=True):
        assert _captured_webhook(browser, _paid(100)).status_code == 200
    authorisation = Payment.objects.get(subscription=subscription, amount_minor=100)
    assert authorisation.status == PaymentStatus.REFUNDED
    assert any(path == f"/v1/payments/{PAYMENT}/refund" for _, path, _ in recorded.sent)
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 1


# --- Refused answers change nothing ---------------------------------------------------


def _nothing_changed(subscription, *, order_status=PaymentStatus.PENDING):
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE and subscription.term_number == 1
    assert not Payment.objects.filter(subscription=subscription, status=PaymentStatus.SUCCEEDED).exists()
    assert Payment.objects.get(subscription=subscription, attempt=2).status == order_status
    assert BillingProfile.objects.get(user=subscription.user).provider_payment_method_id == OLD_TOKEN


@pytest.mark.django_db
def test_a_forged_signature_keeps_nothing(browser, past_due, razorpay_answers):
    recorded = razorpay_answers(_answers(amount=900_00))
    browser.get(_link(past_due))
    response = _answer(browser, signature=_signature(ORDER, "pay_SomeOtherPay"))
    assert "signature does not match" in response.text
    _nothing_changed(past_due)
    assert TOKEN_PATH not in [path for _, path, _ in recorded.sent]


@pytest.mark.django_db
def test_a_payment_of_another_amount_keeps_nothing(browser, past_due, razorpay_answers):
    razorpay_answers(_answers(amount=900_00, payment=_paid(100)))
    browser.get(_link(past_due))
    assert "does not match this order" in _answer(browser).text
    _nothing_changed(past_due)


@pytest.mark.django_db
def test_another_readers_order_keeps_nothing(browser, past_due, razorpay_answers, django_user_model):
    other = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="a long password here")
    BillingProfile.objects.create(user=other, name="Ravi", state_code="29", provider="razorpay", provider_customer_id="cust_Ravi0000000001")
    plan = make_plan(name="Smart Monthly", slug="smart-monthly", price_minor=300_00, term_months=1)
    theirs = _renewal_declined(services.subscription_activate(subscription=services.subscription_begin(user=other, plan=plan)))
    razorpay_answers(_answers(amount=900_00, payment=_paid(300_00, customer_id="cust_Ravi0000000001")))
    browser.get(_link(past_due))
    Payment.objects.filter(subscription=theirs, attempt=1).update(provider_payment_id="order_Ravi000000001")
    response = _answer(browser, order_id="order_Ravi000000001")
    assert "not for your subscription" in response.text
    _nothing_changed(past_due)
    theirs.refresh_from_db()
    assert theirs.status == S.PAST_DUE


@pytest.mark.django_db
def test_a_new_card_registered_for_another_customer_keeps_nothing(browser, past_due, razorpay_answers):
    theirs = recorded_body("token_card.json", id=NEW_TOKEN, customer_id="cust_Ravi0000000001")
    razorpay_answers(
        _answers(
            amount=900_00, payment=_paid(900_00, customer_id="cust_Ravi0000000001"),
            extra={("GET", f"/v1/customers/cust_Ravi0000000001/tokens/{NEW_TOKEN}"): [(200, theirs)]},
        )  # fmt: skip
    )
    browser.get(_link(past_due))
    assert "was not registered on your card page" in _answer(browser).text
    _nothing_changed(past_due)


UPI_ORDER_BODY = recorded_body("order_upi.json", id=ORDER)


@pytest.mark.django_db
def test_a_upi_mandate_with_too_small_a_limit_is_not_kept(browser, past_due, razorpay_answers):
    upi_payment = recorded_body("payment_upi_first.json", id=PAYMENT, order_id=ORDER, token_id=NEW_TOKEN)
    small = recorded_body("token_upi.json", id=NEW_TOKEN, max_amount=500_00)
    recorded = razorpay_answers(
        {
            # The third is the reader's next try, shown once this one is refused.
            ("POST", "/v1/orders"): [
                (200, recorded_body("order_first.json", id="order_Ns1CardFirst1")), (200, UPI_ORDER_BODY),
                (200, recorded_body("order_upi.json", id="order_Ns1UpiNextTry")),
            ],
            ("GET", "/v1/orders/order_Ns1CardFirst1/payments"): [(200, NONE_YET)],
            ("GET", f"/v1/payments/{PAYMENT}"): [(200, upi_payment)] * 2,
            ("GET", TOKEN_PATH): [(200, small)],
        }
    )
    browser.get(_link(past_due))
    assert browser.post("/account/card/", {"method": "upi"}).status_code == 302
    page = browser.get("/account/card/").text
    assert f'data-order-id="{ORDER}"' in page and 'data-method="upi"' in page
    upi_order = _orders(recorded)[1]
    assert upi_order["method"] == "upi" and upi_order["token"]["max_amount"] == 1_800_00
    response = _answer(browser)
    assert "allows ₹500 a payment, less than the ₹900 a renewal costs" in response.text
    past_due.refresh_from_db()
    assert past_due.status == S.PAST_DUE
    assert not Payment.objects.filter(subscription=past_due, status=PaymentStatus.SUCCEEDED).exists()
    assert BillingProfile.objects.get(user=past_due.user).provider_payment_method_id == OLD_TOKEN


# --- The mandate's limit, kept ------------------------------------------------------------


@pytest.mark.django_db
def test_a_upi_mandate_kept_from_the_link_records_the_limit_the_bank_registered(browser, past_due, razorpay_answers):
    upi_payment = recorded_body("payment_upi_first.json", id=PAYMENT, order_id=ORDER, token_id=NEW_TOKEN)
    razorpay_answers(
        {
            ("POST", "/v1/orders"): [(200, recorded_body("order_first.json", id="order_Ns1CardFirst1")), (200, UPI_ORDER_BODY)],
            ("GET", "/v1/orders/order_Ns1CardFirst1/payments"): [(200, NONE_YET)],
            ("GET", f"/v1/payments/{PAYMENT}"): [(200, upi_payment)] * 2,
            ("GET", TOKEN_PATH): [(200, recorded_body("token_upi.json", id=NEW_TOKEN, max_amount=1_800_00))],
        }
    )
    browser.get(_link(past_due))
    browser.post("/account/card/", {"method": "upi"})
    assert "Your new UPI AutoPay mandate is saved. Paid: ₹900" in _answer(browser).text
    profile = BillingProfile.objects.get(user=past_due.user)
    assert (profile.provider_payment_method_id, profile.payment_method_kind, profile.mandate_max_minor) == (NEW_TOKEN, "upi", 1_800_00)


@pytest.mark.django_db
def test_the_stored_mandate_limit_allows_a_plan_change_up_to_it_and_refuses_above(subscription):
    within = make_plan(name="Smart Half-yearly", slug="smart-half", price_minor=1_700_00, term_months=6)
    above = make_plan(name="Smart Yearly", slug="smart-yearly", price_minor=3_000_00, term_months=12)
    now = timezone.now()
    # Saved before limits were kept: the subscription's own price stands in.
    assert "at most ₹900 a charge" in plan_change_refusal(subscription=subscription, plan=within, now=now)
    BillingProfile.objects.filter(user=subscription.user).update(mandate_max_minor=1_800_00)
    assert plan_change_refusal(subscription=subscription, plan=within, now=now) is None
    assert "at most ₹1,800 a charge, so Smart Yearly (₹3,000) cannot be charged" in plan_change_refusal(
        subscription=subscription, plan=above, now=now
    )
