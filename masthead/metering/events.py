"""Funnel events, written in batches so the article page never waits on them.

Events are counted in a per-process buffer, by (kind, article, reason,
referrer class, device class, minute), and go to the database in one bulk insert when the buffer holds
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
import contextvars
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import NamedTuple
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db import DatabaseError, DataError, IntegrityError, transaction

from masthead.core.inputs import LARGEST_ID

from .models import DeviceClass, FunnelEvent, FunnelEventKind, ReferrerClass
from .app_settings import app_settings

FLUSH_SECONDS = 5.0
# While the database is away, counters wait for it up to this many batches;
# beyond that new ones are dropped (memory is worth more than statistics).
RETRY_BATCHES = 20
# What the database refuses because of a row's values (too large, too
# long), not because it is away: such a row is dropped, never retried.
_ROW_REFUSED = (DataError, IntegrityError, OverflowError, ValueError, TypeError)
_KINDS = frozenset(FunnelEventKind.values)
_REFERRERS = frozenset(ReferrerClass.values) | {""}
_DEVICES = frozenset(DeviceClass.values) | {""}
_REASON_CHARS = FunnelEvent._meta.get_field("reason").max_length
logger = logging.getLogger(__name__)

_lock = threading.Lock()
# (kind, article, reason, referrer, device, minute) -> how many: a busy page adds one to a counter.
_buffer: Counter = Counter()
_last_flush = time.monotonic()
_retrying = False


# Where a visit came from. A referrer is matched on its host's labels
# ("google" in www.google.co.in); webmail is where a newsletter is read.
SEARCH_LABELS = frozenset({"google", "bing", "duckduckgo", "yahoo", "yandex", "baidu", "ecosia", "qwant", "startpage"})
SEARCH_HOSTS = frozenset({"search.brave.com", "search.yahoo.com"})
SOCIAL_HOSTS = frozenset({
    "facebook.com", "fb.com", "fb.me", "t.co", "twitter.com", "x.com", "instagram.com", "linkedin.com", "lnkd.in",
    "reddit.com", "whatsapp.com", "wa.me", "youtube.com", "threads.net", "t.me", "telegram.org", "pinterest.com",
    "quora.com", "sharechat.in", "kooapp.com",
})  # fmt: skip
WEBMAIL_HOSTS = frozenset({"mail.google.com", "outlook.live.com", "outlook.office.com", "mail.yahoo.com", "mail.zoho.com", "mail.zoho.in"})
MEDIUMS = {
    ReferrerClass.SEARCH: frozenset({"search", "organic", "cpc", "ppc", "paid-search", "paidsearch", "sem"}),
    ReferrerClass.SOCIAL: frozenset({"social", "social-media", "socialmedia", "social-network", "sm"}),
    ReferrerClass.NEWSLETTER: frozenset({"email", "e-mail", "newsletter", "mail"}),
    ReferrerClass.APP: frozenset({"app"}),
}


def _host_in(host: str, hosts: frozenset) -> bool:
    return any(host == one or host.endswith("." + one) for one in hosts)


def referrer_class(*, referer: str, utm_medium: str = "", own_host: str = "", carried: str = "") -> str:
    """The class of where a visit came from: search, social, direct,
    newsletter, app or other.

    ``utm_medium`` (the link's own word for it) wins over the Referer header;
    no Referer is a direct visit. A Referer from this site is a step within a
    visit: it keeps the class ``carried`` from the visit's first page (the
    paywall's links carry it as ``via``), or is direct when none was."""
    medium = utm_medium.strip().lower()
    if medium:
        return next((str(kind) for kind, words in MEDIUMS.items() if medium in words), ReferrerClass.OTHER.value)
    referer = referer.strip()
    if not referer:
        return ReferrerClass.DIRECT.value
    if referer.startswith("android-app://") or referer.startswith("ios-app://"):
        return ReferrerClass.APP.value
    try:
        host = (urlsplit(referer).hostname or "").lower().rstrip(".")
    except ValueError:
        return ReferrerClass.OTHER.value
    if not host:
        return ReferrerClass.OTHER.value
    if own_host and host == own_host.lower():
        return carried if carried in ReferrerClass.values else ReferrerClass.DIRECT.value
    if _host_in(host, WEBMAIL_HOSTS):
        return ReferrerClass.NEWSLETTER.value
    if _host_in(host, SEARCH_HOSTS) or SEARCH_LABELS & set(host.split(".")):
        return ReferrerClass.SEARCH.value
    if _host_in(host, SOCIAL_HOSTS):
        return ReferrerClass.SOCIAL.value
    return ReferrerClass.OTHER.value


def device_class(user_agent: str) -> str:
    """Phone, tablet or desktop, from the User-Agent. An iPad, an Android
    browser that does not say "Mobile", a Kindle: a tablet. Anything that
    says nothing of a phone or tablet (no User-Agent at all too): desktop."""
    agent = user_agent.lower()
    if "ipad" in agent or "tablet" in agent or "kindle" in agent or "silk/" in agent or "playbook" in agent:
        return DeviceClass.TABLET.value
    if "android" in agent and "mobile" not in agent:
        return DeviceClass.TABLET.value
    if "mobi" in agent or "iphone" in agent or "ipod" in agent or "android" in agent or "windows phone" in agent:
        return DeviceClass.PHONE.value
    return DeviceClass.DESKTOP.value


class FunnelVisit(NamedTuple):
    referrer: str
    device: str


# The visit of the request being served; blank outside one (a job, a webhook).
_NO_VISIT = FunnelVisit("", "")
_visit: contextvars.ContextVar = contextvars.ContextVar("funnel_visit", default=_NO_VISIT)
APP_PATH = "/api/"


def funnel_visit_of(request) -> FunnelVisit:
    """The referrer and device classes of a request; nothing else of it is kept."""
    if request.path.startswith(APP_PATH):
        referrer = ReferrerClass.APP.value
    else:
        referrer = referrer_class(
            referer=request.META.get("HTTP_REFERER", ""),
            utm_medium=request.GET.get("utm_medium", ""),
            own_host=urlsplit("//" + request.get_host()).hostname or "",
            carried=request.GET.get("via", ""),
        )
    return FunnelVisit(referrer, device_class(request.META.get("HTTP_USER_AGENT", "")))


def funnel_visit_current() -> FunnelVisit:
    """The visit of the request being served (blank classes outside one)."""
    visit = _visit.get()
    return visit.resolve() if isinstance(visit, _LazyVisit) else visit


@contextmanager
def funnel_visit_of_class(referrer: str = ""):
    """Inside: a visit of the ``referrer`` class and no device, whoever asked
    ("": none at all). For a page drawn for every reader of a class (the
    edge's variants): the asking visitor's own class must not go into the
    links every reader of it is given."""
    token = _visit.set(FunnelVisit(referrer, "") if referrer in _REFERRERS else _NO_VISIT)
    try:
        yield
    finally:
        _visit.reset(token)


def funnel_visit_via() -> str:
    """What a link to the next step carries as ``via``: the visit's class,
    or nothing for a direct visit (a link from this site with no ``via`` is
    direct) or outside a request."""
    referrer = funnel_visit_current().referrer
    return "" if referrer in ("", ReferrerClass.DIRECT) else referrer


class FunnelVisitMiddleware:
    """Tells the funnel which referrer and device class the request's events
    belong to. Worked out only when an event is recorded (lazily), so a page
    that records none pays nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _visit.set(_LazyVisit(request))
        try:
            return self.get_response(request)
        finally:
            _visit.reset(token)


class _LazyVisit:
    def __init__(self, request):
        self._request = request
        self._visit = None

    def resolve(self) -> FunnelVisit:
        if self._visit is None:
            try:
                self._visit = funnel_visit_of(self._request)
            except Exception:  # a hostile Host header must not fail the page that counts
                self._visit = FunnelVisit(ReferrerClass.OTHER.value, device_class(self._request.META.get("HTTP_USER_AGENT", "")))
        return self._visit


def _storable(*, kind, article_id, reason, referrer="", device="") -> bool:
    """Whether the columns can hold the event: checked when it is recorded,
    so a bad one never reaches a batch shared with good ones."""
    if str(kind) not in _KINDS or not isinstance(reason, str) or len(reason) > _REASON_CHARS:
        return False
    if referrer not in _REFERRERS or device not in _DEVICES:
        return False
    if article_id is None:
        return True
    return type(article_id) is int and 1 <= article_id <= LARGEST_ID


def funnel_event_record(
    *, kind: FunnelEventKind, article_id: int | None = None, reason: str = "", visit: FunnelVisit | None = None
) -> None:
    """Count one event, in the visit of the request being served (or
    ``visit``, for an event recorded after its visit, e.g. a payment)."""
    referrer, device = visit if visit is not None else funnel_visit_current()
    if not _storable(kind=kind, article_id=article_id, reason=reason, referrer=referrer, device=device):
        logger.warning("funnel event refused: %r, article %r, reason %r", kind, article_id, reason)
        return
    key = (str(kind), article_id, str(reason), referrer, device, int(time.time()) // 60)
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


# A checkout's story and visit, kept until its first payment, which may come
# in a provider's webhook with no request of the reader's. Keyed by the
# reader's account, one at a time: a checkout sent again replaces the entry
# as it replaces the pending subscription, so sending the form in a loop
# never fills the cache. Events themselves never carry either id.
CHECKOUT_KEY = "funnel:checkout:u:{}"
# Long enough for a trial to end in its first paid term, when "paid" is counted.
CHECKOUT_KEPT_SECONDS = 120 * 24 * 3600


def funnel_checkout_started(*, subscription_id: int, user_id: int, article_id: int | None) -> None:
    """Count "checkout started" and keep what "paid" will be counted under."""
    visit = funnel_visit_current()
    funnel_event_record(kind=FunnelEventKind.CHECKOUT_STARTED, article_id=article_id, visit=visit)
    try:
        cache.set(CHECKOUT_KEY.format(user_id), (subscription_id, article_id, *visit), CHECKOUT_KEPT_SECONDS)
    except Exception:  # statistics: never fail a checkout for them
        logger.exception("could not keep a checkout's funnel visit")


def funnel_paid(*, subscription_id: int, user_id: int) -> None:
    """Count "paid" for a checkout's first payment, under the story and
    visit its checkout began with (none known, or kept for another of the
    reader's checkouts: no story, blank classes)."""
    try:
        kept = cache.get(CHECKOUT_KEY.format(user_id))
        if isinstance(kept, tuple) and kept[:1] == (subscription_id,):
            cache.delete(CHECKOUT_KEY.format(user_id))
    except Exception:
        logger.exception("could not read a checkout's funnel visit")
        kept = None
    if isinstance(kept, tuple) and len(kept) == 4 and kept[0] == subscription_id:
        _, article_id, referrer, device = kept
        funnel_event_record(kind=FunnelEventKind.PAID, article_id=article_id, visit=FunnelVisit(referrer, device))
    else:
        # Not the request it settles in: a provider's webhook is nobody's visit.
        funnel_event_record(kind=FunnelEventKind.PAID, visit=_NO_VISIT)


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


# Set by the desk: what else a flush writes (its daily rollups), called in
# the flush's transaction with the events written, each as (occurred_at,
# kind, article id, referrer, device, count). Metering knows nothing of rollups.
_written_listeners: list[Callable[[list[tuple]], object]] = []


def on_funnel_events_written(listener: Callable[[list[tuple]], object]) -> Callable[[list[tuple]], object]:
    if listener not in _written_listeners:
        _written_listeners.append(listener)
    return listener


def _write(rows: list) -> None:
    # A savepoint: on PostgreSQL a refused insert would otherwise abort the
    # transaction of the request the flush happens to run in. The listeners
    # write in it too: the raw rows and what is counted from them go together.
    with transaction.atomic():
        FunnelEvent.objects.bulk_create(
            FunnelEvent(
                kind=kind,
                article_id=article_id,
                reason=reason,
                referrer=referrer,
                device=device,
                occurred_at=datetime.fromtimestamp(minute * 60, tz=UTC),
                count=count,
            )
            for (kind, article_id, reason, referrer, device, minute), count in rows
        )
        if _written_listeners:
            events = [
                (datetime.fromtimestamp(minute * 60, tz=UTC), kind, article_id, referrer, device, count)
                for (kind, article_id, reason, referrer, device, minute), count in rows
            ]
            for listener in _written_listeners:
                listener(events)


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
