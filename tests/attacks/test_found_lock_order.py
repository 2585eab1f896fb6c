"""Lock order on PostgreSQL (docs/subscriptions.md: the subscription row
first, then its payments).

payment_settle locks the payment and then, through the settled listener,
the subscription; payment_attempt_open locks the subscription and then
updates the payment. A webhook settling an attempt whose claim has expired
while the clock reconciles the same attempt deadlocks, and PostgreSQL aborts
one of them. SQLite has no row locks, so this runs only on PostgreSQL:

    DATABASE_URL=postgres://…/masthead pytest tests/attacks/test_found_lock_order.py
"""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection

from masthead.payments import services as payment_services
from masthead.payments.models import PaymentStatus
from masthead.payments.providers.base import ChargeResult
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only")


@pytest.mark.django_db(transaction=True)
def test_a_webhook_settling_while_the_clock_reconciles_the_same_attempt_does_not_deadlock(localstripe, django_user_model, monkeypatch):
    reader = django_user_model.objects.create_user(username="locks", email="locks@example.test", password="a long password here")
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))
    end = subscription.term_end
    # The clock's worker claimed the renewal and died; the claim has expired.
    payment, _ = payment_services.payment_attempt_open(
        subscription=subscription, term_number=2, amount=subscription.price, provider_name="stripe", attempt=1,
        now=end - timedelta(minutes=30),
    )  # fmt: skip
    both_locked_one_row = threading.Barrier(2)
    listeners = list(payment_services._settled_listeners)

    def settled_a_moment_later(settled):
        # The webhook holds the payment's lock; the clock takes the subscription's.
        both_locked_one_row.wait(timeout=5)
        time.sleep(0.5)
        for listener in listeners:
            listener(settled)

    monkeypatch.setattr(payment_services, "_settled_listeners", [settled_a_moment_later])
    outcome = {}

    def webhook():
        try:
            outcome["webhook"] = payment_services.payment_settle(
                payment_id=payment.pk, result=ChargeResult(succeeded=False, payment_id="pi_late", message="declined")
            )
        except Exception as error:  # noqa: BLE001
            outcome["webhook"] = error
        finally:
            connection.close()

    def clock():
        try:
            both_locked_one_row.wait(timeout=5)
            outcome["clock"] = payment_services.payment_attempt_open(
                subscription=subscription, term_number=2, amount=subscription.price, provider_name="stripe", attempt=1,
                now=end + timedelta(minutes=1),
            )  # fmt: skip
        except (payment_services.ChargeInFlight, payment_services.TermAlreadyPaid) as expected:
            outcome["clock"] = expected
        except Exception as error:  # noqa: BLE001
            outcome["clock"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=webhook), threading.Thread(target=clock)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    failures = {name: result for name, result in outcome.items() if type(result).__name__ == "OperationalError"}
    assert not failures, failures
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
