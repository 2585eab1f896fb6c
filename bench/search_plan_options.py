"""Candidate plans for archive search, each a drop-in for the engine's
``search`` (same Hits, same paywall parts, same filters), for
``bench/search_plans.py`` to time side by side."""

from django.db import connection

from masthead.search.backends.base import MAX_RESULTS, Hit, Hits, Order, parts_to_match
from masthead.search.backends.postgres import _WEIGHTS, CONFIG, PostgresBackend, _column
from masthead.search.backends.sqlite import (
    _RANK,
    FULL_TEXT_COLUMNS,
    PUBLIC_COLUMNS,
    SqliteBackend,
    _time,
)
from masthead.search.query import fts5_match, websearch_text

# How many of the newest matches are ranked: the result list is capped at
# MAX_RESULTS anyway.
CANDIDATES = int(__import__("os").environ.get("SEARCH_CANDIDATES", MAX_RESULTS))
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


# Widening windows of publication time, newest first; None: the whole archive.
WINDOWS_DAYS = (30, 365, 365 * 8, None)


class PgDateWindows(PostgresBackend):
    """Rank the newest CANDIDATES matches, found window by window (the last
    30 days, year, 8 years, then everything): each step costs at most the
    stories in its window or the word's matches in it, whichever the planner
    finds fewer, so no plan walks the whole archive by date looking for a
    word it wrongly thought common. The order is by ``publish_at + 0`` so
    no step walks the publish_at index unbounded."""

    def search(self, query, filters, *, offset, limit, order=Order.RELEVANCE):
        from dataclasses import replace
        from datetime import timedelta

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
        rows = []
        with connection.cursor() as cursor:
            for days in WINDOWS_DAYS:
                window = filters
                if days is not None:
                    start = filters.now - timedelta(days=days)
                    if filters.published_from is None or filters.published_from < start:
                        window = replace(filters, published_from=start)
                    elif days is not None:
                        continue
                where, params = self._where(window)
                cursor.execute(
                    "WITH c AS MATERIALIZED ("
                    f"SELECT e.article_id, e.publish_at FROM search_entry e, websearch_to_tsquery('{CONFIG}', %s) q "
                    f"WHERE ({matches}) AND {where} ORDER BY e.publish_at + interval '0' DESC LIMIT %s) "
                    f"SELECT e.article_id, e.publish_at, {rank} AS rank, (SELECT count(*) FROM c) "
                    f"FROM c JOIN search_entry e USING (article_id), websearch_to_tsquery('{CONFIG}', %s) q "
                    f"ORDER BY {order_by.replace('publish_at', 'e.publish_at').replace('article_id', 'e.article_id')} LIMIT %s OFFSET %s",
                    [text, *match_params, *params, CANDIDATES, *rank_params, text, limit, offset],
                )
                rows = cursor.fetchall()
                if rows and rows[0][3] >= CANDIDATES or window is filters:
                    break
        total = rows[0][3] if rows else 0
        return Hits([Hit(a, r) for a, _, r, _ in rows], total)


PLANS["windows"] = PgDateWindows


# Windows of the newest N stories, widened 8x a step; None: the whole archive.
STORY_WINDOWS = (32_000, None)


