"""Desk jobs run by the huey consumer."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from .services import desk_rollup_recent


@db_periodic_task(crontab(minute="*/15"))
@lock_task("desk-rollup")
def desk_rollup_job():
    """Every 15 minutes: yesterday's figures (final once the day is over, and
    written again in the first turns after midnight so late moves count) and
    today's so far."""
    desk_rollup_recent()
