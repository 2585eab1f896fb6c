""""Resume now" pressed twice at once, or racing the billing clock at the
pause's end: the next term is charged once. Run on whichever database the
suite uses (SQLite here, PostgreSQL in CI's second run, where the
subscription's row lock is what holds it)."""

from datetime import timedelta

import pytest

from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import ChargeInFlight, ChargeNotWanted, TermAlreadyPaid
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.concurrency import in_threads
from masthead.testing.stripe import intents_with_key, subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db(transaction=True)
S = SubscriptionStatus
ANSWERED_WITHOUT_CHARGING = (ChargeInFlight, TermAlreadyPaid, ChargeNotWanted)


@pytest.fixture
def paused(localstripe, django_user_model):
    reader = django_user_model.objects.create_user(username="twice", email="twice@example.test", password="a long password here")
    subscription = subscribe(reader, make_plan(price_minor=900_00, term_months=3))
    return services.subscription_pause(subscription=subscription, months=2, now=subscription.term_end - timedelta(days=5))


def _charged_once(subscription):
    term2 = Payment.objects.filter(subscription=subscription, term_number=2)
    assert term2.filter(status=PaymentStatus.SUCCEEDED).count() == 1
    assert sum(len(intents_with_key(payment.charge_key)) for payment in term2) == 1
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 2


def test_resume_now_pressed_twice_at_once_charges_once(paused):
    now = paused.term_end + timedelta(days=10)
    clicks = [Subscription.objects.get(pk=paused.pk) for _ in range(2)]  # each request reads the paused row

    resumed, errors = in_threads(*[lambda copy=copy: billing.pause_resume_now(subscription=copy, now=now) for copy in clicks])

    assert len(resumed) == 1 and resumed[0].status == PaymentStatus.SUCCEEDED
    assert len(errors) == 1 and isinstance(errors[0], ANSWERED_WITHOUT_CHARGING), errors
    _charged_once(paused)


def test_resume_now_racing_the_clock_at_the_pauses_end_charges_once(paused):
    until = paused.pause_until
    billing.renewal_notices_send(now=until - timedelta(hours=47))
    copy = Subscription.objects.get(pk=paused.pk)
    now = until + timedelta(minutes=1)

    _, errors = in_threads(
        lambda: billing.pause_resume_now(subscription=copy, now=now),
        lambda: billing.renewals_charge(now=now),
    )

    assert all(isinstance(error, ANSWERED_WITHOUT_CHARGING) for error in errors), errors
    _charged_once(paused)
