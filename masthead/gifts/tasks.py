"""Gift jobs run by the huey consumer."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from .subscriptions import gift_emails_send_due


@db_periodic_task(crontab(minute="*/15"))
@lock_task("gift-emails")
def gift_emails():
    """Gift subscriptions' e-mails whose day has come, once each (a gift is
    claimed before its mail goes out, so even two consumers send it once)."""
    gift_emails_send_due()
