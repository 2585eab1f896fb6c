"""A reader subscribes to Smart Quarterly (₹900) and, the same morning,
upgrades to Smart Yearly: the day of the change counts as unused, so the
whole ₹900 is credited and ₹1,800 charged for a ₹2,700 year. Then they
tell their bank the ₹900 charge was not theirs, and the bank takes it back
(charge.dispute.created, funds withdrawn, for the whole charge).

Masthead records it as a refund of that payment: it is not the current
term's, so reading goes on, and no credit note is issued (the quarter's
invoice was wholly credited to the upgrade already). The reader keeps the
whole Smart Yearly term having paid ₹1,800 net for it: the ₹900 credited
to it is the money the bank gave back. Disputing the upgrade's own charge
would end the reading; disputing the one before it, which paid for the
upgrade's credit, does not. The publication is out ₹900, and its invoices
less credit notes (₹2,700) are more than it kept (₹1,800). (A staff refund
of that payment is refused for exactly this reason: "All of it was
credited to a plan upgrade".)

Expected: money taken back whose credit paid for the term being read is
not quietly recorded while the term runs on: the reading ends (as for a
chargeback of the current term's charge), or the event is left for staff
with the payment as it was."""

from datetime import timedelta

import pytest

from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.tests.test_money_returned import STRIPE, _disputed
from masthead.subscriptions import billing
from masthead.subscriptions.selectors import reading_subscription
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db


def test_a_chargeback_of_the_credited_charge_does_not_leave_the_upgraded_term_running(localstripe, client, django_user_model):
    reader = django_user_model.objects.create_user(username="disputer", email="disputer@example.test", password="x" * 20)
    plans = make_smart_plans()
    subscription = subscribe(reader, plans["quarterly"])
    quarter = Payment.objects.get(subscription=subscription, term_number=1)
    upgrade = billing.plan_upgrade(
        subscription=subscription, plan=plans["yearly"], by=reader, now=subscription.term_start + timedelta(hours=2)
    )
    assert upgrade.status == PaymentStatus.SUCCEEDED and upgrade.amount_minor < 2000_00

    body, headers = _disputed(quarter)
    assert client.post(STRIPE, body, content_type="application/json", **headers).status_code == 200

    quarter.refresh_from_db()
    still_reading = reading_subscription(user=reader) is not None
    recorded = quarter.status == PaymentStatus.REFUNDED
    assert not (recorded and still_reading), (
        f"the ₹900 went back, and the reader reads Smart Yearly having paid ₹{upgrade.amount_minor // 100:,} for it"
    )
