"""Subscription jobs run by the huey consumer."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from masthead.payments.models import Payment

from . import mail, winback
from .billing import clock


@db_periodic_task(crontab(minute="*/5"))
@lock_task("billing-clock")
def billing_clock():
    # Renewals go out as one job per chunk, so on a busy day every job
    # consumer charges a share; the rest of the turn is quick and runs here.
    clock.billing_clock_tick(charge_chunk=renewals_charge_chunk)


@db_task(retries=3, retry_delay=60)
def receipt_mail(payment_id: int):
    """A receipt with its tax invoice PDF, queued after the payment commits:
    rendering and mailing it (most of a renewal's cost) happens on a job
    consumer, retried if the mail server is down, and never holds up the
    billing clock."""
    mail.receipt_send(payment=Payment.objects.get(pk=payment_id))


@db_task()
def renewals_charge_chunk(after_pk: int, last_pk: int):
    """One chunk of due renewals, read afresh when the job runs: a renewal
    another consumer (or an earlier turn's job) already took is skipped."""
    return clock.renewals_charge_chunk(after_pk=after_pk, last_pk=last_pk)


@db_periodic_task(crontab(minute="17"))
@lock_task("winback-send")
def winback_send():
    """Hourly: the win-back offers now due (each reader mailed once, ever)."""
    winback.winback_send_due()
