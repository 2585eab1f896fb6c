"""Found: every address that claimed to be Googlebot and failed the check
wrote its "no" to the shared cache. Anyone can claim from as many addresses
as they hold (an IPv6 /64 is 2^64 of them), so the claims alone could fill
the shared cache: the database cache culls a third of its entries when full
(allauth's login limits among them) and a full Redis evicts sessions. Now
a "no" is kept in a bounded cache of each process's own; only proved
crawlers, whose addresses nobody can forge, reach the shared cache."""

import pytest
from django.core.cache import cache as shared_cache
from django.test import Client

from masthead.access import crawlers
from masthead.testing.crawlers import GOOGLEBOT_UA
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import PAYWALL_TEXT, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db


class Recording:
    """The shared cache, with a note of every key written to it."""

    def __init__(self, real):
        self.real, self.written = real, []

    def get(self, key, *args, **kwargs):
        return self.real.get(key, *args, **kwargs)

    def set(self, key, *args, **kwargs):
        self.written.append(key)
        return self.real.set(key, *args, **kwargs)


def test_a_flood_of_fake_googlebots_from_many_addresses_writes_nothing_to_the_shared_cache(monkeypatch, crawler_dns):
    recording = Recording(shared_cache)
    monkeypatch.setattr(crawlers, "cache", recording)
    set_meter(free_limit=0)
    url = make_story_with_hidden_sentence().get_absolute_url()
    crawler_dns.ptr.update({f"2001:db8:1::{n:x}": f"host-{n}.attacker.example" for n in range(0, 40, 2)})
    for n in range(40):
        page = Client().get(url, HTTP_USER_AGENT=GOOGLEBOT_UA, REMOTE_ADDR=f"2001:db8:1::{n:x}")
        assert PAYWALL_TEXT in page.text
    assert [key for key in recording.written if key.startswith("crawler:")] == []
    # Still asked once per address only, in this process.
    asked = len(crawler_dns.asked)
    Client().get(url, HTTP_USER_AGENT=GOOGLEBOT_UA, REMOTE_ADDR="2001:db8:1::2")
    assert len(crawler_dns.asked) == asked


def test_a_proved_crawler_is_still_kept_in_the_shared_cache(monkeypatch, crawler_dns):
    recording = Recording(shared_cache)
    monkeypatch.setattr(crawlers, "cache", recording)
    crawler_dns.ptr["66.249.90.77"] = "crawl-66-249-90-77.googlebot.com"
    crawler_dns.addresses["crawl-66-249-90-77.googlebot.com"] = ["66.249.90.77"]
    assert crawlers.crawler_verified(crawlers.engine_named("googlebot"), "66.249.90.77")
    assert recording.written == ["crawler:googlebot:66.249.90.77"]
