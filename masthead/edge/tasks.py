"""Edge jobs run by the huey consumer: a purge or revocation an edge missed
(down, or unreachable from the worker that sent it), told again.

One job per edge and message target (an account's revocation, every
receipt, a story's purge), however many changes missed it meanwhile: a
reader signing out again and again while an edge is down queues one job,
not one each. The job claims its target before each attempt, so a miss
after the claim queues a job of its own, and a miss before it is covered
by the attempt: a revocation is sent with the moment of the attempt (every
token issued before it refused, a few good ones too, whose readers ask the
origin once), a purge with its keys as they are.
"""

import hashlib
import logging
import time

from django.core.cache import cache
from huey.contrib.djhuey import HUEY, db_task

from .app_settings import app_settings
from .services import tell_edge

logger = logging.getLogger(__name__)

# Told again every AGAIN_SECONDS; the job itself stops at its ``until``
# (retries only bound it: a day of them).
AGAIN_SECONDS = 10


class EdgeMissed(Exception):
    """The edge did not answer 200: try again later."""


def _pending_key(method: str, headers: dict[str, str], url: str) -> str:
    target = headers.get("X-Revoke") or headers.get("xkey") or ""
    return "edge-again:" + hashlib.sha256(f"{method} {url} {target}".encode()).hexdigest()


def tell_edge_later(method: str, headers: dict[str, str], url: str, until: float) -> None:
    """Queue ``method`` for ``url`` again, unless a job for the same target
    is already waiting (it will cover this one: see the module's doc). Never
    raises: a queue that cannot take it is logged, and the message is then
    lost as it was missed (pages and tokens live out their time)."""
    if HUEY.immediate:
        # No consumer to run it later (jobs run inline): not retried.
        logger.error("edge %s %s at %s missed; jobs run inline, so it is not retried", method, headers, url)
        return
    pending = _pending_key(method, headers, url)
    try:
        # The latest moment any missed message needs telling until.
        cache.set(f"{pending}:until", until, timeout=int(until - time.time()) + 60)
        if cache.add(pending, True, timeout=int(until - time.time()) + 60):
            tell_edge_again(method, headers, url, until)
    except Exception:
        logger.exception("edge %s %s at %s missed and could not be queued again", method, headers, url)


@db_task(retries=24 * 3600 // AGAIN_SECONDS, retry_delay=AGAIN_SECONDS)
def tell_edge_again(method: str, headers: dict[str, str], url: str, until: float) -> None:
    """A purge or revocation one edge missed, sent again until it answers or
    ``until`` (a Unix time, or a later one a coalesced miss asked for) has
    passed: by then what it concerns has expired there anyway (a page, or
    every token a revocation refuses; an edge that restarted trusts no
    token from before it started). Not to an edge no longer configured."""
    pending = _pending_key(method, headers, url)
    until = max(until, cache.get(f"{pending}:until") or 0)
    if url not in app_settings.URLS:
        logger.error("edge %s %s at %s: no longer an edge here, not sent", method, headers, url)
        cache.delete(pending)
        return
    if time.time() > until:
        logger.error("edge %s %s at %s: given up, no longer needed", method, headers, url)
        cache.delete(pending)
        return
    # Claimed: a miss from here on queues a job of its own.
    cache.delete(pending)
    if method == "REVOKE":
        headers = {**headers, "X-Revoke-At": str(int(time.time() * 1000))}
    if tell_edge(method, headers, url):
        return
    if cache.add(pending, True, timeout=int(until - time.time()) + 60):
        raise EdgeMissed(f"{method} at {url}")
    # Else a job queued since the claim covers it.
