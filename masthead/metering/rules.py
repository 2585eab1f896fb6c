"""The staff-set meter rules, read without a restart and without a query per request.

Each web process keeps its copy for MASTHEAD_METER_RULES_SECONDS; saving the
settings in the admin refreshes the saving process at once, every other
process within that time.
"""

import threading
import time
from dataclasses import dataclass
from datetime import timedelta


from masthead.core.localcache import reading_fresh

from .models import MeterSettings
from .policy import meter_limit
from .app_settings import app_settings


@dataclass(frozen=True)
class MeterRules:
    free_limit: int = 5
    # More free articles a month for a reader with a free account (the
    # registration wall); 0: an account reads no more than a visitor.
    account_extra: int = 0
    # Not the meter's own: the access decision closes older articles to
    # readers who do not subscribe. Staff set it beside the free limit, on
    # the one page of the paywall's settings.
    archive_age: timedelta = timedelta(days=365)

    def limit_for(self, *, has_account: bool) -> int:
        return meter_limit(free_limit=self.free_limit, account_extra=self.account_extra, has_account=has_account)

    def extra_for(self, *, has_account: bool) -> int:
        """What signing up would add for this reader: nothing once they have an account."""
        return 0 if has_account else self.account_extra


_lock = threading.Lock()
_cached: tuple[float, MeterRules] | None = None


def current_rules() -> MeterRules:
    global _cached
    cached = _cached
    if cached and cached[0] > time.monotonic() and not reading_fresh():
        return cached[1]
    row = MeterSettings.current()
    rules = MeterRules(
        free_limit=row.free_limit,
        account_extra=row.account_extra,
        archive_age=timedelta(days=row.archive_age_days),
    )
    with _lock:
        _cached = (time.monotonic() + app_settings.METER_RULES_SECONDS, rules)
    return rules


def forget_rules() -> None:
    global _cached
    with _lock:
        _cached = None
