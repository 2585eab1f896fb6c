"""Funnel events, written in batches so the article page never waits on them.

Events are counted in a per-process buffer, by (kind, article, reason,
minute), and go to the database in one bulk insert when the buffer holds
MASTHEAD_FUNNEL_BATCH counters or FLUSH_SECONDS have passed, whichever comes
first, and when the process exits. A crashed process loses at most
its unflushed batch: these are statistics, never money or access.

The flush runs inside whichever reader's request happens to fill the batch,
so nothing one visitor sent may fail it: an event no column can hold is
refused when it is recorded; if the database still refuses the batch, the
rows are written one by one and only the bad ones are dropped; if the
database is away, the batch goes back into the buffer for the next flush.
"""

import atexit
import logging
import threading
import time
from collections import Counter
from datetime import UTC, datetime

from django.db import DatabaseError, DataError, IntegrityError, transaction

from masthead.core.inputs import LARGEST_ID

from .models import FunnelEvent, FunnelEventKind
from .app_settings import app_settings

FLUSH_SECONDS = 5.0
# While the database is away, counters wait for it up to this many batches;
# beyond that new ones are dropped (memory is worth more than statistics).
RETRY_BATCHES = 20
# What the database refuses because of a row's values (too large, too
# long), not because it is away: such a row is dropped, never retried.
_ROW_REFUSED = (DataError, IntegrityError, OverflowError, ValueError, TypeError)
_KINDS = frozenset(FunnelEventKind.values)
_REASON_CHARS = FunnelEvent._meta.get_field("reason").max_length
logger = logging.getLogger(__name__)

_lock = threading.Lock()
# (kind, article, reason, minute) -> how many: a busy page adds one to a counter.
_buffer: Counter = Counter()
_last_flush = time.monotonic()
_retrying = False


def _storable(*, kind, article_id, reason) -> bool:
    """Whether the columns can hold the event: checked when it is recorded,
    so a bad one never reaches a batch shared with good ones."""
    if str(kind) not in _KINDS or not isinstance(reason, str) or len(reason) > _REASON_CHARS:
        return False
    if article_id is None:
        return True
    return type(article_id) is int and 1 <= article_id <= LARGEST_ID


def funnel_event_record(*, kind: FunnelEventKind, article_id: int | None = None, reason: str = "") -> None:
    if not _storable(kind=kind, article_id=article_id, reason=reason):
        logger.warning("funnel event refused: %r, article %r, reason %r", kind, article_id, reason)
        return
    key = (str(kind), article_id, str(reason), int(time.time()) // 60)
    with _lock:
        if key not in _buffer and len(_buffer) >= app_settings.FUNNEL_BATCH * RETRY_BATCHES:
            return
        _buffer[key] += 1
        # A full batch is written at once, but never sooner than
        # FLUSH_SECONDS after the last try: a database that is away is not
        # asked again by every request.
        since = time.monotonic() - _last_flush
        due = since >= FLUSH_SECONDS or (len(_buffer) >= app_settings.FUNNEL_BATCH and not _retrying)
    if due:
        funnel_events_flush()


def funnel_events_flush() -> int:
    """Write the buffer; how many rows were written. Never raises: the
    request it runs in belongs to some reader who sent none of it."""
    global _buffer, _last_flush
    with _lock:
        counted, _buffer = _buffer, Counter()
        _last_flush = time.monotonic()
    if not counted:
        return 0
    rows = list(counted.items())
    try:
        _write(rows)
        written, unwritten = len(rows), []
    except _ROW_REFUSED:
        logger.exception("a batch of %d funnel events was refused; writing them one by one", len(rows))
        written, unwritten = _write_one_by_one(rows)
    except DatabaseError:
        logger.exception("could not write %d funnel events; will retry at the next flush", len(rows))
        written, unwritten = 0, rows
    _requeue(unwritten)
    return written


def _write_one_by_one(rows: list) -> tuple[int, list]:
    """Drop only the rows the database refuses; stop (and hand the rest back)
    if it goes away midway."""
    written = 0
    for index, row in enumerate(rows):
        try:
            _write([row])
        except _ROW_REFUSED:
            logger.exception("dropped a funnel event the database refused: %r", row)
        except DatabaseError:
            logger.exception("could not write funnel events; will retry at the next flush")
            return written, rows[index:]
        else:
            written += 1
    return written, []


def _write(rows: list) -> None:
    # A savepoint: on PostgreSQL a refused insert would otherwise abort the
    # transaction of the request the flush happens to run in.
    with transaction.atomic():
        FunnelEvent.objects.bulk_create(
            FunnelEvent(
                kind=kind,
                article_id=article_id,
                reason=reason,
                occurred_at=datetime.fromtimestamp(minute * 60, tz=UTC),
                count=count,
            )
            for (kind, article_id, reason, minute), count in rows
        )


def _requeue(rows: list) -> None:
    """Put unwritten counters back, to be tried again with the next batch."""
    global _retrying
    with _lock:
        _retrying = bool(rows)
        for key, count in rows:
            _buffer[key] += count


def funnel_events_discard() -> None:
    """Drop the unflushed batch (tests start each case with none)."""
    global _retrying
    with _lock:
        _buffer.clear()
        _retrying = False


atexit.register(funnel_events_flush)
