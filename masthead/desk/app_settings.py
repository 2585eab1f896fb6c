"""The desk's settings, each with a default (read when used; docs/settings.md)."""

from masthead.core.app_settings import whole_number

# The job rolls up yesterday and today: raw events must outlive both, with a
# day to spare for a job that missed its turn at midnight.
FUNNEL_RAW_DAYS_MIN = 3


class AppSettings:
    @property
    def FUNNEL_RAW_DAYS(self) -> int:
        """Days the raw funnel events are kept; their daily rollups are kept for good."""
        return whole_number("MASTHEAD_FUNNEL_RAW_DAYS", 90, minimum=FUNNEL_RAW_DAYS_MIN)


app_settings = AppSettings()
