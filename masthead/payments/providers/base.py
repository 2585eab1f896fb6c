"""What Masthead needs from a payment provider, whichever it is.

Adapters turn these calls into the provider's API and units; nothing outside
``providers/`` imports a provider SDK.
"""

import json
import math
from dataclasses import dataclass, field
from typing import Protocol

from masthead.core.errors import MastheadError
from masthead.core.money import Money


class PaymentDeclined(MastheadError):
    code = "payment_declined"


class SignatureInvalid(MastheadError):
    code = "signature_invalid"


class EventMalformed(MastheadError):
    """A correctly signed event whose body Masthead cannot read."""

    code = "event_malformed"


class ProviderDisabled(MastheadError):
    """The provider is not set up here (keys or webhook secret missing)."""

    code = "provider_disabled"


class ProviderUnavailable(MastheadError):
    """The provider could not be reached or answered with an error of its own."""

    code = "provider_unavailable"


def event_object(body: bytes, *, provider: str) -> dict:
    """A signed webhook body as the JSON object every provider sends;
    EventMalformed (a 400, nothing stored) for anything else, including what
    Python reads but no database stores (NaN, Infinity, a NUL character) and
    nesting too deep to read."""
    if b"\\u0000" in body:
        raise EventMalformed(message="The event holds a NUL character.")
    try:
        payload = json.loads(body, parse_constant=_not_a_number, parse_float=_finite)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise EventMalformed(message="The event is not JSON.") from error
    if not isinstance(payload, dict):
        raise EventMalformed(message=f"The event is not a {provider} event object.")
    return payload


def _not_a_number(constant: str):
    raise ValueError(f"{constant} is not JSON")


def _finite(text: str) -> float:
    number = float(text)
    if math.isinf(number):
        raise ValueError(f"{text} is too large")
    return number


@dataclass(frozen=True)
class ChargeResult:
    succeeded: bool
    payment_id: str
    message: str = ""
    # False when the provider has not decided yet (a recurring payment it
    # captures later): the payment stays pending and a webhook settles it.
    final: bool = True


@dataclass(frozen=True)
class CardSetup:
    """What the payment page needs to collect a card for later charges."""

    customer_id: str
    setup_id: str
    client_secret: str
    publishable_key: str
    js_url: str


@dataclass(frozen=True)
class SavedMethod:
    customer_id: str
    payment_method_id: str
    # The provider that saved it, which is the one that can charge it.
    provider: str = ""
    # The provider's fingerprint of the card (the same card saved by two
    # customers has one fingerprint); "" where the provider gives none.
    fingerprint: str = ""
    # "upi" for a UPI AutoPay mandate, "card" or "" for a card.
    kind: str = ""
    # The most the mandate lets the provider debit at a time, where it says (paise).
    mandate_max_minor: int | None = None


@dataclass(frozen=True)
class ProviderCharge:
    """A charge as the provider's own API reports it, re-read before money moves."""

    payment_id: str
    charge_key: str
    amount: Money
    customer_id: str
    # True: the money was taken; False: it was not; None: not final yet.
    succeeded: bool | None
    order_id: str = ""
    message: str = ""
    # Taken and then given back in full at the provider (a refund made in its
    # dashboard before Masthead read the charge): paid, then refunded.
    refunded: bool = False


@dataclass(frozen=True)
class ProviderSubscription:
    """A provider-side subscription (Razorpay Subscriptions) as its API reports it."""

    id: str
    customer_id: str
    subscription_ref: str
    signal: str


@dataclass(frozen=True)
class ProviderEvent:
    """A verified webhook event in provider-neutral terms.

    Nothing here is trusted to move money: it only says which provider object
    to re-read (``payment_id``, ``provider_subscription_id``)."""

    id: str
    type: str
    charge_key: str = ""
    payment_id: str = ""
    order_id: str = ""
    succeeded: bool | None = None
    message: str = ""
    # For provider-side subscription events: which Masthead subscription, and what happened.
    subscription_ref: str = ""
    subscription_signal: str = ""
    provider_subscription_id: str = ""
    # The provider says a saved card or mandate (``method_id``, saved for the
    # customer ``customer_id``) can no longer be charged: re-read before anything changes.
    unusable_method_id: str = ""
    # The provider says a saved mandate can be charged again (a UPI mandate the
    # reader paused in their UPI app and resumed): re-read before anything changes.
    usable_method_id: str = ""
    customer_id: str = ""
    # Money given back at the provider (a refund made there, or a chargeback
    # the card holder raised): "refunded" or "disputed", for the charge
    # ``payment_id`` (and ``charge_key``, when the event carries it), of
    # ``returned_minor`` (None: the whole charge, as far as the event says).
    money_returned: str = ""
    returned_minor: int | None = None
    # An event about money that moved none Masthead records (a dispute
    # inquiry, a dispute won): stored as ignored with this sentence for staff.
    staff_note: str = ""
    raw: dict = field(default_factory=dict)

    @property
    def moves_money(self) -> bool:
        return self.succeeded is not None


class PaymentProvider(Protocol):
    name: str
    collects_first_payment: bool

    @classmethod
    def configured(cls) -> bool:
        """Keys and webhook secret are all set: only then is the provider enabled."""

    @classmethod
    def webhook_secret_problem(cls) -> str:
        """Why the webhook secret cannot be trusted here ("" when it can)."""

    def customer(self, *, email: str, name: str, existing_id: str = "") -> str: ...

    def card_setup(self, *, customer_id: str, reuse_setup_id: str = "") -> CardSetup:
        """A card form for ``customer_id``; the setup ``reuse_setup_id`` again if it can still take a card."""

    def saved_method(self, *, setup_id: str) -> SavedMethod: ...

    def charge(self, *, saved: SavedMethod, amount: Money, key: str, description: str) -> ChargeResult:
        """Charge a saved method off-session. ``key`` makes a repeat a no-op."""

    def find_charge(self, *, key: str) -> ChargeResult | None:
        """The outcome of an earlier charge made with ``key``, if the provider has one."""

    def charge_lookup(self, *, payment_id: str) -> ProviderCharge | None:
        """Re-read one charge from the provider's API (None if it has no such charge)."""

    def refund(self, *, payment_id: str, key: str = "", amount: Money | None = None) -> str:
        """Give back ``amount`` of the charge (all of it when None), once
        however often asked. A provider that can say what it already gave
        back (``refunded_minor(payment_id=...)``, optional) is asked that
        first by payment_refund, which then sends only the rest."""
        ...

    def verify_webhook(self, *, body: bytes, headers) -> ProviderEvent:
        """Parse an event after checking its signature over the raw body (SignatureInvalid if not)."""
