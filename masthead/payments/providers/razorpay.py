"""Razorpay (India): customers, recurring card/UPI-mandate charges on a saved
token, refunds, and webhooks signed with HMAC-SHA256 over the raw body.

Masthead keeps its own billing clock with Razorpay too: renewals are
off-session recurring payments on the token saved at checkout (an order per
charge, then ``payments/create/recurring``). Razorpay's subscription events
(``subscription.charged``/``.pending``/``.halted``/``.cancelled``) are
understood as well, for accounts that also run Razorpay Subscriptions.
"""

import hashlib
import hmac
import json
import time
from dataclasses import dataclass

import razorpay
import requests
from django.conf import settings

from masthead.core.money import Money

from .base import (
    ChargeResult,
    EventMalformed,
    PaymentDeclined,
    ProviderCharge,
    ProviderEvent,
    ProviderSubscription,
    ProviderUnavailable,
    SavedMethod,
    SignatureInvalid,
    event_object,
)

CAPTURED = "captured"
REFUNDED = "refunded"
# Razorpay subscription states, as Masthead reads them.
SUBSCRIPTION_SIGNALS = {
    "subscription.pending": "renewal_failed",
    "subscription.halted": "renewals_exhausted",
    "subscription.cancelled": "cancelled",
}
# What a Razorpay subscription's own status (re-read from the API) means.
SUBSCRIPTION_STATUS_SIGNALS = {"pending": "renewal_failed", "halted": "renewals_exhausted", "cancelled": "cancelled"}
PAYMENT_EVENTS = {"payment.captured", "payment.failed", "subscription.charged"}
# Money that went back at Razorpay: a refund made in its dashboard, or a
# chargeback (the amount is debited when the dispute opens).
MONEY_RETURNED = {
    "refund.processed": "refunded",
    "payment.dispute.created": "disputed",
    "payment.dispute.lost": "disputed",
}
# A dispute in this phase is an inquiry (a retrieval request): nothing is
# debited unless it becomes a chargeback.
INQUIRY_PHASES = {"retrieval"}
# A saved card or UPI mandate (a token) that can no longer be charged.
TOKEN_DEAD_EVENTS = {"token.cancelled", "token.paused", "token.rejected"}
# A token the bank confirmed: a new mandate, or one the reader resumed.
TOKEN_CONFIRMED_EVENT = "token.confirmed"
# A token's recurring status in which it can be charged.
TOKEN_CHARGEABLE = {"confirmed"}
# A token's recurring status in which it never will be (a new UPI mandate is
# "initiated" until the bank confirms it, which may come after checkout).
TOKEN_DEAD = {"cancelled", "paused", "rejected"}
UPI = "upi"
# A Razorpay payment in one of these has not finished.
UNFINISHED = {"created", "authorized"}
# Razorpay's limit on an order's receipt.
RECEIPT_LENGTH = 40


@dataclass(frozen=True)
class CollectedPayment:
    payment_id: str
    order_id: str
    amount_minor: int
    captured: bool
    message: str
    # False while Razorpay has the payment authorized but not captured yet.
    final: bool = True


