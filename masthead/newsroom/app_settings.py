"""The newsroom app's settings, each with a default.

A value in Django's settings wins, then the environment variable of the same
name, then the default. They are read when used (not at import), so tests
can override them. Every one is documented in docs/settings.md.
"""

from django.core.exceptions import ImproperlyConfigured

from masthead.core.app_settings import setting


class AppSettings:
    @property
    def READING_HISTORY(self) -> bool:
        """Whether a signed-in reader's full reading of a story is recorded
        (``ArticleReading``, at most one write per reader, story and day):
        "on" or "off". Off exists to measure what the recording costs
        (bench/reading.py); the stories-missed mail reads the history and is
        off with it."""
        value = setting("MASTHEAD_READING_HISTORY", "on").lower()
        if value not in ("on", "off"):
            raise ImproperlyConfigured(f"MASTHEAD_READING_HISTORY must be on or off, not {value!r}")
        return value == "on"


app_settings = AppSettings()
