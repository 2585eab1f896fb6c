"""Candidate plans for archive search, each a drop-in for the engine's
``search`` (same Hits, same paywall parts, same filters), for
``bench/search_plans.py`` to time side by side."""

from django.db import connection

from masthead.search.backends.base import MAX_RESULTS, Hit, Hits, Order, parts_to_match
from masthead.search.backends.postgres import _WEIGHTS, CONFIG, PostgresBackend, _column
from masthead.search.backends.sqlite import _RANK, FULL_TEXT_COLUMNS, PUBLIC_COLUMNS, SqliteBackend, _time
from masthead.search.query import fts5_match, websearch_text

# How many of the newest matches are ranked: the result list is capped at
# MAX_RESULTS anyway.
CANDIDATES = MAX_RESULTS
# Recency: a story's relevance halves with every HALF_LIFE_DAYS of age
# ... in the "mixed" plans only.
HALF_LIFE_DAYS = 365 * 2


class PgNewestCandidates(PostgresBackend):
    """Rank only the newest CANDIDATES matches (GIN + publish_at btree, the
    planner chooses); count as before."""

    ranked_from = "newest"

    def search(self, query, filters, *, offset, limit, order=Order.RELEVANCE):
        where, params = self._where(filters)
        limit = max(min(limit, MAX_RESULTS - offset), 0)
        text = websearch_text(query)
        parts = parts_to_match(filters.scope, entry="e")
        matches = " OR ".join(f"({p.condition} AND e.{_column(p)} @@ q)" for p in parts)
        match_params = [x for p in parts for x in p.params]
        rank = "CASE " + " ".join(
            f"WHEN {p.condition} THEN ts_rank_cd(%s::float4[], e.{_column(p)}, q)" for p in parts
        ) + " END"
        rank_params = [x for p in parts for x in (*p.params, _WEIGHTS)]
        order_by = "rank DESC, publish_at DESC, article_id DESC" if order == Order.RELEVANCE else "publish_at DESC, article_id DESC"
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH c AS MATERIALIZED ("
                f"SELECT e.article_id, e.publish_at, {rank} AS rank "
                f"FROM search_entry e, websearch_to_tsquery('{CONFIG}', %s) q WHERE ({matches}) AND {where} "
                "ORDER BY e.publish_at DESC LIMIT %s) "
                f"SELECT article_id, rank, (SELECT count(*) FROM c) FROM c ORDER BY {order_by} LIMIT %s OFFSET %s",
                [*rank_params, text, *match_params, *params, CANDIDATES, limit, offset],
            )
            rows = cursor.fetchall()
        total = rows[0][2] if rows else self._count(text, matches, match_params, where, params)
        return Hits([Hit(a, r) for a, r, _ in rows], total)

    def _count(self, text, matches, match_params, where, params):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM search_entry e, websearch_to_tsquery('{CONFIG}', %s) q "
                f"WHERE ({matches}) AND {where} LIMIT %s) found",
                [text, *match_params, *params, MAX_RESULTS],
            )
            return cursor.fetchone()[0]


class PgRum(PostgresBackend):
    """RUM indexes (document and public_document, publish_at attached):
    per paywall part, the newest CANDIDATES matches straight from the index
    (``publish_at <=| now``), and with ``mixed`` also the CANDIDATES best by
    RUM's own distance (``document <=> q``); the union ranked by ts_rank_cd
    (times a recency factor when ``mixed``)."""

    mixed = False

    def search(self, query, filters, *, offset, limit, order=Order.RELEVANCE):
        where, params = self._where(filters)
        limit = max(min(limit, MAX_RESULTS - offset), 0)
        text = websearch_text(query)
        parts = parts_to_match(filters.scope, entry="e")
        branches, bparams = [], []
        for p in parts:
            col = f"e.{_column(p)}"
            branches.append(
                f"(SELECT e.article_id, e.publish_at, ts_rank_cd(%s::float4[], {col}, q) AS rank FROM search_entry e, "
                f"websearch_to_tsquery('{CONFIG}', %s) q WHERE {col} @@ q AND {p.condition} AND {where} "
                "ORDER BY e.publish_at <=| %s LIMIT %s)"
            )
            bparams += [_WEIGHTS, text, *p.params, *params, filters.now, CANDIDATES]
            if self.mixed and order == Order.RELEVANCE:
                branches.append(
                    f"(SELECT e.article_id, e.publish_at, ts_rank_cd(%s::float4[], {col}, q) AS rank FROM search_entry e, "
                    f"websearch_to_tsquery('{CONFIG}', %s) q WHERE {col} @@ q AND {p.condition} AND {where} "
                    f"ORDER BY {col} <=> q LIMIT %s)"
                )
                bparams += [_WEIGHTS, text, *p.params, *params, CANDIDATES]
        score = (
            f"rank * power(0.5, extract(epoch FROM (%s - publish_at)) / 86400.0 / {HALF_LIFE_DAYS})"
            if self.mixed else "rank"
        )
        order_by = "score DESC, publish_at DESC, article_id DESC" if order == Order.RELEVANCE else "publish_at DESC, article_id DESC"
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH c AS MATERIALIZED (SELECT DISTINCT ON (article_id) article_id, publish_at, rank FROM ({' UNION ALL '.join(branches)}) u) "
                f"SELECT article_id, {score} AS score, least((SELECT count(*) FROM c), {MAX_RESULTS}) FROM c "
                f"ORDER BY {order_by} LIMIT %s OFFSET %s",
                [*bparams, *([filters.now] if self.mixed else []), limit, offset],
            )
            rows = cursor.fetchall()
        total = rows[0][2] if rows else 0
        return Hits([Hit(a, float(r)) for a, r, _ in rows], total)


