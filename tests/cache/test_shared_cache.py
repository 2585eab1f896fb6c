"""A real shared cache (nginx's proxy cache) in front of Masthead: what it
keeps for one reader it never hands to another.

nginx stores what Cache-Control allows, keys variants by the headers named
in Vary, and skips responses that set cookies, like a CDN does.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import requests
from django.test import Client

from masthead.testing.environment import free_port, require, wait_until_answering
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db(transaction=True)

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BEYOND_LEAD_IN = "The tender papers were signed on a Sunday."

CONFIG = """
{user}
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {root}/body;
  proxy_temp_path {root}/proxy;
  fastcgi_temp_path {root}/fastcgi;
  uwsgi_temp_path {root}/uwsgi;
  scgi_temp_path {root}/scgi;
  proxy_cache_path {root}/cache keys_zone=pages:1m;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://{upstream};
      proxy_set_header Host $http_host;
      proxy_cache pages;
      add_header X-Cache-Status $upstream_cache_status always;
    }}
  }}
}}
"""


@pytest.fixture
def shared_cache(live_server, tmp_path: Path):
    require(Path(NGINX).exists(), "nginx not found: install Debian's 'nginx-light' to run the shared-cache tests")
    port = free_port()
    upstream = live_server.url.removeprefix("http://")
    # Started as root, nginx's workers would switch to an account that cannot
    # read the test's private folder: keep them as the test's own user.
    user = "user root root;" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(CONFIG.format(root=tmp_path, port=port, upstream=upstream, user=user))
    server = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")])
    base = f"http://127.0.0.1:{port}"
    wait_until_answering(base)
    yield base
    server.terminate()
    server.wait(timeout=10)


def _session_cookie(django_user_model, **fields) -> dict:
    browser = Client()
    browser.force_login(django_user_model.objects.create_user(password="x" * 20, **fields))
    return {"sessionid": browser.cookies["sessionid"].value}


def test_a_page_cached_for_visitors_is_never_served_to_a_subscriber_or_back(shared_cache, django_user_model):
    make_article(headline="Front page story")
    subscriber = _session_cookie(django_user_model, username="s", email="s@example.test", complimentary_access=True)

    first = requests.get(shared_cache + "/")
    again = requests.get(shared_cache + "/")
    assert (first.headers["X-Cache-Status"], again.headers["X-Cache-Status"]) == ("MISS", "HIT")
    assert "Log in" in again.text

    for _ in range(2):
        theirs = requests.get(shared_cache + "/", cookies=subscriber)
        assert theirs.headers["X-Cache-Status"] != "HIT"
        assert "Your account" in theirs.text and "Log in" not in theirs.text

    visitor = requests.get(shared_cache + "/")
    assert visitor.headers["X-Cache-Status"] == "HIT"
    assert "Your account" not in visitor.text


def test_an_article_read_in_full_by_a_subscriber_never_reaches_a_reader_past_the_limit(shared_cache, django_user_model):
    set_meter(free_limit=0)
    body = "<p>" + " ".join(["Opening"] + ["word"] * 59) + f".</p><p>{BEYOND_LEAD_IN}</p>"
    article = make_article(body=body)
    url = shared_cache + article.get_absolute_url()
    subscriber = _session_cookie(django_user_model, username="s", email="s@example.test", complimentary_access=True)

    for _ in range(2):
        full = requests.get(url, cookies=subscriber)
        assert BEYOND_LEAD_IN in full.text and full.headers["X-Cache-Status"] != "HIT"
    for _ in range(2):
        gated = requests.get(url)
        assert BEYOND_LEAD_IN not in gated.text and gated.headers["X-Cache-Status"] != "HIT"
        assert "Subscribe now for unlimited access." in gated.text


def test_a_verified_crawlers_full_text_is_never_kept_for_the_readers_after_it(shared_cache, crawler_dns):
    """Googlebot reads the whole story through the same cache readers use; the
    next reader past the limit still gets the lead-in. (nginx reaches the site
    from 127.0.0.1: the test's DNS vouches for that address as Google's.)"""
    crawler_dns.ptr["127.0.0.1"] = "crawl-127-0-0-1.googlebot.com"
    crawler_dns.addresses["crawl-127-0-0-1.googlebot.com"] = ["127.0.0.1"]
    set_meter(free_limit=0)
    body = "<p>" + " ".join(["Opening"] + ["word"] * 59) + f".</p><p>{BEYOND_LEAD_IN}</p>"
    url = shared_cache + make_article(body=body, is_premium=True).get_absolute_url()
    googlebot = {"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"}

    for _ in range(2):
        crawled = requests.get(url, headers=googlebot)
        assert BEYOND_LEAD_IN in crawled.text and crawled.headers["X-Cache-Status"] != "HIT"
        assert crawled.headers["Cache-Control"] == "private, no-store" and "Set-Cookie" not in crawled.headers
    for _ in range(2):
        reader = requests.get(url)
        assert BEYOND_LEAD_IN not in reader.text and reader.headers["X-Cache-Status"] != "HIT"
        assert "Subscribe now for unlimited access." in reader.text
