"""Crawler verification: the address proves it, the user-agent only asks."""

import socket
import threading

import pytest
from django.core.exceptions import ImproperlyConfigured

from masthead.access.crawlers import crawler_verified, engine_claimed
from masthead.access.engines import KNOWN_ENGINES, engines_from_setting
from masthead.testing.crawlers import (
    BINGBOT_ADDRESS,
    BINGBOT_UA,
    GOOGLEBOT_ADDRESS,
    GOOGLEBOT_SMARTPHONE_UA,
    GOOGLEBOT_UA,
    FakeResolver,
)

pytestmark = pytest.mark.django_db

GOOGLEBOT = KNOWN_ENGINES["googlebot"]
BINGBOT = KNOWN_ENGINES["bingbot"]
# Not in the shipped lists: only DNS can vouch for these.
DNS_ONLY_V4 = "66.249.90.77"
DNS_ONLY_V6 = "2001:4860:4801:99::5"


def _dns(address: str, host: str, *, forward_to: list[str] | None = None) -> FakeResolver:
    return FakeResolver(reverse={address: host}, forward={host.rstrip("."): forward_to or [address]})


def test_an_address_in_the_published_ranges_is_verified_without_asking_dns():
    dns = FakeResolver()
    assert crawler_verified(GOOGLEBOT, GOOGLEBOT_ADDRESS, dns=dns)
    assert crawler_verified(GOOGLEBOT, "2001:4860:4801:10::1", dns=dns)
    assert crawler_verified(BINGBOT, BINGBOT_ADDRESS, dns=dns)
    # Written as an IPv4-mapped IPv6 address (a dual-stack socket), it is the same address.
    assert crawler_verified(GOOGLEBOT, f"::ffff:{GOOGLEBOT_ADDRESS}", dns=dns)
    assert dns.asked == []


def test_reverse_dns_in_the_engines_domain_confirmed_by_the_forward_lookup_is_verified():
    assert crawler_verified(GOOGLEBOT, DNS_ONLY_V4, dns=_dns(DNS_ONLY_V4, "crawl-66-249-90-77.googlebot.com"))
    assert crawler_verified(GOOGLEBOT, "66.249.90.78", dns=_dns("66.249.90.78", "geo-crawl-66-249-90-78.geo.googlebot.com."))
    assert crawler_verified(BINGBOT, "40.77.100.1", dns=_dns("40.77.100.1", "msnbot-40-77-100-1.search.msn.com"))


def test_ipv6_is_verified_by_dns_whichever_way_the_address_is_written():
    dns = _dns(DNS_ONLY_V6, "crawl-2001-4860-4801-99--5.googlebot.com", forward_to=["2001:4860:4801:0099:0:0:0:5"])
    assert crawler_verified(GOOGLEBOT, DNS_ONLY_V6, dns=dns)


@pytest.mark.parametrize(
    "host",
    [
        "crawl-1.evilgooglebot.com",
        "evilgooglebot.com",
        "googlebot.com.evil.net",
        "crawl-1.googlebot.com.attacker.in",
        "googlebot.com-cdn.net",
        "notgoogle.com",
        # Google's, but not its search crawler: user-triggered fetchers and special-case crawlers.
        "google-proxy-66-102-8-21.google.com",
        "rate-limited-proxy-66-249-90-78.google.com",
        "google.com",
        "search.msn.com.evil.net",
        "",
    ],
)
def test_a_host_that_only_contains_the_engines_domain_is_refused(host):
    # Even when the attacker's DNS confirms the name forward.
    assert not crawler_verified(GOOGLEBOT, DNS_ONLY_V4, dns=_dns(DNS_ONLY_V4, host))


def test_a_bing_host_does_not_verify_a_googlebot_claim():
    assert not crawler_verified(GOOGLEBOT, "40.77.100.1", dns=_dns("40.77.100.1", "msnbot-1.search.msn.com"))
    assert not crawler_verified(GOOGLEBOT, BINGBOT_ADDRESS, dns=FakeResolver())


def test_a_forward_lookup_that_does_not_give_the_address_back_is_refused():
    # Anyone may point their own address's PTR at crawl-x.googlebot.com; its
    # forward lookup is Google's, and names Google's address.
    forged = FakeResolver(reverse={"203.0.113.9": "crawl-66-249-90-77.googlebot.com"},
                          forward={"crawl-66-249-90-77.googlebot.com": [DNS_ONLY_V4]})  # fmt: skip
    assert not crawler_verified(GOOGLEBOT, "203.0.113.9", dns=forged)
    no_such_host = FakeResolver(reverse={"203.0.113.9": "crawl-gone.googlebot.com"})
    assert not crawler_verified(GOOGLEBOT, "203.0.113.9", dns=no_such_host)


