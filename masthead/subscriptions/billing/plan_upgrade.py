"""An upgrade, charged now: the unused days of the current term are credited
(a credit note against its invoice), the new plan's price less that credit
is charged to the saved card off-session, and a new term of the new plan
starts today.

The upgrade is a ``PlanChange`` row written, under the subscription's lock,
before the charge; the charge pays for the next term number, so the
one-charge-per-term rule (payments) holds it as it holds a renewal: a
double click, two tabs or a webhook landing mid-change make one charge.
When the charge settles (the synchronous answer or the webhook, whichever
is first), ``upgrade_settled`` applies the change in the settling
transaction; a declined card changes nothing but the row's status.
"""

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from masthead.core.errors import MastheadError
from masthead.core.money import Money
from masthead.core.periods import local_date
from masthead.invoicing.models import CreditNote, CreditNoteReason, Invoice
from masthead.invoicing.services import (
    credit_note_issue,
    invoice_issue,
    invoice_uncredited,
    term_description,
)
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.payments.providers.base import ChargeResult
from masthead.payments.selectors import CLAIM_EXPIRES
from masthead.payments.services import (
    ChargeInFlight,
    ChargeNotWanted,
    TermAlreadyPaid,
    payment_settle,
    payment_take,
    payment_unneeded,
)

from ..models import (
    EventReason,
    Plan,
    PlanChange,
    PlanChangeStatus,
    Subscription,
    SubscriptionStatus,
)
from ..plan_changes import (
    PlanChangeRefused,
    current_term_invoice,
    plan_change_refusal,
    plan_is_upgrade,
    term_has_gift_months,
    upgrade_quote_for,
)
from ..services import term_end_after
from ..states import subscription_move
from .common import saved_method

logger = logging.getLogger(__name__)
S = SubscriptionStatus
IN_PROGRESS = "Your plan change is being processed. Please wait a moment and reload the page."
TERM_MOVED = (
    "Your subscription changed while the upgrade was being made (a gift added months, say), so nothing was charged "
    "and your plan is unchanged. Please look at the change-plan page again."
)


PRICE_CHANGED = "What this change costs has changed since the page was shown. Please check it and confirm again."


def plan_upgrade(
    *, subscription: Subscription, plan: Plan, by=None, now: datetime | None = None, provider=None,
    confirmed_due_minor: int | None = None,
) -> Payment:  # fmt: skip
    """Upgrade to ``plan`` now (see the module). Returns the charge as it
    settled: succeeded (the subscription is on ``plan`` from today), failed
    (nothing changed), or pending at the provider (its webhook finishes it).

    PlanChangeRefused, and nothing charged, for a subscription that is not
    active with its renewal still to come, a plan that is not an upgrade (it
    is switched at the renewal instead), an amount due under ₹1, or one that
    is not ``confirmed_due_minor``, what the reader was shown and confirmed
    (the quote is worked out again under the lock, on this moment's day: a
    day turned since, or a term that moved, would charge another amount);
    NoSavedCard without a card; ChargeInFlight while this or another charge
    for the term is being made."""
    now = now or timezone.now()
    saved = saved_method(subscription)
    change = _change_open(subscription=subscription, plan=plan, by=by, now=now, confirmed_due_minor=confirmed_due_minor)
    provider = provider or payment_provider(saved.provider or None)
    try:
        return payment_take(
            subscription=subscription,
            term_number=change.term_number,
            amount=Money(change.amount_minor, plan.currency),
            saved=saved,
            description=f"{plan.name}, upgrade from {change.from_plan.name}",
            provider=provider,
            now=now,
            still_due=lambda: _still_wanted(change, now),
        )
    except (ChargeInFlight, TermAlreadyPaid, ChargeNotWanted) as refused:
        # Refused before any attempt was made for this change: it is dropped.
        PlanChange.objects.filter(pk=change.pk, status=PlanChangeStatus.PENDING, payment__isnull=True).update(
            status=PlanChangeStatus.FAILED, settled_at=now
        )
        if isinstance(refused, ChargeNotWanted):
            raise PlanChangeRefused("plan_change_refused", TERM_MOVED) from None
        raise ChargeInFlight(IN_PROGRESS) from None


