from django.core.management.base import BaseCommand, CommandError

from masthead.core.errors import MastheadError
from masthead.subscriptions import billing
from masthead.subscriptions.clock_report import clock_turn_lines, subscription_label, subscription_turn_sentence
from masthead.subscriptions.models import Subscription


class Command(BaseCommand):
    help = (
        "Run the billing clock now: one whole turn, or with --subscription the turn for those subscriptions only. "
        "The same rules as the periodic clock (no charge before the notice's date, none twice), so it is safe "
        "to run while the job consumer is running."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--subscription",
            dest="subscription_ids",
            type=int,
            action="append",
            metavar="ID",
            help="Only this subscription (repeat for more).",
        )

    def handle(self, *args, subscription_ids=None, **options):
        if not subscription_ids:
            for line in clock_turn_lines(billing.billing_clock_tick()):
                self.stdout.write(line)
            return
        # Every id is checked before anything runs: a typo in the third id
        # must not leave the first two charged and the command failed.
        found = Subscription.objects.select_related("user", "plan").in_bulk(subscription_ids)
        missing = [str(pk) for pk in dict.fromkeys(subscription_ids) if pk not in found]
        if missing:
            raise CommandError(f"No subscription with id {', '.join(missing)}; nothing was run.")
        failed = []
        for pk in dict.fromkeys(subscription_ids):
            subscription = found[pk]
            label = subscription_label(subscription)
            was = subscription.status
            try:
                turn = billing.subscription_clock_run(subscription=subscription)
            except MastheadError as error:
                self.stderr.write(f"{label}: {error.message}")
                failed.append(str(pk))
                continue
            self.stdout.write(f"{label}: {subscription_turn_sentence(turn, was=was)}")
        if failed:
            raise CommandError(f"The clock did not finish for subscription {', '.join(failed)}.")
