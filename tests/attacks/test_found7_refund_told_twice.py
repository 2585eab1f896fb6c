"""Two members of Support refund the same payment at the same moment.

Both confirm the refund; both see the payment as paid when their request
reads the selection. The money goes back once (the payment row is locked and
the second finds it refunded), but the second was also told "Refunded 1
payment (₹900.00)": they believe they sent the money back, and may tell the
reader so a second time. The second must be told it was already refunded.

The moment between reading the selection and the refund is simulated by
refunding the payment while the second request describes it.
"""

import pytest
from django.test import Client

from masthead.payments import admin as payments_admin
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import payment_refund
from masthead.testing.accounts import make_staff
from masthead.testing.stripe import stripe_client, subscribe
from masthead.testing.subscriptions import make_plan
from masthead.testing.admin import refund_confirmation

pytestmark = pytest.mark.django_db
PAYMENTS = "/admin/payments/payment/"


@pytest.fixture
def paid(localstripe, django_user_model):
    reader = django_user_model.objects.create_user(username="paid", email="paid@example.test", password="a long password")
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))
    return Payment.objects.get(subscription=subscription, term_number=1)


def test_the_second_of_two_refunds_at_once_is_told_it_was_already_done(paid, monkeypatch):
    first = make_staff("payments.view_payment", "payments.refund_payment", username="first")
    second = Client()
    second.force_login(make_staff("payments.view_payment", "payments.refund_payment", username="second"))
    describe = payments_admin.refund_effect
    asked = refund_confirmation(second, [paid.pk])

    def first_refunds_meanwhile(payment):
        payment_refund(payment=Payment.objects.get(pk=payment.pk), by=first)
        return describe(payment)

    monkeypatch.setattr(payments_admin, "refund_effect", first_refunds_meanwhile)
    done = second.post(PAYMENTS, asked, follow=True)

    told = [(message.level_tag, message.message) for message in done.context["messages"]]
    assert told == [("warning", f"{paid.charge_key}: already refunded by someone else; nothing more was sent back.")]
    paid.refresh_from_db()
    assert paid.status == PaymentStatus.REFUNDED
    assert len(stripe_client().v1.refunds.list(params={"limit": 10}).data) == 1
