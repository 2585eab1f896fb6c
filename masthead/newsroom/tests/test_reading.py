"""Reading an article, the one path the article page and the app API share."""

from datetime import timedelta

import pytest

from masthead.access.readers import Reader
from masthead.metering.events import funnel_events_flush
from masthead.metering.models import FunnelEvent, FunnelEventKind
from masthead.newsroom.reading import ArticleNotFound, article_read
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(django_user_model):
    user = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    return Reader(user=user, anonymous_id=None)


def test_reading_spends_a_free_article_once(member):
    set_meter(free_limit=1)
    first, second = make_article(), make_article()
    read = article_read(reader=member, slug=first.slug, count=True)
    assert read.article == first and read.decision.full_text
    again = article_read(reader=member, slug=first.slug, count=True)
    assert again.decision.full_text and again.decision.reason == "already_counted"
    stopped = article_read(reader=member, slug=second.slug, count=True)
    assert not stopped.decision.full_text and stopped.decision.reason == "meter_exhausted"


def test_a_reading_that_shows_nothing_spends_nothing(member):
    set_meter(free_limit=1)
    first, second = make_article(), make_article()
    article_read(reader=member, slug=first.slug, count=False)
    assert article_read(reader=member, slug=second.slug, count=True).decision.full_text


def test_the_funnel_hears_of_a_reader_stopped_at_the_paywall(member):
    set_meter(free_limit=0)
    story = make_article()
    article_read(reader=member, slug=story.slug, count=True)
    funnel_events_flush()
    assert FunnelEvent.objects.get(kind=FunnelEventKind.PAYWALL_SHOWN).count == 1


@pytest.mark.parametrize("state", ["missing", "draft", "scheduled"])
def test_an_article_readers_cannot_find_yet_is_not_found(member, state):
    if state == "missing":
        slug = "no-such-story"
    elif state == "draft":
        slug = make_article(published_ago=None, status="draft").slug
    else:
        slug = make_article(published_ago=-timedelta(hours=1), status="scheduled").slug
    with pytest.raises(ArticleNotFound) as refused:
        article_read(reader=member, slug=slug, count=True)
    assert refused.value.code == "article_not_found"
