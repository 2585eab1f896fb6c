"""Verified search crawlers on the article page: the full text with the
paywall markup, kept by no cache, counted nowhere; anyone who only says they
are a crawler is a reader like any other."""

import json
import re
from datetime import timedelta

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone

from masthead.access.app_settings import app_settings
from masthead.access.readers import anonymous_id_from, reader_key
from masthead.gifts.services import gift_create
from masthead.metering.events import funnel_events_flush
from masthead.metering.models import FunnelEvent
from masthead.metering.period import meter_period
from masthead.metering.stores import meter_store
from masthead.testing.crawlers import BINGBOT_ADDRESS, BINGBOT_UA, GOOGLEBOT_ADDRESS, GOOGLEBOT_SMARTPHONE_UA, GOOGLEBOT_UA
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, PAYWALL_TEXT, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db

GOOGLEBOT = {"HTTP_USER_AGENT": GOOGLEBOT_UA, "REMOTE_ADDR": GOOGLEBOT_ADDRESS}
# Says it is Googlebot, from an address that is not Google's.
FAKE_GOOGLEBOT = {"HTTP_USER_AGENT": GOOGLEBOT_UA, "REMOTE_ADDR": "203.0.113.7", "HTTP_REFERER": "https://www.google.com/"}


def _structured_data(page: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def _counted(browser: Client) -> list[int]:
    """The articles the meter counted this month for the reader behind this browser's cookie."""
    request = RequestFactory().get("/")
    request.COOKIES[app_settings.READER_COOKIE] = browser.cookies[app_settings.READER_COOKIE].value
    key = reader_key(user=None, anonymous_id=anonymous_id_from(request))
    return meter_store().articles(reader=key, period=meter_period(timezone.now()))


def _gated_text(page: str) -> str:
    found = re.search(r'<div class="article__body article-gated">(.*?)</div>', page, re.S)
    return found.group(1) if found else ""


def test_a_verified_crawler_reads_a_premium_story_in_full_with_the_paywall_markup():
    set_meter(free_limit=0)
    article = make_story_with_hidden_sentence(is_premium=True)
    page = Client().get(article.get_absolute_url(), **GOOGLEBOT)
    assert page.status_code == 200
    assert BEYOND_LEAD_IN in _gated_text(page.text) and PAYWALL_TEXT not in page.text
    data = _structured_data(page.text)
    assert data["isAccessibleForFree"] is False
    assert data["hasPart"] == {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".article-gated"}
    # The markup itself carries no more than any reader may see.
    assert BEYOND_LEAD_IN not in json.dumps(data)


def test_an_archive_story_in_full_for_bingbot_and_googlebot_over_ipv6():
    archive = make_story_with_hidden_sentence(published_ago=timedelta(days=400))
    for headers in (
        GOOGLEBOT,
        {"HTTP_USER_AGENT": GOOGLEBOT_SMARTPHONE_UA, "REMOTE_ADDR": "2001:4860:4801:10::1"},
        {"HTTP_USER_AGENT": BINGBOT_UA, "REMOTE_ADDR": BINGBOT_ADDRESS},
    ):
        assert BEYOND_LEAD_IN in Client().get(archive.get_absolute_url(), **headers).text


def test_a_crawler_proved_by_reverse_dns_reads_in_full(crawler_dns):
    set_meter(free_limit=0)
    article = make_story_with_hidden_sentence()
    crawler_dns.ptr["66.249.90.77"] = "crawl-66-249-90-77.googlebot.com"
    crawler_dns.addresses["crawl-66-249-90-77.googlebot.com"] = ["66.249.90.77"]
    page = Client().get(article.get_absolute_url(), HTTP_USER_AGENT=GOOGLEBOT_UA, REMOTE_ADDR="66.249.90.77")
    assert BEYOND_LEAD_IN in page.text


def test_a_request_that_only_says_it_is_googlebot_is_metered_like_any_reader():
    set_meter(free_limit=1)
    first, second = make_story_with_hidden_sentence(), make_story_with_hidden_sentence()
    browser = Client()
    read = browser.get(first.get_absolute_url(), **FAKE_GOOGLEBOT)
    assert BEYOND_LEAD_IN in read.text and "This is your last free article this month." in read.text
    blocked = browser.get(second.get_absolute_url(), **FAKE_GOOGLEBOT)
    assert BEYOND_LEAD_IN not in blocked.text and PAYWALL_TEXT in blocked.text
    assert _counted(browser) == [first.pk]
    funnel_events_flush()
    assert set(FunnelEvent.objects.values_list("kind", "reason")) == {
        ("story_view", ""), ("meter_notice", "free_within_meter"), ("meter_reached", ""), ("paywall_shown", "meter_exhausted"),
    }  # fmt: skip


def test_googles_address_without_the_claim_is_a_reader_too():
    set_meter(free_limit=0)
    article = make_story_with_hidden_sentence()
    page = Client().get(article.get_absolute_url(), REMOTE_ADDR=GOOGLEBOT_ADDRESS, HTTP_USER_AGENT="Mozilla/5.0 Firefox/133.0")
    assert PAYWALL_TEXT in page.text and BEYOND_LEAD_IN not in page.text


def test_a_verified_crawler_is_never_counted_and_records_no_funnel_events():
    set_meter(free_limit=1)
    stories = [make_story_with_hidden_sentence() for _ in range(3)] + [make_story_with_hidden_sentence(is_premium=True)]
    # A crawler holding a reader cookie (here: one it got as a reader, elsewhere).
    crawler = Client()
    crawler.get(stories[0].get_absolute_url())
    funnel_events_flush()
    FunnelEvent.objects.all().delete()
    for article in stories * 2:
        page = crawler.get(article.get_absolute_url(), **GOOGLEBOT)
        assert BEYOND_LEAD_IN in page.text and "free article" not in page.text
        assert not page.cookies
    assert _counted(crawler) == [stories[0].pk]
    funnel_events_flush()
    assert FunnelEvent.objects.count() == 0


def test_the_crawlers_page_is_kept_by_no_cache_and_hands_out_no_reader_cookie():
    set_meter(free_limit=3)
    article = make_story_with_hidden_sentence()
    crawler = Client().get(article.get_absolute_url(), **GOOGLEBOT)
    assert crawler["Cache-Control"] == "private, no-store"
    assert not crawler.cookies
    reader = Client().get(article.get_absolute_url())
    assert reader["Cache-Control"] == "private, no-cache" and reader.cookies


def test_a_reader_asking_for_the_page_right_after_the_crawler_gets_the_lead_in():
    set_meter(free_limit=0)
    article = make_story_with_hidden_sentence()
    assert BEYOND_LEAD_IN in Client().get(article.get_absolute_url(), **GOOGLEBOT).text
    for headers in ({}, FAKE_GOOGLEBOT, {"HTTP_USER_AGENT": GOOGLEBOT_UA}):
        page = Client().get(article.get_absolute_url(), **headers)
        assert BEYOND_LEAD_IN not in page.text and PAYWALL_TEXT in page.text


def test_a_crawler_following_a_gift_link_does_not_open_it(django_user_model):
    set_meter(free_limit=0)
    giver = django_user_model.objects.create_user(username="g", email="g@example.test", password="x" * 20, complimentary_access=True)
    article = make_story_with_hidden_sentence(is_premium=True)
    gift = gift_create(user=giver, article=article)
    page = Client().get(f"{article.get_absolute_url()}?gift={gift.token}", **GOOGLEBOT)
    assert BEYOND_LEAD_IN in page.text and "gifted you this article" not in page.text
    gift.refresh_from_db()
    assert gift.opened_count == 0


def test_the_app_api_and_search_give_a_crawler_no_more_than_anyone_else(django_user_model):
    set_meter(free_limit=0)
    article = make_story_with_hidden_sentence(is_premium=True, headline="Quiet exit of the fund managers")
    answer = Client().get(f"/api/v1/articles/{article.slug}", **GOOGLEBOT).json()
    assert (answer["access"], answer["reason"]) == ("lead_in", "premium")
    assert BEYOND_LEAD_IN not in answer["text"]
    found = Client().get("/search/", {"q": "minister committee letter"}, **GOOGLEBOT)
    assert "Quiet exit of the fund managers" not in found.text
    # What a subscriber's search finds there.
    subscriber = Client()
    subscriber.force_login(django_user_model.objects.create_user(username="s", email="s@example.test", complimentary_access=True))
    assert "Quiet exit of the fund managers" in subscriber.get("/search/", {"q": "minister committee letter"}).text


def test_a_forged_forwarded_for_does_not_make_a_request_come_from_google(settings):
    set_meter(free_limit=0)
    article = make_story_with_hidden_sentence()
    url = article.get_absolute_url()
    forged = {"HTTP_USER_AGENT": GOOGLEBOT_UA, "HTTP_X_FORWARDED_FOR": GOOGLEBOT_ADDRESS, "REMOTE_ADDR": "203.0.113.7"}
    # No proxy of ours: the header is not read at all.
    assert PAYWALL_TEXT in Client().get(url, **forged).text
    # Behind one proxy of ours, only the entry it appended counts: the client's own.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    behind_proxy = forged | {"HTTP_X_FORWARDED_FOR": f"{GOOGLEBOT_ADDRESS}, 203.0.113.7", "REMOTE_ADDR": "127.0.0.1"}
    assert PAYWALL_TEXT in Client().get(url, **behind_proxy).text
    real = {"HTTP_USER_AGENT": GOOGLEBOT_UA, "HTTP_X_FORWARDED_FOR": f"198.51.100.1, {GOOGLEBOT_ADDRESS}", "REMOTE_ADDR": "127.0.0.1"}
    assert BEYOND_LEAD_IN in Client().get(url, **real).text
    # A header shorter than the proxies said to be in front: nobody's address, read as a reader.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    short = {"HTTP_USER_AGENT": GOOGLEBOT_UA, "HTTP_X_FORWARDED_FOR": GOOGLEBOT_ADDRESS, "REMOTE_ADDR": "127.0.0.1"}
    page = Client().get(url, **short)
    assert page.status_code == 200 and PAYWALL_TEXT in page.text


def test_a_reverse_name_built_to_trip_the_resolver_is_a_reader_not_an_error(crawler_dns):
    set_meter(free_limit=0)
    article = make_story_with_hidden_sentence()
    crawler_dns.ptr["203.0.113.8"] = "evil.net\x00.googlebot.com"

    def system_like_forward(host):
        raise ValueError("embedded null character")  # what getaddrinfo does with it

    crawler_dns.forward = system_like_forward
    page = Client().get(article.get_absolute_url(), HTTP_USER_AGENT=GOOGLEBOT_UA, REMOTE_ADDR="203.0.113.8")
    assert page.status_code == 200 and PAYWALL_TEXT in page.text
