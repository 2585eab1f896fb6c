"""Newsroom jobs run by the huey consumer."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import services


@db_periodic_task(crontab(minute="*"))
def mark_due_articles_published():
    services.due_articles_mark_published()
