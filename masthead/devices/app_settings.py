"""The devices app's settings (see masthead/core/app_settings.py for the order
they are read in). Documented in docs/settings.md."""

from masthead.core.app_settings import setting


class AppSettings:
    @property
    def DEVICE_LOCATION_HEADER(self) -> str:
        """A request header the site's own front end sets with the client's
        place (e.g. "CF-IPCountry"), shown with each signed-in device. Empty: none."""
        return setting("MASTHEAD_DEVICE_LOCATION_HEADER", "")


app_settings = AppSettings()