def _change_open(*, subscription: Subscription, plan: Plan, by, now: datetime, confirmed_due_minor: int | None) -> PlanChange:
    """The upgrade's row, written under the subscription's lock from the row
    as it is now (a second click after the first was applied is refused:
    the reader is on that plan already)."""
    with transaction.atomic():
        locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
        why = plan_change_refusal(subscription=locked, plan=plan, now=now)
        if why:
            raise PlanChangeRefused("plan_change_refused", why)
        if not plan_is_upgrade(locked, plan):
            raise PlanChangeRefused(
                "plan_change_refused",
                f"{plan.name} is not an upgrade of your plan, so it starts at your renewal: choose “Switch at renewal”.",
            )
        if term_has_gift_months(locked):
            raise PlanChangeRefused(
                "plan_change_refused",
                "Your current term includes months from a gift, which an upgrade now would lose: "
                f"{plan.name} can start at your renewal instead (“Switch at renewal”).",
            )
        _abandoned_drop(locked, now)
        quote = upgrade_quote_for(subscription=locked, plan=plan, now=now)
        if not quote.chargeable:
            raise PlanChangeRefused(
                "plan_change_refused",
                f"What is left of your current term covers {plan.name}'s price, so it starts at your renewal instead.",
            )
        if confirmed_due_minor is not None and quote.due_minor != confirmed_due_minor:
            raise PlanChangeRefused("price_changed", PRICE_CHANGED)
        try:
            with transaction.atomic():
                return PlanChange.objects.create(
                    subscription=locked,
                    from_plan_id=locked.plan_id,
                    to_plan=plan,
                    term_number=locked.term_number + 1,
                    credit_minor=quote.credit_minor,
                    amount_minor=quote.due_minor,
                    price_minor=plan.price_minor,
                    unused_days=quote.unused_days,
                    term_days=quote.term_days,
                    term_end=locked.term_end,
                    actor=by,
                    created_at=now,
                )
        except IntegrityError:
            # Another request opened this term's upgrade first (SQLite, which has no row locks).
            raise ChargeInFlight(IN_PROGRESS) from None


def _abandoned_drop(locked: Subscription, now: datetime) -> None:
    """A pending upgrade whose request died before its charge was made is
    dropped once its claim would have expired; one still being charged (or
    whose charge waits for the provider's answer) stops this one."""
    pending = PlanChange.objects.filter(subscription=locked, status=PlanChangeStatus.PENDING).first()
    if pending is None:
        return
    charging = Payment.objects.filter(
        subscription_id=locked.pk, term_number=pending.term_number, status=PaymentStatus.PENDING
    ).exists()
    if charging or pending.created_at > now - CLAIM_EXPIRES:
        raise ChargeInFlight(IN_PROGRESS)
    PlanChange.objects.filter(pk=pending.pk).update(status=PlanChangeStatus.FAILED, settled_at=now)


def _still_wanted(change: PlanChange, now: datetime) -> bool:
    """Asked under the subscription's lock right before the charge: the
    upgrade is still pending and the subscription is as it was when asked,
    its term ending when it did (a gift redeemed meanwhile lengthened it)."""
    return (
        PlanChange.objects.filter(pk=change.pk, status=PlanChangeStatus.PENDING).exists()
        and Subscription.objects.filter(
            pk=change.subscription_id,
            status=S.ACTIVE,
            term_number=change.term_number - 1,
            plan_id=change.from_plan_id,
            term_end__gt=now,
            **({"term_end": change.term_end} if change.term_end is not None else {}),
        ).exists()
    )


def _term_moved(subscription: Subscription, change: PlanChange) -> bool:
    """Whether the term the upgrade priced is not the one being read now:
    another term, another plan, or the same term ending later (a gift
    redeemed while the charge was at the provider: its months would be lost)."""
    return (
        subscription.term_number != change.term_number - 1
        or subscription.plan_id != change.from_plan_id
        or (change.term_end is not None and subscription.term_end != change.term_end)
    )


def upgrade_of(payment: Payment) -> PlanChange | None:
    """The pending upgrade ``payment`` is the charge of, locked; None for any other charge."""
    return (
        PlanChange.objects.select_for_update()
        .filter(subscription_id=payment.subscription_id, term_number=payment.term_number, status=PlanChangeStatus.PENDING)
        .filter(Q(payment__isnull=True) | Q(payment=payment))
        .filter(amount_minor=payment.amount_minor)
        .first()
    )


