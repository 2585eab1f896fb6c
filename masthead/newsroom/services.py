"""Writes to the newsroom: saving, publishing, scheduling."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from masthead.core.errors import InvalidOperation

from .models import Article, ArticleStatus

# Fields whose change after publication counts as a revision readers are told of.
REVISION_FIELDS = ("headline", "standfirst", "body")


def article_save(*, article: Article, changed_fields: set[str] | frozenset[str] = frozenset(), now: datetime | None = None) -> Article:
    """Save an article as an editor left it.

    A published article whose headline, standfirst or body changed is marked
    revised, so readers see "Updated". A "published" article with a future
    time is really scheduled; one with no time goes live now.
    """
    now = now or timezone.now()
    was_live = article.pk is not None and Article.objects.live(now).filter(pk=article.pk).exists()
    article.settle_publishing(now)
    if was_live and changed_fields.intersection(REVISION_FIELDS):
        article.revised_at = now
    article.full_clean(exclude={"slug"} if article.pk else None, validate_unique=False)
    article.save()
    return article


def article_publish(*, article: Article, now: datetime | None = None) -> Article:
    """Put an article live at once."""
    article.status = ArticleStatus.PUBLISHED
    article.publish_at = now or timezone.now()
    article.save()
    return article


def article_schedule(*, article: Article, at: datetime, now: datetime | None = None) -> Article:
    """Have an article go live by itself at ``at``."""
    now = now or timezone.now()
    if at <= now:
        raise InvalidOperation("schedule_in_past", "Choose a time in the future, or publish now.")
    article.status = ArticleStatus.SCHEDULED
    article.publish_at = at
    article.save()
    return article


def article_unpublish(*, article: Article) -> Article:
    """Take an article off the site; it keeps its text as a draft."""
    article.status = ArticleStatus.DRAFT
    article.save()
    return article


def due_articles_mark_published(*, now: datetime | None = None) -> int:
    """Record as published the scheduled articles whose time has come.

    Readers see them at their time whether or not this has run
    (ArticleQuerySet.live); this keeps the status the editors see truthful.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = Article.objects.filter(status=ArticleStatus.SCHEDULED, publish_at__lte=now)
        return due.update(status=ArticleStatus.PUBLISHED)