class RazorpayProvider:
    name = "razorpay"
    # Razorpay Checkout takes the first payment itself while it sets up the
    # mandate; Masthead then verifies and records it instead of charging.
    collects_first_payment = True
    checkout_js_url = "https://checkout.razorpay.com/v1/checkout.js"

    checkout_template = "subscriptions/pay_razorpay.html"

    @property
    def public_key(self) -> str:
        """The key the reader's browser may see."""
        return settings.RAZORPAY_KEY_ID

    @classmethod
    def configured(cls) -> bool:
        return bool(settings.RAZORPAY_KEY_ID and settings.RAZORPAY_KEY_SECRET and settings.RAZORPAY_WEBHOOK_SECRET)

    @classmethod
    def webhook_secret_problem(cls) -> str:
        return "" if settings.RAZORPAY_WEBHOOK_SECRET else "RAZORPAY_WEBHOOK_SECRET is empty"

    def __init__(self, *, session=None):
        self.client = razorpay.Client(
            auth=(settings.RAZORPAY_KEY_ID, settings.RAZORPAY_KEY_SECRET),
            session=session,
            **({"base_url": settings.RAZORPAY_API_BASE} if settings.RAZORPAY_API_BASE else {}),
        )

    def customer(self, *, email: str, name: str, existing_id: str = "") -> str:
        if existing_id:
            return existing_id
        with _provider_errors():
            # fail_existing=0 returns the customer Razorpay already has for this e-mail.
            return self.client.customer.create({"name": name, "email": email, "fail_existing": "0"})["id"]

    def card_setup(self, *, customer_id: str, reuse_setup_id: str = ""):
        raise ProviderUnavailable(message="Razorpay saves a card only with a first payment (checkout_order).")

    def checkout_order(
        self, *, customer_id: str, amount: Money, key: str, description: str, mandate_years: int = 10,
        mandate_max: Money | None = None, method: str = "",
    ) -> str:
        """An order for the first payment that also registers a recurring mandate
        (token) for charges up to ``mandate_max`` (the later terms' price, when a
        token-price trial is paid now, or a UPI AutoPay mandate's headroom), or
        the amount paid now. With ``method`` ("card" or "upi") Razorpay
        Checkout offers only that way to pay for it."""
        max_amount = max(amount.minor, mandate_max.minor if mandate_max else 0)
        fields = {
            "amount": amount.minor,
            "currency": amount.currency,
            "customer_id": customer_id,
            "receipt": key[:RECEIPT_LENGTH],
            "payment_capture": 1,
            "notes": {"charge_key": key, "description": description},
            "token": {
                "max_amount": max_amount,
                "expire_at": int(time.time()) + mandate_years * 365 * 24 * 3600,
                "frequency": "as_presented",
            },
        }
        if method:
            fields["method"] = method
        with _provider_errors():
            order = self.client.order.create(fields)
        return order["id"]

    def checkout_order_paying(self, *, order_id: str) -> bool:
        """Whether a payment on a checkout's order is under way or made (the
        reader paid it in another tab, or their UPI app is still approving
        it): such an order is not given up for another way to pay."""
        with _provider_errors():
            payments = self.client.order.payments(order_id).get("items", [])
        return any(payment.get("status") in UNFINISHED | {CAPTURED} for payment in payments)

    def collected_payment(self, *, payment_id: str) -> CollectedPayment:
        with _provider_errors():
            payment = self.client.payment.fetch(payment_id)
        return CollectedPayment(
            payment_id=payment["id"],
            order_id=payment.get("order_id") or "",
            amount_minor=int(payment.get("amount") or 0),
            captured=payment.get("status") == CAPTURED,
            message=payment.get("error_description") or "",
            final=payment.get("status") not in UNFINISHED,
        )

    def saved_method_from_checkout(self, *, order_id: str, payment_id: str, signature: str) -> SavedMethod:
        """After Razorpay Checkout: verify its signature, then keep the mandate token."""
        try:
            self.client.utility.verify_payment_signature(
                {"razorpay_order_id": order_id, "razorpay_payment_id": payment_id, "razorpay_signature": signature}
            )
        except razorpay.errors.SignatureVerificationError as error:
            raise SignatureInvalid(message="The Razorpay payment signature does not match.") from error
        with _provider_errors():
            payment = self.client.payment.fetch(payment_id)
        if not payment.get("token_id") or not payment.get("customer_id"):
            raise PaymentDeclined(message="The payment did not set up automatic renewal. Please try again.")
        # The mandate is what the reader's bank registered: its limit is read
        # from the token itself, not from the order we asked for.
        with _provider_errors():
            token = self.client.token.fetch(payment["customer_id"], payment["token_id"])
        max_amount = token.get("max_amount")
        max_amount = max_amount if _whole_number(max_amount) else None
        if payment.get("method") != UPI:
            # A card token without a limit of its own: None, and the caller
            # keeps the max_amount its order asked for.
            return SavedMethod(customer_id=payment["customer_id"], payment_method_id=payment["token_id"], mandate_max_minor=max_amount)
        recurring = token.get("recurring_details") or {}
        if token.get("customer_id", payment["customer_id"]) != payment["customer_id"] or recurring.get("status") in TOKEN_DEAD:
            raise PaymentDeclined(message="Your bank did not set up the UPI AutoPay mandate. Please try again.")
        return SavedMethod(
            customer_id=payment["customer_id"], payment_method_id=payment["token_id"], kind=UPI, mandate_max_minor=max_amount or 0
        )

    def saved_method(self, *, setup_id: str) -> SavedMethod:
        try:
            fields = json.loads(setup_id)
            order_id, payment_id, signature = (
                str(fields[name]) for name in ("razorpay_order_id", "razorpay_payment_id", "razorpay_signature")
            )
        except (ValueError, TypeError, KeyError) as error:
            raise PaymentDeclined(message="Those payment details are not Razorpay's. Please try again.") from error
        return self.saved_method_from_checkout(order_id=order_id, payment_id=payment_id, signature=signature)

    def charge(self, *, saved: SavedMethod, amount: Money, key: str, description: str) -> ChargeResult:
        """Razorpay takes no idempotency key, so the key is kept on the order
        (receipt and notes) made before the payment: a repeat finds that order
        and answers with the payment already made on it, never a second one."""
        notes = {"charge_key": key, "description": description}
        order, earlier = self._charged_with_key(key)
        if earlier is not None:
            return _result(earlier)
        try:
            customer = self.client.customer.fetch(saved.customer_id)
            order = order or self.client.order.create(
                {"amount": amount.minor, "currency": amount.currency, "receipt": key[:RECEIPT_LENGTH], "notes": notes, "payment_capture": 1}
            )
            payment = self.client.payment.createRecurring(
                {
                    "email": customer["email"],
                    "contact": customer.get("contact") or "",
                    "amount": amount.minor,
                    "currency": amount.currency,
                    "order_id": order["id"],
                    "customer_id": saved.customer_id,
                    "token": saved.payment_method_id,
                    "recurring": "1",
                    "description": description,
                    "notes": notes,
                }
            )
            # A recurring payment is confirmed asynchronously: captured later
            # (payment.captured by webhook) unless Razorpay already captured it.
            status = self.client.payment.fetch(payment["razorpay_payment_id"]) if "razorpay_payment_id" in payment else payment
        except razorpay.errors.BadRequestError as error:
            return ChargeResult(succeeded=False, payment_id="", message=str(error) or "The payment was declined.")
        except (razorpay.errors.ServerError, razorpay.errors.GatewayError, requests.RequestException) as error:
            raise ProviderUnavailable(message=str(error)) from error
        return _result(status)

    def find_charge(self, *, key: str) -> ChargeResult | None:
        _, payment = self._charged_with_key(key)
        return _result(payment) if payment is not None else None

    def _charged_with_key(self, key: str) -> tuple[dict | None, dict | None]:
        """The order made for ``key`` and the payment made on it (each None if there is none).

        Orders are found by their receipt, however old, and must carry the
        whole key in their notes (a receipt holds only its first 40
        characters). A captured payment counts before failed attempts."""
        try:
            orders = self.client.order.all({"receipt": key[:RECEIPT_LENGTH]}).get("items", [])
            ours = [order for order in orders if str(_notes(order).get("charge_key", "")) == key]
            payments = [payment for order in ours for payment in self.client.order.payments(order["id"]).get("items", [])]
        except (razorpay.errors.BadRequestError, razorpay.errors.ServerError, razorpay.errors.GatewayError, requests.RequestException) as error:
            raise ProviderUnavailable(message=str(error)) from error
        if not ours:
            return None, None
        if not payments:
            return ours[0], None
        return ours[0], max(payments, key=lambda payment: (payment.get("status") == CAPTURED, payment.get("created_at") or 0))

    def charge_lookup(self, *, payment_id: str) -> ProviderCharge | None:
        if not payment_id.startswith("pay_"):
            return None
        try:
            payment = self.client.payment.fetch(payment_id)
        except razorpay.errors.BadRequestError:
            return None
        except (razorpay.errors.ServerError, razorpay.errors.GatewayError, requests.RequestException) as error:
            raise ProviderUnavailable(message=str(error)) from error
        status = payment.get("status")
        return ProviderCharge(
            payment_id=payment["id"],
            order_id=payment.get("order_id") or "",
            charge_key=(payment.get("notes") or {}).get("charge_key", ""),
            amount=Money(int(payment.get("amount") or 0), payment.get("currency") or "INR"),
            customer_id=payment.get("customer_id") or "",
            succeeded=None if status in UNFINISHED else _taken(payment),
            message=payment.get("error_description") or "",
            refunded=status == REFUNDED and _taken(payment),
        )

    def subscription_lookup(self, *, subscription_id: str) -> ProviderSubscription | None:
        """Re-read a Razorpay subscription before acting on an event about it."""
        try:
            subscription = self.client.subscription.fetch(subscription_id)
        except razorpay.errors.BadRequestError:
            return None
        except (razorpay.errors.ServerError, razorpay.errors.GatewayError, requests.RequestException) as error:
            raise ProviderUnavailable(message=str(error)) from error
        return ProviderSubscription(
            id=subscription["id"],
            customer_id=subscription.get("customer_id") or "",
            subscription_ref=str((subscription.get("notes") or {}).get("masthead_subscription", "")),
            signal=SUBSCRIPTION_STATUS_SIGNALS.get(subscription.get("status"), ""),
        )

    def saved_method_usable(self, *, customer_id: str, payment_method_id: str) -> bool:
        """Whether a saved token (card or UPI mandate) can still be charged:
        re-read at Razorpay, its recurring status confirmed."""
        try:
            token = self.client.token.fetch(customer_id, payment_method_id)
        except razorpay.errors.BadRequestError:
            return False  # no such token for this customer
        except (razorpay.errors.ServerError, razorpay.errors.GatewayError, requests.RequestException) as error:
            raise ProviderUnavailable(message=str(error)) from error
        recurring = token.get("recurring_details") or {}
        return token.get("customer_id", customer_id) == customer_id and recurring.get("status") in TOKEN_CHARGEABLE

    def refund(self, *, payment_id: str, key: str = "", amount: Money | None = None) -> str:
        """One refund per charge, however often asked: Razorpay takes no
        idempotency key, so a refund the payment already has is the answer.

        With ``amount``, that much is refunded: what an upgrade's credit left
        of the charge, or the rest after a part refund made in Razorpay's
        dashboard. The caller has just read the refunds (refunded_minor)
        under the payment's lock, and a rest already sent would have been
        counted there, so nothing is read again."""
        body = {"notes": {"charge_key": key}} if key else {}
        with _provider_errors():
            if amount is not None:
                return self.client.payment.refund(payment_id, {**body, "amount": amount.minor})["id"]
            earlier = self.client.payment.fetch_multiple_refund(payment_id).get("items", [])
            if earlier:
                return earlier[0]["id"]
            return self.client.payment.refund(payment_id, body)["id"]

    def refunded_minor(self, *, payment_id: str) -> int:
        """What Razorpay already gave back of a payment (a refund made in its
        dashboard, say), in paise."""
        with _provider_errors():
            refunds = self.client.payment.fetch_multiple_refund(payment_id).get("items", [])
        return sum(int(refund.get("amount") or 0) for refund in refunds)

    def verify_webhook(self, *, body: bytes, headers) -> ProviderEvent:
        secret = settings.RAZORPAY_WEBHOOK_SECRET
        if not secret:
            # HMAC with an empty key is a signature anyone can compute.
            raise SignatureInvalid(message="Razorpay webhooks are not set up here.")
        expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, headers.get("X-Razorpay-Signature", "")):
            raise SignatureInvalid(message="The Razorpay signature does not match.")
        return _event(body)


