"""Newsletter jobs run by the huey consumer."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from . import services, sleeping


@db_task(retries=3, retry_delay=60)
def send_issue(issue_id: int):
    """Queued by "Send now". A retry, or the minute sweep, resumes a run that
    stopped: only deliveries still pending are sent."""
    services.issue_send(issue_id=issue_id)


@db_periodic_task(crontab(minute="*"))
def send_due_issues():
    services.issues_send_due()


@db_periodic_task(crontab(minute="43"))
@lock_task("sleeping-digests")
def send_sleeping_digests():
    """Hourly: the stories-missed mail to each sleeping subscriber now due one."""
    sleeping.sleeping_digests_send()
