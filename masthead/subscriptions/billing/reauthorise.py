"""A new card or UPI AutoPay mandate for renewals where the provider registers
one only with a payment made in its own checkout (Razorpay).

Razorpay saves a recurring token only when the reader pays an order that
carries a ``token`` block in Razorpay Checkout, so the card link opens such
an order instead of a card form:

- when a renewal is owed (past due, or waiting for a card after its term
  ended), the order is the unpaid renewal itself, priced as the clock would
  charge it (``Subscription.renewal_price``), recorded as the term's next
  attempt: paying it renews the subscription once, exactly as the clock's
  charge would have;
- otherwise, Razorpay's authorisation transaction: ₹1, recorded as a payment
  that buys nothing (payments.services.payment_authorisation_open), refunded
  by Masthead as soon as it is paid, never invoiced.

Either way the reader's answer is verified as checkout's is (signature, order,
amount, customer, a UPI mandate's limit) before the token is kept.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from masthead.core.errors import InvalidOperation, MastheadError
from masthead.core.money import Money
from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.payments.providers.base import ChargeResult, PaymentDeclined
from masthead.payments.services import PAID, ChargeInFlight, payment_attempt_open, payment_authorisation_open, payment_settle

from ..mandates import CARD, CHECKOUT_METHODS, UPI, upi_autopay_refusal, upi_mandate_problem
from ..models import Subscription, SubscriptionStatus
from .cards import card_replaced, retry_with_new_card
from .checkout import METHOD_NAMES, mandate_max_asked, mandate_max_kept, order_give_up, provider_customer
from .clock import reader_order_waiting
from .common import charge_description

S = SubscriptionStatus

# Razorpay's authorisation transaction: the least it takes to register a
# token, ₹1, or 100 of the smallest unit of the subscription's currency
# (authorisation_amount).
AUTHORISATION_MINOR = 1_00
AUTHORISATION_NOTE = "Authorised a new card or mandate for renewals: it buys nothing and is refunded at once."
# The renewal an order pays is owed in these states (needs_card only once its term is over).
OWED = (S.PAST_DUE, S.NEEDS_CARD)


@dataclass(frozen=True)
class CardChangeOrder:
    """What the card change page shows a Razorpay reader: the order to pay
    in Razorpay Checkout and what paying it does."""

    order_id: str
    customer_id: str
    amount: Money
    method: str
    # True: paying it is the unpaid renewal; False: ₹1, refunded at once.
    renewal: bool
    upi_refusal: str
    upi_mandate_max: Money | None
    # What the reader's browser needs to open the provider's checkout.
    key_id: str
    js_url: str


def authorisation_amount(subscription: Subscription) -> Money:
    """The authorisation's amount, in the subscription's currency: the bank
    registers the mandate in the order's currency, and a dollar plan's
    renewals charged to a mandate registered in rupees would be beyond it."""
    return Money(AUTHORISATION_MINOR, subscription.currency)


def renewal_owed(subscription: Subscription, now: datetime) -> bool:
    """Whether a renewal is owed now, so a new card's first payment is that
    renewal: past due, or waiting for a card once the term it had is over."""
    if subscription.status == S.PAST_DUE:
        return True
    return subscription.status == S.NEEDS_CARD and subscription.term_end is not None and subscription.term_end <= now


def renewals_price(subscription: Subscription, *, owed: bool) -> Money:
    """What the new mandate must cover: the renewals after the one ``owed``,
    or, when none is owed, the renewals to come. Paying an owed renewal
    moves the subscription to a plan the reader scheduled, so later
    renewals are at that plan's frozen price. Otherwise it is the plan's
    full price or the next renewal's, whichever is dearer: a save discount
    or an offer lowers one renewal, not the mandate's need, and a scheduled
    cheaper plan may still be undone ("Keep my plan" is not checked against
    the mandate), putting the renewal back at the full price."""
    if owed and subscription.next_plan_id is not None:
        return subscription.renewal_price
    return max(subscription.price, subscription.renewal_price, key=lambda money: money.minor)


def card_change_order(
    *, subscription: Subscription, method: str = "", provider=None, now: datetime | None = None
) -> CardChangeOrder:
    """The order a Razorpay reader pays to register a new card or UPI
    AutoPay mandate (see the module's docstring). A reload offers the same
    order again; choosing another way to pay gives it up for a new one, as
    at checkout. Raises ChargeInFlight while the clock is charging the owed
    renewal, TermAlreadyPaid once it is paid, InvalidOperation for a way to
    pay that is not offered."""
    provider = provider or payment_provider()
    now = now or timezone.now()
    if method not in ("", *CHECKOUT_METHODS):
        raise InvalidOperation("unknown_method", "Please choose to pay by card or by UPI AutoPay.")
    owed = renewal_owed(subscription, now)
    price = renewals_price(subscription, owed=owed)
    refusal = upi_autopay_refusal(price=price)
    if method == UPI and refusal:
        raise InvalidOperation("upi_not_offered", refusal)
    amount = subscription.renewal_price if owed else authorisation_amount(subscription)
    term = subscription.term_number + 1 if owed else subscription.term_number
    waiting = reader_order_waiting(subscription_id=subscription.pk, term_number=term)
    if waiting is not None:
        if (not method or waiting.checkout_method == method) and waiting.amount == amount:
            return _shown(waiting, owed=owed, price=price, refusal=refusal, provider=provider)
        why = (
            f"Not paid: the reader chose to pay by {METHOD_NAMES[method]}."
            if waiting.amount == amount
            else "Not paid: what the order was for changed before it was paid."
        )
        order_give_up(waiting, provider=provider, why=why)
    method = method or (waiting.checkout_method if waiting is not None else CARD)
    customer_id = _customer(subscription, provider)
    if owed:
        payment, reconcile = payment_attempt_open(
            subscription=subscription, term_number=term, amount=amount, provider_name=provider.name, now=now,
            still_due=lambda: _still_owed(subscription, now), customer_id=customer_id,
        )  # fmt: skip
        if payment.provider_payment_id or (reconcile and not payment.checkout_method):
            # The clock's charge of this renewal, which its worker left: it is
            # reconciled with the provider, never paid a second time here.
            # (An earlier view's attempt whose order was never made names a
            # way to pay and no provider object: nothing was paid on it, so
            # its order is made now.)
            raise ChargeInFlight("A payment for your renewal is being processed. Please reload this page in a few minutes.")
    else:
        payment = payment_authorisation_open(
            subscription=subscription, amount=amount, provider_name=provider.name, customer_id=customer_id,
            note=AUTHORISATION_NOTE, now=now,
        )  # fmt: skip
    if not payment.provider_payment_id and payment.amount != amount:
        # An earlier view's attempt, left without its order, for what the
        # renewal cost then (a plan change since): nothing was paid on it, so
        # it is given up and the order opened afresh at today's price.
        payment_settle(
            payment_id=payment.pk,
            result=ChargeResult(succeeded=False, payment_id="", message="Not paid: its order was never made, and what it was for changed."),
        )  # fmt: skip
        return card_change_order(subscription=subscription, method=method, provider=provider, now=now)
    # Named as the reader's order before the provider is asked: an attempt
    # left without its order (the provider erred, the page's worker died) is
    # then known to be one nothing can have been paid on (an order is paid
    # only once it is shown), and a later view makes its order.
    Payment.objects.filter(pk=payment.pk, provider_payment_id="").update(checkout_method=method)
    if owed:
        description = charge_description(subscription, term)
    else:
        description = f"{subscription.plan.name}: a new card for renewals ({amount}, refunded)"
    try:
        order_id = provider.checkout_order(
            customer_id=customer_id, amount=payment.amount, key=payment.charge_key, description=description,
            mandate_max=mandate_max_asked(price=price, method=method), method=method,
        )  # fmt: skip
    except MastheadError:
        # Let go, so the reader's next view makes the order at once rather
        # than waiting out the claim.
        Payment.objects.filter(pk=payment.pk, provider_payment_id="").update(claimed_at=None)
        raise
    # Unclaimed, as a checkout's order: it waits for the reader on Razorpay's
    # page. The customer is the one this order was made for, which the
    # reader's answer must name (an earlier view's attempt may name another).
    Payment.objects.filter(pk=payment.pk, provider_payment_id="").update(
        provider_payment_id=order_id, claimed_at=None, checkout_method=method, provider_customer_id=customer_id
    )
    payment.refresh_from_db()
    return _shown(payment, owed=owed, price=price, refusal=refusal, provider=provider)


def _shown(payment: Payment, *, owed: bool, price: Money, refusal: str, provider) -> CardChangeOrder:
    return CardChangeOrder(
        order_id=payment.provider_payment_id,
        customer_id=payment.provider_customer_id,
        amount=payment.amount,
        method=payment.checkout_method or CARD,
        renewal=owed,
        upi_refusal=refusal,
        upi_mandate_max=None if refusal else mandate_max_asked(price=price, method=UPI),
        key_id=provider.public_key,
        js_url=provider.checkout_js_url,
    )


def _customer(subscription: Subscription, provider) -> str:
    """The reader's customer at the provider. A card saved at another
    provider still pays the renewals until a new one is kept here, so it is
    not forgotten for a page view: the customer is made without being
    recorded, and the order's payment row names it (card_change_collected
    checks the new token is that customer's)."""
    profile = BillingProfile.objects.get(user=subscription.user)
    if profile.provider_payment_method_id and profile.provider not in ("", provider.name):
        return provider.customer(email=subscription.user.email, name=profile.name)
    return provider_customer(user=subscription.user, provider=provider)


def _still_owed(subscription: Subscription, now: datetime):
    """``still_due`` for the order's attempt, asked under the subscription's lock."""
    current = Subscription.objects.filter(pk=subscription.pk).values("status", "term_number", "term_end").first()
    if current is None or current["term_number"] != subscription.term_number:
        return False
    return current["status"] == S.PAST_DUE or (current["status"] == S.NEEDS_CARD and current["term_end"] <= now)


def card_change_collected(
    *, subscription: Subscription, order_id: str, payment_id: str, signature: str, provider=None, now: datetime | None = None
) -> Payment:
    """Keep the card or mandate a Razorpay reader registered by paying the
    card change page's order, after checking the answer as checkout does.

    The owed renewal's order, paid, renews the subscription (payment_settle:
    the same row, term and charge key as any attempt, so never a second
    charge for the term, and the clock finds it paid). The ₹1 authorisation
    is refunded as it settles; a subscription waiting for a card within its
    term is active again. Safe to post twice, and after Razorpay's webhook
    settled the payment first: the token is kept and nothing is paid twice.

    Returns the order's payment as it stands. Raises SignatureInvalid,
    InvalidOperation (not this reader's order, another amount, a mandate the
    renewals cannot use), PaymentDeclined, or ChargeInFlight while Razorpay
    has not captured the payment (its webhook settles it; the token is kept)."""
    provider = provider or payment_provider()
    now = now or timezone.now()
    payment = _order_payment(subscription, order_id=order_id, payment_id=payment_id, provider=provider)
    saved = provider.saved_method_from_checkout(order_id=order_id, payment_id=payment_id, signature=signature)
    collected = provider.collected_payment(payment_id=payment_id)
    if collected.order_id != order_id or collected.amount_minor != payment.amount_minor:
        raise InvalidOperation("amount_mismatch", "The payment does not match this order. Nothing was changed.")
    if not payment.provider_customer_id or saved.customer_id != payment.provider_customer_id:
        raise InvalidOperation("wrong_customer", "That card was not registered on your card page. Nothing was changed.")
    renewal = payment.term_number == subscription.term_number + 1
    price = renewals_price(subscription, owed=renewal)
    if saved.kind == UPI and (
        problem := upi_mandate_problem(max_amount=Money(saved.mandate_max_minor or 0, payment.currency), price=price)
    ):
        if payment.status == PaymentStatus.PENDING:
            # As at checkout: the attempt is given up, so the payment's own
            # capture event finds it settled and refunds the money.
            payment = payment_settle(payment_id=payment.pk, result=ChargeResult(succeeded=False, payment_id="", message=problem))
        if payment.status == PaymentStatus.SUCCEEDED and not payment.duplicate:
            # The webhook settled it as the renewal first: the term is paid
            # and stays paid (a renewal is not undone for its mandate); only
            # the mandate is refused, and the reader is told just that.
            raise InvalidOperation(
                "mandate_mismatch",
                f"{problem} Your renewal is paid, but this mandate was not kept for the renewals after it; please set up another.",
            )
        raise InvalidOperation("mandate_mismatch", f"{problem} Nothing was kept and the payment will be refunded; please try again.")
    # Already recorded as paid by this very payment (the webhook came first):
    # the money was taken, whatever Razorpay says of it now. The ₹1's refund
    # goes out as it settles, so Razorpay may already call it refunded.
    recorded_paid = payment.status in PAID and payment.provider_payment_id == payment_id
    if collected.final and not collected.captured and not recorded_paid:
        if payment.status == PaymentStatus.PENDING:
            payment_settle(payment_id=payment.pk, result=ChargeResult(succeeded=False, payment_id=payment_id, message=collected.message))
        raise PaymentDeclined(message=collected.message or "The payment did not go through.")
    _token_keep(subscription, saved=saved, provider=provider, asked=mandate_max_asked(price=price, method=saved.kind or CARD))
    if not renewal:
        subscription.refresh_from_db()
        if subscription.status == S.NEEDS_CARD:
            card_replaced(subscription, now)
        _owed_renewal_charge(subscription, saved=saved, provider=provider, now=now)
    if payment.status == PaymentStatus.PENDING:
        if not collected.final:
            raise ChargeInFlight(
                "Your new card is saved. Razorpay is still confirming the payment; your account page shows it as soon as it is through."
            )
        payment = payment_settle(
            payment_id=payment.pk, result=ChargeResult(succeeded=True, payment_id=payment_id, message=collected.message), now=now
        )
    subscription.refresh_from_db()
    return payment


def _owed_renewal_charge(subscription: Subscription, *, saved, provider, now: datetime) -> None:
    """A ₹1 authorisation answered once a renewal is owed (the tab was left
    open past the term's end, or the renewal failed meanwhile): the token it
    kept pays the renewal at once, as a card saved on the card form does
    (payment_card_replace). Nothing else would: the clock retries only a
    renewal it has tried, and a subscription waiting for a card never was.
    A renewal order the reader has open in another tab is left to them (the
    clock's retry gives it up if they do not pay it), so the term is never
    charged beside it."""
    subscription.refresh_from_db()
    if subscription.status != S.PAST_DUE:
        return
    if reader_order_waiting(subscription_id=subscription.pk, term_number=subscription.term_number + 1) is not None:
        return
    retry_with_new_card(subscription, saved=saved, now=now, provider=provider)


def _order_payment(subscription: Subscription, *, order_id: str, payment_id: str, provider) -> Payment:
    """The payment row of this subscription's card change order: waiting for
    the answer (named by the order), or already settled by this very payment
    (a second post, or the webhook first)."""
    ours = Payment.objects.filter(subscription_id=subscription.pk, provider=provider.name).exclude(checkout_method="")
    payment = None
    if order_id:
        payment = ours.filter(provider_payment_id=order_id, status=PaymentStatus.PENDING).first()
    if payment is None and payment_id:
        payment = ours.filter(provider_payment_id=payment_id).exclude(status=PaymentStatus.PENDING).first()
    if payment is None or payment.term_number not in (subscription.term_number, subscription.term_number + 1):
        raise InvalidOperation("unknown_order", "That payment is not for your subscription's card page. Nothing was changed.")
    return payment


def _token_keep(subscription: Subscription, *, saved, provider, asked: Money) -> None:
    """Keep the new token for renewals, under the subscription's lock, as
    payment_card_replace keeps a new card (a dead-card event reads the saved
    card under it)."""
    with transaction.atomic():
        Subscription.objects.select_for_update().filter(pk=subscription.pk).first()
        BillingProfile.objects.filter(user_id=subscription.user_id).update(
            provider=provider.name,
            provider_customer_id=saved.customer_id,
            provider_payment_method_id=saved.payment_method_id,
            payment_method_kind=saved.kind,
            mandate_max_minor=mandate_max_kept(saved, asked=asked),
            updated_at=timezone.now(),
        )


def card_change_takes_payment(provider=None) -> bool:
    """Whether a new card is registered by paying an order in the provider's
    own checkout (card_change_order) rather than saved from a card form
    (card_change_start)."""
    return (provider or payment_provider()).collects_first_payment
