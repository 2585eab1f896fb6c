"""Django's PostgreSQL backend, failing fast for a moment after the database
could not be reached.

While PostgreSQL is down, every request that needs it waits for the
connection pool's timeout (``MASTHEAD_DB_POOL_TIMEOUT``) before it becomes a
503. A web worker serves one request at a time, so the requests queued
behind it wait through those timeouts one after another: bench/faults.py saw
a reader wait 11.8 s for an article page during a 15 s outage. After a
failed connection this backend refuses new connections at once for
``MASTHEAD_DB_FAIL_FAST_SECONDS``, so those readers get their 503 (and its
Retry-After) straight away, then lets the next request try again. Requests
that need no database (cached pages, the Redis meter) are not touched.
"""

import threading
from time import monotonic

from django.conf import settings
from django.db.backends.postgresql import base


class DatabaseUnavailable(base.Database.OperationalError):
    """Raised instead of trying to connect while the last attempt's failure is recent."""


class DatabaseWrapper(base.DatabaseWrapper):
    # Per process and per database alias: every thread's wrapper shares it.
    _unreachable_until: dict[str, float] = {}
    _lock = threading.Lock()

    def get_new_connection(self, conn_params):
        until = self._unreachable_until.get(self.alias, 0.0)
        if monotonic() < until:
            raise DatabaseUnavailable(
                f"The database was unreachable moments ago; not trying again for {until - monotonic():.1f} s."
            )
        try:
            return super().get_new_connection(conn_params)
        except base.Database.OperationalError:
            # psycopg's OperationalError covers a refused connection and the
            # pool's PoolTimeout alike.
            pause = getattr(settings, "MASTHEAD_DB_FAIL_FAST_SECONDS", 0)
            if pause > 0:
                with self._lock:
                    self._unreachable_until[self.alias] = monotonic() + pause
            raise

    @classmethod
    def forget_failure(cls, alias: str) -> None:
        """Try the database again at the next request, whatever failed before."""
        with cls._lock:
            cls._unreachable_until.pop(alias, None)
