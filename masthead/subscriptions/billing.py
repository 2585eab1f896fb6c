"""Masthead's own billing clock: checkout, pre-debit notices, renewals,
retries, grace and lapse. A provider only moves money (docs/subscriptions.md).
"""

import logging
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone

from masthead.core.errors import InvalidOperation
from masthead.invoicing.services import invoice_issue, term_description
from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.payments.providers.base import ChargeResult, PaymentDeclined, SavedMethod
from masthead.payments.services import charge_key, on_payment_settled, on_subscription_signal, payment_settle, payment_take

from .models import RenewalNotice, Subscription, SubscriptionStatus
from .services import subscription_activate, subscriptions_end_due, term_end_after
from .states import subscription_move

logger = logging.getLogger(__name__)
S = SubscriptionStatus
FIRST_TERM = 1


def _description(subscription: Subscription, term_number: int) -> str:
    return f"{subscription.plan.name}, term {term_number}"


def _saved_method(subscription: Subscription) -> SavedMethod:
    profile = BillingProfile.objects.get(user=subscription.user)
    return SavedMethod(customer_id=profile.provider_customer_id, payment_method_id=profile.provider_payment_method_id)


def _saved_methods(user_ids: list[int]) -> dict[int, SavedMethod]:
    """The saved cards of many readers in one query, by user id."""
    profiles = BillingProfile.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "provider_customer_id", "provider_payment_method_id"
    )
    return {user_id: SavedMethod(customer_id=customer, payment_method_id=method) for user_id, customer, method in profiles}


# --- Checkout -------------------------------------------------------------------------


def checkout_pay(*, subscription: Subscription, setup_id: str, provider=None) -> Subscription:
    """Save the card the reader just entered and take the first term's payment.

    Raises PaymentDeclined with the provider's message, leaving the
    subscription pending so the reader can try another card.
    """
    provider = provider or payment_provider()
    if subscription.status != S.PENDING:
        raise InvalidOperation("not_pending", "This checkout is already complete.")
    saved = provider.saved_method(setup_id=setup_id)
    profile = BillingProfile.objects.get(user=subscription.user)
    if profile.provider_customer_id and profile.provider_customer_id != saved.customer_id:
        raise InvalidOperation("wrong_customer", "That card belongs to another checkout.")
    profile.provider = provider.name
    profile.provider_customer_id = saved.customer_id
    profile.provider_payment_method_id = saved.payment_method_id
    profile.save()
    attempt = Payment.objects.filter(subscription=subscription, term_number=FIRST_TERM).count() + 1
    payment = payment_take(
        subscription=subscription,
        term_number=FIRST_TERM,
        attempt=attempt,
        amount=subscription.price,
        saved=saved,
        description=_description(subscription, FIRST_TERM),
        provider=provider,
    )
    if payment is None:
        raise InvalidOperation("in_progress", "Your payment is being processed; please wait a moment.")
    if payment.status == PaymentStatus.FAILED:
        raise PaymentDeclined(message=payment.failure_message or "Your card was declined.")
    subscription.refresh_from_db()
    return subscription


def checkout_order(*, subscription: Subscription, provider) -> str:
    """For providers whose checkout takes the first payment itself (Razorpay):
    the order the reader pays, recorded first as this term's pending payment."""
    if subscription.status != S.PENDING:
        raise InvalidOperation("not_pending", "This checkout is already complete.")
    unpaid = Payment.objects.filter(
        subscription=subscription, term_number=FIRST_TERM, status=PaymentStatus.PENDING, provider=provider.name
    ).exclude(provider_payment_id="")
    if existing := unpaid.first():
        return existing.provider_payment_id  # the reader came back: same order, no second one
    profile = BillingProfile.objects.get(user=subscription.user)
    attempt = Payment.objects.filter(subscription=subscription, term_number=FIRST_TERM).count() + 1
    key = charge_key(subscription_id=subscription.pk, term_number=FIRST_TERM, attempt=attempt)
    order_id = provider.checkout_order(
        customer_id=profile.provider_customer_id,
        amount=subscription.price,
        key=key,
        description=_description(subscription, FIRST_TERM),
    )
    Payment.objects.create(
        subscription=subscription,
        term_number=FIRST_TERM,
        attempt=attempt,
        charge_key=key,
        provider=provider.name,
        provider_payment_id=order_id,
        amount_minor=subscription.price_minor,
        currency=subscription.currency,
        claimed_at=timezone.now(),
    )
    return order_id


