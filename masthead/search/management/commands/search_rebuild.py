from django.core.management.base import BaseCommand

from masthead.search.services import search_rebuild


class Command(BaseCommand):
    help = "Re-index every live and scheduled article for archive search, and drop every other entry."

    def handle(self, *args, **options):
        report = search_rebuild(progress=lambda done: self.stderr.write(f"{done} articles indexed…") if done % 20000 == 0 else None)
        self.stdout.write(f"Indexed {report.indexed} articles; removed {report.removed} stale entries.")
