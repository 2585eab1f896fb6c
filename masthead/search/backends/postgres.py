"""PostgreSQL full text: at scale.

Two weighted tsvectors on ``search_entry``, each under a GIN index: the
full text ``document`` (headline A, standfirst B, body C) and the public
part ``public_document`` (headline A, standfirst B, lead-in C); English
stemming. Queried with ``websearch_to_tsquery`` (which accepts any text),
each entry on the part the reader's scope allows (base.py), and ranked by
``ts_rank_cd`` over that same part, the headline weighing most.
"""

from collections.abc import Iterable
from itertools import batched

from django.db import connection, connections

from masthead.core.replica import read_alias

from ..query import Query, websearch_text
from .base import BODY_WEIGHT, HEADLINE_WEIGHT, MAX_RESULTS, STANDFIRST_WEIGHT, Document, Filters, Hit, Hits
from .base import Order, parts_to_match

CONFIG = "english"
# document and public_document, with their GIN indexes, are made by the
# search app's migrations (0001 and 0002).
# ts_rank_cd's weights run {D, C, B, A}; scaled so the headline counts 1.0.
_WEIGHTS = "{" + ", ".join(
    str(weight / HEADLINE_WEIGHT) for weight in (BODY_WEIGHT, BODY_WEIGHT, STANDFIRST_WEIGHT, HEADLINE_WEIGHT)
) + "}"
_DOCUMENT = (
    f"setweight(to_tsvector('{CONFIG}', %s), 'A') || setweight(to_tsvector('{CONFIG}', %s), 'B')"
    f" || setweight(to_tsvector('{CONFIG}', %s), 'C')"
)
_CHUNK = 1000
# Ties, and the newest-first order, go by publish time.
_ORDER_BY = {
    Order.RELEVANCE: "rank DESC, e.publish_at DESC, e.article_id DESC",
    Order.NEWEST: "e.publish_at DESC, e.article_id DESC",
}


def _column(part) -> str:
    return "document" if part.full_text else "public_document"


class PostgresBackend:
    vendor = "postgresql"

    def index(self, documents: Iterable[Document]) -> int:
        written = 0
        with connection.cursor() as cursor:
            for chunk in batched(documents, _CHUNK):
                cursor.executemany(
                    "INSERT INTO search_entry (article_id, section_id, publish_at, is_premium, is_exempt, document, "
                    f"public_document) VALUES (%s, %s, %s, %s, %s, {_DOCUMENT}, {_DOCUMENT}) "
                    "ON CONFLICT (article_id) DO UPDATE SET section_id = EXCLUDED.section_id, "
                    "publish_at = EXCLUDED.publish_at, is_premium = EXCLUDED.is_premium, "
                    "is_exempt = EXCLUDED.is_exempt, document = EXCLUDED.document, "
                    "public_document = EXCLUDED.public_document",
                    [
                        (d.article_id, d.section_id, d.publish_at, d.is_premium, d.is_exempt,
                         d.headline, d.standfirst, d.body, d.headline, d.standfirst, d.lead_in)
                        for d in chunk
                    ],
                )  # fmt: skip
                written += len(chunk)
        return written

    def remove(self, article_ids: Iterable[int]) -> None:
        with connection.cursor() as cursor:
            for chunk in batched(article_ids, _CHUNK):
                cursor.execute("DELETE FROM search_entry WHERE article_id = ANY(%s)", [list(chunk)])

    def prune(self, *, keep_sql: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM search_entry e WHERE NOT EXISTS (SELECT 1 FROM ({keep_sql}) k(id) WHERE k.id = e.article_id)"
            )
            return cursor.rowcount

    def search(self, query: Query, filters: Filters, *, offset: int, limit: int, order: Order = Order.RELEVANCE) -> Hits:
        where, params = self._where(filters)
        limit = max(min(limit, MAX_RESULTS - offset), 0)
        text = websearch_text(query)
        parts = parts_to_match(filters.scope, entry="e")
        # Each entry matches, and is ranked, on the one part its condition gives it.
        matches = " OR ".join(f"({part.condition} AND e.{_column(part)} @@ q)" for part in parts)
        match_params = [param for part in parts for param in part.params]
        rank = "CASE " + " ".join(
            f"WHEN {part.condition} THEN ts_rank_cd(%s::float4[], e.{_column(part)}, q)" for part in parts
        ) + " END"
        rank_params = [param for part in parts for param in (*part.params, _WEIGHTS)]
        with connections[read_alias("search")].cursor() as cursor:
            cursor.execute(
                f"SELECT e.article_id, {rank} AS rank "
                f"FROM search_entry e, websearch_to_tsquery('{CONFIG}', %s) q WHERE ({matches}) AND {where} "
                f"ORDER BY {_ORDER_BY[Order(order)]} LIMIT %s OFFSET %s",
                [*rank_params, text, *match_params, *params, limit, offset],
            )
            hits = [Hit(article_id, rank) for article_id, rank in cursor.fetchall()]
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM search_entry e, websearch_to_tsquery('{CONFIG}', %s) q "
                f"WHERE ({matches}) AND {where} LIMIT %s) found",
                [text, *match_params, *params, MAX_RESULTS],
            )
            (total,) = cursor.fetchone()
        return Hits(hits, total)

    def _where(self, filters: Filters) -> tuple[str, list]:
        clauses = ["e.publish_at <= %s"]
        params = [filters.now]
        if filters.section_id is not None:
            clauses.append("e.section_id = %s")
            params.append(filters.section_id)
        if filters.published_from is not None:
            clauses.append("e.publish_at >= %s")
            params.append(filters.published_from)
        if filters.published_before is not None:
            clauses.append("e.publish_at < %s")
            params.append(filters.published_before)
        return " AND ".join(clauses), params

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_entry")
            return cursor.fetchone()[0]
