"""A claim to be Googlebot from an address with a slow reverse zone holds
the page for the whole DNS time limit (1.5 s by default), and the "no" that
follows is kept for that one address only. Anyone with an IPv6 /64 (every
home line and cloud machine has one) holds 2^64 addresses and controls
their reverse zone: each request from a new address of the same /64 waits
the full limit on one of a web process's four lookup threads, again and
again, so a few requests a second keep the web processes (one blocking
thread each in docs/deploy.md) waiting on DNS. A failed lookup for an IPv6
address should stand for its whole /64 (as any rate limit counts IPv6)."""

import threading

import pytest

from masthead.access.crawlers import crawler_verified
from masthead.access.engines import KNOWN_ENGINES
from masthead.testing.crawlers import FakeResolver

pytestmark = pytest.mark.django_db

ONE_SLASH_64 = [f"2a01:4f8:c17:1a2b::{n:x}" for n in range(1, 5)]


def test_a_slow_reverse_zone_costs_one_wait_per_slash_64_not_one_per_address(settings):
    settings.MASTHEAD_CRAWLER_DNS_TIMEOUT_MS = 100
    release = threading.Event()

    class SlowZone(FakeResolver):
        def reverse(self, address):
            self.asked.append(("reverse", address))
            release.wait(30)
            raise OSError(110, "Connection timed out")

    dns = SlowZone()
    try:
        for address in ONE_SLASH_64:
            assert not crawler_verified(KNOWN_ENGINES["googlebot"], address, dns=dns)
        assert len(dns.asked) == 1
    finally:
        release.set()
