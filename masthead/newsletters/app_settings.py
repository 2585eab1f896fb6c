"""The newsletters app's settings, each with a default.

A value in Django's settings wins, then the environment variable of the same
name, then the default. They are read when used (not at import), so tests
can override them. Every one is documented in docs/settings.md.
"""

from django.core.exceptions import ImproperlyConfigured

from masthead.core.app_settings import setting, whole_number
from masthead.core.urls import site_url


class AppSettings:
    @property
    def BATCH_SIZE(self) -> int:
        """Messages sent over one SMTP connection (and deliveries planned per insert)."""
        return whole_number("MASTHEAD_NEWSLETTER_BATCH_SIZE", 100)

    @property
    def LEASE_SECONDS(self) -> int:
        """How long a worker holds an issue between batches before another may take over."""
        return whole_number("MASTHEAD_NEWSLETTER_LEASE_SECONDS", 600)

    @property
    def UNSUBSCRIBE_MAILTO(self) -> str:
        """An address that unsubscribes by mail, offered in List-Unsubscribe too (optional)."""
        return setting("MASTHEAD_NEWSLETTER_UNSUBSCRIBE_MAILTO", "")

    @property
    def SLEEPING_DIGEST(self) -> bool:
        """Whether subscribers who stopped reading are mailed the stories they missed ("on" or "off")."""
        value = setting("MASTHEAD_SLEEPING_DIGEST", "on").lower()
        if value not in ("on", "off"):
            raise ImproperlyConfigured(f"MASTHEAD_SLEEPING_DIGEST must be on or off, not {value!r}")
        return value == "on"

    @property
    def SITE_URL(self) -> str:
        """Absolute links in a mail: there is no request to take the address from."""
        return site_url()


app_settings = AppSettings()
