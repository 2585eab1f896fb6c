"""Stripe, over real HTTP with the official SDK.

In development and tests the API base points at localstripe, a stateful fake
Stripe server; in production it is left empty and the SDK talks to Stripe.
Amounts go to Stripe in minor units, as Masthead keeps them.
"""

from urllib.parse import urlsplit

import stripe
from django.conf import settings

from masthead.core.money import Money

from .base import (
    CardSetup,
    ChargeResult,
    EventMalformed,
    PaymentDeclined,
    ProviderCharge,
    ProviderEvent,
    ProviderUnavailable,
    SavedMethod,
    SignatureInvalid,
    event_object,
)

SUCCEEDED = "succeeded"
# A PaymentIntent in one of these has not finished: nothing to settle yet.
UNFINISHED = {"processing", "requires_action", "requires_confirmation", "requires_capture"}
# A SetupIntent in one of these can still take the card the reader types.
SETUP_OPEN = {"requires_payment_method", "requires_confirmation", "requires_action"}
# The webhook secret `make run` shares with localstripe: known to anyone.
DEVELOPMENT_WEBHOOK_SECRETS = {"whsec_localstripe"}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class StripeProvider:
    name = "stripe"
    # Stripe saves the card first (SetupIntent); Masthead then takes the payment.
    collects_first_payment = False

    checkout_template = "subscriptions/pay.html"

    @property
    def public_key(self) -> str:
        """The key the reader's browser may see."""
        return settings.STRIPE_PUBLISHABLE_KEY

    @classmethod
    def configured(cls) -> bool:
        return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY and settings.STRIPE_WEBHOOK_SECRET)

    @classmethod
    def webhook_secret_problem(cls) -> str:
        secret = settings.STRIPE_WEBHOOK_SECRET
        if not secret:
            return "STRIPE_WEBHOOK_SECRET is empty"
        local_fake = urlsplit(settings.STRIPE_API_BASE).hostname in LOOPBACK
        if secret in DEVELOPMENT_WEBHOOK_SECRETS and (settings.PRODUCTION or not local_fake):
            return "STRIPE_WEBHOOK_SECRET is the development default, which anyone can sign with"
        return ""

    def __init__(self):
        options = {"max_network_retries": 2}
        if settings.STRIPE_API_BASE:
            options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
        self.client = stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)

    def customer(self, *, email: str, name: str, existing_id: str = "") -> str:
        if existing_id:
            return existing_id
        with _provider_errors():
            return self.client.v1.customers.create(params={"email": email, "name": name}).id

    def card_setup(self, *, customer_id: str, reuse_setup_id: str = "") -> CardSetup:
        with _provider_errors():
            intent = self._open_setup(customer_id, reuse_setup_id) or self.client.v1.setup_intents.create(
                params={"customer": customer_id, "payment_method_types": ["card"], "usage": "off_session"}
            )
        return CardSetup(
            customer_id=customer_id,
            setup_id=intent.id,
            client_secret=intent.client_secret,
            publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
            js_url=settings.STRIPE_JS_URL,
        )

    def _open_setup(self, customer_id: str, setup_id: str):
        """The reader's earlier SetupIntent, if it is theirs and can still take a card."""
        if not setup_id:
            return None
        try:
            intent = self.client.v1.setup_intents.retrieve(setup_id)
        except stripe.InvalidRequestError:
            return None
        if intent.customer != customer_id or intent.status not in SETUP_OPEN:
            return None
        return intent

    def saved_method(self, *, setup_id: str) -> SavedMethod:
        with _provider_errors():
            intent = self.client.v1.setup_intents.retrieve(setup_id)
        if intent.status != SUCCEEDED or not intent.payment_method:
            raise PaymentDeclined(message="The card could not be saved. Please check it and try again.")
        method_id = intent.payment_method if isinstance(intent.payment_method, str) else intent.payment_method.id
        with _provider_errors():
            method = self.client.v1.payment_methods.retrieve(method_id)
            if not method.customer:
                self.client.v1.payment_methods.attach(method_id, params={"customer": intent.customer})
        card = getattr(method, "card", None)
        fingerprint = (getattr(card, "fingerprint", "") or "") if card else ""
        return SavedMethod(customer_id=intent.customer, payment_method_id=method_id, fingerprint=fingerprint)

    def charge(self, *, saved: SavedMethod, amount: Money, key: str, description: str) -> ChargeResult:
        try:
            intent = self.client.v1.payment_intents.create(
                params={
                    "amount": amount.minor,
                    "currency": amount.currency.lower(),
                    "customer": saved.customer_id,
                    "payment_method": saved.payment_method_id,
                    "confirm": True,
                    "off_session": True,
                    # (localstripe refuses "description"; metadata carries it.)
                    "metadata": {"charge_key": key, "description": description},
                },
                options={"idempotency_key": key},
            )
        except stripe.CardError as error:
            return ChargeResult(succeeded=False, payment_id="", message=error.user_message or "Your card was declined.")
        except stripe.InvalidRequestError as error:
            # The saved card is gone at Stripe (removed, or its customer
            # deleted): retrying the same request can never succeed.
            return ChargeResult(
                succeeded=False, payment_id="", message=f"Your saved card can no longer be charged ({error.user_message or error.code or 'unknown card'})."
            )
        except stripe.StripeError as error:
            raise ProviderUnavailable(message=str(error)) from error
        return ChargeResult(succeeded=intent.status == SUCCEEDED, payment_id=intent.id, message=_failure(intent))

    def find_charge(self, *, key: str) -> ChargeResult | None:
        with _provider_errors():
            for intent in self.client.v1.payment_intents.list(params={"limit": 100}).auto_paging_iter():
                if metadata_of(intent).get("charge_key") == key:
                    return ChargeResult(succeeded=intent.status == SUCCEEDED, payment_id=intent.id, message=_failure(intent))
        return None

    def charge_lookup(self, *, payment_id: str) -> ProviderCharge | None:
        if not payment_id.startswith("pi_"):
            return None
        try:
            intent = self.client.v1.payment_intents.retrieve(payment_id)
        except stripe.InvalidRequestError:
            return None
        except stripe.StripeError as error:
            raise ProviderUnavailable(message=str(error)) from error
        customer = intent.customer if isinstance(intent.customer, str) or intent.customer is None else intent.customer.id
        return ProviderCharge(
            payment_id=intent.id,
            charge_key=metadata_of(intent).get("charge_key", ""),
            amount=Money(intent.amount, intent.currency.upper()),
            customer_id=customer or "",
            succeeded=None if intent.status in UNFINISHED else intent.status == SUCCEEDED,
            message=_failure(intent),
        )

    def refund(self, *, payment_id: str, key: str = "", amount: Money | None = None) -> str:
        """The whole charge, or ``amount`` of it: what an upgrade's credit
        left of it, or the rest after a part refund made in Stripe's
        dashboard (refunded_minor)."""
        params = {"payment_intent": payment_id}
        # Keyed by the charge itself: one refund per charge, however often asked.
        options = {"idempotency_key": f"refund-{payment_id}"}
        if amount is not None:
            params["amount"] = amount.minor
            options = {"idempotency_key": f"refund-{payment_id}-{amount.minor}"}
        with _provider_errors():
            return self.client.v1.refunds.create(params=params, options=options).id

    def refunded_minor(self, *, payment_id: str) -> int:
        """What Stripe already gave back of a payment intent's charge (a
        refund made in its dashboard, say), in minor units."""
        with _provider_errors():
            refunds = self.client.v1.refunds.list(params={"payment_intent": payment_id, "limit": 100})
            return sum(refund.amount for refund in refunds.auto_paging_iter() if refund.status in ("succeeded", "pending"))

    def saved_method_usable(self, *, customer_id: str, payment_method_id: str) -> bool:
        """Whether a saved card can still be charged for ``customer_id``: it
        is still attached to that customer (a detached card cannot be charged off-session)."""
        with _provider_errors():
            try:
                method = self.client.v1.payment_methods.retrieve(payment_method_id)
            except stripe.InvalidRequestError:
                return False  # no such card any more
        attached = method.customer if isinstance(method.customer, str) or method.customer is None else method.customer.id
        return bool(attached) and attached == customer_id

    def verify_webhook(self, *, body: bytes, headers) -> ProviderEvent:
        if not settings.STRIPE_WEBHOOK_SECRET:
            # An empty key is a key anyone can sign with.
            raise SignatureInvalid(message="Stripe webhooks are not set up here.")
        try:
            stripe.WebhookSignature.verify_header(
                body, headers.get("Stripe-Signature", ""), settings.STRIPE_WEBHOOK_SECRET, stripe.Webhook.DEFAULT_TOLERANCE
            )
        except (ValueError, stripe.SignatureVerificationError) as error:
            raise SignatureInvalid(message="The Stripe signature does not match.") from error
        return _event(body)


