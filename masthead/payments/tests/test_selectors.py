"""What the payments app answers about a term's charge: whether one is being
made right now, how many attempts it has had and which number the next one
takes (its charge key, the provider's idempotency key, is built from it), and
the reader's list of payments."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from masthead.core.money import Money
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.selectors import (
    TermAttempts,
    charge_in_flight,
    payment_history,
    term_attempts,
)
from masthead.payments.services import payment_attempt_open
from masthead.subscriptions import services
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)


def _subscriber(django_user_model, name):
    reader = django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="x" * 20)
    plan = make_plan(name=f"Plan for {name}", slug=f"plan-{name}")
    return services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan), now=NOW)


@pytest.fixture
def subscription(django_user_model):
    return _subscriber(django_user_model, "payer")


@pytest.fixture
def neighbour(django_user_model):
    """Another reader's subscription, whose charges are none of this one's business."""
    return _subscriber(django_user_model, "neighbour")


def _attempt(subscription, attempt, *, term=2, status=PaymentStatus.FAILED, claimed_at=None, **fields):
    return Payment.objects.create(
        subscription=subscription,
        term_number=term,
        attempt=attempt,
        charge_key=f"masthead-sub{subscription.pk}-term{term}-try{attempt}{fields.pop('suffix', '')}",
        provider="stripe",
        amount_minor=subscription.price_minor,
        status=status,
        claimed_at=claimed_at,
        **fields,
    )


def test_a_term_never_charged_has_had_no_attempt_and_the_first_is_number_one(subscription):
    assert term_attempts(subscription_id=subscription.pk, term_number=2) == TermAttempts(made=0, last_at=None, next_number=1)


def test_the_next_attempt_takes_a_number_no_earlier_charge_of_the_term_was_sent_with(subscription, neighbour):
    """Attempts 1 and 2 were declined; attempt 3 succeeded after the reader
    had cancelled, so it bought nothing and was refunded (marked duplicate).
    The next charge must not reuse try3: the provider would answer it with
    the refunded charge instead of charging the card."""
    _attempt(subscription, 1, claimed_at=NOW + timedelta(days=1))
    _attempt(subscription, 2, claimed_at=NOW + timedelta(days=3))
    _attempt(subscription, 3, status=PaymentStatus.REFUNDED, claimed_at=NOW + timedelta(days=4), duplicate=True)
    _attempt(subscription, 7, term=3, claimed_at=NOW + timedelta(days=5))  # another term's numbers are its own
    _attempt(neighbour, 5, claimed_at=NOW + timedelta(days=5))  # and so are another subscription's
    attempts = term_attempts(subscription_id=subscription.pk, term_number=2)
    assert (attempts.made, attempts.last_at, attempts.next_number) == (2, NOW + timedelta(days=3), 4)
    payment, reconcile = payment_attempt_open(
        subscription=subscription, term_number=2, amount=Money(subscription.price_minor, "INR"), provider_name="stripe",
        now=NOW + timedelta(days=5),
    )  # fmt: skip
    assert (payment.attempt, payment.charge_key, reconcile) == (4, f"masthead-sub{subscription.pk}-term2-try4", False)


def test_an_extra_charge_found_for_an_attempt_is_not_an_attempt_of_its_own(subscription):
    _attempt(subscription, 1, claimed_at=NOW + timedelta(days=1))
    _attempt(
        subscription, 1, status=PaymentStatus.REFUNDED, claimed_at=NOW + timedelta(days=2), duplicate=True, suffix="-extra-pi_late"
    )
    attempts = term_attempts(subscription_id=subscription.pk, term_number=2)
    assert (attempts.made, attempts.last_at, attempts.next_number) == (1, NOW + timedelta(days=1), 2)


def test_a_charge_is_in_flight_while_a_worker_holds_a_live_claim_on_it(subscription, neighbour):
    _attempt(neighbour, 1, status=PaymentStatus.PENDING, claimed_at=NOW)
    assert not charge_in_flight(subscription_id=subscription.pk, term_number=2, now=NOW)
    claimed = _attempt(subscription, 1, status=PaymentStatus.PENDING, claimed_at=NOW)
    assert charge_in_flight(subscription_id=subscription.pk, term_number=2, now=NOW + timedelta(minutes=10))
    # The claim ran out: its worker died, and the next run reconciles it.
    assert not charge_in_flight(subscription_id=subscription.pk, term_number=2, now=NOW + timedelta(minutes=10, seconds=1))
    assert not charge_in_flight(subscription_id=subscription.pk, term_number=3, now=NOW)
    Payment.objects.filter(pk=claimed.pk).update(status=PaymentStatus.FAILED)
    assert not charge_in_flight(subscription_id=subscription.pk, term_number=2, now=NOW)


def test_an_order_waiting_for_the_reader_on_the_providers_page_is_not_a_charge_in_flight(subscription):
    _attempt(subscription, 1, status=PaymentStatus.PENDING, claimed_at=None, provider_payment_id="order_Waiting")
    assert not charge_in_flight(subscription_id=subscription.pk, term_number=2, now=NOW)


def test_the_reader_sees_their_own_settled_payments_newest_first(subscription, neighbour, django_assert_num_queries):
    for day, (owner, term, status) in enumerate(
        [(subscription, 1, PaymentStatus.SUCCEEDED), (neighbour, 1, PaymentStatus.SUCCEEDED), (subscription, 2, PaymentStatus.FAILED),
         (subscription, 3, PaymentStatus.PENDING), (subscription, 4, PaymentStatus.REFUNDED)]
    ):  # fmt: skip
        with time_machine.travel(NOW + timedelta(days=day), tick=False):
            _attempt(owner, 1, term=term, status=status)
    with django_assert_num_queries(1):  # each payment's invoice (here none) comes with it
        shown = [(p.term_number, p.status, hasattr(p, "invoice")) for p in payment_history(user=subscription.user)]
    assert shown == [(4, "refunded", False), (2, "failed", False), (1, "succeeded", False)]
    assert [p.term_number for p in payment_history(user=subscription.user, limit=2)] == [4, 2]


def test_the_account_page_lists_the_last_two_years_of_monthly_payments(subscription):
    for term in range(1, 26):
        with time_machine.travel(NOW + timedelta(days=31 * term), tick=False):
            _attempt(subscription, 1, term=term, status=PaymentStatus.SUCCEEDED)
    assert [p.term_number for p in payment_history(user=subscription.user)] == list(range(25, 1, -1))
