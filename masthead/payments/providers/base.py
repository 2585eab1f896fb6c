"""What Masthead needs from a payment provider, whichever it is.

Adapters turn these calls into the provider's API and units; nothing outside
``providers/`` imports a provider SDK.
"""

from dataclasses import dataclass, field
from typing import Protocol

from masthead.core.errors import MastheadError
from masthead.core.money import Money


class PaymentDeclined(MastheadError):
    code = "payment_declined"


class SignatureInvalid(MastheadError):
    code = "signature_invalid"


class ProviderUnavailable(MastheadError):
    """The provider could not be reached or answered with an error of its own."""

    code = "provider_unavailable"


@dataclass(frozen=True)
class ChargeResult:
    succeeded: bool
    payment_id: str
    message: str = ""


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


@dataclass(frozen=True)
class ProviderEvent:
    """A verified webhook event in provider-neutral terms."""

    id: str
    type: str
    charge_key: str = ""
    payment_id: str = ""
    succeeded: bool | None = None
    message: str = ""
    # For provider-side subscription events: which Masthead subscription, and what happened.
    subscription_ref: str = ""
    subscription_signal: str = ""
    raw: dict = field(default_factory=dict)


class PaymentProvider(Protocol):
    name: str
    collects_first_payment: bool

    def customer(self, *, email: str, name: str, existing_id: str = "") -> str: ...

    def card_setup(self, *, customer_id: str) -> CardSetup: ...

    def saved_method(self, *, setup_id: str) -> SavedMethod: ...

    def charge(self, *, saved: SavedMethod, amount: Money, key: str, description: str) -> ChargeResult:
        """Charge a saved method off-session. ``key`` makes a repeat a no-op."""

    def find_charge(self, *, key: str) -> ChargeResult | None:
        """The outcome of an earlier charge made with ``key``, if the provider has one."""

    def refund(self, *, payment_id: str) -> str: ...

    def verify_webhook(self, *, body: bytes, headers) -> ProviderEvent:
        """Parse an event after checking its signature over the raw body (SignatureInvalid if not)."""
