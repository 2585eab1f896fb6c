"""An in-memory payment provider for tests that need no payment server.

It keeps the promises the real adapters keep (payments/tests/test_contract.py
holds all three to them): a charge key charges once, a declined card is an
answer and not an exception, a charge is re-read from the provider's own
records, and a webhook is believed only with an HMAC-SHA256 signature over
its raw body. Its flow is Stripe's: a card form (setup) is confirmed with a
test card number, saved, then charged off-session.

It is never one of the registry's built-in adapters; tests register it (the
``fake_provider`` fixture in masthead/testing/plugin.py). Its state lives in the
module-level ``store``, which ``fake_store_reset`` empties.
"""

import hashlib
import hmac
import json
import threading
from dataclasses import dataclass, field
from itertools import count

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
)

# Test cards, numbered as Stripe's: the first always pays; the second saves
# fine and every charge on it is declined (a renewal that should fail).
GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000341"
TEST_CARDS = {GOOD_CARD, DECLINED_CARD}
DECLINED_MESSAGE = "Your card was declined."

# The setting that holds the webhook secret, and the secret the tests use.
WEBHOOK_SECRET_SETTING = "FAKE_PAYMENT_WEBHOOK_SECRET"
TEST_WEBHOOK_SECRET = "fake-webhook-secret"
SIGNATURE_HEADER = "Fake-Signature"
PUBLIC_KEY = "pk_fake"
CHARGE_EVENTS = {"charge.succeeded": True, "charge.failed": False}


@dataclass
class FakeSetup:
    id: str
    customer_id: str
    client_secret: str
    payment_method_id: str = ""

    @property
    def open(self) -> bool:
        return not self.payment_method_id


@dataclass(frozen=True)
class FakeMethod:
    id: str
    customer_id: str
    card_number: str


@dataclass
class FakeCharge:
    id: str
    key: str
    amount: Money
    customer_id: str
    payment_method_id: str
    description: str
    succeeded: bool
    message: str = ""
    refund_ids: list[str] = field(default_factory=list)

    @property
    def result(self) -> ChargeResult:
        return ChargeResult(succeeded=self.succeeded, payment_id=self.id, message=self.message)


@dataclass(frozen=True)
class FakeRefund:
    id: str
    payment_id: str
    key: str
    amount: Money


@dataclass
class FakeStore:
    """Everything the fake provider knows, as a payment server would keep it."""

    customers: dict[str, dict] = field(default_factory=dict)
    setups: dict[str, FakeSetup] = field(default_factory=dict)
    methods: dict[str, FakeMethod] = field(default_factory=dict)
    charges: dict[str, FakeCharge] = field(default_factory=dict)
    refunds: dict[str, FakeRefund] = field(default_factory=dict)
    # True: every call fails as an unreachable provider would.
    unavailable: bool = False
    _numbers: count = field(default_factory=lambda: count(1))
    # Calls may come from several threads at once (race tests); a key must still charge once.
    lock: threading.RLock = field(default_factory=threading.RLock)

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_fake{next(self._numbers)}"

    def charges_with_key(self, key: str) -> list[FakeCharge]:
        return [charge for charge in self.charges.values() if charge.key == key]

    def charge_with_key(self, key: str) -> FakeCharge | None:
        return next(iter(self.charges_with_key(key)), None)

    def refunds_of(self, payment_id: str) -> list[FakeRefund]:
        return [refund for refund in self.refunds.values() if refund.payment_id == payment_id]

    def reset(self) -> None:
        with self.lock:
            for records in (self.customers, self.setups, self.methods, self.charges, self.refunds):
                records.clear()
            self.unavailable = False


store = FakeStore()


def fake_store_reset() -> None:
    """Forget every customer, card, charge and refund (between tests). The
    store is emptied in place, so a test holding it sees the reset."""
    store.reset()


