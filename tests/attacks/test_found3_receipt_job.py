"""The receipt is a queued job now: it runs after the payment commits, maybe
minutes later, and is retried. By the time it runs the payment may have been
refunded, and a job that already mailed may run again; the reader must not
be sent a receipt (with a tax invoice) for money they got back, nor two."""

import pytest

from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import payment_refund
from masthead.subscriptions.tasks import receipt_mail
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(
        username="asha", email="asha@example.test", password="a long password here", first_name="Asha", last_name="Rao"
    )


def _receipts(inbox) -> list:
    return [message for message in inbox.for_address("asha@example.test") if "receipt" in message["Subject"]]


def test_a_receipt_queued_before_a_refund_is_not_mailed_after_it(localstripe, smtp, reader, jobs_inline, django_capture_on_commit_callbacks):
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    # The payment commits; its receipt job waits on the queue (the consumer is busy).
    with django_capture_on_commit_callbacks(execute=False) as queued:
        subscription = subscribe(reader, plan)
    payment = Payment.objects.get(subscription=subscription, term_number=1)
    # Staff refund it before the consumer gets to the job.
    with django_capture_on_commit_callbacks(execute=True):
        payment_refund(payment=payment)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    # The consumer now runs the queued receipt.
    for callback in queued:
        callback()
    assert _receipts(smtp) == [], [message["Subject"] for message in _receipts(smtp)]


def test_a_receipt_job_run_again_mails_no_second_receipt(localstripe, smtp, reader, jobs_inline, django_capture_on_commit_callbacks):
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    with django_capture_on_commit_callbacks(execute=True):
        subscription = subscribe(reader, plan)
    payment = Payment.objects.get(subscription=subscription, term_number=1)
    assert len(_receipts(smtp)) == 1
    # huey delivers at least once: a consumer killed after the mail left but
    # before the job was acknowledged runs it again.
    receipt_mail.call_local(payment.pk)
    assert len(_receipts(smtp)) == 1
