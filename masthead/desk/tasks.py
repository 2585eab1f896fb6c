"""Desk jobs run by the huey consumer."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from .funnel import funnel_raw_prune
from .services import desk_rollup_recent


@db_periodic_task(crontab(minute="*/15"))
@lock_task("desk-rollup")
def desk_rollup_job():
    """Every 15 minutes: yesterday's figures (final once the day is over, and
    written again in the first turns after midnight so late moves count) and
    today's so far."""
    desk_rollup_recent()


@db_periodic_task(crontab(minute="40", hour="3"))
@lock_task("desk-funnel-prune")
def funnel_raw_prune_job():
    """Daily: raw funnel events past MASTHEAD_FUNNEL_RAW_DAYS go (their days'
    rollups stay)."""
    funnel_raw_prune()