def confirm_card(setup_id: str, number: str) -> None:
    """What the provider's card form does in the reader's browser: save the
    card into the setup. A number that is not a test card is refused, and the
    setup stays open."""
    with store.lock:
        setup = store.setups.get(setup_id)
        if setup is None or not setup.open:
            raise PaymentDeclined(message="That card form has expired. Please reload the page.")
        if number not in TEST_CARDS:
            raise PaymentDeclined(message="Your card number is incorrect.")
        method = FakeMethod(id=store.new_id("pm"), customer_id=setup.customer_id, card_number=number)
        store.methods[method.id] = method
        setup.payment_method_id = method.id


def charge_event(payment_id: str, *, event_id: str = "") -> dict:
    """The event the provider sends when a charge settles."""
    charge = store.charges[payment_id]
    return fake_event(
        event_type="charge.succeeded" if charge.succeeded else "charge.failed",
        payment_id=charge.id,
        charge_key=charge.key,
        message=charge.message,
        event_id=event_id,
    )


def fake_event(*, event_type: str, payment_id: str = "", charge_key: str = "", message: str = "", event_id: str = "") -> dict:
    return {
        "id": event_id or store.new_id("evt"),
        "type": event_type,
        "data": {"payment_id": payment_id, "charge_key": charge_key, "message": message},
    }


def webhook_signature(body: bytes, *, secret: str | None = None) -> str:
    """The signature the provider puts on ``body``: hex HMAC-SHA256 with the webhook secret."""
    key = getattr(settings, WEBHOOK_SECRET_SETTING, "") if secret is None else secret
    return hmac.new(key.encode(), body, hashlib.sha256).hexdigest()


def signed_event(event: dict, *, secret: str | None = None) -> tuple[bytes, dict[str, str]]:
    """A webhook body and the headers the provider sends with it (for the
    test client, pass them as ``headers=``)."""
    body = json.dumps(event).encode()
    return body, {SIGNATURE_HEADER: webhook_signature(body, secret=secret)}


