"""Reads that may come from a PostgreSQL read replica.

With ``MASTHEAD_DATABASE_REPLICA_URL`` set, the views marked
``@reads_from_replica`` (search, the archive, feeds, sitemaps and the front
pages: published journalism, where a second of replication lag harms
nobody) read the newsroom's and the search index's tables from the replica.
Everything else stays on the primary: every write, and every read of
accounts, sessions, the meter, subscriptions and payments, even inside those
views, so a reader who has just subscribed is never judged by a replica that
has not heard of it yet.

If the replica cannot be reached, the view runs again on the primary (the
marked views only read, so running one twice is harmless) and the replica is
left alone for ``MASTHEAD_REPLICA_RETRY_SECONDS``: a replica outage costs
readers nothing but the primary's extra load.
"""

import logging
import threading
from contextvars import ContextVar
from functools import wraps
from time import monotonic

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

from masthead.core.postgresql.base import DatabaseWrapper

REPLICA = "replica"
# The apps whose tables the marked views may read from the replica.
REPLICA_APPS = frozenset({"newsroom", "search"})

logger = logging.getLogger(__name__)
_in_marked_view: ContextVar[bool] = ContextVar("masthead_replica_reads", default=False)
_used: ContextVar[bool] = ContextVar("masthead_replica_used", default=False)
_lock = threading.Lock()
_unreachable_until = 0.0


def replica_configured() -> bool:
    return REPLICA in connections.settings


def replica_available() -> bool:
    """A replica is configured and not known to be unreachable."""
    return monotonic() >= _unreachable_until and replica_configured()


def replica_reads_now() -> bool:
    """Whether a read made now may go to the replica."""
    return _in_marked_view.get() and replica_available()


def read_alias(app_label: str) -> str:
    """The database alias a read of ``app_label``'s tables goes to now; for
    raw SQL, which the router does not see."""
    if app_label in REPLICA_APPS and replica_reads_now():
        _used.set(True)
        return REPLICA
    return DEFAULT_DB_ALIAS


def replica_unreachable() -> None:
    global _unreachable_until
    with _lock:
        _unreachable_until = monotonic() + settings.MASTHEAD_REPLICA_RETRY_SECONDS


def replica_retry_now() -> None:
    """Forget an earlier failure, here and in the PostgreSQL backend's own
    fail-fast pause (tests, and an operator's shell after a fix)."""
    global _unreachable_until
    with _lock:
        _unreachable_until = 0.0
    DatabaseWrapper.forget_failure(REPLICA)


class ReplicaRouter:
    """Always installed: without a replica, or outside a marked view, every
    answer is the primary."""

    def db_for_read(self, model, **hints):
        # Explicitly the primary for everything else: without an answer Django
        # would follow a related object to the database it was read from.
        return read_alias(model._meta.app_label)

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows on both

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS  # the replica gets its tables by replication


def reads_from_replica(view):
    """Mark a read-only view whose published-journalism reads may come from the replica."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or not replica_configured():
            return view(request, *args, **kwargs)
        marked, used = _in_marked_view.set(True), _used.set(False)
        try:
            try:
                return _rendered(view(request, *args, **kwargs))
            except OperationalError:
                if not _used.get():
                    raise
                logger.warning("the read replica could not be reached; reading from the primary", exc_info=True)
                replica_unreachable()
                connections[REPLICA].close()
                return _rendered(view(request, *args, **kwargs))
        finally:
            _in_marked_view.reset(marked)
            _used.reset(used)

    return wrapped


def _rendered(response):
    # A template response renders after the view returns, outside this
    # marking; render it here so its reads are the view's.
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    return response
