"""The e-paper's settings, each with a default.

A value in Django's settings wins, then the environment variable of the same
name, then the default, so a deployment sets them in its environment without
touching masthead/settings.py. They are read when used, so tests can override
them. Every one is documented in docs/settings.md.
"""

from masthead.core.app_settings import setting, whole_number


class AppSettings:
    @property
    def ACCEL_REDIRECT(self) -> str:
        """A URL prefix such as "/_protected/epaper/": when set, files are handed
        to nginx with X-Accel-Redirect after the access check instead of being
        streamed by Python. Empty: Python streams them."""
        prefix = setting("MASTHEAD_EPAPER_ACCEL_REDIRECT", "")
        if prefix and not prefix.endswith("/"):
            prefix += "/"
        return prefix

    @property
    def PAGE_WIDTH(self) -> int:
        return whole_number("MASTHEAD_EPAPER_PAGE_WIDTH", 1600)

    @property
    def THUMBNAIL_WIDTH(self) -> int:
        return whole_number("MASTHEAD_EPAPER_THUMBNAIL_WIDTH", 240)

    @property
    def MAX_PAGES(self) -> int:
        return whole_number("MASTHEAD_EPAPER_MAX_PAGES", 200)

    @property
    def MAX_UPLOAD_MB(self) -> int:
        return whole_number("MASTHEAD_EPAPER_MAX_UPLOAD_MB", 200)

    @property
    def SHARE_DAYS(self) -> int:
        return whole_number("MASTHEAD_EPAPER_SHARE_DAYS", 7)


app_settings = AppSettings()
