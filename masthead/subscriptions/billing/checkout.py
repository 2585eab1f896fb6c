"""Checkout's first payment, in two steps on any provider.

``checkout_start`` gives the reader's browser what it needs to pay (a card
form for a saved card, or the provider's own checkout for an order);
``checkout_finish`` takes what the browser posts back and records the first
payment. A provider that saves the card first (Stripe) is charged here, under
the in-flight rule; one whose checkout takes the money itself (Razorpay) is
verified against our order and amount instead.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from masthead.core.errors import InvalidOperation, InvalidTransition
from masthead.core.money import Money
from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.payments.providers.base import ChargeResult, PaymentDeclined
from masthead.payments.services import ChargeInFlight, ChargeNotWanted, payment_attempt_open, payment_settle, payment_take

from ..mandates import CARD, CHECKOUT_METHODS, UPI, upi_autopay_refusal, upi_mandate_max, upi_mandate_problem
from ..models import Plan, Subscription, SubscriptionStatus
from ..services import TrialUsed, subscription_activate, trial_claim, trial_drop, trial_release
from .common import FIRST_TERM, charge_description

S = SubscriptionStatus
METHOD_NAMES = {CARD: "card", UPI: "UPI AutoPay"}


def dearest_plan_price(*, currency: str) -> Money:
    """The price of the dearest plan on sale, for a UPI mandate's headroom."""
    dearest = Plan.objects.filter(is_active=True, currency=currency).order_by("-price_minor").values_list("price_minor", flat=True).first()
    return Money(dearest or 0, currency)


@dataclass(frozen=True)
class CheckoutForm:
    """The provider's payment page: its template, what it shows, and the id
    (SetupIntent or order) to offer again when the reader reloads."""

    template: str
    context: dict = field(default_factory=dict)
    reuse_id: str = ""


def _must_be_pending(subscription: Subscription) -> None:
    if subscription.status != S.PENDING:
        raise InvalidOperation("not_pending", "This checkout is already complete.")


def _still_pending(subscription: Subscription):
    """``still_due`` for a checkout's charge: asked under the subscription's
    lock right before the card is charged, so a checkout replaced since the
    reader pressed Pay (a gift redeemed, another checkout begun, the hold
    expired) is not charged at all (rather than charged and refunded)."""
    return lambda: Subscription.objects.filter(pk=subscription.pk, status=S.PENDING).exists()


# What the reader is told when their checkout ended while they were paying.
CHECKOUT_ENDED = "This checkout ended while you were paying (a gift was redeemed or another checkout begun), so nothing was charged."


def provider_customer(*, user, provider) -> str:
    """The reader's customer at ``provider``, made there when the billing
    profile names none: a customer made at another provider (the reader paid
    there before the site moved), or none at all (a subscription no provider
    took), means nothing to this one, and neither does its saved card."""
    profile = BillingProfile.objects.get(user=user)
    same_provider = profile.provider in ("", provider.name)
    customer_id = provider.customer(
        email=user.email, name=profile.name, existing_id=profile.provider_customer_id if same_provider else ""
    )
    if customer_id != profile.provider_customer_id or profile.provider != provider.name:
        changes = {"provider_customer_id": customer_id, "provider": provider.name, "updated_at": timezone.now()}
        if not same_provider:
            changes["provider_payment_method_id"] = ""
            changes["mandate_max_minor"] = None
        # Recorded only over what was read: of two pages opened at once (two
        # tabs) that each made a customer, the first recorded is the reader's
        # and the other page's form is made for it too, so a card entered in
        # either tab is theirs (card_owner_check).
        recorded = BillingProfile.objects.filter(
            pk=profile.pk, provider=profile.provider, provider_customer_id=profile.provider_customer_id
        ).update(**changes)
        if not recorded:
            return provider_customer(user=user, provider=provider)
    return customer_id


