from django.core.management.base import BaseCommand

from masthead.newsletters.app_settings import app_settings
from masthead.newsletters.sleeping import sleeping_digests_send
from masthead.newsroom.app_settings import app_settings as newsroom_settings


class Command(BaseCommand):
    help = (
        "Mail the stories they missed to subscribers who have read nothing for 30 days (each at most once in 30 "
        "days, so it is safe to run from cron while the job consumer runs). Nothing when MASTHEAD_SLEEPING_DIGEST or "
        "MASTHEAD_READING_HISTORY is off."
    )

    def handle(self, *args, **options):
        if not app_settings.SLEEPING_DIGEST:
            self.stdout.write("The stories-missed mail is switched off (MASTHEAD_SLEEPING_DIGEST=off): none sent.")
            return
        if not newsroom_settings.READING_HISTORY:
            self.stdout.write("Reading history is not recorded (MASTHEAD_READING_HISTORY=off), so nobody can be told asleep: none sent.")
            return
        sent = sleeping_digests_send()
        self.stdout.write(f"{sent} stories-missed mail{'' if sent == 1 else 's'} sent")
