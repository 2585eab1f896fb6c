"""Where the meter keeps its counts: the database (default) or Redis.

Chosen by ``MASTHEAD_METER_STORE`` (``database`` or ``redis``); when unset,
Redis is used if ``REDIS_URL`` is set.
"""

from functools import cache

from django.conf import settings

from .base import MeterStore, RecordOutcome
from ..app_settings import app_settings


@cache
def meter_store() -> MeterStore:
    if app_settings.METER_STORE == "redis":
        from .redis import RedisMeterStore

        return RedisMeterStore(settings.REDIS_URL, prefix=f"{settings.MASTHEAD_CACHE_PREFIX}:meter")
    from .database import DatabaseMeterStore

    return DatabaseMeterStore()


__all__ = ["MeterStore", "RecordOutcome", "meter_store"]
