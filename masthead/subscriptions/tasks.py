"""Subscription jobs run by the huey consumer."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import services


@db_periodic_task(crontab(minute="*/5"))
def end_finished_subscriptions():
    services.subscriptions_end_due()
