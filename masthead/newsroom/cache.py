"""Cached reads for the article page, the hottest page on the site.

An article is cached by slug with its section, agency and authors, so a page
view costs no newsroom query. Saving an article, section, author or agency
drops the entries it touches; with Redis as the cache that is immediate
everywhere, with the in-process cache each other web process refreshes within
ARTICLE_SECONDS.
"""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import Agency, Article, Author, Section

ARTICLE_SECONDS = 30
NAVIGATION_SECONDS = 60
_MISSING = "missing"


def _article_key(slug: str) -> str:
    return f"newsroom:article:{slug}"


def _section_key(section_id: int) -> str:
    return f"newsroom:more:{section_id}"


def _generation() -> int:
    """Bumped when a section, author or agency changes: every cached article
    may show its name, so all of them are dropped at once."""
    return cache.get_or_set("newsroom:generation", 1, None)


def article_by_slug(slug: str):
    """The article with its credits, or None; live or not (the caller checks)."""
    key = f"{_article_key(slug)}:{_generation()}"
    found = cache.get(key)
    if found is None:
        article = (
            Article.objects.select_related("section", "agency").prefetch_related("authors").filter(slug=slug).first()
        )
        cache.set(key, article or _MISSING, ARTICLE_SECONDS)
        return article
    return None if found == _MISSING else found


def more_from_section(article, *, now, limit: int = 4) -> list:
    """Recent stories from the article's section, for the foot of the page."""
    key = f"{_section_key(article.section_id)}:{_generation()}"
    recent = cache.get(key)
    if recent is None:
        recent = list(
            Article.objects.live(now)
            .filter(section_id=article.section_id)
            .select_related("section", "agency")
            .prefetch_related("authors")
            .order_by("-publish_at", "-id")[: limit + 1]
        )
        cache.set(key, recent, NAVIGATION_SECONDS)
    return [other for other in recent if other.pk != article.pk][:limit]


def navigation_sections() -> list:
    key = f"newsroom:navigation:{_generation()}"
    sections = cache.get(key)
    if sections is None:
        sections = list(Section.objects.filter(in_navigation=True))
        cache.set(key, sections, NAVIGATION_SECONDS)
    return sections


@receiver([post_save, post_delete], sender=Article)
def article_changed(sender, instance, **kwargs):
    generation = _generation()
    cache.delete_many([f"{_article_key(instance.slug)}:{generation}", f"{_section_key(instance.section_id)}:{generation}"])


@receiver(m2m_changed, sender=Article.authors.through)
def article_credits_changed(sender, instance, **kwargs):
    if isinstance(instance, Article):
        article_changed(sender, instance)


@receiver([post_save, post_delete], sender=Section)
@receiver([post_save, post_delete], sender=Author)
@receiver([post_save, post_delete], sender=Agency)
def credits_changed(sender, **kwargs):
    try:
        cache.incr("newsroom:generation")
    except ValueError:
        cache.set("newsroom:generation", 2, None)