def checkout_start(*, subscription: Subscription, reuse_id: str = "", provider=None, method: str = "") -> CheckoutForm:
    """What the reader's browser needs to pay. A reload offers the same card
    form (or order) again rather than making a new one at the provider.

    ``method`` ("card" or "upi") is how the reader chose to pay where the
    provider's own checkout takes the payment (Razorpay); "" keeps the
    order already made, or pays by card."""
    provider = provider or payment_provider()
    _must_be_pending(subscription)
    customer_id = provider_customer(user=subscription.user, provider=provider)
    if provider.collects_first_payment:
        order_id = checkout_order(subscription=subscription, provider=provider, method=method)
        chosen = Payment.objects.filter(provider=provider.name, provider_payment_id=order_id).values_list("checkout_method", flat=True).first()
        refusal = upi_autopay_refusal(price=subscription.price)
        context = {
            "order_id": order_id, "customer_id": customer_id, "provider": provider, "key_id": provider.public_key,
            "method": chosen or CARD, "upi_refusal": refusal,
            # The limit the reader's UPI app shows them when they approve the mandate.
            "upi_mandate_max": None if refusal else upi_mandate_max(
                price=subscription.price, dearest=dearest_plan_price(currency=subscription.currency)
            ),
        }  # fmt: skip
        return CheckoutForm(template=provider.checkout_template, context=context, reuse_id=order_id)
    setup = provider.card_setup(customer_id=customer_id, reuse_setup_id=reuse_id)
    return CheckoutForm(template=provider.checkout_template, context={"setup": setup}, reuse_id=setup.setup_id)


def checkout_finish(*, subscription: Subscription, posted: Mapping[str, str], shown_id: str = "", provider=None) -> Subscription:
    """The first payment from what the provider's page posted back.

    ``shown_id`` is the card form this reader was shown for this checkout
    (CheckoutForm.reuse_id): a form from another checkout (a page left open in
    another tab for another plan) or from nowhere charges nothing."""
    provider = provider or payment_provider()
    if provider.collects_first_payment:
        return checkout_collected(
            subscription=subscription,
            order_id=posted.get("razorpay_order_id", ""),
            payment_id=posted.get("razorpay_payment_id", ""),
            signature=posted.get("razorpay_signature", ""),
            provider=provider,
        )
    setup_id = posted.get("setup_id", "")
    if not shown_id or setup_id != shown_id:
        raise InvalidOperation(
            "stale_form",
            "This payment page was for another checkout, so nothing was charged. Please check the plan and price and pay here.",
        )
    return checkout_pay(subscription=subscription, setup_id=setup_id, provider=provider)


def checkout_pay(*, subscription: Subscription, setup_id: str, provider=None) -> Subscription:
    """Save the card the reader just entered and take the first term's payment,
    or start the trial: free (nothing charged, the card kept for the first
    charge at the trial's end) or at its token price (charged as term 0).

    Raises PaymentDeclined with the provider's message, leaving the
    subscription pending so the reader can try another card; ChargeInFlight
    when the same checkout is already being charged (a double click, a
    second tab), which is never charged twice; TrialUsed, charging nothing,
    when the account or the card had a trial (the checkout goes on without
    one, at the price the payment page now shows); ChargeNotWanted, charging
    nothing, when the checkout ended before its card was charged.
    """
    provider = provider or payment_provider()
    _must_be_pending(subscription)
    saved = provider.saved_method(setup_id=setup_id)
    profile = BillingProfile.objects.get(user=subscription.user)
    card_owner_check(profile=profile, saved=saved)
    profile.provider = provider.name
    profile.provider_customer_id = saved.customer_id
    profile.provider_payment_method_id = saved.payment_method_id
    profile.payment_method_kind = saved.kind
    profile.mandate_max_minor = saved.mandate_max_minor
    profile.save()
    if subscription.has_trial:
        return _trial_start(subscription, saved=saved, provider=provider)
    _checkout_charge(subscription, term=FIRST_TERM, amount=subscription.first_price, saved=saved, provider=provider)
    subscription.refresh_from_db()
    return subscription


def _checkout_charge(subscription: Subscription, *, term: int, amount, saved, provider, undo=lambda: None) -> None:
    """Charge a checkout's first payment on the card just saved, unless the
    checkout ended meanwhile (replaced by another tab, a gift): then nothing
    is charged. ``undo`` gives back what the checkout claimed (a trial) when
    it is refused or declined."""
    try:
        payment = payment_take(
            subscription=subscription,
            term_number=term,
            amount=amount,
            saved=saved,
            description=charge_description(subscription, term),
            provider=provider,
            still_due=_still_pending(subscription),
        )
    except ChargeNotWanted:
        undo()
        raise ChargeNotWanted(CHECKOUT_ENDED) from None
    if payment.status == PaymentStatus.FAILED:
        undo()
        raise PaymentDeclined(message=payment.failure_message or "Your card was declined.")