def checkout_collected(*, subscription: Subscription, order_id: str, payment_id: str, signature: str, provider) -> Subscription:
    """Record a first payment the provider's checkout took, after checking its
    signature, its order and its amount against ours."""
    payment = Payment.objects.filter(
        subscription=subscription, provider_payment_id=order_id, status=PaymentStatus.PENDING
    ).first()
    if payment is None:
        raise InvalidOperation("unknown_order", "That payment does not belong to this checkout.")
    saved = provider.saved_method_from_checkout(order_id=order_id, payment_id=payment_id, signature=signature)
    collected = provider.collected_payment(payment_id=payment_id)
    if collected.order_id != order_id or collected.amount_minor != payment.amount_minor:
        raise InvalidOperation("amount_mismatch", "The payment does not match this subscription's price.")
    BillingProfile.objects.filter(user=subscription.user).update(
        provider=provider.name,
        provider_customer_id=saved.customer_id,
        provider_payment_method_id=saved.payment_method_id,
    )
    settled = payment_settle(
        payment_id=payment.pk,
        result=ChargeResult(succeeded=collected.captured, payment_id=payment_id, message=collected.message),
    )
    if settled.status == PaymentStatus.FAILED:
        raise PaymentDeclined(message=settled.failure_message or "The payment did not go through.")
    subscription.refresh_from_db()
    return subscription


# --- What a settled payment means ------------------------------------------------------


@on_payment_settled
def payment_settled(payment: Payment) -> None:
    """Called inside the settling transaction, once per payment."""
    subscription = Subscription.objects.select_for_update(of=("self",)).select_related("plan").get(pk=payment.subscription_id)
    now = payment.succeeded_at or timezone.now()
    if payment.status == PaymentStatus.SUCCEEDED:
        if payment.term_number == FIRST_TERM and subscription.status == S.PENDING:
            subscription_activate(subscription=subscription, now=now)
        elif payment.term_number == subscription.term_number + 1 and subscription.status in (S.ACTIVE, S.PAST_DUE):
            _renewed(subscription, now)
        else:
            logger.warning("payment %s settled for %s in state %s", payment.charge_key, subscription, subscription.status)
        _issue_invoice(payment, subscription)
    elif payment.term_number == subscription.term_number + 1 and subscription.status == S.ACTIVE:
        subscription_move(
            subscription=subscription,
            to=S.PAST_DUE,
            reason="renewal_failed",
            now=now,
            grace_until=subscription.term_end + timedelta(days=settings.MASTHEAD_GRACE_DAYS),
            detail={"message": payment.failure_message},
        )


def _renewed(subscription: Subscription, now: datetime) -> None:
    new_start = subscription.term_end
    subscription_move(
        subscription=subscription,
        to=S.ACTIVE,
        reason="renewed",
        now=now,
        term_number=subscription.term_number + 1,
        term_start=new_start,
        term_end=term_end_after(new_start, subscription.term_months),
        grace_until=None,
    )


def _issue_invoice(payment: Payment, subscription: Subscription) -> None:
    """Every successful payment gets its tax invoice, in the same transaction.
    ``subscription`` is the row locked by the caller, as any move left it."""
    start = subscription.term_start if payment.term_number == subscription.term_number else subscription.term_end
    invoice_issue(
        payment=payment,
        description=term_description(
            plan_name=subscription.plan.name, term_start=start, term_end=term_end_after(start, subscription.term_months)
        ),
    )


# --- The clock -------------------------------------------------------------------------


def renewal_notices_send(*, now: datetime | None = None) -> int:
    """Pre-debit notices for renewals due within the notice window, once each."""
    now = now or timezone.now()
    window = now + timedelta(hours=settings.MASTHEAD_PRE_DEBIT_NOTICE_HOURS)
    sent = 0
    for subscription in Subscription.objects.filter(status=S.ACTIVE, term_end__lte=window).select_related("plan", "user"):
        if _notice_send(subscription, now):
            sent += 1
    return sent


def _notice_send(subscription: Subscription, now: datetime) -> RenewalNotice | None:
    charge_on = max(subscription.term_end, now + timedelta(hours=24))
    with transaction.atomic():
        notice, created = RenewalNotice.objects.get_or_create(
            subscription=subscription,
            term_number=subscription.term_number + 1,
            defaults={"amount_minor": subscription.price_minor, "charge_on": charge_on, "sent_at": now},
        )
        if not created:
            return None
        transaction.on_commit(lambda: _mail_notice(subscription, notice))
    return notice