def upgrade_settled(payment: Payment, subscription: Subscription, change: PlanChange) -> bool:
    """Inside the settling transaction, with the subscription locked: apply
    the upgrade its charge paid for. True when it was applied (the payment
    has its invoice); False when the card was declined (nothing changes) or
    the subscription moved while the charge was made (the money goes back)."""
    now = payment.succeeded_at or timezone.now()
    change.payment = payment
    change.settled_at = now
    if payment.status != PaymentStatus.SUCCEEDED:
        change.status = PlanChangeStatus.FAILED
        change.save(update_fields=["payment", "settled_at", "status"])
        return False
    if subscription.status != S.ACTIVE or _term_moved(subscription, change):
        change.status = PlanChangeStatus.FAILED
        change.save(update_fields=["payment", "settled_at", "status"])
        why = (
            f"while the subscription was {subscription.get_status_display().lower()}"
            if subscription.status != S.ACTIVE
            else "after the term it priced had changed (a gift lengthened it, say)"
        )
        payment_unneeded(
            payment=payment, note=f"Paid {why}, for an upgrade that could no longer be made: refunded automatically."
        )
        return False
    # The new term starts when the upgrade was asked for: the quote credited
    # the days from then, and a charge the provider decides later (a webhook
    # days after, perhaps past the old term's end) leaves no day between the
    # two terms that no term paid for.
    start = min(change.created_at, now)
    credit_note = _credit_issue(subscription, change, start)
    credit = credit_note.total_minor if credit_note is not None else 0
    plan = change.to_plan
    subscription_move(
        subscription=subscription,
        to=S.ACTIVE,
        reason=EventReason.PLAN_UPGRADED,
        now=now,
        actor=change.actor,
        only_from=(S.ACTIVE,),
        detail={
            "from_plan": change.from_plan_id,
            "to_plan": plan.pk,
            "credit_minor": credit,
            "charged_minor": payment.amount_minor,
            "unused_days": change.unused_days,
            "term_days": change.term_days,
            "term_end_was": subscription.term_end.isoformat(),
            **({"credit_note": credit_note.number} if credit_note else {}),
        },
        plan=plan,
        price_minor=plan.price_minor,
        currency=plan.currency,
        term_months=plan.term_months,
        term_number=change.term_number,
        term_start=start,
        term_end=term_end_after(start, plan.term_months),
        grace_until=None,
        next_plan=None,
        next_price_minor=None,
        # The offer was for the old plan's terms: the new plan is at its own price.
        offer_terms=0,
        offer_price_minor=None,
    )
    # A notice for the old plan's renewal announced a charge that will not be made.
    subscription.renewal_notices.filter(term_number__gte=change.term_number).delete()
    change.status = PlanChangeStatus.APPLIED
    change.credit_note = credit_note
    change.save(update_fields=["payment", "settled_at", "status", "credit_note"])
    _invoice_issue(payment, subscription, credit_note)
    return True


def _credit_issue(subscription: Subscription, change: PlanChange, start: datetime):
    """The credit note for the unused days from ``start`` (when the upgrade
    was asked for), against the current term's invoice, never more than it
    still holds (a refund since the quote may have taken some back)."""
    if not change.credit_minor:
        return None
    invoice = current_term_invoice(subscription)
    if invoice is None:
        return None
    amount = min(change.credit_minor, invoice_uncredited(invoice).minor)
    if amount <= 0:
        return None
    last_day = local_date(subscription.term_end) - timedelta(days=1)
    return credit_note_issue(
        invoice=invoice,
        amount=Money(amount, invoice.currency),
        reason=CreditNoteReason.PRORATION,
        description=(
            f"Upgrade to {change.to_plan.name}: {change.unused_days} unused day{'s' if change.unused_days != 1 else ''} "
            f"of {change.term_days} ({local_date(start):%d %b %Y} – {last_day:%d %b %Y}) of {change.from_plan.name} credited"
        ),
        now=change.settled_at,
    )