def test_no_reverse_name_or_a_malformed_address_is_not_verified():
    assert not crawler_verified(GOOGLEBOT, "203.0.113.10", dns=FakeResolver())
    for address in ("", "not-an-address", "66.249.66.1.5", "66.249.66.001x"):
        assert not crawler_verified(GOOGLEBOT, address, dns=FakeResolver())


def test_answers_yes_and_no_are_kept_so_a_flood_asks_dns_once_per_address():
    dns = _dns(DNS_ONLY_V4, "crawl-66-249-90-77.googlebot.com")
    for _ in range(5):
        assert crawler_verified(GOOGLEBOT, DNS_ONLY_V4, dns=dns)
        assert not crawler_verified(GOOGLEBOT, "203.0.113.11", dns=dns)
    assert dns.asked == [
        ("reverse", DNS_ONLY_V4),
        # The absolute name: the resolver's search list is never tried.
        ("forward", "crawl-66-249-90-77.googlebot.com."),
        ("reverse", "203.0.113.11"),
    ]


def test_an_ipv6_no_stands_for_its_whole_slash_64_and_a_yes_for_its_address_only():
    # Whoever holds one address of a /64 holds them all, and its reverse zone.
    dns = FakeResolver()
    assert not crawler_verified(GOOGLEBOT, "2a01:4f8:c17:1a2b::1", dns=dns)
    for address in ("2a01:4f8:c17:1a2b::2", "2a01:4f8:c17:1a2b:ffff:ffff:ffff:ffff"):
        assert not crawler_verified(GOOGLEBOT, address, dns=dns)
    assert dns.asked == [("reverse", "2a01:4f8:c17:1a2b::1")]
    # The next /64 is asked about on its own.
    assert not crawler_verified(GOOGLEBOT, "2a01:4f8:c17:1a2c::1", dns=dns)
    assert len(dns.asked) == 2
    # A proved address stays proved when another of its /64 is refused...
    proved, neighbour = "2001:4860:4801:99::5", "2001:4860:4801:99::6"
    dns = _dns(proved, "crawl-2001-4860-4801-99--5.googlebot.com")
    assert crawler_verified(GOOGLEBOT, proved, dns=dns)
    assert not crawler_verified(GOOGLEBOT, neighbour, dns=dns)
    assert crawler_verified(GOOGLEBOT, proved, dns=dns)
    # ...and the /64's "no" is kept for the cache time, even for a neighbour that could now prove itself.
    dns.ptr[neighbour] = "crawl-2001-4860-4801-99--6.googlebot.com"
    dns.addresses["crawl-2001-4860-4801-99--6.googlebot.com"] = [neighbour]
    assert not crawler_verified(GOOGLEBOT, neighbour, dns=dns)


def test_a_kept_answer_ends_after_the_cache_time(settings, time_machine):
    settings.MASTHEAD_CRAWLER_CACHE_SECONDS = 60
    time_machine.move_to("2026-12-01 10:00:00+00:00", tick=False)
    dns = FakeResolver()
    assert not crawler_verified(GOOGLEBOT, DNS_ONLY_V4, dns=dns)
    dns.ptr[DNS_ONLY_V4] = "crawl-66-249-90-77.googlebot.com"
    dns.addresses["crawl-66-249-90-77.googlebot.com"] = [DNS_ONLY_V4]
    assert not crawler_verified(GOOGLEBOT, DNS_ONLY_V4, dns=dns)
    time_machine.move_to("2026-12-01 10:01:01+00:00", tick=False)
    assert crawler_verified(GOOGLEBOT, DNS_ONLY_V4, dns=dns)


def test_a_resolver_that_hangs_is_cut_off_at_the_time_limit_and_the_request_is_not_verified(settings):
    settings.MASTHEAD_CRAWLER_DNS_TIMEOUT_MS = 200
    release = threading.Event()

    class Hanging(FakeResolver):
        def reverse(self, address):
            self.asked.append(("reverse", address))
            release.wait(30)
            return "crawl-66-249-90-77.googlebot.com"

    dns = Hanging(forward={"crawl-66-249-90-77.googlebot.com": [DNS_ONLY_V4]})
    try:
        # The answer comes while the resolver is still stuck: the page did not wait for it.
        assert not crawler_verified(GOOGLEBOT, DNS_ONLY_V4, dns=dns)
        assert not release.is_set() and dns.asked == [("reverse", DNS_ONLY_V4)]
        # The failure is kept for a while: the next requests do not ask (and wait) again.
        assert not crawler_verified(GOOGLEBOT, DNS_ONLY_V4, dns=dns)
        assert len(dns.asked) == 1
    finally:
        release.set()