class FakeProvider:
    name = "fake"
    # Like Stripe: the card is saved first, then Masthead takes the payment.
    collects_first_payment = False
    checkout_template = "subscriptions/pay.html"

    @property
    def public_key(self) -> str:
        return PUBLIC_KEY

    @property
    def store(self) -> FakeStore:
        return store

    @classmethod
    def configured(cls) -> bool:
        return bool(getattr(settings, WEBHOOK_SECRET_SETTING, ""))

    @classmethod
    def webhook_secret_problem(cls) -> str:
        return "" if getattr(settings, WEBHOOK_SECRET_SETTING, "") else f"{WEBHOOK_SECRET_SETTING} is empty"

    def customer(self, *, email: str, name: str, existing_id: str = "") -> str:
        if existing_id:
            return existing_id
        with self._reachable():
            customer_id = store.new_id("cus")
            store.customers[customer_id] = {"email": email, "name": name}
            return customer_id

    def card_setup(self, *, customer_id: str, reuse_setup_id: str = "") -> CardSetup:
        with self._reachable():
            if customer_id not in store.customers:
                raise ProviderUnavailable(message=f"No such customer: {customer_id!r}.")
            setup = store.setups.get(reuse_setup_id)
            if setup is None or setup.customer_id != customer_id or not setup.open:
                setup_id = store.new_id("seti")
                setup = FakeSetup(id=setup_id, customer_id=customer_id, client_secret=f"{setup_id}_secret")
                store.setups[setup.id] = setup
        return CardSetup(
            customer_id=customer_id,
            setup_id=setup.id,
            client_secret=setup.client_secret,
            publishable_key=PUBLIC_KEY,
            js_url="",
        )

    def saved_method(self, *, setup_id: str) -> SavedMethod:
        with self._reachable():
            setup = store.setups.get(setup_id)
            if setup is None or setup.open:
                raise PaymentDeclined(message="The card could not be saved. Please check it and try again.")
            number = store.methods[setup.payment_method_id].card_number
            fingerprint = hashlib.sha256(number.encode()).hexdigest()[:16]
            return SavedMethod(customer_id=setup.customer_id, payment_method_id=setup.payment_method_id, fingerprint=fingerprint)

    def charge(self, *, saved: SavedMethod, amount: Money, key: str, description: str) -> ChargeResult:
        with self._reachable():
            earlier = store.charge_with_key(key)
            if earlier is not None:
                if (earlier.amount, earlier.customer_id, earlier.payment_method_id) != (
                    amount, saved.customer_id, saved.payment_method_id,
                ):  # fmt: skip
                    # As Stripe refuses an idempotency key reused with other parameters.
                    raise ProviderUnavailable(message=f"The charge key {key!r} was used for another charge.")
                return earlier.result
            method = store.methods.get(saved.payment_method_id)
            if method is None or method.customer_id != saved.customer_id:
                raise ProviderUnavailable(message=f"No such card {saved.payment_method_id!r} for this customer.")
            declined = method.card_number == DECLINED_CARD
            charge = FakeCharge(
                id=store.new_id("pay"),
                key=key,
                amount=amount,
                customer_id=saved.customer_id,
                payment_method_id=method.id,
                description=description,
                succeeded=not declined,
                message=DECLINED_MESSAGE if declined else "",
            )
            store.charges[charge.id] = charge
            return charge.result

    def find_charge(self, *, key: str) -> ChargeResult | None:
        with self._reachable():
            earlier = store.charge_with_key(key)
            return earlier.result if earlier is not None else None

    def charge_lookup(self, *, payment_id: str) -> ProviderCharge | None:
        with self._reachable():
            charge = store.charges.get(payment_id)
            if charge is None:
                return None
            return ProviderCharge(
                payment_id=charge.id,
                charge_key=charge.key,
                amount=charge.amount,
                customer_id=charge.customer_id,
                succeeded=charge.succeeded,
                message=charge.message,
            )

    def refund(self, *, payment_id: str, key: str = "", amount: Money | None = None) -> str:
        with self._reachable():
            charge = store.charges.get(payment_id)
            if charge is None:
                raise ProviderUnavailable(message=f"No such charge: {payment_id!r}.")
            if charge.refund_ids:
                # One refund per charge, however often asked (the real adapters key it so).
                return charge.refund_ids[0]
            if not charge.succeeded:
                raise ProviderUnavailable(message="Cannot refund a failed payment.")
            refund = FakeRefund(
                id=store.new_id("re"), payment_id=payment_id, key=key, amount=charge.amount if amount is None else amount
            )
            store.refunds[refund.id] = refund
            charge.refund_ids.append(refund.id)
            return refund.id

    def verify_webhook(self, *, body: bytes, headers) -> ProviderEvent:
        secret = getattr(settings, WEBHOOK_SECRET_SETTING, "")
        if not secret:
            # HMAC with an empty key is a signature anyone can compute.
            raise SignatureInvalid(message="Webhooks from the fake provider are not set up here.")
        if not hmac.compare_digest(webhook_signature(body, secret=secret), headers.get(SIGNATURE_HEADER, "")):
            raise SignatureInvalid(message="The fake provider's signature does not match.")
        return _event(body)

    @staticmethod
    def _reachable() -> threading.RLock:
        """The store's lock, to hold for the call, once the provider is known to be reachable."""
        if store.unavailable:
            raise ProviderUnavailable(message="The fake provider is unreachable.")
        return store.lock


def _event(body: bytes) -> ProviderEvent:
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, ValueError) as error:
        raise EventMalformed(message="The event is not JSON.") from error
    if not isinstance(payload, dict) or not isinstance(payload.get("id"), str) or not isinstance(payload.get("type"), str):
        raise EventMalformed(message="The event has no id or type.")
    data = payload.get("data")
    if not isinstance(data, dict):
        raise EventMalformed(message="The event's data is not an object.")
    if payload["type"] in CHARGE_EVENTS:
        return ProviderEvent(
            id=payload["id"],
            type=payload["type"],
            charge_key=str(data.get("charge_key") or ""),
            payment_id=str(data.get("payment_id") or ""),
            succeeded=CHARGE_EVENTS[payload["type"]],
            message=str(data.get("message") or ""),
            raw=payload,
        )
    return ProviderEvent(id=payload["id"], type=payload["type"], raw=payload)