def _event(body: bytes) -> ProviderEvent:
    """A signed body in provider-neutral terms; EventMalformed when its shape is not Razorpay's."""
    payload = event_object(body, provider="Razorpay")
    if not isinstance(payload.get("event"), str):  # every Razorpay event is named
        raise EventMalformed(message="The event is not a Razorpay event object.")
    # Stored once by what was signed: the X-Razorpay-Event-Id header is not
    # covered by the signature, so a captured body resent under a new id
    # would otherwise be a new event. Razorpay's own retries send the same body.
    event_id = f"{payload.get('event')}:{hashlib.sha256(body).hexdigest()[:40]}"
    event_type = payload.get("event", "")
    payment, subscription = _entity(payload, "payment"), _entity(payload, "subscription")
    charge_key = str(_notes(payment).get("charge_key", ""))
    order_id = str(payment.get("order_id") or "")
    if event_type in PAYMENT_EVENTS and (charge_key or order_id):
        # A payment taken by Razorpay Checkout carries no notes of ours, but
        # its order does: the order names the payment row.
        return ProviderEvent(
            id=event_id,
            type=event_type,
            charge_key=charge_key,
            order_id=order_id,
            payment_id=str(payment.get("id", "")),
            succeeded=event_type != "payment.failed",
            message=str(payment.get("error_description") or ""),
            raw=payload,
        )
    dispute = _entity(payload, "dispute")
    if event_type == "payment.dispute.created" and dispute.get("phase") in INQUIRY_PHASES:
        note = f"An inquiry about {dispute.get('payment_id') or payment.get('id')}: nothing was debited, nothing is recorded."
        return ProviderEvent(id=event_id, type=event_type, staff_note=note, raw=payload)
    if event_type == "payment.dispute.won":
        note = (
            f"A dispute about {dispute.get('payment_id') or payment.get('id')} was won and the money came back; "
            "Masthead keeps the payment refunded and the term ended (see the payment's credit note)."
        )
        return ProviderEvent(id=event_id, type=event_type, staff_note=note, raw=payload)
    if event_type in MONEY_RETURNED:
        returned = _entity(payload, "refund") if event_type == "refund.processed" else _entity(payload, "dispute")
        amount = returned.get("amount")
        if event_type == "refund.processed" and _whole_number(payment.get("amount_refunded")):
            # The payment's running total, as Stripe's charge.refunded gives:
            # a charge given back in two refunds is whole on the second.
            amount = payment["amount_refunded"]
        return ProviderEvent(
            id=event_id,
            type=event_type,
            charge_key=charge_key,
            payment_id=str(returned.get("payment_id") or payment.get("id") or ""),
            order_id=order_id,
            customer_id=str(payment.get("customer_id") or ""),
            money_returned=MONEY_RETURNED[event_type],
            returned_minor=amount if _whole_number(amount) else None,
            raw=payload,
        )
    if event_type in TOKEN_DEAD_EVENTS or event_type == TOKEN_CONFIRMED_EVENT:
        token = _entity(payload, "token")
        token_id = str(token.get("id") or "")
        dead = event_type in TOKEN_DEAD_EVENTS
        return ProviderEvent(
            id=event_id,
            type=event_type,
            unusable_method_id=token_id if dead else "",
            usable_method_id="" if dead else token_id,
            customer_id=str(token.get("customer_id") or ""),
            raw=payload,
        )
    if event_type in SUBSCRIPTION_SIGNALS:
        return ProviderEvent(
            id=event_id,
            type=event_type,
            subscription_ref=str(_notes(subscription).get("masthead_subscription", "")),
            subscription_signal=SUBSCRIPTION_SIGNALS[event_type],
            provider_subscription_id=str(subscription.get("id", "")),
            raw=payload,
        )
    return ProviderEvent(id=event_id, type=event_type, raw=payload)


