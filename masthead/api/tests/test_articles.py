"""Articles through the API: the same decision as the web page, for the same
reader, whichever way they ask."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from masthead.access.readers import app_reader_id_signed as reader_id_signed
from masthead.access.readers import app_reader_id_verified as reader_id_verified
from masthead.subscriptions import services as subscription_services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import (
    BEYOND_LEAD_IN,
    PAYWALL_TEXT,
    make_article,
    make_section,
    make_story_with_hidden_sentence,
)

from .conftest import app, sign_in

pytestmark = pytest.mark.django_db

@pytest.fixture
def stories():
    return {
        "metered": make_story_with_hidden_sentence(headline="Rates held again"),
        "premium": make_story_with_hidden_sentence(headline="The fund managers' quiet exit", is_premium=True),
        "archive": make_story_with_hidden_sentence(headline="Budget of the last year", published_ago=timedelta(days=400)),
        "free": make_story_with_hidden_sentence(headline="Cyclone warning for the coast", meter_exempt=True),
    }


def _web_reads_in_full(browser: Client, article) -> bool:
    page = browser.get(article.get_absolute_url()).text
    assert (BEYOND_LEAD_IN in page) != (PAYWALL_TEXT in page), "a page is either the full story or the paywall"
    return BEYOND_LEAD_IN in page


def _api_reads(client: Client, article) -> dict:
    response = client.get(f"/api/v1/articles/{article.slug}")
    assert response.status_code == 200, response.text
    data = response.json()
    assert (BEYOND_LEAD_IN in data["text"]) == (data["access"] == "full")
    return data


def _same_everywhere(browser, token, stories) -> dict:
    seen = {}
    for name, article in stories.items():
        in_full = _web_reads_in_full(browser, article)
        data = _api_reads(app(token), article)
        assert (data["access"] == "full") == in_full, f"{name}: the app and the web disagree"
        seen[name] = (data["access"], data["reason"])
    return seen


def test_an_app_sees_what_the_same_subscribers_web_session_sees_through_cancellation_and_term_end(subscriber, stories):
    browser = Client()
    browser.force_login(subscriber)
    token = sign_in(subscriber)
    every_story_in_full = {name: ("full", "subscriber") for name in stories}

    assert _same_everywhere(browser, token, stories) == every_story_in_full

    # Cancelled: still a subscriber until the term ends.
    subscription = subscriber.subscriptions.get()
    subscription_services.subscription_cancel(subscription=subscription)
    assert _same_everywhere(browser, token, stories) == every_story_in_full

    # The term has ended: a reader like any other, metered by account on both.
    subscription.refresh_from_db()
    type(subscription).objects.filter(pk=subscription.pk).update(term_end=timezone.now() - timedelta(minutes=1))
    subscription_services.subscriptions_end_due()
    assert subscriber.subscriptions.get().status == SubscriptionStatus.ENDED
    after = _same_everywhere(browser, token, stories)
    # One meter for the account: the web page counted the story, so the app rereads it free.
    assert after["metered"] == ("full", "already_counted")
    assert after["premium"] == ("lead_in", "premium")
    assert after["archive"] == ("lead_in", "archive")
    assert after["free"] == ("full", "exempt")


def test_a_signed_in_app_is_metered_by_account_like_the_web(reader):
    set_meter(free_limit=1)
    first, second = make_story_with_hidden_sentence(), make_story_with_hidden_sentence()
    browser = Client()
    browser.force_login(reader)
    assert _web_reads_in_full(browser, first)
    data = _api_reads(app(sign_in(reader)), second)
    assert (data["access"], data["reason"]) == ("lead_in", "meter_exhausted")
    assert data["meter"] == {"views": 1, "free_limit": 1, "views_left": 0}


def test_an_anonymous_app_reads_its_free_articles_then_the_lead_in(stories):
    set_meter(free_limit=2)
    first, second, third = make_story_with_hidden_sentence(), make_story_with_hidden_sentence(), make_story_with_hidden_sentence()
    response = app().get(f"/api/v1/articles/{first.slug}")
    reader_id = response["X-Reader"]
    assert response.json()["access"] == "full"
    assert response.json()["meter"] == {"views": 1, "free_limit": 2, "views_left": 1}

    known = app(reader=reader_id)
    second_read = known.get(f"/api/v1/articles/{second.slug}")
    assert second_read.json()["meter"]["views_left"] == 0
    assert "X-Reader" not in second_read, "a known reader keeps their id"
    third_read = known.get(f"/api/v1/articles/{third.slug}").json()
    assert (third_read["access"], third_read["reason"]) == ("lead_in", "meter_exhausted")
    assert BEYOND_LEAD_IN not in third_read["text"]
    # Rereading a counted article stays free.
    again = known.get(f"/api/v1/articles/{first.slug}").json()
    assert (again["access"], again["reason"]) == ("full", "already_counted")


def test_a_tampered_reader_header_gets_a_fresh_meter_never_an_error():
    set_meter(free_limit=1)
    first, second = make_story_with_hidden_sentence(), make_story_with_hidden_sentence()
    reader_id = app().get(f"/api/v1/articles/{first.slug}")["X-Reader"]
    for forged in (reader_id[:-2] + "xx", "0" * 32, "not a reader", reader_id + ":extra"):
        response = app(reader=forged).get(f"/api/v1/articles/{second.slug}")
        assert response.status_code == 200
        assert response["X-Reader"] != forged and response["X-Reader"] != reader_id
        assert response.json()["meter"]["views"] == 1
    # Premium text never comes with a fresh meter.
    premium = make_story_with_hidden_sentence(is_premium=True)
    data = app(reader="forged").get(f"/api/v1/articles/{premium.slug}").json()
    assert data["access"] == "lead_in" and BEYOND_LEAD_IN not in data["text"]


def test_a_signed_header_holding_no_reader_id_gets_a_fresh_meter():
    """The site's signature on a value proves only that the site wrote it; a
    reader is known by an id of the shape the site mints, as on the web."""
    set_meter(free_limit=1)
    story = make_story_with_hidden_sentence()
    for value in ("", "0" * 31, "0" * 33, "A" * 32, "g" * 32):
        response = app(reader=reader_id_signed(value)).get(f"/api/v1/articles/{story.slug}")
        assert response.status_code == 200
        assert reader_id_verified(response["X-Reader"]) not in (None, value)
        assert response.json()["meter"]["views"] == 1


def test_a_browser_session_cookie_alone_is_not_a_signed_in_app(subscriber, stories):
    browser = Client()
    browser.force_login(subscriber)
    assert browser.get("/api/v1/me").status_code == 401
    data = browser.get(f"/api/v1/articles/{stories['premium'].slug}").json()
    assert data["access"] == "lead_in", "the API reads the token, not the cookie"


def test_gifts_open_an_article_for_an_app_and_tampered_tokens_open_nothing(subscriber):
    set_meter(free_limit=0)
    article, other = make_story_with_hidden_sentence(is_premium=True), make_story_with_hidden_sentence()
    link = app(sign_in(subscriber)).post("/api/v1/me/gifts", {"article": article.slug}, content_type="application/json")
    assert link.status_code == 201, link.text
    token = re.search(r"\?gift=(.+)$", link.json()["url"]).group(1)

    gifted = app().get(f"/api/v1/articles/{article.slug}", {"gift": token}).json()
    assert (gifted["access"], gifted["reason"]) == ("full", "gift")
    assert gifted["gift"]["from"] == "Asha R." and gifted["gift"]["until"]
    assert BEYOND_LEAD_IN in gifted["text"]

    for forged, target in ((token[:-3] + "abc", article), (token, other), ("x" * 500, article)):
        response = app().get(f"/api/v1/articles/{target.slug}", {"gift": forged})
        assert response.status_code in (200, 422)
        if response.status_code == 200:
            data = response.json()
            assert data["access"] == "lead_in" and data["reason"] != "gift" and data["gift"] is None
            assert data["gift_problem"] == "This gift link is not valid."
            assert BEYOND_LEAD_IN not in data["text"]


def test_the_list_has_no_article_text_and_filters_by_section_and_premium():
    markets = make_section(name="Markets", slug="markets")
    plain, premium = make_story_with_hidden_sentence(section=markets), make_story_with_hidden_sentence(section=markets, is_premium=True)
    make_story_with_hidden_sentence()
    everything = app().get("/api/v1/articles").json()
    assert everything["total"] == 3 and BEYOND_LEAD_IN not in str(everything)
    assert {item["slug"] for item in app().get("/api/v1/articles", {"section": "markets"}).json()["items"]} == {
        plain.slug, premium.slug,
    }  # fmt: skip
    only_premium = app().get("/api/v1/articles", {"premium": "true"}).json()["items"]
    assert [item["slug"] for item in only_premium] == [premium.slug]
    paged = app().get("/api/v1/articles", {"page": 2, "page_size": 2}).json()
    assert (paged["page"], paged["pages"], len(paged["items"])) == (2, 2, 1)


def test_unknown_and_unpublished_articles_are_json_404s():
    draft = make_article(published_ago=None)
    for slug in ("no-such-story", draft.slug):
        response = app().get(f"/api/v1/articles/{slug}")
        assert response.status_code == 404
        assert response.json() == {"code": "article_not_found", "message": "No such article."}


def test_reader_dependent_answers_are_never_kept_by_a_shared_cache():
    article = make_story_with_hidden_sentence()
    response = app().get(f"/api/v1/articles/{article.slug}")
    assert "private" in response["Cache-Control"]
    assert response["Vary"] == "Cookie, X-Session-Token, X-Reader"


def test_search_snippets_never_show_text_the_reader_may_not_read(subscriber):
    hidden = "The minister's letter"
    make_story_with_hidden_sentence(headline="Letter to the committee", is_premium=True)
    # Found by its headline's words (a premium body's words find nothing: search/tests/test_search_paywall.py).
    anonymous = app().get("/api/v1/search", {"q": "letter committee"}).json()
    assert anonymous["total"] == 1
    assert hidden not in anonymous["items"][0]["snippet_html"] and not anonymous["items"][0]["full_text"]
    signed_in = app(sign_in(subscriber)).get("/api/v1/search", {"q": "minister letter"}).json()
    assert "<mark>minister" in signed_in["items"][0]["snippet_html"] and signed_in["items"][0]["full_text"]


def test_an_altered_x_reader_at_app_log_in_carries_nothing_into_the_account(reader):
    set_meter(free_limit=1, account_extra=1)
    first, second, third = (make_article(headline=f"Carried story {n}") for n in range(3))
    header = app().get(f"/api/v1/articles/{first.slug}")["X-Reader"]
    # The app's genuine id (which has read one story) with a made-up signature.
    value, _, signature = header.rpartition(":")
    forged = value + ":" + "A" * len(signature)
    response = Client().post(
        "/api/auth/app/v1/auth/login",
        {"email": reader.email, "password": "a long passphrase for the app"},
        content_type="application/json",
        HTTP_X_READER=forged,
    )
    assert response.status_code == 200, response.text
    token = response.json()["meta"]["session_token"]
    # Nothing was carried: the account still has both of its N + M articles.
    assert app(token).get(f"/api/v1/articles/{second.slug}").json()["reason"] == "free_within_meter"
    assert app(token).get(f"/api/v1/articles/{third.slug}").json()["reason"] == "free_within_meter"
