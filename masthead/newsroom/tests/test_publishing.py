from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from masthead.core.errors import InvalidOperation
from masthead.newsroom import selectors, services
from masthead.newsroom.models import Article, ArticleStatus
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db


def test_a_scheduled_article_appears_by_itself_at_its_time(client):
    go_live = timezone.now() + timedelta(hours=2)
    article = make_article(published_ago=None, status=ArticleStatus.SCHEDULED, publish_at=go_live, headline="Budget day")

    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Budget day" not in client.get("/").text

    with time_machine.travel(go_live + timedelta(seconds=1), tick=False):
        # No job has run: visibility follows the clock alone.
        assert Article.objects.get(pk=article.pk).status == ArticleStatus.SCHEDULED
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Budget day" in client.get("/").text


def test_the_publishing_job_records_due_articles_as_published():
    now = timezone.now()
    due = make_article(published_ago=None, status=ArticleStatus.SCHEDULED, publish_at=now - timedelta(minutes=1))
    later = make_article(published_ago=None, status=ArticleStatus.SCHEDULED, publish_at=now + timedelta(hours=1))

    assert services.due_articles_mark_published(now=now) == 1

    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == ArticleStatus.PUBLISHED
    assert later.status == ArticleStatus.SCHEDULED


def test_drafts_are_never_shown_to_readers(client):
    draft = make_article(published_ago=None, status=ArticleStatus.DRAFT, headline="Unfinished copy")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Unfinished copy" not in client.get("/").text
    assert draft not in selectors.live_articles()


def test_scheduling_in_the_past_is_refused():
    article = make_article(published_ago=None, status=ArticleStatus.DRAFT)
    with pytest.raises(InvalidOperation) as refused:
        services.article_schedule(article=article, at=timezone.now() - timedelta(minutes=5))
    assert refused.value.code == "schedule_in_past"
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT


def test_published_with_a_future_time_is_treated_as_scheduled():
    future = timezone.now() + timedelta(days=1)
    article = make_article(published_ago=None, status=ArticleStatus.DRAFT)
    article.status, article.publish_at = ArticleStatus.PUBLISHED, future
    services.article_save(article=article)
    assert article.status == ArticleStatus.SCHEDULED
    assert not article.is_live()


def test_editing_a_live_article_marks_it_updated_for_readers(client):
    article = make_article(published_ago=timedelta(hours=3))
    article.body += "<p>Correction: the figure was revised.</p>"
    services.article_save(article=article, changed_fields={"body"})

    page = client.get(article.get_absolute_url()).text
    assert "Updated" in page
    assert "Correction: the figure was revised." in page


def test_unpublishing_takes_the_article_off_the_site(client):
    article = make_article()
    services.article_unpublish(article=article)
    assert client.get(article.get_absolute_url()).status_code == 404
