"""PostgreSQL: the recent slice of the archive, under its own GIN indexes.

A GIN index lists every story holding a word, whatever its age: to find a
middling word's newest two hundred matches (one story in fifty holds it), or
to count a thousand of them, PostgreSQL lists and sorts all of its tens of
thousands of postings from 1997 on. Most searches are answered by the last
year, so the newest RECENT_DAYS of entries (publish_at >= ``since``) have
partial GIN indexes of their own, a fifteenth of the whole at three million
stories: the engine reads them first, and the whole archive only when the
slice holds too few matches (reads.py chooses).

``since`` is kept in the one-row table ``search_recent`` (migration 0004),
and moved forward by ``recent_slice_move`` (a daily job) once it is
RECENT_SLACK_DAYS older than it need be: new indexes for the new ``since``
are built beside the old ones (CONCURRENTLY: saves go on), then the row
moves, then the old ones go. Until a move, the slice only grows: searches
stay right, and slower.
"""

import logging
from datetime import datetime, timedelta

from django.db import connection

logger = logging.getLogger(__name__)

RECENT_DAYS = 400
RECENT_SLACK_DAYS = 30
_PARTS = ("document", "public_document")


def recent_since(now: datetime) -> datetime:
    """Where a slice made at ``now`` starts: a whole day, RECENT_DAYS back."""
    day = (now - timedelta(days=RECENT_DAYS)).replace(hour=0, minute=0, second=0, microsecond=0)
    return day


def index_name(part: str, since: datetime) -> str:
    return f"search_entry_{part}_since_{since:%Y%m%d}"


def create_statements(since: datetime, *, concurrently: bool) -> list[str]:
    how = "CONCURRENTLY " if concurrently else ""
    # The bound is written into the statement: a partial index's predicate
    # is a constant, and searches name the same constant (a literal), so the
    # planner can prove the index covers them.
    bound = since.isoformat()
    return [
        f"CREATE INDEX {how}IF NOT EXISTS {index_name(part, since)} ON search_entry USING gin ({part}) "
        f"WHERE publish_at >= '{bound}'::timestamptz"
        for part in _PARTS
    ]


def current_since(cursor) -> datetime | None:
    cursor.execute("SELECT since FROM search_recent")
    row = cursor.fetchone()
    return row[0] if row else None


def recent_slice_move(now: datetime) -> datetime | None:
    """Move the slice's start forward when it is RECENT_SLACK_DAYS older
    than it need be; the new start, or None when it stays. Runs outside a
    transaction (indexes built CONCURRENTLY)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        old = current_since(cursor)
        new = recent_since(now)
        if old is not None and new - old < timedelta(days=RECENT_SLACK_DAYS):
            return None
        for statement in create_statements(new, concurrently=True):
            cursor.execute(statement)
        cursor.execute("DELETE FROM search_recent")
        cursor.execute("INSERT INTO search_recent (since) VALUES (%s)", [new])
        if old is not None and old != new:
            for part in _PARTS:
                cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {index_name(part, old)}")
    logger.info("search: the recent slice now starts %s (was %s)", new, old)
    return new
