"""Subscriptions with a history written through the state machine, and the
payments, invoices and credit notes beside them, on chosen days: what the
desk's tests roll up."""

import itertools
from datetime import date, datetime, time

from django.contrib.auth import get_user_model

from masthead.core.money import Money
from masthead.core.periods import publication_zone
from masthead.invoicing.services import credit_note_issue, invoice_issue
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.subscriptions.states import subscription_move

_numbers = itertools.count(1)


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    """A moment of ``day`` in the publication's zone."""
    return datetime.combine(day, time(hour, minute), tzinfo=publication_zone())


def subscription(plan) -> Subscription:
    n = next(_numbers)
    user = get_user_model().objects.create_user(username=f"sub{n}", email=f"sub{n}@example.test", password="x" * 20)
    return Subscription.objects.create(
        user=user, plan=plan, status=SubscriptionStatus.PENDING, price_minor=plan.price_minor, term_months=plan.term_months
    )


def move(sub: Subscription, to: str, reason: str, when: datetime) -> Subscription:
    return subscription_move(subscription=sub, to=to, reason=reason, now=when)


def payment(sub, *, term: int, attempt: int = 1, status: str = PaymentStatus.SUCCEEDED, created: datetime,
            succeeded: datetime | None = None, refunded: datetime | None = None, amount: int | None = None,
            refunded_minor: int | None = None, duplicate: bool = False) -> Payment:  # fmt: skip
    if status in (PaymentStatus.SUCCEEDED, PaymentStatus.REFUNDED) and succeeded is None:
        succeeded = created
    row = Payment.objects.create(
        subscription=sub, term_number=term, attempt=attempt, charge_key=f"desk-test-{next(_numbers)}", provider="demo",
        amount_minor=sub.price_minor if amount is None else amount, status=status, succeeded_at=succeeded,
        refunded_at=refunded, refunded_minor=refunded_minor, duplicate=duplicate,
    )  # fmt: skip
    Payment.objects.filter(pk=row.pk).update(created_at=created)
    row.refresh_from_db()
    return row


def refund(row: Payment, when: datetime, *, minor: int | None = None) -> Payment:
    """The payment given back (after its invoice was issued, as in life)."""
    Payment.objects.filter(pk=row.pk).update(status=PaymentStatus.REFUNDED, refunded_at=when, refunded_minor=minor)
    row.refresh_from_db()
    return row


def invoiced(row: Payment, when: datetime):
    return invoice_issue(payment=row, description="A term", now=when)


def credited(invoice, amount_minor: int, when: datetime):
    return credit_note_issue(invoice=invoice, amount=Money(amount_minor), reason="refund", description="Refund", now=when)
