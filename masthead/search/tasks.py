"""Search jobs run by the huey consumer."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from .backends.recent import recent_slice_move


@db_periodic_task(crontab(minute="17", hour="4"))
@lock_task("search-recent-slice")
def move_recent_slice():
    """Daily, at a quiet hour: the newest stories' own indexes follow the calendar."""
    recent_slice_move(timezone.now())
