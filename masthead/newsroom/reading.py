"""Reading an article: the one path behind the article page and the app
API's article, as Wagtail's actions and allauth's flows are behind their
HTML views and APIs. An interface only translates: the request into a
reader, the answer into a page or JSON, ``ArticleNotFound`` into its 404.
"""

from datetime import datetime, timedelta
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.utils import timezone

from masthead.access.funnel import funnel_events_for_view
from masthead.access.policy import Decision
from masthead.access.readers import Reader
from masthead.access.services import article_access
from masthead.core.errors import NotFound

from . import cache
from .app_settings import app_settings
from .models import Article, ArticleReading

# A reader's return to a story moves its last reading on at most this often.
READING_STEP = timedelta(days=1)


class ArticleNotFound(NotFound):
    code = "article_not_found"


class ArticleRead(NamedTuple):
    article: Article
    decision: Decision


def live_article(*, slug: str) -> Article:
    """The article at ``slug`` from this process's article cache, if readers
    may find it now; a missing, draft or not-yet-due one is not found."""
    found = cache.article_by_slug(slug)
    if found is None or not found.is_live():
        raise ArticleNotFound(message="No such article.")
    return found


def article_read(*, reader: Reader, slug: str, count: bool, gift_token: str | None = None) -> ArticleRead:
    """The live article at ``slug`` and what ``reader`` may read of it.

    ``count`` says whether this reading spends a free article: a page view
    does; a request that shows nothing (HEAD) must not. The funnel hears of
    every reading, counted or not.
    """
    article = live_article(slug=slug)
    decision = article_access(reader=reader, article=article, count=count, gift_token=gift_token)
    funnel_events_for_view(reader=reader, article_id=article.pk, decision=decision, viewed=count)
    if count and decision.full_text and reader.user is not None and app_settings.READING_HISTORY:
        reading_record(user_id=reader.user.pk, article_id=article.pk, now=timezone.now())
    return ArticleRead(article, decision)


def reading_record(*, user_id: int, article_id: int, now: datetime) -> None:
    """Note that a signed-in reader read a story in full. Read first, write
    only for a story new to the reader or one last read on an earlier day:
    the article page must not write on every view."""
    last = (
        ArticleReading.objects.filter(user_id=user_id, article_id=article_id).values_list("last_read_at", flat=True).first()
    )
    if last is None:
        try:
            with transaction.atomic():
                ArticleReading.objects.create(user_id=user_id, article_id=article_id, first_read_at=now, last_read_at=now)
        except IntegrityError:
            pass  # the same reader's other tab wrote it a moment ago
    elif now - last >= READING_STEP:
        ArticleReading.objects.filter(user_id=user_id, article_id=article_id, last_read_at__lt=now).update(last_read_at=now)
