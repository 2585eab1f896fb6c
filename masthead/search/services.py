"""Writes to the search index: one article at a time as the newsroom saves,
or everything at once (``search_rebuild``).

An article is in the index when it is live or scheduled (the engines hide a
scheduled one until its time); a draft is not. Indexing runs inside the
transaction that saved the article, so the two never disagree: if the save
rolls back or the process dies, neither happened.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from masthead.newsroom.models import Article, ArticleStatus

from .backends import search_backend
from .backends.base import document_from_values, document_for

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


def _indexed_articles():
    return Article.objects.exclude(status=ArticleStatus.DRAFT).filter(publish_at__isnull=False)


def search_rebuild(*, chunk: int = REBUILD_CHUNK, progress: Callable[[int], None] | None = None) -> RebuildReport:
    """Re-index every live and scheduled article, then drop every other entry.

    Chunk by chunk, each in its own short transaction, replacing entries in
    place: searches keep working throughout, the site's other writes wait
    for one chunk at most, and a rebuild that dies midway leaves every entry
    either old or new, never missing. Run it again to finish.
    """
    backend = search_backend()
    fields = ("pk", "section_id", "publish_at", "headline", "standfirst", "body")
    indexed, last = 0, 0
    while True:
        # Read and written in one transaction, so a chunk never overwrites
        # an editor's newer save with the text it read before.
        with transaction.atomic():
            rows = list(_indexed_articles().filter(pk__gt=last).order_by("pk").values_list(*fields)[:chunk])
            if not rows:
                break
            documents = [
                document_from_values(
                    article_id=pk, section_id=section_id, publish_at=publish_at,
                    headline=headline, standfirst=standfirst, body=body,
                )
                for pk, section_id, publish_at, headline, standfirst, body in rows
            ]  # fmt: skip
            indexed += backend.index(documents)
        last = rows[-1][0]
        if progress:
            progress(indexed)
    with transaction.atomic():
        removed = backend.prune(keep_sql=_INDEXED_IDS_SQL)
    return RebuildReport(indexed=indexed, removed=removed)