def _mail_notice(subscription: Subscription, notice: RenewalNotice) -> None:
    context = {"subscription": subscription, "notice": notice, "amount": subscription.price, "site_name": settings.MASTHEAD_SITE_NAME}
    send_mail(
        subject=f"Your {settings.MASTHEAD_SITE_NAME} subscription renews on {timezone.localtime(notice.charge_on):%d %B %Y}",
        message=render_to_string("emails/pre_debit_notice.txt", context),
        from_email=None,
        recipient_list=[subscription.user.email],
    )


# Due subscriptions are read, and their notices and cards looked up, this many
# at a time; the periodic job hands each such chunk to the queue as a job.
RENEWAL_CHUNK = 500


def _due_for_renewal(now: datetime):
    return Subscription.objects.filter(status=S.ACTIVE, term_end__lte=now)


def renewal_chunks_due(*, now: datetime | None = None) -> Iterator[tuple[int, int]]:
    """The due renewals as (after_pk, last_pk] ranges of RENEWAL_CHUNK
    subscriptions, read as ids only, so the clock can hand them out quickly."""
    now = now or timezone.now()
    ids = _due_for_renewal(now).order_by("pk").values_list("pk", flat=True)
    last = 0
    while chunk := list(ids.filter(pk__gt=last)[:RENEWAL_CHUNK]):
        yield last, chunk[-1]
        last = chunk[-1]


def renewals_charge_chunk(*, after_pk: int, last_pk: int, now: datetime | None = None, provider=None) -> int:
    """Charge the due renewals with after_pk < pk <= last_pk that were
    announced at least 24 hours ago. Safe to run twice at once, or again after
    a crash: each attempt is claimed before it is charged (payment_take)."""
    now = now or timezone.now()
    chunk = list(
        _due_for_renewal(now).filter(pk__gt=after_pk, pk__lte=last_pk).select_related("plan", "user").order_by("pk")
    )
    notices = {
        (notice.subscription_id, notice.term_number): notice for notice in RenewalNotice.objects.filter(subscription__in=chunk)
    }
    cards = _saved_methods([subscription.user_id for subscription in chunk])
    charged = 0
    for subscription in chunk:
        notice = notices.get((subscription.pk, subscription.term_number + 1))
        if notice is None:
            _notice_send(subscription, now)  # late: announce now, charge a day later
            continue
        if now < notice.charge_on or now - notice.sent_at < timedelta(hours=24):
            continue
        if _attempt(subscription, attempt=1, now=now, provider=provider, saved=cards.get(subscription.user_id)):
            charged += 1
    return charged


def renewals_charge(*, now: datetime | None = None, provider=None) -> int:
    """Charge every renewal that is due, chunk by chunk, in this process."""
    now = now or timezone.now()
    return sum(
        renewals_charge_chunk(after_pk=after, last_pk=last, now=now, provider=provider)
        for after, last in renewal_chunks_due(now=now)
    )


def renewal_retries(*, now: datetime | None = None, provider=None) -> int:
    """Retry failed renewals on the configured days; lapse after the grace period."""
    now = now or timezone.now()
    retried = 0
    for subscription in Subscription.objects.filter(status=S.PAST_DUE).select_related("plan", "user"):
        if subscription.grace_until and now >= subscription.grace_until:
            subscription_move(subscription=subscription, to=S.LAPSED, reason="grace_over", now=now, ended_at=now)
            continue
        attempts = Payment.objects.filter(subscription=subscription, term_number=subscription.term_number + 1).aggregate(
            made=Count("id")
        )["made"]
        retry_days = settings.MASTHEAD_RENEWAL_RETRY_DAYS
        if attempts - 1 >= len(retry_days):
            continue
        if now >= subscription.term_end + timedelta(days=retry_days[attempts - 1]):
            if _attempt(subscription, attempt=attempts + 1, now=now, provider=provider):
                retried += 1
    return retried


