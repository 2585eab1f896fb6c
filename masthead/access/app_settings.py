"""The reader cookie's and crawler verification's settings, each with a
default (see masthead/core/app_settings.py for the order they are read in).
Every one is documented in docs/settings.md."""

from django.conf import settings

from masthead.core.app_settings import setting, whole_number

from .engines import DEFAULT_ENGINES, CrawlerEngine, engines_from_setting


class AppSettings:
    @property
    def READER_COOKIE(self) -> str:
        """The name of the signed cookie that carries an anonymous reader's id and receipt."""
        return setting("MASTHEAD_READER_COOKIE", "mh_reader")

    @property
    def READER_COOKIE_DAYS(self) -> int:
        return whole_number("MASTHEAD_READER_COOKIE_DAYS", 730)

    @property
    def VERIFIED_CRAWLERS(self) -> tuple[CrawlerEngine, ...]:
        """The search engines whose crawlers are verified and read in full (docs/paywall.md)."""
        value = getattr(settings, "MASTHEAD_VERIFIED_CRAWLERS", None)
        if isinstance(value, dict):
            return engines_from_setting(value)
        return engines_from_setting(setting("MASTHEAD_VERIFIED_CRAWLERS", DEFAULT_ENGINES))

    @property
    def CRAWLER_CACHE_SECONDS(self) -> int:
        """How long a DNS verification's answer, yes or no, is kept."""
        return whole_number("MASTHEAD_CRAWLER_CACHE_SECONDS", 6 * 3600)

    @property
    def CRAWLER_DNS_TIMEOUT_MS(self) -> int:
        """How long a page waits for the reverse and forward lookups together."""
        return whole_number("MASTHEAD_CRAWLER_DNS_TIMEOUT_MS", 1000)


app_settings = AppSettings()
