from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.newsroom.models import Article, ArticleStatus
from masthead.testing.newsroom import make_article, make_section

pytestmark = pytest.mark.django_db


def test_editors_search_and_filter_articles(editor_client):
    make_article(headline="Monsoon lifts farm output", is_premium=True)
    make_article(headline="Chip plant approved")
    found = editor_client.get("/admin/newsroom/article/", {"q": "monsoon"})
    assert found.status_code == 200
    assert "Monsoon lifts farm output" in found.text and "Chip plant approved" not in found.text
    premium = editor_client.get("/admin/newsroom/article/", {"is_premium__exact": "1"})
    assert "Monsoon lifts farm output" in premium.text and "Chip plant approved" not in premium.text


def test_the_body_is_edited_with_a_rich_text_editor(editor_client):
    form = editor_client.get("/admin/newsroom/article/add/")
    assert form.status_code == 200
    assert "prose-editor" in form.text


def test_an_editor_schedules_an_article_from_the_admin(editor_client, client):
    section = make_section()
    go_live = (timezone.now() + timedelta(hours=1)).astimezone(timezone.get_current_timezone())
    response = editor_client.post(
        "/admin/newsroom/article/add/",
        {
            "headline": "Policy decision at noon",
            "slug": "policy-decision-at-noon",
            "standfirst": "The central bank decides.",
            "body": "<p>Rates are expected to hold.</p><script>alert(1)</script>",
            "section": section.pk,
            "status": ArticleStatus.SCHEDULED,
            "publish_at_0": go_live.strftime("%Y-%m-%d"),
            "publish_at_1": go_live.strftime("%H:%M:%S"),
            "dateline": "Mumbai",
        },
    )
    assert response.status_code == 302, response.text
    article = Article.objects.get(slug="policy-decision-at-noon")
    assert article.status == ArticleStatus.SCHEDULED
    assert "<script" not in article.body
    assert client.get(article.get_absolute_url()).status_code == 404

    upcoming = editor_client.get("/admin/newsroom/upcomingarticle/")
    assert "Policy decision at noon" in upcoming.text


def test_what_goes_live_next_is_listed_soonest_first(editor_client):
    now = timezone.now()
    make_article(published_ago=None, status="scheduled", publish_at=now + timedelta(hours=5), headline="Later story")
    make_article(published_ago=None, status="scheduled", publish_at=now + timedelta(hours=1), headline="Sooner story")
    make_article(headline="Already live")
    page = editor_client.get("/admin/newsroom/upcomingarticle/").text
    assert page.index("Sooner story") < page.index("Later story")
    assert "Already live" not in page


def test_a_scheduled_article_needs_a_time(editor_client):
    section = make_section()
    response = editor_client.post(
        "/admin/newsroom/article/add/",
        {"headline": "No time", "slug": "no-time", "body": "<p>x</p>", "section": section.pk, "status": "scheduled"},
    )
    assert response.status_code == 200
    assert "A scheduled article needs the time it goes live." in response.text
    assert not Article.objects.filter(slug="no-time").exists()