def _trial_start(subscription: Subscription, *, saved, provider) -> Subscription:
    """The card is saved: claim the reader's one trial (by account and card)
    and start it, free at once, or once its token price is paid (term 0)."""
    term = subscription.checkout_term
    try:
        with transaction.atomic():
            trial_claim(subscription=subscription, card_fingerprint=saved.fingerprint)
            if not subscription.due_today.minor:
                subscription_activate(subscription=subscription)
    except TrialUsed:
        trial_drop(subscription=subscription)
        raise
    except InvalidTransition:
        # Started a moment ago by the same checkout (a double click), or replaced.
        raise InvalidOperation("not_pending", "This checkout is already complete.") from None
    if subscription.status == S.ACTIVE:
        return subscription
    _checkout_charge(
        subscription, term=term, amount=subscription.due_today, saved=saved, provider=provider,
        undo=lambda: trial_release(subscription=subscription),
    )  # fmt: skip
    subscription.refresh_from_db()
    return subscription


def card_owner_check(*, profile: BillingProfile, saved) -> None:
    """A saved card is this reader's only if the provider saved it for their
    own customer, which the payment page created before showing the form."""
    if not profile.provider_customer_id or profile.provider_customer_id != saved.customer_id:
        raise InvalidOperation("wrong_customer", "That card was not entered on your payment page. Nothing was charged.")


def checkout_order(*, subscription: Subscription, provider, method: str = "") -> str:
    """For providers whose checkout takes the first payment itself (Razorpay):
    the order the reader pays, recorded first as this term's pending payment.

    The order is for one way to pay (``method``, card by default): a UPI
    AutoPay order asks for a mandate with headroom (mandates.upi_mandate_max).
    A reader who changes their mind gets a new order; the old one is given
    up (its attempt recorded as failed, so a payment that still lands on it
    is refunded as an extra charge), unless a payment on it is under way."""
    _must_be_pending(subscription)
    if method not in ("", *CHECKOUT_METHODS):
        raise InvalidOperation("unknown_method", "Please choose to pay by card or by UPI AutoPay.")
    if method == UPI and (refusal := upi_autopay_refusal(price=subscription.price)):
        raise InvalidOperation("upi_not_offered", refusal)
    if subscription.has_trial:
        if not subscription.due_today.minor:
            raise InvalidOperation(
                "free_trial_needs_card_form",
                f"A free trial cannot be started with {provider.name}: its checkout takes a payment. "
                "Please ask us about this plan.",
            )
        try:
            trial_claim(subscription=subscription)
        except TrialUsed:
            trial_drop(subscription=subscription)  # the order is for the full price, as the page then says
    term = subscription.checkout_term
    unpaid = Payment.objects.filter(
        subscription=subscription, term_number=term, status=PaymentStatus.PENDING, provider=provider.name
    ).exclude(provider_payment_id="")
    if existing := unpaid.first():
        if not method or (existing.checkout_method or CARD) == method:
            return existing.provider_payment_id  # the reader came back: same order, no second one
        order_give_up(existing, provider=provider, why=f"Not paid: the reader chose to pay by {METHOD_NAMES[method]}.")
    method = method or CARD
    payment, _ = payment_attempt_open(
        subscription=subscription, term_number=term, amount=subscription.due_today, provider_name=provider.name
    )
    if payment.provider_payment_id:
        return payment.provider_payment_id
    profile = BillingProfile.objects.get(user=subscription.user)
    # Renewals come at the full price (after a trial, after an offer's terms):
    # the mandate covers it, not only what is paid now.
    mandate_max = mandate_max_asked(price=subscription.price, method=method)
    order_id = provider.checkout_order(
        customer_id=profile.provider_customer_id,
        amount=payment.amount,
        key=payment.charge_key,
        description=charge_description(subscription, term),
        mandate_max=mandate_max,
        method=method,
    )
    # Unclaimed: an order waits for the reader on the provider's page; no
    # worker is charging it (charge_in_flight), and its next view reuses it.
    # Recorded only over no order: an order another tab recorded first is the
    # one both tabs pay (this one is never shown, so never paid).
    recorded = Payment.objects.filter(pk=payment.pk, provider_payment_id="").update(
        provider_payment_id=order_id, claimed_at=None, checkout_method=method
    )
    if not recorded:
        return Payment.objects.values_list("provider_payment_id", flat=True).get(pk=payment.pk)
    return order_id