def _invoice_issue(payment: Payment, subscription: Subscription, credit_note) -> None:
    """The new term's invoice, at the new plan's price: the card paid the
    payment, the credit note the rest (so invoices less credit notes are what
    the reader was charged). Without billing details staff can correct, the
    money is on record and the invoice waits, as for any payment."""
    description = term_description(
        plan_name=subscription.plan.name, term_start=subscription.term_start, term_end=subscription.term_end
    )
    if credit_note is not None:
        description = f"{description}; {credit_note.total} paid by credit note {credit_note.number}"
    try:
        with transaction.atomic():
            invoice_issue(
                payment=payment,
                description=description,
                total=Money(payment.amount_minor + (credit_note.total_minor if credit_note else 0), payment.currency),
                now=payment.succeeded_at,
            )
    except MastheadError as error:
        Payment.objects.filter(pk=payment.pk).update(note=f"Tax invoice not issued: {error.message}"[:250])


def plan_upgrades_reconcile(*, now: datetime | None = None) -> int:
    """Finish the upgrades whose request died (a turn of the billing clock,
    before renewals are charged). Once the claim on an upgrade's charge has
    expired, the provider is asked what became of it, by its key, and the
    answer is settled like any other: a charge it made applies the upgrade
    (or goes back, if the subscription moved meanwhile). A charge it never
    made is recorded as failed, and so is an upgrade whose request died
    before its charge was opened: the reader, who was shown nothing, may
    simply ask again. Nothing is charged here. Returns how many were settled."""
    now = now or timezone.now()
    settled = 0
    stale = PlanChange.objects.filter(status=PlanChangeStatus.PENDING, created_at__lt=now - CLAIM_EXPIRES)
    for change in stale:
        waiting = Payment.objects.filter(
            subscription_id=change.subscription_id, term_number=change.term_number, status=PaymentStatus.PENDING
        ).first()
        if waiting is None:
            settled += PlanChange.objects.filter(pk=change.pk, status=PlanChangeStatus.PENDING, payment__isnull=True).update(
                status=PlanChangeStatus.FAILED, settled_at=now
            )
            continue
        if waiting.claimed_at is not None and waiting.claimed_at >= now - CLAIM_EXPIRES:
            continue  # its worker is still at it
        try:
            result = payment_provider(waiting.provider).find_charge(key=waiting.charge_key)
            if result is None:
                result = ChargeResult(succeeded=False, payment_id="", message="The charge never reached the provider.")
            if not result.final:
                continue  # the provider's webhook settles it
            payment_settle(payment_id=waiting.pk, result=result, now=now)
        except MastheadError as error:
            logger.warning("upgrade charge %s not reconciled: %s", waiting.charge_key, error.message)
            continue
        settled += 1
    return settled


# Refunds of a payment whose invoice an upgrade credited. The upgrade's term
# was paid twice over: its own charge, and the unused days of the term
# before, credited from that term's invoice (and so from that term's charge).
# Upgrades chain (Monthly → Quarterly → Yearly): the quarter's invoice holds
# its own charge and the month's credit, and the year's credit came from
# both, so money of the month may end up paying for the year. A refund walks
# the whole chain: what a payment's invoice passed on is the reader's again
# once a term it reached was refunded, and none of it goes back while the
# reader still reads on it.


def upgrades_credited_from(payment: Payment) -> list[PlanChange]:
    """The applied upgrades whose credit came from ``payment``'s invoice."""
    return list(
        PlanChange.objects.filter(credit_note__invoice__payment_id=payment.pk, status=PlanChangeStatus.APPLIED)
        .select_related("credit_note", "payment", "subscription")
        .order_by("pk")
    )


def _credit_chain(payment: Payment) -> list[PlanChange]:
    """The applied upgrades ``payment``'s invoice credited, directly or through
    the upgrades after them (the quarter's and the year's, for the month of
    Monthly → Quarterly → Yearly), oldest first."""
    chain: list[PlanChange] = []
    seen: set[int] = set()
    todo = upgrades_credited_from(payment)
    while todo:
        change = todo.pop(0)
        if change.pk in seen or change.payment is None:
            continue
        seen.add(change.pk)
        chain.append(change)
        todo.extend(upgrades_credited_from(change.payment))
    return chain


def _upgraded_invoice(change: PlanChange) -> Invoice | None:
    return Invoice.objects.filter(payment_id=change.payment_id).first() if change.payment_id else None


