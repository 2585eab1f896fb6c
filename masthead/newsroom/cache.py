"""Cached reads for the article page, the hottest page on the site.

An article is kept by slug with its section, agency and authors in each web
process for ARTICLE_SECONDS, so a page view costs no newsroom query and no
network round trip. Saving an article, section, author or agency drops the
entries in the saving process at once; other processes refresh within that
time (docs/paywall.md, Caching).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from masthead.core.localcache import local_cache
from masthead.edge.services import purge_every_story, purge_story

from . import selectors
from .models import Agency, Article, Author, Section

ARTICLE_SECONDS = 10
NAVIGATION_SECONDS = 30
_MISSING = "missing"


def _article_key(slug: str) -> str:
    return f"newsroom:article:{slug}"


def _section_key(section_id: int) -> str:
    return f"newsroom:more:{section_id}"


def article_by_slug(slug: str):
    """The article with its credits, or None; live or not (the caller checks)."""

    def load():
        article = Article.objects.select_related("section", "agency").prefetch_related("authors").filter(slug=slug).first()
        return article or _MISSING

    found = local_cache.get_or_set(_article_key(slug), load, ARTICLE_SECONDS)
    return None if found == _MISSING else found


def more_from_section(article, *, now, limit: int = 4) -> list:
    """Recent stories from the article's section, for the foot of the page."""
    recent = local_cache.get_or_set(
        _section_key(article.section_id),
        lambda: list(
            Article.objects.live(now)
            .filter(section_id=article.section_id)
            .select_related("section", "agency")
            .prefetch_related("authors")
            .order_by("-publish_at", "-id")[: limit + 1]
        ),
        NAVIGATION_SECONDS,
    )
    return [other for other in recent if other.pk != article.pk and other.is_live(now)][:limit]


def navigation_sections() -> list:
    return local_cache.get_or_set(
        "newsroom:navigation", lambda: list(selectors.navigation_sections()), NAVIGATION_SECONDS
    )


@receiver([post_save, post_delete], sender=Article)
def article_changed(sender, instance, **kwargs):
    local_cache.delete(_article_key(instance.slug), _section_key(instance.section_id))
    # Published, corrected, unpublished, made premium: the edge's copies too,
    # and its section's pages, whose "More from" rail lists it.
    purge_story(instance.pk, section_id=instance.section_id)


@receiver(m2m_changed, sender=Article.authors.through)
def article_credits_changed(sender, instance, **kwargs):
    if isinstance(instance, Article):
        article_changed(sender, instance)


@receiver([post_save, post_delete], sender=Section)
@receiver([post_save, post_delete], sender=Author)
@receiver([post_save, post_delete], sender=Agency)
def credits_changed(sender, **kwargs):
    # Any cached article may show the changed name (or section's rules).
    local_cache.clear()
    purge_every_story()