def _attempt(subscription: Subscription, *, attempt: int, now: datetime, provider, saved: SavedMethod | None = None) -> bool:
    term = subscription.term_number + 1
    payment = payment_take(
        subscription=subscription,
        term_number=term,
        attempt=attempt,
        amount=subscription.price,
        saved=saved or _saved_method(subscription),
        description=_description(subscription, term),
        provider=provider,
        now=now,
    )
    return payment is not None


def billing_clock_tick(
    *, now: datetime | None = None, provider=None, charge_chunk: Callable[[int, int], object] | None = None
) -> dict:
    """One turn of the clock; safe to run twice at once or again after a crash.

    With ``charge_chunk``, each chunk of due renewals is handed to it (the
    periodic job queues one job per chunk, so every job consumer takes a
    share of a busy day) instead of being charged in this call; the answer
    then says how many chunks went out rather than how many were charged.
    """
    now = now or timezone.now()
    turn = {"ended": subscriptions_end_due(now=now), "notices": renewal_notices_send(now=now)}
    if charge_chunk is None:
        turn["charged"] = renewals_charge(now=now, provider=provider)
    else:
        chunks = list(renewal_chunks_due(now=now))
        for after, last in chunks:
            charge_chunk(after, last)
        turn["chunks_queued"] = len(chunks)
    turn["retried"] = renewal_retries(now=now, provider=provider)
    return turn


# --- The reader's card, and staff refunds ---------------------------------------------


def payment_card_replace(*, subscription: Subscription, setup_id: str, provider=None, now: datetime | None = None) -> bool:
    """Save a new card for renewals. A subscription in its grace period is
    retried with it at once; returns True when that retry paid."""
    provider = provider or payment_provider()
    now = now or timezone.now()
    saved = provider.saved_method(setup_id=setup_id)
    profile = BillingProfile.objects.get(user=subscription.user)
    if profile.provider_customer_id and profile.provider_customer_id != saved.customer_id:
        raise InvalidOperation("wrong_customer", "That card belongs to another account.")
    profile.provider_payment_method_id = saved.payment_method_id
    profile.save()
    if subscription.status != S.PAST_DUE:
        return False
    attempts = Payment.objects.filter(subscription=subscription, term_number=subscription.term_number + 1).count()
    _attempt(subscription, attempt=attempts + 1, now=now, provider=provider)
    subscription.refresh_from_db()
    return subscription.status == S.ACTIVE


def payment_refund_and_end(*, payment: Payment, by=None, provider=None, now: datetime | None = None) -> Payment:
    """Staff refund a payment; when it paid for the current term, reading stops."""
    from masthead.payments.services import payment_refund

    now = now or timezone.now()
    with transaction.atomic():
        refunded = payment_refund(payment=payment, provider=provider, now=now)
        subscription = Subscription.objects.get(pk=payment.subscription_id)
        if refunded.status == PaymentStatus.REFUNDED and payment.term_number == subscription.term_number:
            if subscription.status in (S.ACTIVE, S.CANCELLING, S.PAST_DUE):
                subscription_move(
                    subscription=subscription, to=S.REFUNDED, reason="refunded_by_staff", actor=by, now=now, ended_at=now
                )
    return refunded


@on_subscription_signal
def provider_subscription_signal(event) -> None:
    """Razorpay-style subscription events: a renewal failed, retries ran out, or
    the mandate was cancelled at the provider. Unknown or stale ones change nothing."""
    if not event.subscription_ref.isdigit():
        return
    subscription = Subscription.objects.filter(pk=int(event.subscription_ref)).first()
    if subscription is None:
        return
    now = timezone.now()
    signal, status = event.subscription_signal, subscription.status
    if signal == "renewal_failed" and status == S.ACTIVE:
        subscription_move(
            subscription=subscription, to=S.PAST_DUE, reason="provider_renewal_failed", now=now,
            grace_until=max(subscription.term_end, now) + timedelta(days=settings.MASTHEAD_GRACE_DAYS),
        )  # fmt: skip
    elif signal == "renewals_exhausted" and status in (S.ACTIVE, S.PAST_DUE):
        if status == S.ACTIVE:
            subscription_move(subscription=subscription, to=S.PAST_DUE, reason="provider_halted", now=now, grace_until=now)
        subscription_move(subscription=subscription, to=S.LAPSED, reason="provider_halted", now=now, ended_at=now)
    elif signal == "cancelled" and status == S.ACTIVE:
        subscription_move(subscription=subscription, to=S.CANCELLING, reason="provider_cancelled", now=now)
