"""Writes to the search index: one article at a time as the newsroom saves,
or everything at once (``search_rebuild``).

An article is in the index when it is live or scheduled (the engines hide a
scheduled one until its time); a draft is not. Indexing runs inside the
transaction that saved the article, so the two never disagree: if the save
rolls back or the process dies, neither happened.
"""

from collections.abc import Callable
from dataclasses import dataclass
from itertools import batched

from django.db import transaction

from masthead.access.services import article_facts
from masthead.newsroom.models import Article, ArticleStatus

from .backends import search_backend
from .backends.base import DOCUMENT_FIELDS, document_for
from .models import SearchEntry

REBUILD_CHUNK = 2000


def is_indexed(article: Article) -> bool:
    return article.status != ArticleStatus.DRAFT and article.publish_at is not None


def article_index(*, article: Article) -> None:
    """Bring one article's entry up to date: written, or removed for a draft."""
    backend = search_backend()
    if is_indexed(article):
        backend.index([document_for(article)])
    else:
        backend.remove([article.pk])


def article_unindex(*, article_id: int) -> None:
    search_backend().remove([article_id])


@dataclass(frozen=True)
class RebuildReport:
    indexed: int
    removed: int


# The same rule as is_indexed, as SQL for the engines' clean-up (the status is
# a constant of ours, not input).
_INDEXED_IDS_SQL = (
    f"SELECT id FROM {Article._meta.db_table} WHERE status <> '{ArticleStatus.DRAFT.value}' AND publish_at IS NOT NULL"
)


def indexed_articles(article_model=Article):
    """The articles the index holds, loaded with what ``document_for`` reads
    (``article_model``: a migration passes its historical model)."""
    return (
        article_model.objects.exclude(status=ArticleStatus.DRAFT)
        .filter(publish_at__isnull=False)
        .select_related("section")
        .only(*DOCUMENT_FIELDS)
    )


def search_rebuild(*, chunk: int = REBUILD_CHUNK, progress: Callable[[int], None] | None = None) -> RebuildReport:
    """Re-index every live and scheduled article, then drop every other entry.

    Chunk by chunk, each in its own short transaction, replacing entries in
    place: searches keep working throughout, the site's other writes wait
    for one chunk at most, and a rebuild that dies midway leaves every entry
    either old or new, never missing. Run it again to finish.
    """
    backend = search_backend()
    indexed, last = 0, 0
    while True:
        # Read and written in one transaction, so a chunk never overwrites
        # an editor's newer save with the text it read before.
        with transaction.atomic():
            articles = list(indexed_articles().filter(pk__gt=last).order_by("pk")[:chunk])
            if not articles:
                break
            indexed += backend.index([document_for(article) for article in articles], bulk=True)
        last = articles[-1].pk
        if progress:
            progress(indexed)
    with transaction.atomic():
        removed = backend.prune(keep_sql=_INDEXED_IDS_SQL)
    with transaction.atomic():
        backend.rebuilt()
    return RebuildReport(indexed=indexed, removed=removed)



def section_flags_refresh(*, section) -> int:
    """Bring the premium and always-free facts of a section's entries up to
    date after the section was saved (an article is premium when it or its
    section is: ``access.services.article_facts`` says). Only the facts are
    written, not the words; returns how many entries changed."""
    by_flags: dict[tuple[bool, bool], list[int]] = {}
    articles = indexed_articles().filter(section=section).only(
        "publish_at", "is_premium", "meter_exempt", "section__is_premium", "section__meter_exempt"
    )
    for article in articles.iterator(chunk_size=REBUILD_CHUNK):
        facts = article_facts(article)
        by_flags.setdefault((facts.is_premium, facts.is_exempt), []).append(article.pk)
    changed = 0
    for (is_premium, is_exempt), ids in by_flags.items():
        for chunk in batched(ids, 500):
            changed += (
                SearchEntry.objects.filter(article_id__in=chunk)
                .exclude(is_premium=is_premium, is_exempt=is_exempt)
                .update(is_premium=is_premium, is_exempt=is_exempt)
            )
    return changed
