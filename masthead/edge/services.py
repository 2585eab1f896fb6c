"""What the origin tells the edge (docs/deploy.md, "The edge").

- On a page the origin decided, the reader's edge cookies: a subscriber's
  entitlement, an anonymous reader's receipt. They only repeat the decision
  the origin just made; the edge replays it for later views.
- Whether a request is the edge asking for a variant (a fill), signed under
  an edge key.
- Purges (a story changed) and revocations (a refund, a sign-out: every
  token of the account, so a session whose key changed is not missed)
  sent to every edge after the change is committed.
"""

import http.client
import logging
import threading
import time
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

from masthead.metering.period import meter_period, meter_period_end
from masthead.metering.receipts import MeterReceipt

from .app_settings import app_settings
from .tokens import entitlement_token, fill_verified, receipt_token, session_tag

logger = logging.getLogger(__name__)

ENTITLEMENT_COOKIE = "mt_ent"
RECEIPT_COOKIE = "mt_rcpt"
FILL_HEADER = "HTTP_X_EDGE_FILL"
FILL_MAC_HEADER = "HTTP_X_EDGE_FILL_MAC"
# A PURGE or REVOKE waits at most this long for an edge.
_EDGE_TIMEOUT = 2.0
# A change's purge is sent again this long after it; a fill that takes
# longer than FILL_KEEP_SECONDS (less, so no fill straddles them all) is
# not kept. A story's own change is also caught by the fill itself, which
# is not kept when the story's revision moved while it was drawn.
PURGE_AGAIN_SECONDS = (1.0, 5.0)
FILL_KEEP_SECONDS = 4.5


def edge_on() -> bool:
    return bool(app_settings.KEYS)


def give_entitlement(response, *, account_id: int, session_key: str | None, now: datetime) -> None:
    """A subscriber's token for the edge: "may read everything" for a few
    minutes, tied to this session (a sign-out revokes it)."""
    if not edge_on() or not session_key:
        return
    seconds = app_settings.ENTITLEMENT_SECONDS
    token = entitlement_token(
        account=account_id, session=session_tag(session_key), issued=int(now.timestamp()), seconds=seconds,
        keys=app_settings.KEYS,
    )  # fmt: skip
    _set_cookie(response, ENTITLEMENT_COOKIE, token, seconds)


def give_receipt(
    response, *, receipt: MeterReceipt | None, counted: int | None, limit: int | None, wall: str, now: datetime,
    holds_until: datetime | None = None, tie: int | None = None,
) -> None:
    """An anonymous reader's receipt for the edge, from the meter's own: the
    stories it counted this period, the count and limit the page showed, and
    the paywall the edge may show for new stories ("-": ask the origin).
    ``counted``: the stories the meter's store holds for the reader, as
    the decision read them; ``holds_until``: when the decision's inputs
    change by a schedule, an experiment starting or ending (the receipt
    ends then); ``tie``: the account the decision also depended on (the
    account's revocations end the receipt).
    Only a receipt of this period: one left from last month (a request that
    counted nothing, a HEAD, leaves the cookie's as it was) names stories
    this month's meter has yet to count."""
    if not edge_on() or receipt is None or not receipt.article_ids or limit is None:
        return
    if receipt.period != meter_period(now):
        return
    if len(receipt.article_ids) < max(receipt.views, counted or 0):
        # It cannot name every story counted (it holds 30 at most, or the
        # cookie is behind the store: another tab counted one meanwhile),
        # so the edge would wall one of the others.
        wall = "-"
    until = min(int(meter_period_end(now).timestamp()), int(now.timestamp()) + app_settings.RECEIPT_SECONDS)
    if holds_until is not None:
        until = min(until, int(holds_until.timestamp()))
    if until <= int(now.timestamp()):
        return
    token = receipt_token(
        ids=receipt.article_ids, views=receipt.views, limit=limit, wall=wall, issued_ms=int(now.timestamp() * 1000), until=until,
        tie=tie, keys=app_settings.KEYS,
    )  # fmt: skip
    _set_cookie(response, RECEIPT_COOKIE, token, until - int(now.timestamp()))


def forget_receipt(request, response) -> None:
    if RECEIPT_COOKIE in request.COOKIES:
        response.delete_cookie(RECEIPT_COOKIE, samesite="Lax")


def _set_cookie(response, name: str, value: str, seconds: int) -> None:
    response.set_cookie(
        name, value, max_age=seconds, httponly=True, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE
    )


def fill_variant(request) -> str | None:
    """The variant the edge asks for, when this request is the edge's fill
    (signed under an edge key, moments ago, for this very path); else None,
    and the request is answered as any reader's, by its cookies."""
    variant = request.META.get(FILL_HEADER)
    if not variant or not edge_on():
        return None
    mac = request.META.get(FILL_MAC_HEADER, "")
    if not fill_verified(variant=variant, path=request.get_full_path(), mac=mac, now=int(time.time()),
                         keys=app_settings.KEYS):  # fmt: skip
        logger.warning("edge fill refused: bad or old signature for %s", request.path)
        return None
    return variant


def fill_answer(
    response, *, story, variant: str, metered: bool, started: float, metered_for: timedelta | None = None
):
    """A fill's answer with what the edge keeps it by: whose story it is,
    whether the meter judges it (else the edge never shows it to a reader
    with a receipt), its purge keys, and how long to keep it: never past the
    moment the story leaves the meter's judgement for the archive, and not
    at all when the fill took so long (since ``started``, a monotonic time)
    that a change's second purge may have come and gone meanwhile."""
    seconds = app_settings.PAGE_SECONDS
    if metered_for is not None:
        # Whole seconds left, rounded down: never kept past the moment the
        # story joins the archive (under a second left: not kept at all).
        seconds = max(min(seconds, int(metered_for.total_seconds())), 0)
    if time.monotonic() - started > FILL_KEEP_SECONDS or story_changed_since(story):
        seconds = 0
    response["X-Story-Id"] = str(int(story.pk))
    response["X-Story-Metered"] = "1" if metered else "0"
    response["X-Edge-Variant"] = variant
    response["X-Edge-TTL"] = str(seconds)
    response["xkey"] = f"story-{int(story.pk)} section-{int(story.section_id)} stories"
    response["Cache-Control"] = "private, no-cache"
    return response


