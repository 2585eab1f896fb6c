"""SQLite FTS5: one machine.

Words in the ``search_fts`` virtual table (porter stemmer over unicode61,
diacritics folded; rowid = article id), filters in ``search_entry``. Ranked
by bm25 with the headline weighing most. Results come from a join, so an FTS
row left without its entry (an article deleted behind Django's back) is
never shown.

The lead-in has a column of its own beside the body, so one row holds both
parts (base.py): a query with a column filter matches and ranks only the
public columns, or only the full text's.
"""

from collections.abc import Iterable
from itertools import batched

from django.db import connection, connections

from masthead.core.replica import read_alias

from ..query import Query, fts5_match
from .base import BODY_WEIGHT, HEADLINE_WEIGHT, MAX_RESULTS, STANDFIRST_WEIGHT, Document, Filters, Hit, Hits
from .base import Order, parts_to_match

# search_fts (headline, standfirst, lead_in, body) is made by the search
# app's migrations (0002 added lead_in).
PUBLIC_COLUMNS = ("headline", "standfirst", "lead_in")
FULL_TEXT_COLUMNS = ("headline", "standfirst", "body")
# SQLite allows 32766 bound variables; stay well below.
_CHUNK = 500
_RANK = f"bm25(search_fts, {HEADLINE_WEIGHT}, {STANDFIRST_WEIGHT}, {BODY_WEIGHT}, {BODY_WEIGHT})"
# bm25 is better when lower; ties and the newest-first order go by publish time.
_ORDER_BY = {
    Order.RELEVANCE: "score, publish_at DESC, article_id DESC",
    Order.NEWEST: "publish_at DESC, article_id DESC",
}


def _time(value):
    return connection.ops.adapt_datetimefield_value(value)


class SqliteBackend:
    vendor = "sqlite"

    def index(self, documents: Iterable[Document]) -> int:
        written = 0
        with connection.cursor() as cursor:
            for chunk in batched(documents, _CHUNK):
                ids = [document.article_id for document in chunk]
                marks = ",".join(["%s"] * len(ids))
                cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", ids)
                cursor.executemany(
                    "INSERT INTO search_fts (rowid, headline, standfirst, lead_in, body) VALUES (%s, %s, %s, %s, %s)",
                    [(d.article_id, d.headline, d.standfirst, d.lead_in, d.body) for d in chunk],
                )
                cursor.executemany(
                    "INSERT OR REPLACE INTO search_entry (article_id, section_id, publish_at, is_premium, is_exempt) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    [(d.article_id, d.section_id, _time(d.publish_at), d.is_premium, d.is_exempt) for d in chunk],
                )
                written += len(chunk)
        return written

    def remove(self, article_ids: Iterable[int]) -> None:
        with connection.cursor() as cursor:
            for chunk in batched(article_ids, _CHUNK):
                marks = ",".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", chunk)
                cursor.execute(f"DELETE FROM search_entry WHERE article_id IN ({marks})", chunk)

    def prune(self, *, keep_sql: str) -> int:
        """Drop the entries (and stray FTS rows) of articles not in ``keep_sql``."""
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM search_entry WHERE article_id NOT IN ({keep_sql})")
            removed = cursor.rowcount
            cursor.execute("DELETE FROM search_fts WHERE rowid NOT IN (SELECT article_id FROM search_entry)")
        return removed

    def search(self, query: Query, filters: Filters, *, offset: int, limit: int, order: Order = Order.RELEVANCE) -> Hits:
        # CROSS JOIN fixes SQLite's join order: the words first, then the
        # filters on each match. Left to itself the planner may walk a
        # section's every entry and test the words on each (10-100x slower).
        where, params = self._where(filters)
        branches, branch_params = [], []
        for part in parts_to_match(filters.scope, entry="search_entry", time=_time):
            branches.append(
                f"SELECT search_fts.rowid AS article_id, {_RANK} AS score, search_entry.publish_at AS publish_at "
                "FROM search_fts CROSS JOIN search_entry ON search_entry.article_id = search_fts.rowid "
                f"WHERE search_fts MATCH %s AND {where} AND {part.condition}"
            )
            columns = FULL_TEXT_COLUMNS if part.full_text else PUBLIC_COLUMNS
            branch_params += [fts5_match(query, columns=columns), *params, *part.params]
        with connections[read_alias("search")].cursor() as cursor:
            # One pass: bm25 must score every match to rank them anyway, so
            # the first MAX_RESULTS in the order asked come back at once and
            # their number is the (capped) count; the page is cut from them here.
            cursor.execute(
                f"SELECT article_id, score FROM ({' UNION ALL '.join(branches)}) "
                f"ORDER BY {_ORDER_BY[Order(order)]} LIMIT %s",
                [*branch_params, MAX_RESULTS],
            )
            ranked = cursor.fetchall()
        # bm25 is better when lower; the interface's rank is better when higher.
        hits = [Hit(article_id, -score) for article_id, score in ranked[offset : offset + max(limit, 0)]]
        total = len(ranked)
        return Hits(hits, total)

    def _where(self, filters: Filters) -> tuple[str, list]:
        clauses = ["search_entry.publish_at <= %s"]
        params = [_time(filters.now)]
        if filters.section_id is not None:
            clauses.append("search_entry.section_id = %s")
            params.append(filters.section_id)
        if filters.published_from is not None:
            clauses.append("search_entry.publish_at >= %s")
            params.append(_time(filters.published_from))
        if filters.published_before is not None:
            clauses.append("search_entry.publish_at < %s")
            params.append(_time(filters.published_before))
        return " AND ".join(clauses), params

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_entry")
            return cursor.fetchone()[0]
