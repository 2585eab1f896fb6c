"""Funnel events, written in batches so the article page never waits on them.

Events are counted in a per-process buffer, by (kind, article, reason,
minute), and go to the database in one bulk insert when the buffer holds
MASTHEAD_FUNNEL_BATCH counters or FLUSH_SECONDS have passed, whichever comes
first, and when the process exits. A crashed process loses at most
its unflushed batch: these are statistics, never money or access.
"""

import atexit
import logging
import threading
import time
from collections import Counter
from datetime import UTC, datetime

from django.conf import settings
from django.db import DatabaseError

from .models import FunnelEvent, FunnelEventKind
from .policy import Decision, Reason

FLUSH_SECONDS = 5.0
logger = logging.getLogger(__name__)

_lock = threading.Lock()
# (kind, article, reason, minute) -> how many: a busy page adds one to a counter.
_buffer: Counter = Counter()
_last_flush = time.monotonic()


def funnel_event_record(*, kind: FunnelEventKind, article_id: int | None = None, reason: str = "") -> None:
    minute = int(time.time()) // 60
    with _lock:
        _buffer[(str(kind), article_id, str(reason), minute)] += 1
        due = len(_buffer) >= settings.MASTHEAD_FUNNEL_BATCH or time.monotonic() - _last_flush >= FLUSH_SECONDS
    if due:
        funnel_events_flush()


def funnel_events_for_view(*, article_id: int, decision: Decision) -> None:
    """What a reader's view of an article means for the funnel, on any channel
    (the web page, the app API): a meter notice, the last free article, or
    the paywall."""
    if decision.full_text and decision.metered:
        funnel_event_record(kind=FunnelEventKind.METER_NOTICE, article_id=article_id, reason=decision.reason)
        if decision.reason == Reason.FREE_WITHIN_METER and decision.views_left == 0:
            funnel_event_record(kind=FunnelEventKind.METER_REACHED, article_id=article_id)
    elif not decision.full_text:
        funnel_event_record(kind=FunnelEventKind.PAYWALL_SHOWN, article_id=article_id, reason=decision.reason)


def funnel_events_flush() -> int:
    global _buffer, _last_flush
    with _lock:
        counted, _buffer = _buffer, Counter()
        _last_flush = time.monotonic()
    if not counted:
        return 0
    batch = [
        FunnelEvent(
            kind=kind,
            article_id=article_id,
            reason=reason,
            occurred_at=datetime.fromtimestamp(minute * 60, tz=UTC),
            count=count,
        )
        for (kind, article_id, reason, minute), count in counted.items()
    ]
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
