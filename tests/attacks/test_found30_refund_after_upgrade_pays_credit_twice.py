"""A subscriber on Smart Quarterly (₹900) upgrades to Smart Yearly a month
in: the unused days are credited (a proration credit note of about ₹600
against the quarter's invoice) and only ₹2,100 is charged. Then they ask
support for a refund of "the quarter I paid for", and staff refund that
payment (Payments → Refund): the admin's effect says it ends no reading
(it is not the current term's payment), the refund's credit note takes back
only the ₹300 the invoice still held, but the provider is asked to refund
the whole ₹900 charge.

The ₹600 already spent on the yearly term goes back to the card as well:
the reader paid ₹2,400 net for ₹3,000 of invoiced supply less ₹900 of credit
notes, so their invoices less credit notes (₹2,700) are not what they were
charged (₹2,100), and ₹600 of credit was paid out in cash.

Expected: a refund never sends back more than the payment's invoice still
holds (after the proration credit note), or is refused for a term whose
days were credited to an upgrade; either way invoices less credit notes
equal what the reader was charged net."""

from datetime import timedelta

import pytest

from masthead.invoicing.models import CreditNote, Invoice
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import payment_refund
from masthead.subscriptions import billing
from masthead.testing.stripe import stripe_client, subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db


def _quarter_upgraded(django_user_model, name: str, *, after: timedelta) -> Payment:
    """A reader's Smart Quarterly payment, upgraded to Smart Yearly ``after`` its term began."""
    reader = django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="x" * 20)
    plans = make_smart_plans()
    subscription = subscribe(reader, plans["quarterly"])
    billing.plan_upgrade(subscription=subscription, plan=plans["yearly"], by=reader, now=subscription.term_start + after)
    return Payment.objects.get(subscription=subscription, term_number=1)


def test_a_refund_of_the_term_credited_to_an_upgrade_sends_back_only_what_it_still_holds(localstripe, django_user_model):
    reader = django_user_model.objects.create_user(username="farmer", email="farmer@example.test", password="x" * 20)
    plans = make_smart_plans()
    subscription = subscribe(reader, plans["quarterly"])
    quarter = Payment.objects.get(subscription=subscription, term_number=1)
    upgrade = billing.plan_upgrade(
        subscription=subscription, plan=plans["yearly"], by=reader, now=subscription.term_start + timedelta(days=30)
    )
    assert upgrade.status == PaymentStatus.SUCCEEDED

    refunded = payment_refund(payment=quarter)
    assert refunded.status == PaymentStatus.REFUNDED

    # What the provider actually sent back to the card.
    sent_back = sum(
        r.amount for r in stripe_client().v1.refunds.list(params={"payment_intent": quarter.provider_payment_id}).data
    )
    charged = sum(p.amount_minor for p in Payment.objects.filter(subscription=subscription).exclude(succeeded_at=None))
    invoiced = sum(i.total_minor for i in Invoice.objects.filter(payment__subscription=subscription))
    credited = sum(c.total_minor for c in CreditNote.objects.filter(invoice__payment__subscription=subscription))
    assert invoiced - credited == charged - sent_back


def test_staff_are_told_only_the_uncredited_part_goes_back(localstripe, django_user_model):
    from masthead.payments.services import refund_effect

    quarter = _quarter_upgraded(django_user_model, "farmer3", after=timedelta(days=30))
    note = CreditNote.objects.get(invoice__payment=quarter)

    effect = refund_effect(Payment.objects.get(pk=quarter.pk))
    held = 900_00 - note.total_minor
    assert effect.amount_minor == held
    assert effect.description.startswith(f"Only ₹{held // 100:,}")
    assert note.number in effect.description


def test_a_term_credited_whole_to_an_upgrade_is_not_refunded(localstripe, django_user_model):
    from masthead.payments.services import NothingToRefund

    # On the term's first day every day is unused: the whole ₹900 is credited.
    quarter = _quarter_upgraded(django_user_model, "farmer2", after=timedelta(minutes=5))
    assert CreditNote.objects.get(invoice__payment=quarter).total_minor == 900_00

    with pytest.raises(NothingToRefund, match="credited to a plan upgrade"):
        payment_refund(payment=quarter)
    assert Payment.objects.get(pk=quarter.pk).status == PaymentStatus.SUCCEEDED
    assert not stripe_client().v1.refunds.list(params={"payment_intent": quarter.provider_payment_id}).data


def test_support_confirms_and_is_told_the_part_refunded(localstripe, django_user_model):
    from django.test import Client

    from masthead.testing.accounts import make_staff
    from masthead.testing.admin import refund_confirmation

    quarter = _quarter_upgraded(django_user_model, "farmer4", after=timedelta(days=30))
    held = 900_00 - CreditNote.objects.get(invoice__payment=quarter).total_minor
    support = Client()
    support.force_login(make_staff("payments.view_payment", "payments.refund_payment", username="support"))

    asked = refund_confirmation(support, [quarter.pk])
    said = [value for name, value in asked.items() if name.startswith("refund_effect") or "effect" in name]
    assert any(f"Only ₹{held // 100:,}" in value for value in said), said
    done = support.post("/admin/payments/payment/", asked, follow=True)
    told = [message.message for message in done.context["messages"]]
    assert any(f"Refunded 1 payment (₹{held // 100:,}" in message for message in told), told
    assert Payment.objects.get(pk=quarter.pk).refunded_minor == held