def mandate_max_asked(*, price: Money, method: str) -> Money:
    """The most an order asks the reader's new mandate to allow a debit, for
    renewals at ``price``: the price for a card (the provider takes the
    larger of this and the amount paid now), a UPI AutoPay mandate's headroom
    (mandates.upi_mandate_max)."""
    if method == UPI:
        return upi_mandate_max(price=price, dearest=dearest_plan_price(currency=price.currency))
    return price


def mandate_max_kept(saved, *, asked: Money | None) -> int | None:
    """The mandate limit recorded with a saved method: what the bank
    registered, where the provider says (a UPI mandate, a card token that
    carries one), else what the order asked for (None when no order asked:
    a card form saves no limit)."""
    if saved.mandate_max_minor is not None:
        return saved.mandate_max_minor
    return asked.minor if asked is not None else None


def order_give_up(payment: Payment, *, provider, why: str) -> None:
    """Give up an order waiting for the reader on the provider's page (they
    chose another way to pay, or what it was for changed): its attempt is
    recorded as failed with ``why``, so a payment that still lands on it is
    refunded as an extra charge. Refused while a payment on that order is
    under way (a UPI app still approving it, another tab paying): giving it
    up then would refund money the reader meant for this subscription."""
    if provider.checkout_order_paying(order_id=payment.provider_payment_id):
        raise InvalidOperation(
            "order_being_paid",
            "A payment for this subscription is already under way. Please wait for it to finish before choosing another way to pay.",
        )
    payment_settle(payment_id=payment.pk, result=ChargeResult(succeeded=False, payment_id="", message=why))


def checkout_collected(*, subscription: Subscription, order_id: str, payment_id: str, signature: str, provider) -> Subscription:
    """Record a first payment the provider's checkout took, after checking its
    signature, its order and its amount against ours."""
    payment = Payment.objects.filter(
        subscription__user=subscription.user, provider=provider.name, provider_payment_id=order_id, status=PaymentStatus.PENDING
    ).first()
    if payment is None or not order_id:
        raise InvalidOperation("unknown_order", "That payment does not belong to this checkout.")
    saved = provider.saved_method_from_checkout(order_id=order_id, payment_id=payment_id, signature=signature)
    collected = provider.collected_payment(payment_id=payment_id)
    if collected.order_id != order_id or collected.amount_minor != payment.amount_minor:
        raise InvalidOperation("amount_mismatch", "The payment does not match this subscription's price.")
    if saved.kind == UPI and (problem := upi_mandate_problem(max_amount=Money(saved.mandate_max_minor or 0, payment.currency), price=subscription.price)):
        # The mandate the bank registered could not pay the renewals (or
        # would take more than UPI AutoPay may without asking): neither it
        # nor the payment is kept. The attempt is given up, so the payment's
        # own capture event finds it settled and refunds the money as an
        # extra charge, and the reader's next try is a new order.
        payment_settle(payment_id=payment.pk, result=ChargeResult(succeeded=False, payment_id="", message=problem))
        raise InvalidOperation("mandate_mismatch", f"{problem} Nothing was kept and the payment will be refunded; please pay again.")
    if not collected.final:
        # Authorized, not captured yet: Razorpay's payment.captured webhook settles it.
        raise ChargeInFlight("Razorpay is still confirming your payment. This page will show your subscription as soon as it is through.")
    if payment.subscription_id != subscription.pk:
        # The order of a checkout the reader replaced in another tab: the
        # money is recorded and, buying nothing now, refunded (payment_settled).
        payment_settle(
            payment_id=payment.pk,
            result=ChargeResult(succeeded=collected.captured, payment_id=payment_id, message=collected.message),
        )
        raise InvalidOperation(
            "replaced_checkout",
            "That payment was for a checkout you had replaced; it is being refunded. Please pay for this one here.",
        )
    BillingProfile.objects.filter(user=subscription.user).update(
        provider=provider.name,
        provider_customer_id=saved.customer_id,
        provider_payment_method_id=saved.payment_method_id,
        payment_method_kind=saved.kind,
        # A card order asked for the larger of the price and what was paid
        # (RazorpayProvider.checkout_order).
        mandate_max_minor=mandate_max_kept(saved, asked=max(subscription.price, payment.amount, key=lambda money: money.minor)),
    )
    settled = payment_settle(
        payment_id=payment.pk,
        result=ChargeResult(succeeded=collected.captured, payment_id=payment_id, message=collected.message),
    )
    if settled.status == PaymentStatus.FAILED:
        raise PaymentDeclined(message=settled.failure_message or "The payment did not go through.")
    subscription.refresh_from_db()
    return subscription