def _term_refunded(change: PlanChange) -> bool:
    """Whether the term ``change`` started was refunded: its payment was, or
    money given back ended it while it was read (a chargeback further up the
    chain). Nothing the reader keeps was paid by what its invoice holds."""
    if change.payment.status == PaymentStatus.REFUNDED:
        return True
    subscription = change.subscription
    subscription.refresh_from_db(fields=["status", "term_number"])
    return subscription.status == SubscriptionStatus.REFUNDED and subscription.term_number == change.term_number


def credit_funds_term_being_read(payment: Payment, subscription: Subscription, reading: tuple) -> PlanChange | None:
    """The upgrade whose term ``subscription`` is reading now (in one of the
    ``reading`` states) and which ``payment``'s credit paid part of, through
    any number of upgrades; None when there is none. Money given back on
    ``payment`` beyond what the terms before it hold then takes back part of
    the price of the term being read."""
    if subscription.status not in reading:
        return None
    for change in _credit_chain(payment):
        if (
            change.subscription_id == subscription.pk
            and change.term_number == subscription.term_number
            and change.payment.status == PaymentStatus.SUCCEEDED
        ):
            return change
    return None


def credit_released(payment: Payment) -> Money:
    """What the invoices of the refunded terms ``payment``'s credit reached
    still hold: it paid for nothing the reader keeps, so a refund of
    ``payment`` may give it back in cash, besides what its own invoice holds
    (refund_effect caps it at the payment)."""
    released = 0
    for change in _credit_chain(payment):
        upgraded = _upgraded_invoice(change)
        if upgraded is not None and _term_refunded(change):
            released += max(invoice_uncredited(upgraded).minor, 0)
    return Money(released, payment.currency)


def credit_return_placed(payment: Payment, amount_minor: int) -> list[tuple[PlanChange, Invoice, int]]:
    """Where ``amount_minor`` given back on ``payment`` beyond what its own
    invoice held is credited: the invoices of the refunded terms its credit
    reached first (what a staff refund released, credit_released), then the
    others in order, the term being read last (a chargeback takes what it
    takes). Each (upgrade, its term's invoice, amount), never more than an
    invoice still holds."""
    chain = [(change, invoice) for change in _credit_chain(payment) if (invoice := _upgraded_invoice(change)) is not None]
    refunded = [link for link in chain if _term_refunded(link[0])]
    placed = []
    for change, invoice in refunded + [link for link in chain if link not in refunded]:
        if amount_minor <= 0:
            break
        amount = min(amount_minor, invoice_uncredited(invoice).minor)
        if amount > 0:
            placed.append((change, invoice, amount))
            amount_minor -= amount
    return placed


def credit_given_back_minor(payment: Payment) -> int:
    """Of the money given back on refunded ``payment``, what went beyond what
    its own invoice held before the refund: that much of the credit its
    invoice passed on to upgrades went back to the reader (0 when none did)."""
    invoice = Invoice.objects.filter(payment_id=payment.pk).first()
    if invoice is None or payment.status != PaymentStatus.REFUNDED or not upgrades_credited_from(payment):
        return 0
    # The refund's own credit note may be issued already (listeners run in
    # either order): what it took was held before the refund.
    refund_note = CreditNote.objects.filter(invoice=invoice, reason=CreditNoteReason.REFUND).first()
    held = invoice_uncredited(invoice).minor + (refund_note.total_minor if refund_note else 0)
    return max(payment.refunded_amount.minor - max(held, 0), 0)


def upgrade_credit_returned(payment: Payment, *, by=None) -> None:
    """Registered with payments (on_payment_refunded): money given back on
    ``payment`` beyond what its own invoice still held (credit its invoice
    passed on to upgrades: returned with a staff refund once a term it
    reached was refunded, or taken back by a chargeback) is credited on the
    invoices of the upgraded terms it reached (credit_return_placed), so
    every rupee that went back has its credit note and the invoices less
    credit notes are what the publication kept."""
    for change, upgraded, amount in credit_return_placed(payment, credit_given_back_minor(payment)):
        credit_note_issue(
            invoice=upgraded,
            amount=Money(amount, upgraded.currency),
            reason=CreditNoteReason.UPGRADE_CREDIT_RETURNED,
            description=f"Credit carried into this term (credit note {change.credit_note.number}), given back "
            f"with the refund of {payment.amount}: {upgraded.description}",
            now=payment.refunded_at,
        )
