"""Found: requests claiming to be Googlebot from many addresses whose reverse
DNS answers slowly (an attacker controls the reverse zone of their own
addresses) filled the lookup threads, and every further lookup waited in an
unbounded line: each such request held its page for the whole time limit,
and the lines of lookups went on running long after their pages had given
up. Now a lookup that finds every thread busy is not started: the request
is read as a reader's at once, and nothing is left queued."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from masthead.access import crawlers
from masthead.access.engines import KNOWN_ENGINES
from masthead.testing.crawlers import FakeResolver

pytestmark = pytest.mark.django_db

GOOGLEBOT = KNOWN_ENGINES["googlebot"]


def test_a_flood_of_slow_lookups_never_queues_more_behind_the_busy_threads(settings, monkeypatch):
    settings.MASTHEAD_CRAWLER_DNS_TIMEOUT_MS = 100
    pool = ThreadPoolExecutor(max_workers=crawlers.LOOKUPS_AT_ONCE)
    monkeypatch.setattr(crawlers, "_lookups", pool)
    monkeypatch.setattr(crawlers, "_lookup_slots", threading.BoundedSemaphore(crawlers.LOOKUPS_AT_ONCE))
    release = threading.Event()

    class SlowZone(FakeResolver):
        def reverse(self, address):
            self.asked.append(("reverse", address))
            release.wait(30)
            raise OSError(110, "Connection timed out")

    dns = SlowZone()
    addresses = [f"203.0.113.{n}" for n in range(1, 4 * crawlers.LOOKUPS_AT_ONCE + 1)]
    try:
        for address in addresses:
            assert not crawlers.crawler_verified(GOOGLEBOT, address, dns=dns)
    finally:
        release.set()
        pool.shutdown(wait=True)  # every lookup ever started or queued has run
    assert len(dns.asked) == crawlers.LOOKUPS_AT_ONCE
