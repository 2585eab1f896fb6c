"""Which responses a shared cache (a CDN, a proxy) may keep."""

import pytest
from django.test import Client

from masthead.testing.newsroom import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber_client(django_user_model):
    browser = Client()
    browser.force_login(
        django_user_model.objects.create_user(
            username="s", email="s@example.test", password="x" * 20, complimentary_access=True
        )
    )
    return browser


def _private(response) -> bool:
    directives = {part.strip().split("=")[0] for part in response["Cache-Control"].split(",")}
    return "private" in directives and "public" not in directives


def _public(response) -> bool:
    return response["Cache-Control"].startswith("public") and "s-maxage" in response["Cache-Control"]


def test_pages_that_depend_on_nobody_are_shareable_for_visitors_who_are_not_signed_in(client):
    section = make_section(name="Markets")
    make_article(section=section)
    for path in ("/", section.get_absolute_url(), "/archive/", "/feeds/rss/", "/sitemap.xml", "/news-sitemap.xml"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert _public(response), (path, response["Cache-Control"])
        assert "Cookie" in response["Vary"], path
        assert not response.cookies, path  # a new visitor is not handed a reader cookie on these pages


def test_the_same_pages_are_private_for_a_signed_in_reader(subscriber_client):
    response = subscriber_client.get("/")
    assert response["Cache-Control"] == "private, no-cache"


def test_the_article_the_account_and_the_plans_are_never_shareable(client, subscriber_client):
    article = make_article()
    anonymous = client.get(article.get_absolute_url())
    assert anonymous["Cache-Control"].startswith("private") and "mh_reader" in anonymous.cookies
    assert subscriber_client.get(article.get_absolute_url())["Cache-Control"].startswith("private")
    assert _private(subscriber_client.get("/account/"))
    assert _private(client.get("/subscribe/"))
    assert _private(client.get("/accounts/login/"))


def test_a_shareable_page_that_sets_a_cookie_is_kept_private(client):
    # A reader with a session cookie (even one that is no longer valid) may
    # get a page that differs: never stored for everyone.
    client.cookies["sessionid"] = "stale"
    assert client.get("/")["Cache-Control"] == "private, no-cache"


def test_account_pages_are_kept_by_no_cache_not_even_the_readers_browser(subscriber_client):
    # A shared computer's back button or disk cache must not show the next
    # person someone's account, devices or e-mail addresses.
    for path in ("/account/", "/account/invoices/", "/accounts/email/", "/accounts/password/change/"):
        response = subscriber_client.get(path)
        assert response.status_code == 200, path
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, (path, response["Cache-Control"])
