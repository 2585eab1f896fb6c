"""Funnel events, written in batches so the article page never waits on them.

Events collect in a per-process buffer and go to the database in one
bulk insert every MASTHEAD_FUNNEL_BATCH events or FLUSH_SECONDS, whichever
comes first, and when the process exits. A crashed process loses at most
its unflushed batch: these are statistics, never money or access.
"""

import atexit
import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from .models import FunnelEvent, FunnelEventKind

FLUSH_SECONDS = 5.0
logger = logging.getLogger(__name__)

_lock = threading.Lock()
_buffer: list[FunnelEvent] = []
_last_flush = time.monotonic()


def funnel_event_record(*, kind: FunnelEventKind, article_id: int | None = None, reason: str = "") -> None:
    event = FunnelEvent(kind=kind, article_id=article_id, reason=reason, occurred_at=timezone.now())
    with _lock:
        _buffer.append(event)
        due = len(_buffer) >= settings.MASTHEAD_FUNNEL_BATCH or time.monotonic() - _last_flush >= FLUSH_SECONDS
    if due:
        funnel_events_flush()


def funnel_events_flush() -> int:
    global _buffer, _last_flush
    with _lock:
        batch, _buffer = _buffer, []
        _last_flush = time.monotonic()
    if not batch:
        return 0
    try:
        FunnelEvent.objects.bulk_create(batch)
    except DatabaseError:
        # Statistics must never break a reader's page.
        logger.exception("could not write %d funnel events", len(batch))
        return 0
    return len(batch)


def funnel_events_discard() -> None:
    """Drop the unflushed batch (tests start each case with none)."""
    with _lock:
        _buffer.clear()


atexit.register(funnel_events_flush)
