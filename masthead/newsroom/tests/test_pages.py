from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.testing.newsroom import (
    make_agency,
    make_article,
    make_author,
    make_section,
)
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db

DISCLAIMER = "Disclaimer: No {} Journalist was involved in creation of this content"


@override_settings(MASTHEAD_SITE_NAME="The Daily Ledger")
def test_wire_copy_carries_the_agency_credit_and_the_disclaimer(client):
    agency = make_agency(name="Asia Wire Service")
    article = make_article(agency=agency)
    page = client.get(article.get_absolute_url()).text
    assert "Asia Wire Service" in page
    assert DISCLAIMER.format("The Daily Ledger") in page


def test_staff_copy_has_a_byline_and_no_disclaimer(client, settings):
    author = make_author(name="Meera Iyer")
    article = make_article(authors=[author], dateline="Mumbai")
    page = client.get(article.get_absolute_url()).text
    assert "Meera Iyer" in page
    assert "Mumbai" in page
    assert DISCLAIMER.format(settings.MASTHEAD_SITE_NAME) not in page


def test_a_script_in_a_body_never_reaches_the_page(client):
    article = make_article(body='<p>Fine text</p><script>document.title="pwned"</script><p onmouseover="x()">more</p>')
    page = client.get(article.get_absolute_url()).text
    assert "Fine text" in page
    assert "pwned" not in page
    assert "onmouseover" not in page


def test_article_times_are_shown_in_the_publication_zone(client, settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    article = make_article(published_ago=None, status="published", publish_at=datetime(2026, 3, 2, 4, 0, tzinfo=UTC))
    page = client.get(article.get_absolute_url()).text
    assert "2 Mar 2026, 9:30 AM IST" in page



def test_only_a_gated_article_page_offers_the_plans(client):
    make_plan(name="Smart Essential", price_minor=2_700_00, term_months=12)
    premium = make_article(is_premium=True, headline="For subscribers")
    free = make_article(headline="Open to all")
    assert "Choose Smart Essential" in client.get(premium.get_absolute_url()).text
    with CaptureQueriesContext(connection) as asked:
        page = client.get(free.get_absolute_url()).text
    assert "Choose Smart Essential" not in page
    # A page read in full does not ask for the plans at all.
    assert not [query for query in asked.captured_queries if "subscriptions_plan" in query["sql"]]

@time_machine.travel(datetime(2026, 11, 28, 6, 30, tzinfo=UTC), tick=False)  # noon in Kolkata
def test_home_page_shows_lead_stories_sections_premium_rail_and_latest(client):
    markets = make_section(name="Markets", slug="markets")
    premium = make_article(section=markets, is_premium=True, headline="A premium market story", published_ago=timedelta(minutes=5))
    for n in range(20):
        make_article(section=markets, headline=f"Market story {n}", published_ago=timedelta(hours=n + 1))
    page = client.get("/").text
    assert "Top stories" in page
    assert "Premium today" in page and premium.headline in page
    assert 'href="/section/markets/"' in page
    assert "Latest" in page


def test_section_pages_are_paginated(client):
    section = make_section(name="Economy", slug="economy")
    for n in range(25):
        make_article(section=section, headline=f"Economy story {n:02d}", published_ago=timedelta(hours=n + 1))
    first = client.get("/section/economy/")
    second = client.get("/section/economy/?page=2")
    assert first.status_code == second.status_code == 200
    assert "Economy story 00" in first.text and "Economy story 24" not in first.text
    assert "Economy story 24" in second.text
    assert "Page 2 of 2" in second.text


def test_archive_day_lists_that_days_articles_and_links_to_neighbours(client):
    now = timezone.now()
    old = make_article(headline="From long ago", published_ago=timedelta(days=9000), now=now)
    make_article(headline="Yesterday's story", published_ago=timedelta(days=1), now=now)
    day = local_date(old.publish_at)
    response = client.get(f"/archive/{day.year}/{day.month}/{day.day}/")
    assert response.status_code == 200
    assert "From long ago" in response.text
    assert "Yesterday's story" not in response.text
    assert 'rel="next"' in response.text


def test_archive_reaches_back_to_the_oldest_article(client):
    make_article(headline="The first story", published_ago=timedelta(days=365 * 29))
    index = client.get("/archive/").text
    oldest_year = (timezone.now() - timedelta(days=365 * 29)).year
    assert f'href="/archive/{oldest_year}/"' in index
    year = client.get(f"/archive/{oldest_year}/")
    assert year.status_code == 200


def test_impossible_archive_dates_are_not_found(client):
    assert client.get("/archive/2026/2/30/").status_code == 404
    assert client.get("/archive/2026/13/").status_code == 404


def test_unknown_pages_get_a_helpful_404(client):
    response = client.get("/articles/no-such-story/")
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.text


def test_server_errors_get_a_plain_500_page(client):
    from django.test import RequestFactory

    from masthead.core.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def test_article_preview_is_for_staff_only(client, editor_client):
    draft = make_article(published_ago=None, status="draft", headline="Embargoed results")
    assert client.get(f"/preview/{draft.pk}/").status_code == 302
    preview = editor_client.get(f"/preview/{draft.pk}/")
    assert preview.status_code == 200
    assert "Embargoed results" in preview.text
    assert "Readers cannot yet see this page" in preview.text
    assert preview["X-Robots-Tag"] == "noindex"


def test_a_subscriber_reaches_the_gift_page_from_the_article_and_only_for_a_live_one(client, django_user_model):
    story = make_article(headline="Worth sharing")
    draft = make_article(published_ago=None, status="draft", headline="Not out yet")
    gift_page = f"{story.get_absolute_url()}gift/"
    assert client.get(gift_page)["Location"].startswith("/accounts/login/")
    subscriber = django_user_model.objects.create_user(
        username="asha", email="asha@example.test", password="x" * 20, complimentary_access=True
    )
    client.force_login(subscriber)
    assert f'href="{gift_page}"' in client.get(story.get_absolute_url()).text
    page = client.get(gift_page)
    assert "Create a gift link" in page.text and "Worth sharing" in page.text
    assert page["Cache-Control"] == "private, no-store"
    assert client.get(f"{draft.get_absolute_url()}gift/").status_code == 404