class PgRumMixed(PgRum):
    mixed = True


class SqliteRowidWindow(SqliteBackend):
    """FTS5: find the newest CANDIDATES matches by rowid without bm25 (the
    posting list walked backwards, no column sizes read), then bm25 only
    within that rowid range."""

    def search(self, query, filters, *, offset, limit, order=Order.RELEVANCE):
        where, params = self._where(filters)
        parts = parts_to_match(filters.scope, entry="search_entry", time=_time)

        def branches(select, extra=""):
            sql, bp = [], []
            for p in parts:
                sql.append(
                    f"SELECT search_fts.rowid AS article_id, {select} "
                    "FROM search_fts CROSS JOIN search_entry ON search_entry.article_id = search_fts.rowid "
                    f"WHERE search_fts MATCH %s AND {where} AND {p.condition} {extra}"
                )
                bp += [fts5_match(query, columns=FULL_TEXT_COLUMNS if p.full_text else PUBLIC_COLUMNS), *params, *p.params]
            return sql, bp

        with connection.cursor() as cursor:
            sql, bp = branches("search_entry.publish_at AS publish_at")
            cursor.execute(
                f"SELECT article_id FROM ({' UNION ALL '.join(sql)}) ORDER BY article_id DESC LIMIT %s", [*bp, CANDIDATES]
            )
            ids = [r[0] for r in cursor.fetchall()]
            if not ids:
                return Hits([], 0)
            floor = ids[-1]
            sql, bp = branches(f"{_RANK} AS score, search_entry.publish_at AS publish_at", "AND search_fts.rowid >= %s")
            bp2 = []
            # each branch's params then its floor
            per = len(bp) // len(parts)
            for i in range(len(parts)):
                bp2 += [*bp[i * per:(i + 1) * per], floor]
            order_by = "score, publish_at DESC, article_id DESC" if order == Order.RELEVANCE else "publish_at DESC, article_id DESC"
            cursor.execute(
                f"SELECT article_id, score FROM ({' UNION ALL '.join(sql)}) ORDER BY {order_by} LIMIT %s OFFSET %s",
                [*bp2, max(limit, 0), offset],
            )
            rows = cursor.fetchall()
        return Hits([Hit(a, -s) for a, s in rows], len(ids))


PLANS = {
    "current": lambda: PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend(),
    "newest_n": PgNewestCandidates,
    "rum_newest": PgRum,
    "rum_mixed": PgRumMixed,
    "sqlite_rowid_window": SqliteRowidWindow,
}


class PgNewestAndHeadlineCandidates(PgNewestCandidates):
    """As PgNewestCandidates, plus the newest CANDIDATES stories with the
    words in the headline (weight A): an older story about the subject
    still competes with the last days' passing mentions. GIN and the
    publish_at btree only."""

    def search(self, query, filters, *, offset, limit, order=Order.RELEVANCE):
        if order != Order.RELEVANCE:
            return super().search(query, filters, offset=offset, limit=limit, order=order)
        where, params = self._where(filters)
        limit = max(min(limit, MAX_RESULTS - offset), 0)
        text = websearch_text(query)
        parts = parts_to_match(filters.scope, entry="e")
        rank = "CASE " + " ".join(
            f"WHEN {p.condition} THEN ts_rank_cd(%s::float4[], e.{_column(p)}, q)" for p in parts
        ) + " END"
        rank_params = [x for p in parts for x in (*p.params, _WEIGHTS)]
        branches, bparams = [], []
        for weighted in (False, True):
            term = "setweight(q, 'A')" if weighted else "q"
            matches = " OR ".join(f"({p.condition} AND e.{_column(p)} @@ {term})" for p in parts)
            branches.append(
                f"(SELECT e.article_id, e.publish_at, {rank} AS rank "
                f"FROM search_entry e, websearch_to_tsquery('{CONFIG}', %s) q WHERE ({matches}) AND {where} "
                "ORDER BY e.publish_at DESC LIMIT %s)"
            )
            bparams += [*rank_params, text, *[x for p in parts for x in p.params], *params, CANDIDATES]
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH c AS MATERIALIZED (SELECT DISTINCT ON (article_id) * FROM ({branches[0]} UNION ALL {branches[1]}) u), "
                "n AS (SELECT count(*) AS n FROM (SELECT 1 FROM c LIMIT %s) x) "
                "SELECT article_id, rank, (SELECT n FROM n) FROM c ORDER BY rank DESC, publish_at DESC, article_id DESC LIMIT %s OFFSET %s",
                [*bparams, MAX_RESULTS, limit, offset],
            )
            rows = cursor.fetchall()
        return Hits([Hit(a, r) for a, r, _ in rows], rows[0][2] if rows else 0)


PLANS["newest_headline"] = PgNewestAndHeadlineCandidates
