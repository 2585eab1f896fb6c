"""A reader pays for two terms, lets the subscription end, and then takes the
last term's money back at the provider (a refund made there, or a chargeback
on the card): the provider's event marks that payment refunded, and the
subscription stays "ended", since an ended one moves no more.

Thirty days after the ending the win-back job mails this reader the offer
anyway: it looks only for *some* settled payment on the subscription, and
the first term's still is. The rules (subscriptions/winback.py) say a reader
who "has not been refunded since" the ending is mailed, and docs/subscriptions.md
that "a refunded subscription" is not; a reader who clawed the last term back
is exactly who must not be offered another price."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import payment_refunded_at_provider
from masthead.subscriptions.models import (
    Subscription,
    SubscriptionStatus,
    WinbackSend,
    WinbackSettings,
)
from masthead.subscriptions.winback import winback_send_due
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
NOW = timezone.now().replace(microsecond=0)


def _paid(subscription, term_number, at):
    return Payment.objects.create(
        subscription=subscription, term_number=term_number, charge_key=f"atkwin-{subscription.pk}-{term_number}",
        provider="fake", amount_minor=subscription.price_minor, status=PaymentStatus.SUCCEEDED, succeeded_at=at,
    )  # fmt: skip


@pytest.mark.xfail(strict=True, reason="win-back asks for any settled payment, not whether the money came back since")
def test_a_reader_who_took_the_last_term_back_after_the_ending_is_not_mailed_the_offer(smtp, django_user_model):
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    offer = make_offer(plan, name="Come back offer", code="BACK50", starts_at=NOW - timedelta(days=90))
    WinbackSettings(is_on=True, offer=offer, days_after=30).save()
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test", password="x" * 20)
    ended_at = NOW - timedelta(days=30, hours=1)
    subscription = Subscription.objects.create(
        user=reader, plan=plan, status=SubscriptionStatus.ENDED, price_minor=plan.price_minor, term_months=3,
        term_number=2, started_at=ended_at - timedelta(days=180), term_start=ended_at - timedelta(days=90),
        term_end=ended_at, ended_at=ended_at,
    )  # fmt: skip
    _paid(subscription, 1, ended_at - timedelta(days=180))
    last = _paid(subscription, 2, ended_at - timedelta(days=90))

    # Twenty days after the ending, the card's bank hands the last term back.
    payment_refunded_at_provider(payment=last, note="Disputed by the cardholder", now=NOW - timedelta(days=10))
    assert Payment.objects.get(pk=last.pk).status == PaymentStatus.REFUNDED

    assert winback_send_due(now=NOW) == 0
    assert smtp.for_address("asha@example.test") == []
    assert not WinbackSend.objects.exists()
