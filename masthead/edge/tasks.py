"""Edge jobs run by the huey consumer: a purge or revocation an edge missed
(down, or unreachable from the worker that sent it), told again.

Each missed message is its own job and is sent again unchanged: a
revocation keeps the moment of its change, stamped by the origin as its
tokens are, so no other host's clock moves what it refuses (an edge keeps
the latest moment it was told for each target, so a late one never undoes
a newer one).
"""

import logging
import time

from huey.contrib.djhuey import HUEY, db_task

from .app_settings import app_settings
from .services import tell_edge

logger = logging.getLogger(__name__)

# Told again every AGAIN_SECONDS; the job itself stops at its ``until``
# (retries only bound it: a day of them).
AGAIN_SECONDS = 10
# Workers' clocks may differ by this much: a job gives up no sooner.
CLOCK_SLACK_SECONDS = 300


class EdgeMissed(Exception):
    """The edge did not answer 200: try again later."""


def tell_edge_later(method: str, headers: dict[str, str], url: str, until: float) -> None:
    """Queue ``method`` for ``url`` again. Never raises: a queue that cannot
    take it is logged, and the message is then lost as it was missed (pages
    and tokens live out their time)."""
    if HUEY.immediate:
        # No consumer to run it later (jobs run inline): not retried.
        logger.error("edge %s %s at %s missed; jobs run inline, so it is not retried", method, headers, url)
        return
    try:
        tell_edge_again(method, headers, url, until)
    except Exception:
        logger.exception("edge %s %s at %s missed and could not be queued again", method, headers, url)


@db_task(retries=24 * 3600 // AGAIN_SECONDS, retry_delay=AGAIN_SECONDS)
def tell_edge_again(method: str, headers: dict[str, str], url: str, until: float) -> None:
    """A purge or revocation one edge missed, sent again, unchanged, until it
    answers or ``until`` (a Unix time, by the sending worker's clock) has
    passed: by then what it concerns has expired there anyway (a page, or
    every token a revocation refuses; an edge that restarted trusts no
    token from before it started). Not to an edge no longer configured."""
    if url not in app_settings.URLS:
        logger.error("edge %s %s at %s: no longer an edge here, not sent", method, headers, url)
        return
    if time.time() > until + CLOCK_SLACK_SECONDS:
        logger.error("edge %s %s at %s: given up, no longer needed", method, headers, url)
        return
    if not tell_edge(method, headers, url):
        raise EdgeMissed(f"{method} at {url}")
