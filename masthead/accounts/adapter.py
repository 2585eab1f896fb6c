"""allauth's account adapter, speaking as the publication."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        """allauth names the site by its host ("[127.0.0.1] ..."); readers
        know the publication by its name."""
        return f"{settings.MASTHEAD_SITE_NAME}: {subject}"
