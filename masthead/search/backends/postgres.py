"""PostgreSQL full text: at scale.

A weighted ``document`` tsvector on ``search_entry`` (headline A, standfirst
B, body C; English stemming) under a GIN index, queried with
``websearch_to_tsquery`` (which accepts any text) and ranked by
``ts_rank_cd`` with the headline weighing most.
"""

from collections.abc import Iterable
from itertools import batched

from django.db import connection, connections

from masthead.core.replica import read_alias

from ..query import Query, websearch_text
from .base import BODY_WEIGHT, HEADLINE_WEIGHT, MAX_RESULTS, STANDFIRST_WEIGHT, Document, Filters, Hit, Hits

CONFIG = "english"
CREATE_SQL = [
    "ALTER TABLE search_entry ADD COLUMN document tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_entry_document ON search_entry USING gin (document)",
]
DROP_SQL = [
    "DROP INDEX IF EXISTS search_entry_document",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS document",
]
# ts_rank_cd's weights run {D, C, B, A}; scaled so the headline counts 1.0.
_WEIGHTS = "{" + ", ".join(
    str(weight / HEADLINE_WEIGHT) for weight in (BODY_WEIGHT, BODY_WEIGHT, STANDFIRST_WEIGHT, HEADLINE_WEIGHT)
) + "}"
_DOCUMENT = (
    f"setweight(to_tsvector('{CONFIG}', %s), 'A') || setweight(to_tsvector('{CONFIG}', %s), 'B')"
    f" || setweight(to_tsvector('{CONFIG}', %s), 'C')"
)
_CHUNK = 1000


class PostgresBackend:
    vendor = "postgresql"

    def index(self, documents: Iterable[Document]) -> int:
        written = 0
        with connection.cursor() as cursor:
            for chunk in batched(documents, _CHUNK):
                cursor.executemany(
                    f"INSERT INTO search_entry (article_id, section_id, publish_at, document) VALUES (%s, %s, %s, {_DOCUMENT}) "
                    "ON CONFLICT (article_id) DO UPDATE SET section_id = EXCLUDED.section_id, "
                    "publish_at = EXCLUDED.publish_at, document = EXCLUDED.document",
                    [(d.article_id, d.section_id, d.publish_at, d.headline, d.standfirst, d.body) for d in chunk],
                )
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

    def search(self, query: Query, filters: Filters, *, offset: int, limit: int) -> Hits:
        where, params = self._where(filters)
        limit = max(min(limit, MAX_RESULTS - offset), 0)
        text = websearch_text(query)
        with connections[read_alias("search")].cursor() as cursor:
            cursor.execute(
                f"SELECT e.article_id, ts_rank_cd(%s::float4[], e.document, q) AS rank "
                f"FROM search_entry e, websearch_to_tsquery('{CONFIG}', %s) q WHERE e.document @@ q AND {where} "
                "ORDER BY rank DESC, e.publish_at DESC LIMIT %s OFFSET %s",
                [_WEIGHTS, text, *params, limit, offset],
            )
            hits = [Hit(article_id, rank) for article_id, rank in cursor.fetchall()]
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM search_entry e, websearch_to_tsquery('{CONFIG}', %s) q "
                f"WHERE e.document @@ q AND {where} LIMIT %s) found",
                [text, *params, MAX_RESULTS],
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
