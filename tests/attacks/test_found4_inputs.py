"""Dates, pages and numbers the outside review sent that gave a 500: each is
now a 404 or a 400, the site's own page for the site and the API's error
shape for the API."""

import re

import pytest

from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/archive/0/",
        "/archive/1/",
        "/archive/10000/",
        "/archive/99999999999999999999/",
        "/archive/9999/",
        "/archive/9999/12/",
        "/archive/0001/01/",
        "/archive/0001/01/01/",
        "/archive/9999/12/31/",
        "/archive/2026/99999999999999999999/",
        "/archive/2026/1/99999999999999999999/",
        "/archive/2026/0/",
        "/archive/2026/13/",
        "/archive/2026/02/30/",
        "/epaper/?month=9999-12",
        "/epaper/?month=0001-01",
        "/epaper/?month=0000-01",
        "/epaper/?month=٢٠٢٦-٠١",
        "/epaper/0001-01-01/",
        "/epaper/9999-12-31/",
        "/epaper/٢٠٢٦-٠١-٠١/",
        "/epaper/2026-01-01/pages/99999999999999999999.webp",
        "/search/?q=a&from=0001-01-01",
        "/search/?q=a&to=9999-12-31",
        "/search/?q=a&from=0001-01-01&to=9999-12-31",
        "/search/?q=a&page=99999999999999999999",
    ],
)
def test_an_out_of_range_date_or_number_on_the_site_is_a_page_not_a_500(client, path):
    make_article()  # an archive with something in it
    response = client.get(path)
    assert response.status_code in (200, 400, 404), response.status_code
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "query",
    [
        {"q": "a", "from": "0001-01-01"},
        {"q": "a", "to": "9999-12-31"},
        {"q": "a", "from": "0001-01-01", "to": "9999-12-31"},
        {"q": "a", "from": "99999-01-01"},
        {"q": "a", "page": "99999999999999999999"},
    ],
)
def test_an_out_of_range_date_in_the_api_search_is_a_4xx_of_the_api_shape(client, query):
    make_article()
    response = client.get("/api/v1/search", query)
    assert 400 <= response.status_code < 500, response.status_code
    assert set(response.json()) == {"code", "message"}


def test_a_date_at_the_kept_calendars_edge_still_searches(client):
    make_article(headline="Monsoon arrives")
    response = client.get("/search/", {"q": "monsoon", "from": "0002-01-01", "to": "9998-12-31"})
    assert response.status_code == 200
    assert "Monsoon arrives" in re.sub(r"<.*?>", "", response.text)


@pytest.mark.parametrize("method", ["get", "head", "put", "delete"])
def test_the_app_api_offers_no_phone_number_endpoint_for_accounts_that_have_none(client, django_user_model, method):
    from masthead.api.tests.conftest import PASSWORD, sign_in

    subscriber = django_user_model.objects.create_user(username="asha", email="asha@example.test", password=PASSWORD)
    for headers in ({}, {"HTTP_X_SESSION_TOKEN": sign_in(subscriber)}):
        response = getattr(client, method)("/api/auth/app/v1/account/phone", **headers)
        assert response.status_code == 404, response.status_code


@pytest.mark.parametrize(
    "path, headers",
    [
        ("/articles/{slug}/?gift=a%00b", {}),
        ("/articles/a%00b/", {}),
        ("/api/v1/articles/a%00b", {}),
        ("/api/v1/articles?section=%00", {}),
        ("/api/v1/articles/{slug}?gift=%00", {}),
        ("/search/?q=a%00", {}),
        ("/", {"HTTP_COOKIE": "sessionid=abcdefgh\x00ijkl"}),
        ("/api/v1/me", {"HTTP_X_SESSION_TOKEN": "abc\x00def"}),
    ],
)
def test_a_nul_character_anywhere_in_a_request_is_a_400_before_any_lookup(client, path, headers):
    """PostgreSQL text cannot hold a NUL: a lookup with one failed as a 500."""
    story = make_article()
    response = client.get(path.format(slug=story.slug), **headers)
    assert response.status_code == 400, response.status_code
    if path.startswith("/api/"):
        assert response.json()["code"] == "bad_request"
    else:
        assert "That address cannot be read" in response.text


@pytest.mark.parametrize(
    ("body", "refused"),
    [
        ('{"note": "a\\u0000b"}', True),
        ('{"a\\u0000": 1}', True),
        ('{"list": [[[["x\\u0000"]]]]}', True),
        ('{"note": "a\\\\u0000b"}', False),  # an escaped backslash: the text "\u0000", no NUL
        ("[" * 100_000 + "]" * 100_000, False),  # deeper than Python's stack: still only data, left to the view
        ("not json \\u0000", False),
    ],
)
def test_a_nul_in_a_json_body_is_refused_before_any_view(client, body, refused):
    response = client.post("/api/v1/me/subscription/cancel", body, content_type="application/json")
    assert (response.status_code == 400 and response.json()["code"] == "bad_request") is refused, response.status_code
