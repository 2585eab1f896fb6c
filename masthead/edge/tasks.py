"""Edge jobs run by the huey consumer."""

import logging
import time

from huey.contrib.djhuey import db_task

from .services import tell_edge

logger = logging.getLogger(__name__)

# Told again every AGAIN_SECONDS; the job itself stops at its ``until``
# (retries only bound it: a day of them).
AGAIN_SECONDS = 10


class EdgeMissed(Exception):
    """The edge did not answer 200: try again later."""


@db_task(retries=24 * 3600 // AGAIN_SECONDS, retry_delay=AGAIN_SECONDS)
def tell_edge_again(method: str, headers: dict[str, str], url: str, until: float) -> None:
    """A purge or revocation one edge missed (down, or unreachable from
    here), sent again, unchanged, until it answers or ``until`` (a Unix
    time) has passed: by then what it concerns has expired there anyway (a
    page, or every token a revocation refuses; an edge that restarted
    trusts no token from before it started)."""
    if time.time() > until:
        logger.error("edge %s %s at %s: given up, no longer needed", method, headers, url)
        return
    if not tell_edge(method, headers, url):
        raise EdgeMissed(f"{method} at {url}")
