"""The one interface both full-text engines answer to.

The index holds every article that is live or scheduled, with its publish
time, and the engines filter ``publish_at <= now`` when asked: a scheduled
article becomes findable at its time without waiting for any job, exactly as
``Article.objects.live`` says. Drafts are not in the index at all.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from masthead.newsroom.text import plain_text

from ..query import Query

# Ranking weights: a word in the headline counts most, then the standfirst,
# then the body.
HEADLINE_WEIGHT = 10.0
STANDFIRST_WEIGHT = 4.0
BODY_WEIGHT = 1.0
# The most results any search ranks and counts: nobody pages past fifty
# pages, and a bound keeps the cost of a common word's count flat.
MAX_RESULTS = 1000


@dataclass(frozen=True)
class Document:
    """What the index keeps of one article: its words as plain text (the
    body's markup stripped) and the facts the filters need."""

    article_id: int
    section_id: int
    publish_at: datetime
    headline: str
    standfirst: str
    body: str


@dataclass(frozen=True)
class Filters:
    now: datetime
    section_id: int | None = None
    # Half-open [published_from, published_before), in UTC.
    published_from: datetime | None = None
    published_before: datetime | None = None


@dataclass(frozen=True)
class Hit:
    article_id: int
    rank: float


@dataclass(frozen=True)
class Hits:
    hits: list[Hit]
    # Matches counted up to MAX_RESULTS.
    total: int


def document_from_values(*, article_id, section_id, publish_at, headline, standfirst, body) -> Document:
    return Document(article_id, section_id, publish_at, headline, standfirst or "", plain_text(body or ""))


def document_for(article) -> Document:
    return document_from_values(
        article_id=article.pk,
        section_id=article.section_id,
        publish_at=article.publish_at,
        headline=article.headline,
        standfirst=article.standfirst,
        body=article.body,
    )


class SearchBackend(Protocol):
    vendor: str

    def index(self, documents: Iterable[Document]) -> int:
        """Add or replace these articles' entries; returns how many."""

    def remove(self, article_ids: Iterable[int]) -> None:
        """Drop these articles' entries, if any."""

    def prune(self, *, keep_sql: str) -> int:
        """Drop the entries of articles not among the ids ``keep_sql`` selects."""

    def search(self, query: Query, filters: Filters, *, offset: int, limit: int) -> Hits:
        """Best first; ``query`` must not be empty."""

    def count(self) -> int:
        """Entries in the index."""
