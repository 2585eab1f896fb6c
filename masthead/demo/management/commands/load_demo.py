import time

from django.core.management.base import BaseCommand, CommandError

from masthead.demo.loader import demo_is_loaded, demo_load
from masthead.demo.logins import demo_allowed, demo_users_ensure


class Command(BaseCommand):
    help = "Load the demo publication (original sample articles, plans, demo users) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1997, help="Seed for the article generator.")
        parser.add_argument(
            "--count",
            type=int,
            default=None,
            help="How many articles to write (default: the whole archive, a few stories a week since 1997).",
        )

    def handle(self, *args, seed, count, **options):
        if not demo_allowed():
            raise CommandError("Demo content has published passwords and is refused in production.")
        if demo_is_loaded():
            demo_users_ensure()
            self.stdout.write("Demo content is already loaded (the database has articles); demo logins checked.")
            return
        started = time.monotonic()
        written = demo_load(seed=seed, count=count)
        self.stdout.write(self.style.SUCCESS(f"Loaded {written} demo articles in {time.monotonic() - started:.1f} s."))
