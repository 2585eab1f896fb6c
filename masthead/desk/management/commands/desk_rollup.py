from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from masthead.core.errors import MastheadError
from masthead.core.inputs import parse_day
from masthead.core.periods import local_date
from masthead.desk.services import desk_rollup


class Command(BaseCommand):
    help = (
        "Rebuild the business desk's daily figures for a range of days (in the publication's time zone), "
        "from the subscriptions' history, payments and credit notes, and the funnel's rollups of those days "
        "from the raw funnel events still kept; the retention page's cohorts and sleeping count are "
        "written afresh as of now. Running it again writes the same figures. "
        "Without --from and --to: yesterday and today, as the periodic job does."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", metavar="YYYY-MM-DD", help="The first day (default: yesterday).")
        parser.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help="The last day (default: today).")

    def handle(self, *args, first=None, last=None, **options):
        now = timezone.now()
        today = local_date(now)
        try:
            last_day = parse_day(last) if last else today
            first_day = parse_day(first) if first else min(last_day, today) - timedelta(days=1)
            rows = desk_rollup(first=first_day, last=last_day, now=now)
        except MastheadError as error:
            raise CommandError(f"{error.message} Nothing was written.") from None
        days = (last_day - first_day).days + 1
        self.stdout.write(f"Rolled up {days} day{'s' if days != 1 else ''}, {first_day} to {last_day}: {rows} rows.")
