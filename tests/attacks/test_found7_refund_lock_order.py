"""A staff refund while the provider's news of the same payment arrives (PostgreSQL).

A refund now ends its term through a payments listener: ``payment_refund``
locks the payment, asks the provider for the money back, marks the payment
refunded and then, in ``refund_ends_term``, locks the subscription. Every
other path takes the subscription first (docs/subscriptions.md, Lock
order), among them ``payment_settle``, which the webhook intake runs for any
event naming the payment (Stripe sends several for one charge, and resends
them). A refund confirmed while such an event is processed deadlocks with
it, and PostgreSQL aborts one of them. When it aborts the refund, the money
has already gone back at the provider but the payment stays "succeeded", the
subscription stays active, no mail goes out and staff see an error page: the
reader holds both the refund and the term. SQLite has no row locks, so this
runs only on PostgreSQL:

    DATABASE_URL=postgres://…/masthead pytest tests/attacks/test_found7_refund_lock_order.py
"""

import threading
import time

import pytest
from django.db import connection

from masthead.payments import services as payment_services
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.providers.base import ChargeResult
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only")


@pytest.mark.django_db(transaction=True)
def test_a_refund_while_an_event_for_the_same_payment_settles_does_not_deadlock(localstripe, django_user_model, monkeypatch):
    reader = django_user_model.objects.create_user(username="both", email="both@example.test", password="a long password here")
    subscription = subscribe(reader, make_plan(name="Smart Monthly", price_minor=300_00, term_months=1))
    paid = Payment.objects.get(subscription=subscription, status=PaymentStatus.SUCCEEDED)
    refund_holds_the_payment = threading.Barrier(2)
    listeners = list(payment_services._refunded_listeners)

    def refunded_a_moment_later(payment, *, by=None):
        # The refund holds the payment's lock; the event takes the subscription's.
        refund_holds_the_payment.wait(timeout=5)
        time.sleep(0.5)
        for listener in listeners:
            listener(payment, by=by)

    monkeypatch.setattr(payment_services, "_refunded_listeners", [refunded_a_moment_later])
    outcome = {}

    def staff_refund():
        try:
            outcome["refund"] = payment_services.payment_refund(payment=paid)
        except Exception as error:  # noqa: BLE001
            outcome["refund"] = error
        finally:
            connection.close()

    def event_for_the_payment():
        try:
            refund_holds_the_payment.wait(timeout=5)
            outcome["event"] = payment_services.payment_settle(
                payment_id=paid.pk, result=ChargeResult(succeeded=True, payment_id=paid.provider_payment_id)
            )
        except Exception as error:  # noqa: BLE001
            outcome["event"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=staff_refund), threading.Thread(target=event_for_the_payment)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    failures = {name: result for name, result in outcome.items() if isinstance(result, Exception)}
    assert not failures, failures
    paid.refresh_from_db()
    subscription.refresh_from_db()
    assert paid.status == PaymentStatus.REFUNDED
    assert subscription.status == SubscriptionStatus.REFUNDED
