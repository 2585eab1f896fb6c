"""Billing's settings, each with a default (see masthead/core/app_settings.py
for the order they are read in; `manage.py check` reads them at start-up).
Every one is documented in docs/settings.md."""

from django.core.exceptions import ImproperlyConfigured

from masthead.core.app_settings import whole_number, whole_numbers

# The e-mandate rule: a reader is told of a renewal at least a day before it is charged.
SHORTEST_NOTICE_HOURS = 24


class AppSettings:
    @property
    def PRE_DEBIT_NOTICE_HOURS(self) -> int:
        """How long before a renewal its pre-debit notice goes out."""
        hours = whole_number("MASTHEAD_PRE_DEBIT_NOTICE_HOURS", 48)
        if hours < SHORTEST_NOTICE_HOURS:
            raise ImproperlyConfigured("MASTHEAD_PRE_DEBIT_NOTICE_HOURS must be at least 24 (the e-mandate rule)")
        return hours

    @property
    def RENEWAL_RETRY_DAYS(self) -> list[int]:
        """Days after a term's end on which a failed renewal is tried again."""
        return list(whole_numbers("MASTHEAD_RENEWAL_RETRY_DAYS", (1, 3, 5)))

    @property
    def GRACE_DAYS(self) -> int:
        """How long a reader keeps reading after a failed renewal (0: not at all)."""
        return whole_number("MASTHEAD_GRACE_DAYS", 7, minimum=0)

    @property
    def OFFER_HOLD_HOURS(self) -> int:
        """How long an unpaid checkout holds an offer's redemption once the
        offer is used up: after it, another reader may take it."""
        return whole_number("MASTHEAD_OFFER_HOLD_HOURS", 24, minimum=1)


app_settings = AppSettings()
