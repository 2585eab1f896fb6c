"""The one interface both full-text engines answer to.

The index holds every article that is live or scheduled, with its publish
time, and the engines filter ``publish_at <= now`` when asked: a scheduled
article becomes findable at its time without waiting for any job, exactly as
``Article.objects.live`` says. Drafts are not in the index at all.

Each article is indexed twice over: its public part (headline, standfirst
and the lead-in, what the paywall shows anyone) and its full text
(headline, standfirst, body). A search matches and ranks an article on its
full text only when the reader's ``FullTextScope`` (the access decision,
``access.services.full_text_scope``) opens it, and on the public part
otherwise. So a reader learns nothing from a search (a result, the count,
the order) that the article page would not show them. The entry keeps the
facts the scope tests: premium, always free, the publish time.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from masthead.access.services import ALL_KINDS, FullTextScope, article_facts
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
# Relevance ranks only the newest RANKED_MATCHES matches (after the filters
# and on the parts the reader may match): ranking every match of a common
# word would read tens of thousands of stories per search. So the first
# RANKED_MATCHES results are the newest RANKED_MATCHES matches, best first;
# any further results (older matches) come newest first. Ten pages of
# twenty: a reader who pages further is browsing, not choosing.
RANKED_MATCHES = 200


@dataclass(frozen=True)
class Document:
    """What the index keeps of one article: its words as plain text (the
    markup stripped) and the facts the filters and the access scope need."""

    article_id: int
    section_id: int
    publish_at: datetime
    headline: str
    standfirst: str
    lead_in: str
    body: str
    # As the access decision sees them (article or section: ArticleFacts).
    is_premium: bool
    is_exempt: bool


class Order(StrEnum):
    """How results come: the best match first (the default), or the newest
    first. Either way the same stories match and count."""

    RELEVANCE = "relevance"
    NEWEST = "newest"


@dataclass(frozen=True)
class Filters:
    now: datetime
    # Whose full text the reader may match; None: nobody's (public parts only).
    scope: FullTextScope | None
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


def document_for(article) -> Document:
    """The article's entry; ``article.section`` is read for its flags."""
    facts = article_facts(article)
    return Document(
        article_id=article.pk,
        section_id=article.section_id,
        publish_at=article.publish_at,
        headline=article.headline,
        standfirst=article.standfirst or "",
        lead_in=plain_text(article.lead_in or ""),
        body=plain_text(article.body or ""),
        is_premium=facts.is_premium,
        is_exempt=facts.is_exempt,
    )


# The article fields document_for reads (for ``.only()``).
DOCUMENT_FIELDS = (
    "section_id", "publish_at", "headline", "standfirst", "lead_in", "body", "is_premium", "meter_exempt",
    "section__is_premium", "section__meter_exempt",
)  # fmt: skip


@dataclass(frozen=True)
class Part:
    """One part of the index to match, on the entries ``condition`` (SQL) selects."""

    full_text: bool
    condition: str
    params: list


def parts_to_match(scope: FullTextScope | None, *, entry: str, time=lambda value: value) -> list[Part]:
    """Which part of the index to match on which entries (table alias
    ``entry``), for a reader whose full-text reading is ``scope``: the full
    text where the scope opens it, the public part everywhere else. ``time``
    adapts a datetime for the driver. The same test as ``FullTextScope.opens``,
    kind by kind; a part that would match nothing is left out."""
    if scope is not None and scope.everything:
        return [Part(True, "1 = 1", [])]
    opened, params = _opened_sql(scope, entry=entry, time=time) if scope is not None else ("", [])
    if not opened:
        return [Part(False, "1 = 1", [])]
    return [Part(True, opened, params), Part(False, f"NOT {opened}", params)]


def _opened_sql(scope: FullTextScope, *, entry: str, time) -> tuple[str, list]:
    def kinds_sql(kinds) -> tuple[str, list]:
        parts, params = [], []
        for kind in ALL_KINDS:
            if kind in kinds:
                age = "<=" if kind.archive else ">"
                parts.append(f"({entry}.is_premium = %s AND {entry}.is_exempt = %s AND {entry}.publish_at {age} %s)")
                params.extend([kind.premium, kind.exempt, time(scope.archive_before)])
        return " OR ".join(parts), params

    terms, params = [], []
    if scope.open_kinds:
        sql, kind_params = kinds_sql(scope.open_kinds)
        terms.append(sql)
        params.extend(kind_params)
    if scope.reread_kinds and scope.reread_ids:
        ids = sorted(scope.reread_ids)
        sql, kind_params = kinds_sql(scope.reread_kinds)
        terms.append(f"({entry}.article_id IN ({', '.join(['%s'] * len(ids))}) AND ({sql}))")
        params.extend([*ids, *kind_params])
    return ("(" + " OR ".join(terms) + ")", params) if terms else ("", [])


def paged(ranked, newest, *, order: Order, offset: int, limit: int) -> list[Hit]:
    """One page of results in ``order``, from an engine's two reads:
    ``ranked()``, the newest RANKED_MATCHES matches best first, and
    ``newest(offset, limit)``, matches newest first. In relevance order the
    ranked matches come first, then the older ones newest first (the
    ranked ones are exactly the newest, so the older ones start at the
    same position in newest-first order)."""
    limit = max(min(limit, MAX_RESULTS - offset), 0)
    if limit == 0:
        return []
    if Order(order) != Order.RELEVANCE or offset >= RANKED_MATCHES:
        return newest(offset, limit)
    best = ranked()
    hits = best[offset : offset + limit]
    if len(best) < RANKED_MATCHES or offset + limit <= RANKED_MATCHES:
        return hits
    return hits + newest(RANKED_MATCHES, offset + limit - RANKED_MATCHES)


class SearchBackend(Protocol):
    vendor: str

    def index(self, documents: Iterable[Document], *, bulk: bool = False) -> int:
        """Add or replace these articles' entries; returns how many. ``bulk``:
        part of a rebuild, which calls ``rebuilt`` at its end."""

    def rebuilt(self) -> None:
        """After a rebuild: anything the engine derives from all its entries."""

    def remove(self, article_ids: Iterable[int]) -> None:
        """Drop these articles' entries, if any."""

    def prune(self, *, keep_sql: str) -> int:
        """Drop the entries of articles not among the ids ``keep_sql`` selects."""

    def search(self, query: Query, filters: Filters, *, offset: int, limit: int, order: Order = Order.RELEVANCE) -> Hits:
        """In ``order`` (best first, or newest first); ``query`` must not be empty."""

    def count(self) -> int:
        """Entries in the index."""
