"""The meter's settings, each with a default.

A value in Django's settings wins, then the environment variable of the same
name, then the default. They are read when used (not at import), so tests
can override them; `manage.py check` reads them at start-up (metering.E001),
so a wrong value stops a deploy rather than a reader. Every one is documented
in docs/settings.md.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from masthead.core.app_settings import setting, whole_number

METER_STORES = ("database", "redis")


class AppSettings:
    @property
    def METER_STORE(self) -> str:
        """Where views are counted: "database", or "redis" (the default when REDIS_URL is set)."""
        redis_url = getattr(settings, "REDIS_URL", "")
        store = setting("MASTHEAD_METER_STORE", "redis" if redis_url else "database")
        if store not in METER_STORES:
            raise ImproperlyConfigured("MASTHEAD_METER_STORE must be 'database' or 'redis'")
        if store == "redis" and not redis_url:
            raise ImproperlyConfigured("MASTHEAD_METER_STORE=redis needs REDIS_URL")
        return store

    @property
    def METER_RULES_SECONDS(self) -> int:
        """How long a web process trusts its copy of the staff-set meter rules."""
        return whole_number("MASTHEAD_METER_RULES_SECONDS", 5)

    @property
    def FUNNEL_BATCH(self) -> int:
        """Paywall funnel events written per bulk insert (or every few seconds)."""
        return whole_number("MASTHEAD_FUNNEL_BATCH", 50)


app_settings = AppSettings()
