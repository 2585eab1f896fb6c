"""A Googlebot claim proved by a google.com host name: Google's user-triggered
fetchers (google-proxy-*.google.com: Apps Script's UrlFetchApp, Sheets'
IMPORTXML and the like) fetch any address a Google user asks for, with a
user-agent the user chooses in part. Googlebot itself crawls from
crawl-*.googlebot.com (and geo-crawl-*.geo.googlebot.com); a google.com
name proves a Google fetcher, not Google's search crawler."""

import pytest
from django.test import Client

from masthead.access.crawlers import crawler_verified, engine_named
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db

# What UrlFetchApp sends when the script sets its own User-Agent: the script's
# words, then Google's own suffix.
SCRIPT_UA = "Googlebot/2.1 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: UAEmdDd9)"
PROXY_ADDRESS = "66.102.8.21"
PROXY_HOST = "google-proxy-66-102-8-21.google.com"


def test_a_user_triggered_google_fetcher_does_not_read_a_premium_story_as_googlebot(crawler_dns):
    set_meter(free_limit=0)
    article = make_story_with_hidden_sentence(is_premium=True)
    crawler_dns.ptr[PROXY_ADDRESS] = PROXY_HOST
    crawler_dns.addresses[PROXY_HOST] = [PROXY_ADDRESS]
    page = Client().get(article.get_absolute_url(), HTTP_USER_AGENT=SCRIPT_UA, REMOTE_ADDR=PROXY_ADDRESS)
    assert page.status_code == 200
    assert BEYOND_LEAD_IN not in page.text


def test_a_google_proxy_host_is_not_googlebot(crawler_dns):
    googlebot = engine_named("googlebot")
    crawler_dns.ptr[PROXY_ADDRESS] = PROXY_HOST
    crawler_dns.addresses[PROXY_HOST] = [PROXY_ADDRESS]
    assert not crawler_verified(googlebot, PROXY_ADDRESS)