def test_a_resolver_error_is_not_verified_and_is_tried_again_after_a_minute(time_machine):
    time_machine.move_to("2026-12-01 10:00:00+00:00", tick=False)
    dns = FakeResolver(error=OSError(110, "Connection timed out"))
    assert not crawler_verified(GOOGLEBOT, DNS_ONLY_V4, dns=dns)
    dns.error = None
    dns.ptr[DNS_ONLY_V4] = "crawl-66-249-90-77.googlebot.com"
    dns.addresses["crawl-66-249-90-77.googlebot.com"] = [DNS_ONLY_V4]
    assert not crawler_verified(GOOGLEBOT, DNS_ONLY_V4, dns=dns)
    time_machine.move_to("2026-12-01 10:01:01+00:00", tick=False)
    assert crawler_verified(GOOGLEBOT, DNS_ONLY_V4, dns=dns)


def test_a_resolver_that_breaks_is_not_verified():
    class Broken(FakeResolver):
        def reverse(self, address):
            raise RuntimeError("resolver bug")

    assert not crawler_verified(GOOGLEBOT, DNS_ONLY_V4, dns=Broken())


def test_the_system_resolver_stays_out_of_the_tests(crawler_dns):
    crawler_dns.ptr[DNS_ONLY_V4] = "crawl-66-249-90-77.googlebot.com"
    crawler_dns.addresses["crawl-66-249-90-77.googlebot.com"] = [DNS_ONLY_V4]
    assert crawler_verified(GOOGLEBOT, DNS_ONLY_V4)
    assert crawler_dns.asked[0] == ("reverse", DNS_ONLY_V4)


def test_the_user_agent_names_the_engine_to_check_and_nothing_more():
    assert engine_claimed(GOOGLEBOT_UA) == GOOGLEBOT
    assert engine_claimed(GOOGLEBOT_SMARTPHONE_UA) == GOOGLEBOT
    assert engine_claimed("Googlebot-News") == GOOGLEBOT
    assert engine_claimed(BINGBOT_UA) == BINGBOT
    assert engine_claimed("Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0") is None
    assert engine_claimed("") is None


def test_the_setting_names_known_engines_or_none(settings):
    assert engine_claimed(BINGBOT_UA) == BINGBOT
    settings.MASTHEAD_VERIFIED_CRAWLERS = "googlebot"
    assert engine_claimed(BINGBOT_UA) is None
    settings.MASTHEAD_VERIFIED_CRAWLERS = "none"
    assert engine_claimed(GOOGLEBOT_UA) is None
    assert engines_from_setting("bingbot, googlebot") == (BINGBOT, GOOGLEBOT)
    for wrong in ("yandexbot", "googlebot,slurp", ","):
        with pytest.raises(ImproperlyConfigured, match="MASTHEAD_VERIFIED_CRAWLERS"):
            engines_from_setting(wrong)


def test_an_engine_of_ones_own_needs_a_user_agent_and_real_domains(settings):
    settings.MASTHEAD_VERIFIED_CRAWLERS = {
        "applebot": {"user_agent": "Applebot", "domains": ["applebot.apple.com"], "ranges_url": ""}
    }
    (engine,) = engines_from_setting(settings.MASTHEAD_VERIFIED_CRAWLERS)
    assert engine_claimed("Mozilla/5.0 (compatible; Applebot/0.1)") == engine
    assert crawler_verified(engine, "17.58.1.1", dns=_dns("17.58.1.1", "17-58-1-1.applebot.apple.com"))
    for wrong in ({"x": {"user_agent": "Bot", "domains": ["com"]}}, {"x": {"domains": ["a.example"]}},
                  {"x": {"user_agent": "Bot", "domains": []}}):  # fmt: skip
        with pytest.raises(ImproperlyConfigured):
            engines_from_setting(wrong)


def test_a_reverse_answer_with_no_such_host_is_a_plain_no():
    dns = FakeResolver(reverse={DNS_ONLY_V4: "crawl-66-249-90-77.googlebot.com"})
    dns.forward = lambda host: (_ for _ in ()).throw(socket.gaierror(socket.EAI_NONAME, "Name or service not known"))
    assert not crawler_verified(GOOGLEBOT, DNS_ONLY_V4, dns=dns)
