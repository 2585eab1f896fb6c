"""Refunds after a chain of upgrades, in every order: one upgrade (Smart
Quarterly → Smart Yearly) and two (Smart Monthly → Smart Quarterly → Smart
Yearly), each payment given back by a staff refund or by the provider (a
refund made in Stripe's dashboard, or a chargeback), in every order. After
every step:

- no payment gives back more than it charged;
- no invoice is credited beyond its total, and the invoices less their
  credit notes are exactly what the publication kept (charged, less what
  went back to the card, less what chargebacks took);
- a reader still reading has paid all of their term's price: its payment
  stands and nothing of its invoice was credited back.

And refunding every payment newest first, as staff are advised, gives
back all that was charged."""

from datetime import timedelta
from itertools import permutations, product

import pytest

from masthead.invoicing.models import Invoice
from masthead.invoicing.services import invoice_uncredited
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import NothingToRefund, payment_refund, refund_effect
from masthead.payments.tests.test_money_returned import STRIPE, _disputed, _refunded
from masthead.subscriptions import billing
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.stripe import stripe_client, subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db

S = SubscriptionStatus
READING = (S.ACTIVE, S.CANCELLING, S.PAST_DUE, S.PAUSED, S.NEEDS_CARD)
STAFF, AT_PROVIDER = "staff refund", "at the provider"


def _scenarios():
    """(upgrades, order of the payments given back, how each is given back)."""
    for upgrades in (1, 2):
        for order in permutations(range(upgrades + 1)):
            for hows in product((STAFF, AT_PROVIDER), repeat=upgrades + 1):
                yield pytest.param(
                    upgrades, order, hows, id=f"{upgrades}up-" + "-".join(f"{i}{h[0]}" for i, h in zip(order, hows))
                )


def _chain(reader, upgrades: int) -> tuple[Subscription, list[Payment]]:
    """One upgrade: a quarter (₹900), upgraded to the year a month in (₹600
    credited, ₹2,100 charged). Two: a month (₹300), upgraded to the quarter
    five days in (₹251.61 credited, ₹648.39 charged), and to the year twenty
    days later (₹700 credited, ₹2,000 charged)."""
    plans = make_smart_plans()
    path = [plans["quarterly"], plans["yearly"]] if upgrades == 1 else [plans["monthly"], plans["quarterly"], plans["yearly"]]
    subscription = subscribe(reader, path[0])
    payments = [Payment.objects.get(subscription=subscription, term_number=1)]
    days = [30] if upgrades == 1 else [5, 20]
    for plan, after in zip(path[1:], days):
        subscription.refresh_from_db()
        payments.append(
            billing.plan_upgrade(subscription=subscription, plan=plan, by=reader, now=subscription.term_start + timedelta(days=after))
        )
    assert all(payment.status == PaymentStatus.SUCCEEDED for payment in payments)
    subscription.refresh_from_db()
    return subscription, payments


def _sent_back(payment: Payment) -> int:
    refunds = stripe_client().v1.refunds.list(params={"payment_intent": payment.provider_payment_id}).data
    return sum(refund.amount for refund in refunds)


class Ledger:
    """The money of one subscription as the card and the bank saw it."""

    def __init__(self, subscription: Subscription, payments: list[Payment]):
        self.subscription = subscription
        self.payments = payments
        self.taken_back = {payment.pk: 0 for payment in payments}  # by chargebacks

    def give_back(self, client, index: int, how: str) -> None:
        payment = Payment.objects.get(pk=self.payments[index].pk)
        if how == STAFF:
            try:
                payment_refund(payment=payment)
            except NothingToRefund:
                assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.SUCCEEDED  # nothing moved
            return
        if payment.status != PaymentStatus.SUCCEEDED:
            return  # the provider is not asked twice for what already went back
        if index == 0:
            # The bank takes the oldest payment back; nothing goes back to the card.
            body, headers = _disputed(payment, event_id=f"evt_dispute_{payment.pk}")
            self.taken_back[payment.pk] = payment.amount_minor
        else:
            # Refunded in Stripe's dashboard, then the event tells Masthead.
            stripe_client().v1.refunds.create(params={"payment_intent": payment.provider_payment_id})
            body, headers = _refunded(payment, event_id=f"evt_refunded_{payment.pk}")
        assert client.post(STRIPE, body, content_type="application/json", **headers).status_code == 200
        assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.REFUNDED

    def check(self, after: str) -> None:
        charged = sent = taken = held = 0
        for payment in self.payments:
            payment.refresh_from_db()
            back = _sent_back(payment)
            assert back + self.taken_back[payment.pk] <= payment.amount_minor, f"{after}: {payment} gave back more than it charged"
            charged += payment.amount_minor
            sent += back
            taken += self.taken_back[payment.pk]
            invoice = Invoice.objects.get(payment=payment)
            left = invoice_uncredited(invoice).minor
            assert left >= 0, f"{after}: invoice {invoice.number} credited beyond its total"
            held += left
        kept = charged - sent - taken
        assert held == kept, f"{after}: invoices less credit notes ₹{held / 100:,.2f}, publication kept ₹{kept / 100:,.2f}"
        subscription = Subscription.objects.get(pk=self.subscription.pk)
        if subscription.status in READING:
            read = next(p for p in self.payments if p.term_number == subscription.term_number)
            assert read.status == PaymentStatus.SUCCEEDED, f"{after}: the reader reads a refunded term"
            invoice = Invoice.objects.get(payment=read)
            assert invoice_uncredited(invoice) == invoice.total, f"{after}: part of the term being read went back"

    def sent_back(self) -> int:
        return sum(_sent_back(payment) for payment in self.payments)


@pytest.mark.parametrize("upgrades,order,hows", list(_scenarios()))
def test_money_given_back_after_upgrades_in_any_order_keeps_the_books_and_the_reading_straight(
    localstripe, client, django_user_model, upgrades, order, hows
):
    reader = django_user_model.objects.create_user(username="chain", email="chain@example.test", password="x" * 20)
    ledger = Ledger(*_chain(reader, upgrades))
    ledger.check("after the upgrades")
    steps = []
    for index, how in zip(order, hows):
        steps.append(f"payment {index} {how}")
        ledger.give_back(client, index, how)
        ledger.check(", then ".join(steps))
    if all(how == AT_PROVIDER for how in hows) or order == tuple(reversed(range(upgrades + 1))):
        # Newest first, as staff are advised, everything goes back (the
        # provider gives back whole payments whatever the order).
        assert all(p.status == PaymentStatus.REFUNDED for p in ledger.payments)
        assert ledger.sent_back() + sum(ledger.taken_back.values()) == sum(p.amount_minor for p in ledger.payments)
        assert Subscription.objects.get(pk=ledger.subscription.pk).status not in READING


@pytest.mark.parametrize("upgrades", [1, 2])
def test_staff_told_to_refund_the_newest_first_are_told_the_truth_at_every_step(localstripe, django_user_model, upgrades):
    reader = django_user_model.objects.create_user(username="told", email="told@example.test", password="x" * 20)
    ledger = Ledger(*_chain(reader, upgrades))
    for payment in reversed(ledger.payments):
        effect = refund_effect(Payment.objects.get(pk=payment.pk))
        assert effect.amount_minor is None and effect.description.startswith(
            "It paid the current term" if payment is ledger.payments[-1] else "All of it goes back"
        ), effect.description
        assert "keeps reading" not in effect.description
        payment_refund(payment=Payment.objects.get(pk=payment.pk), expected_effect=effect.description)
        assert _sent_back(payment) == payment.amount_minor
        ledger.check(f"refund of {payment}")
