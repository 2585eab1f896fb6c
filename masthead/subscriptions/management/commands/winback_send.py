from django.core.management.base import BaseCommand
from django.utils import timezone

from masthead.subscriptions.models import WinbackSettings
from masthead.subscriptions.winback import winback_offer, winback_send_due


class Command(BaseCommand):
    help = (
        "Mail the win-back offer to every reader now due one (a paid subscription ended or lapsed the set number "
        "of days ago). Each reader gets it once, ever, so it is safe to run from cron while the job consumer runs."
    )

    def handle(self, *args, **options):
        if winback_offer(timezone.now()) is None:
            config = WinbackSettings.current()
            why = "switched off" if not config.is_on or config.offer_id is None else "on, but its offer cannot be taken now"
            self.stdout.write(f"Win-back offers are {why}: none sent.")
            return
        sent = winback_send_due()
        self.stdout.write(f"{sent} win-back offer{'' if sent == 1 else 's'} sent")