class PgBitmapWindows(PostgresBackend):
    """The newest CANDIDATES matches, found in widening windows of the
    newest stories, each by GIN bitmap AND publish_at range (no walk of the
    date index that tests every story's words, no seq scan), each paywall
    part its own index condition so no vector is read to find a match;
    then only those candidates are read and ranked by ts_rank_cd."""

    def search(self, query, filters, *, offset, limit, order=Order.RELEVANCE):
        from django.db import transaction

        limit = max(min(limit, MAX_RESULTS - offset), 0)
        text = websearch_text(query)
        parts = parts_to_match(filters.scope, entry="e")
        where, params = self._where(filters)
        rank = "CASE " + " ".join(
            f"WHEN {p.condition} THEN ts_rank_cd(%s::float4[], e.{_column(p)}, q)" for p in parts
        ) + " END"
        rank_params = [x for p in parts for x in (*p.params, _WEIGHTS)]
        order_by = "rank DESC, e.publish_at DESC, e.article_id DESC" if order == Order.RELEVANCE else "e.publish_at DESC, e.article_id DESC"
        with transaction.atomic(), connection.cursor() as cursor:
            sizes = [size for size in STORY_WINDOWS if size is not None]
            bounds = _BOUNDS.get(filters.now.replace(second=0, microsecond=0, minute=filters.now.minute // 10))
            if bounds is None:
              cursor.execute(
                "SELECT " + ", ".join(
                    "(SELECT publish_at FROM search_entry WHERE publish_at <= %s ORDER BY publish_at DESC OFFSET %s LIMIT 1)"
                    for _ in sizes
                ),
                [x for size in sizes for x in (filters.now, size - 1)],
              )
              bounds = [*cursor.fetchone(), None]
              _BOUNDS[filters.now.replace(second=0, microsecond=0, minute=filters.now.minute // 10)] = bounds
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL work_mem = '64MB'")
            rows = []
            for bound in bounds:
                branches, bparams = [], []
                for p in parts:
                    branches.append(
                        f"SELECT e.article_id, e.publish_at FROM search_entry e WHERE e.{_column(p)} @@ "
                        f"websearch_to_tsquery('{CONFIG}', %s) AND {p.condition} AND {where}"
                        + (" AND e.publish_at >= %s" if bound is not None else "")
                    )
                    bparams += [text, *p.params, *params, *([bound] if bound is not None else [])]
                cursor.execute(
                    f"WITH m AS MATERIALIZED (SELECT * FROM ({' UNION ALL '.join(branches)}) u "
                    "ORDER BY publish_at + interval '0' DESC LIMIT %s) "
                    f"SELECT e.article_id, {rank} AS rank, (SELECT count(*) FROM m) FROM m JOIN search_entry e USING (article_id), "
                    f"websearch_to_tsquery('{CONFIG}', %s) q ORDER BY {order_by} LIMIT %s OFFSET %s",
                    [*bparams, CANDIDATES, *rank_params, text, limit, offset],
                )
                rows = cursor.fetchall()
                if bound is None or (rows and rows[0][2] >= CANDIDATES):
                    break
                if not rows:
                    cursor.execute(f"SELECT count(*) FROM ({' UNION ALL '.join(branches)}) u", bparams)
                    if cursor.fetchone()[0] >= CANDIDATES:
                        break
        total = rows[0][2] if rows else 0
        return Hits([Hit(a, r) for a, r, _ in rows], total)


# The window bounds move slowly: kept per ten minutes (a site would keep them
# in its cache).
_BOUNDS: dict = {}

PLANS["bitmap_windows"] = PgBitmapWindows


class PgWalkThenBitmap(PgBitmapWindows):
    """First walk the newest WALK_STORIES stories by date testing the words
    (cheap when the words are common: ~CANDIDATES rows read), bounded so a
    misjudged rare word costs at most that many rows; if that finds fewer
    than CANDIDATES, the words are not common, and the GIN bitmap windows
    (newest 32k stories, then all) find the rest as PgBitmapWindows does."""

    walk_stories = 4_000

    def search(self, query, filters, *, offset, limit, order=Order.RELEVANCE):
        from django.db import transaction

        limit_ = max(min(limit, MAX_RESULTS - offset), 0)
        text = websearch_text(query)
        parts = parts_to_match(filters.scope, entry="e")
        where, params = self._where(filters)
        key = ("walk", filters.now.replace(second=0, microsecond=0, minute=filters.now.minute // 10))
        bound = _BOUNDS.get(key)
        with transaction.atomic(), connection.cursor() as cursor:
            if bound is None:
                cursor.execute(
                    "SELECT publish_at FROM search_entry WHERE publish_at <= %s ORDER BY publish_at DESC OFFSET %s LIMIT 1",
                    [filters.now, self.walk_stories - 1],
                )
                bound = _BOUNDS[key] = cursor.fetchone()[0]
            matches = " OR ".join(f"({p.condition} AND e.{_column(p)} @@ q)" for p in parts)
            rank = "CASE " + " ".join(
                f"WHEN {p.condition} THEN ts_rank_cd(%s::float4[], e.{_column(p)}, q)" for p in parts
            ) + " END"
            rank_params = [x for p in parts for x in (*p.params, _WEIGHTS)]
            order_by = "rank DESC, publish_at DESC, article_id DESC" if order == Order.RELEVANCE else "publish_at DESC, article_id DESC"
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "WITH c AS MATERIALIZED ("
                f"SELECT e.article_id, e.publish_at, {rank} AS rank "
                f"FROM search_entry e, websearch_to_tsquery('{CONFIG}', %s) q WHERE ({matches}) AND {where} "
                "AND e.publish_at >= %s ORDER BY e.publish_at DESC LIMIT %s) "
                f"SELECT article_id, rank, (SELECT count(*) FROM c) FROM c ORDER BY {order_by} LIMIT %s OFFSET %s",
                [*rank_params, text, *[x for p in parts for x in p.params], *params, bound, CANDIDATES, limit_, offset],
            )
            rows = cursor.fetchall()
            cursor.execute("SET LOCAL enable_bitmapscan = on")
            if rows and rows[0][2] >= CANDIDATES:
                return Hits([Hit(a, r) for a, r, _ in rows], rows[0][2])
        return super().search(query, filters, offset=offset, limit=limit, order=order)


PLANS["walk_then_bitmap"] = PgWalkThenBitmap


class PgNewestCandidatesCounted(PgNewestCandidates):
    """PgNewestCandidates ranking only the newest RANKED matches, with the
    count (up to MAX_RESULTS) from today's separate capped statement."""

    ranked = 200

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
        if order == Order.RELEVANCE and offset + limit <= self.ranked:
            sql = (
                "WITH c AS MATERIALIZED ("
                f"SELECT e.article_id, e.publish_at, {rank} AS rank "
                f"FROM search_entry e, websearch_to_tsquery('{CONFIG}', %s) q WHERE ({matches}) AND {where} "
                "ORDER BY e.publish_at DESC LIMIT %s) "
                "SELECT article_id, rank FROM c ORDER BY rank DESC, publish_at DESC, article_id DESC LIMIT %s OFFSET %s"
            )
            sql_params = [*rank_params, text, *match_params, *params, self.ranked, limit, offset]
        else:
            # Past the ranked pages, or newest first: newest first, exactly.
            sql = (
                f"SELECT e.article_id, 0.0 FROM search_entry e, websearch_to_tsquery('{CONFIG}', %s) q "
                f"WHERE ({matches}) AND {where} ORDER BY e.publish_at DESC, e.article_id DESC LIMIT %s OFFSET %s"
            )
            sql_params = [text, *match_params, *params, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, sql_params)
            rows = cursor.fetchall()
        return Hits([Hit(a, r) for a, r in rows], self._count(text, matches, match_params, where, params))


PLANS["newest_200_counted"] = PgNewestCandidatesCounted