def _whole_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _entity(payload: dict, name: str) -> dict:
    entities = payload.get("payload")
    wrapper = entities.get(name) if isinstance(entities, dict) else None
    entity = wrapper.get("entity") if isinstance(wrapper, dict) else None
    if wrapper is not None and not isinstance(entity, dict):
        raise EventMalformed(message=f"The event's {name} is not an object.")
    return entity or {}


def _notes(entity: dict) -> dict:
    notes = entity.get("notes")
    return notes if isinstance(notes, dict) else {}


def _taken(payment: dict) -> bool:
    """Whether the money was taken: captured, or captured and refunded since
    (status "refunded" with ``captured`` set; an authorised payment never
    captured is refunded by Razorpay too, and that one took nothing)."""
    status = payment.get("status")
    return status == CAPTURED or (status == REFUNDED and payment.get("captured") is True)


def _result(payment: dict) -> ChargeResult:
    return ChargeResult(
        succeeded=_taken(payment),
        payment_id=payment.get("id", ""),
        message=payment.get("error_description") or "",
        final=payment.get("status") not in UNFINISHED,
    )


class _provider_errors:
    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if isinstance(error, razorpay.errors.BadRequestError):
            raise PaymentDeclined(message=str(error)) from error
        if isinstance(error, (razorpay.errors.ServerError, razorpay.errors.GatewayError, requests.RequestException)):
            raise ProviderUnavailable(message=str(error)) from error
        return False
