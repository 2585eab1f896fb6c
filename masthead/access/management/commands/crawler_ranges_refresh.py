from django.core.management.base import BaseCommand, CommandError

from masthead.access.crawlers import CrawlerRangesInvalid, crawler_engines, crawler_ranges_refresh, refreshed_ranges_path


class Command(BaseCommand):
    help = (
        "Replace the search engines' published crawler address lists (docs/paywall.md, Verified crawlers): "
        "from each engine's own URL, or from a file or URL for one engine."
    )

    def add_arguments(self, parser):
        parser.add_argument("--engine", help="One engine of MASTHEAD_VERIFIED_CRAWLERS (default: every one).")
        parser.add_argument("--from", dest="source", help="A file or an https URL in the engines' JSON format.")

    def handle(self, *args, engine=None, source=None, **options):
        names = [engine] if engine else [known.name for known in crawler_engines()]
        if source and len(names) != 1:
            raise CommandError("--from needs --engine: which engine's list is it?")
        failed = []
        for name in names:
            try:
                count = crawler_ranges_refresh(engine_name=name, source=source)
            except CrawlerRangesInvalid as error:
                failed.append(name)
                self.stderr.write(f"{name}: not refreshed, the list in use is kept. {error}")
                continue
            self.stdout.write(f"{name}: {count} prefixes written to {refreshed_ranges_path(name)}.")
        if failed:
            raise CommandError(f"Not refreshed: {', '.join(failed)}.")
