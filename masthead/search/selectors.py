"""Reads for the search page: ranked ids from the engine, then the articles."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from masthead.access.readers import Reader
from masthead.access.services import full_text_scope
from masthead.core.periods import day_bounds
from masthead.newsroom.models import Article, Section

from .backends import Filters, Order, search_backend
from .backends.base import MAX_RESULTS
from .query import Query

PAGE_SIZE = 20


@dataclass(frozen=True)
class SearchPage:
    articles: list[Article]
    # Matches found, counted up to MAX_RESULTS.
    total: int
    number: int
    page_size: int = PAGE_SIZE

    @property
    def capped(self) -> bool:
        return self.total >= MAX_RESULTS

    @property
    def num_pages(self) -> int:
        return max((self.total + self.page_size - 1) // self.page_size, 1)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def last_page() -> int:
    return (MAX_RESULTS + PAGE_SIZE - 1) // PAGE_SIZE


def search_articles(
    *,
    query: Query,
    reader: Reader,
    section: Section | None = None,
    day_from: date | None = None,
    day_to: date | None = None,
    page: int = 1,
    order: Order = Order.RELEVANCE,
    now: datetime | None = None,
) -> SearchPage:
    """One page of live articles matching ``query``, best first or newest
    first (``order``). Days are the publication's local days, both ends included.

    Each article matches, counts and ranks on what ``reader`` may read of
    it: the full text where the access decision opens it, the headline,
    standfirst and lead-in everywhere else."""
    now = now or timezone.now()
    page = min(max(page, 1), last_page())
    filters = Filters(
        now=now,
        scope=full_text_scope(reader=reader, now=now),
        section_id=section.pk if section else None,
        published_from=day_bounds(day_from).start if day_from else None,
        published_before=day_bounds(day_to).end if day_to else None,
    )
    backend = search_backend()
    found = backend.search(query, filters, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE, order=order)
    pages = max((found.total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    if page > pages:
        # Past the end (an old link, a typed address): the last page instead.
        page = pages
        found = backend.search(query, filters, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE, order=order)
    # The engine chose and ordered them; the newsroom's own rule of what is
    # live has the last word.
    by_id = Article.objects.live(now).select_related("section", "agency").prefetch_related("authors").in_bulk(
        [hit.article_id for hit in found.hits]
    )
    articles = [by_id[hit.article_id] for hit in found.hits if hit.article_id in by_id]
    return SearchPage(articles=articles, total=found.total, number=page)
