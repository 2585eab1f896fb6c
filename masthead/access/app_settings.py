"""The reader cookie's settings, each with a default (see
masthead/core/app_settings.py for the order they are read in). Every one is
documented in docs/settings.md."""

from masthead.core.app_settings import setting, whole_number


class AppSettings:
    @property
    def READER_COOKIE(self) -> str:
        """The name of the signed cookie that carries an anonymous reader's id and receipt."""
        return setting("MASTHEAD_READER_COOKIE", "mh_reader")

    @property
    def READER_COOKIE_DAYS(self) -> int:
        return whole_number("MASTHEAD_READER_COOKIE_DAYS", 730)


app_settings = AppSettings()