def story_changed_since(story) -> bool:
    """Whether the story was saved again after ``story`` was read (its
    revision moved): a page drawn from it would be older than the purge."""
    return type(story).objects.filter(pk=story.pk).exclude(revision=story.revision).exists()


def purge_story(article_id: int, *, section_id: int | None = None) -> None:
    """Every edge drops the story's pages, and its section's (their "More
    from" rail lists it), once the change is committed."""
    _purge_on_commit(f"story-{int(article_id)}" + (f" section-{int(section_id)}" if section_id else ""))


def purge_every_story() -> None:
    """Every story's pages (a section's, author's or agency's name or rules changed)."""
    _purge_on_commit("stories")


def _purge_on_commit(key: str) -> None:
    """Now, and again PURGE_AGAIN_SECONDS later: a fill that began before the
    change and ends after the first purge would put the page as it was back
    in the edge. A later purge drops it; a fill slower than them all is never
    kept (fill_answer)."""
    if not edge_on() or not app_settings.URLS:
        return

    urls = app_settings.URLS

    def purge():
        # An edge that misses it is told again until its pages would have expired anyway.
        until = time.time() + app_settings.PAGE_SECONDS + PURGE_AGAIN_SECONDS[-1]
        tell_edges("PURGE", {"xkey": key}, urls=urls, missed_until=until)
        for seconds in PURGE_AGAIN_SECONDS:
            again = threading.Timer(
                seconds, tell_edges, ("PURGE", {"xkey": key}), {"urls": urls, "missed_until": until + seconds}
            )
            again.daemon = True
            again.start()

    transaction.on_commit(purge, robust=True)


def revoke_account(account_id: int) -> None:
    """Every entitlement this account holds stops opening pages at the edge."""
    _revoke(f"a:{int(account_id)}")


def revoke_receipts(*, copies_kept_seconds: float = 0) -> None:
    """Every reader's receipt issued until now: the meter's rules or an
    experiment changed what the origin would decide (a wall the edge would
    replay may no longer be the reader's). Each reader's next view asks the
    origin, which gives a new one. ``copies_kept_seconds``: how long other
    web processes may go on deciding from their copy of what changed; the
    receipts they give meanwhile are revoked again once it has run out."""
    _revoke("r:all", again_after=copies_kept_seconds + 0.5 if copies_kept_seconds else None)


def _revoke(who: str, *, again_after: float | None = None) -> None:
    """Refuses tokens issued up to the moment the change commits, by the
    origin's clock (tokens are stamped by it too, so the edge's own clock
    does not matter here); and, ``again_after`` seconds later, those issued
    up to then. An edge that misses it is told again (the same moment: an
    edge keeps the latest it was told) until every token it refuses would
    have expired anyway."""
    if not edge_on() or not app_settings.URLS:
        return
    urls, tell = app_settings.URLS, tell_edges

    def revoke():
        # In milliseconds: a receipt given a moment after the change is good.
        now = time.time()
        until = now + max(app_settings.ENTITLEMENT_SECONDS, app_settings.RECEIPT_SECONDS)
        tell("REVOKE", {"X-Revoke": who, "X-Revoke-At": str(int(now * 1000))}, urls=urls, missed_until=until)

    def revoke_now_and_later():
        revoke()
        if again_after:
            later = threading.Timer(again_after, revoke)
            later.daemon = True
            later.start()

    transaction.on_commit(revoke_now_and_later, robust=True)


def tell_edges(
    method: str, headers: dict[str, str], *, urls: tuple[str, ...] | None = None, missed_until: float | None = None
) -> int:
    """Send ``method`` to every edge (``urls``: the edges when it was asked
    for); how many answered 200. An edge that cannot be reached, or answers
    otherwise, is logged, and with ``missed_until`` (a Unix time) told again
    by the job queue until it answers or that time has passed (tasks.py);
    without, its pages still expire (MASTHEAD_EDGE_PAGE_SECONDS) and its
    entitlements (MASTHEAD_EDGE_ENTITLEMENT_SECONDS). One edge's failure,
    or the queue's, never keeps the others from being told."""
    edges = app_settings.URLS if urls is None else urls
    missed = [url for url in edges if not tell_edge(method, headers, url)]
    if missed_until is not None:
        from .tasks import tell_edge_later

        # Only once every edge was told: queueing may be slow when the trouble is wider.
        for url in missed:
            tell_edge_later(method, headers, url, missed_until)
    return len(edges) - len(missed)


def tell_edge(method: str, headers: dict[str, str], url: str) -> bool:
    """Send ``method`` to one edge: whether it answered 200 (else logged)."""
    parts = urlsplit(url)
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname, parts.port, timeout=_EDGE_TIMEOUT)
    try:
        connection.request(method, "/", headers=headers)
        status = connection.getresponse().status
    except (OSError, http.client.HTTPException) as error:
        # Refused, timed out, or something there that does not speak HTTP.
        logger.error("edge %s %s at %s failed: %r", method, headers, url, error)
        return False
    finally:
        connection.close()
    if status != 200:
        logger.error("edge %s %s at %s answered %s", method, headers, url, status)
    return status == 200
