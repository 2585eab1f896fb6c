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
from masthead.subscriptions.models import WinbackSend
from masthead.subscriptions.winback import winback_send_due
from masthead.testing.winback import paid_and_ended, winback_switched_on

pytestmark = pytest.mark.django_db
NOW = timezone.now().replace(microsecond=0)


def test_a_reader_who_took_the_last_term_back_after_the_ending_is_not_mailed_the_offer(smtp, django_user_model):
    offer = winback_switched_on(NOW)
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test", password="x" * 20)
    subscription = paid_and_ended(reader, offer.plans.get(), ended_at=NOW - timedelta(days=30, hours=1), terms=2)
    last = subscription.payments.get(term_number=2)

    # Twenty days after the ending, the card's bank hands the last term back.
    payment_refunded_at_provider(payment=last, note="Disputed by the cardholder", now=NOW - timedelta(days=10))
    assert Payment.objects.get(pk=last.pk).status == PaymentStatus.REFUNDED

    assert winback_send_due(now=NOW) == 0
    assert smtp.for_address("asha@example.test") == []
    assert not WinbackSend.objects.exists()