# Money that went back at Stripe: a refund made in its dashboard, or a
# chargeback (Stripe takes the money back when the dispute opens, unless it is
# an inquiry, below, and says so with charge.dispute.funds_withdrawn).
MONEY_RETURNED = {
    "charge.refunded": "refunded",
    "charge.dispute.created": "disputed",
    "charge.dispute.funds_withdrawn": "disputed",
}
# A dispute in one of these is an inquiry: the card holder's bank asks, and no
# funds are withdrawn unless it turns into a dispute (funds_withdrawn then).
INQUIRY = {"warning_needs_response", "warning_under_review", "warning_closed"}


def _event(body: bytes) -> ProviderEvent:
    """A signed body in provider-neutral terms; EventMalformed when its shape is not Stripe's."""
    payload = event_object(body, provider="Stripe")
    if not isinstance(payload.get("id"), str) or not isinstance(payload.get("type"), str):
        raise EventMalformed(message="The event is not a Stripe event object.")
    data = payload.get("data", {})
    obj = data.get("object", {}) if isinstance(data, dict) else None
    if not isinstance(obj, dict):
        raise EventMalformed(message="The event's data.object is not an object.")
    metadata, error = obj.get("metadata") or {}, obj.get("last_payment_error") or {}
    if not isinstance(metadata, dict) or not isinstance(error, dict):
        raise EventMalformed(message="The event's object is not in Stripe's shape.")
    if payload["type"] in {"payment_intent.succeeded", "payment_intent.payment_failed"}:
        return ProviderEvent(
            id=payload["id"],
            type=payload["type"],
            charge_key=str(metadata.get("charge_key", "")),
            payment_id=str(obj.get("id", "")),
            succeeded=payload["type"] == "payment_intent.succeeded",
            message=str(error.get("message") or ""),
            raw=payload,
        )
    note = _dispute_note(payload["type"], obj)
    if note:
        return ProviderEvent(id=payload["id"], type=payload["type"], staff_note=note, raw=payload)
    if payload["type"] in MONEY_RETURNED:
        # A charge (refunded) or a dispute about one: either names the
        # payment intent the charge was made for, which Masthead recorded.
        intent = obj.get("payment_intent")
        returned = obj.get("amount_refunded") if payload["type"] == "charge.refunded" else obj.get("amount")
        return ProviderEvent(
            id=payload["id"],
            type=payload["type"],
            charge_key=str(metadata.get("charge_key", "")),
            payment_id=intent if isinstance(intent, str) else "",
            customer_id=obj.get("customer") if isinstance(obj.get("customer"), str) else "",
            money_returned=MONEY_RETURNED[payload["type"]],
            returned_minor=returned if isinstance(returned, int) and not isinstance(returned, bool) else None,
            raw=payload,
        )
    if payload["type"] == "payment_method.detached":
        # The card's customer is gone from the object once it is detached;
        # Stripe names the one it had among the changed attributes.
        before = data.get("previous_attributes") if isinstance(data, dict) else None
        customer = before.get("customer") if isinstance(before, dict) else None
        return ProviderEvent(
            id=payload["id"],
            type=payload["type"],
            unusable_method_id=str(obj.get("id") or ""),
            customer_id=customer if isinstance(customer, str) else "",
            raw=payload,
        )
    return ProviderEvent(id=payload["id"], type=payload["type"], raw=payload)


