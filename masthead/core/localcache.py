"""A small per-process cache with expiry, for the hottest reads.

The shared cache (Redis at scale) costs a network round trip per read; for
data that may be a few seconds stale in other processes (an article's text
after an edit, the section menu) a dict in each process is much cheaper.
Writes in this process drop their entries at once; other processes see them
expire within their time to live.
"""

import contextvars
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

_MISSING = object()
_fresh = contextvars.ContextVar("localcache_fresh", default=False)


@contextmanager
def fresh_reads():
    """Inside: every read of a per-process cache is made afresh (and kept for
    the next). For a page kept elsewhere for minutes (the edge's variants),
    which must not be drawn from this process's seconds-old copies."""
    token = _fresh.set(True)
    try:
        yield
    finally:
        _fresh.reset(token)


def reading_fresh() -> bool:
    return _fresh.get()


class LocalCache:
    def __init__(self, *, max_entries: int = 2000, clock: Callable[[], float] = time.monotonic):
        self._entries: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        self.max_entries = max_entries
        self._clock = clock

    def get(self, key: str, default=None):
        if _fresh.get():
            return default
        entry = self._entries.get(key)
        if entry is None or entry[0] < self._clock():
            return default
        return entry[1]

    def set(self, key: str, value, seconds: float) -> None:
        with self._lock:
            if len(self._entries) >= self.max_entries:
                # Crude but bounded: start afresh rather than track recency.
                self._entries.clear()
            self._entries[key] = (self._clock() + seconds, value)

    def get_or_set(self, key: str, make: Callable[[], Any], seconds: float):
        value = self.get(key, _MISSING)
        if value is _MISSING:
            value = make()
            self.set(key, value, seconds)
        return value

    def delete(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._entries.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


local_cache = LocalCache()
