"""The e-paper's settings, each with a default.

A value in Django's settings wins, then the environment variable of the same
name, then the default, so a deployment sets them in its environment without
touching masthead/settings.py. They are read when used, so tests can override
them. Every one is documented in docs/settings.md.
"""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _setting(name: str, default: str) -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, "").strip()
    return str(value).strip() or default


def _whole_number(name: str, default: int) -> int:
    value = _setting(name, str(default))
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None
    if number < 1:
        raise ImproperlyConfigured(f"{name} must be at least 1")
    return number


class AppSettings:
    @property
    def ACCEL_REDIRECT(self) -> str:
        """A URL prefix such as "/_protected/epaper/": when set, files are handed
        to nginx with X-Accel-Redirect after the access check instead of being
        streamed by Python. Empty: Python streams them."""
        prefix = _setting("MASTHEAD_EPAPER_ACCEL_REDIRECT", "")
        if prefix and not prefix.endswith("/"):
            prefix += "/"
        return prefix

    @property
    def PAGE_WIDTH(self) -> int:
        return _whole_number("MASTHEAD_EPAPER_PAGE_WIDTH", 1600)

    @property
    def THUMBNAIL_WIDTH(self) -> int:
        return _whole_number("MASTHEAD_EPAPER_THUMBNAIL_WIDTH", 240)

    @property
    def MAX_PAGES(self) -> int:
        return _whole_number("MASTHEAD_EPAPER_MAX_PAGES", 200)

    @property
    def MAX_UPLOAD_MB(self) -> int:
        return _whole_number("MASTHEAD_EPAPER_MAX_UPLOAD_MB", 200)

    @property
    def SHARE_DAYS(self) -> int:
        return _whole_number("MASTHEAD_EPAPER_SHARE_DAYS", 7)


app_settings = AppSettings()
