"""Subscription jobs run by the huey consumer."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from . import billing


@db_periodic_task(crontab(minute="*/5"))
@lock_task("billing-clock")
def billing_clock():
    billing.billing_clock_tick()