def _dispute_note(event_type: str, obj: dict) -> str:
    """Why a dispute event moved no money Masthead records ("" when it did).

    A won dispute is not undone: the payment stays refunded and the term
    ended (a reader who wants to read again subscribes again)."""
    status, intent = obj.get("status"), obj.get("payment_intent")
    if event_type in {"charge.dispute.created", "charge.dispute.updated"} and status in INQUIRY:
        return f"An inquiry about {intent} ({status}): no money was withdrawn, nothing is recorded."
    if event_type == "charge.dispute.funds_reinstated" or (event_type == "charge.dispute.closed" and status == "won"):
        return (
            f"A dispute about {intent} was won and the money came back; Masthead keeps the payment "
            "refunded and the term ended (see the payment's credit note)."
        )
    return ""


def metadata_of(obj) -> dict:
    metadata = getattr(obj, "metadata", None)
    return metadata.to_dict() if hasattr(metadata, "to_dict") else dict(metadata or {})


def _failure(intent) -> str:
    error = getattr(intent, "last_payment_error", None)
    if not error:
        return ""
    return error.get("message", "") if isinstance(error, dict) else getattr(error, "message", "") or ""


class _provider_errors:
    """SDK errors become ProviderUnavailable, except a declined card."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if isinstance(error, stripe.CardError):
            raise PaymentDeclined(message=error.user_message or "Your card was declined.") from error
        if isinstance(error, stripe.StripeError):
            raise ProviderUnavailable(message=str(error)) from error
        return False
