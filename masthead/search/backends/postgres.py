"""PostgreSQL full text: at scale.

Two weighted tsvectors on ``search_entry``, each under a GIN index: the
full text ``document`` (headline A, standfirst B, body C) and the public
part ``public_document`` (headline A, standfirst B, lead-in C); English
stemming. Queried with ``websearch_to_tsquery`` (which accepts any text),
each entry on the part the reader's scope allows (base.py), and ranked by
``ts_rank_cd`` over that same part, the headline weighing most: only the
newest RANKED_MATCHES matches are ranked (base.py), found either by walking
the entries newest first or from the GIN index, whichever the words' counts
in ``search_word`` say reads less (below).
"""

from collections.abc import Iterable
from itertools import batched

from dataclasses import dataclass

from django.db import connection, connections, transaction

from masthead.core.replica import read_alias

from ..query import Query, websearch_text
from .base import BODY_WEIGHT, HEADLINE_WEIGHT, MAX_RESULTS, STANDFIRST_WEIGHT, Document, Filters, Hit, Hits
from .base import RANKED_MATCHES, Order, paged, parts_to_match

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


# The plan for each read is chosen here, not by the planner: its estimate of
# how many stories hold a word is a sample, and a wrong guess costs seconds
# (walking a third of the archive newest first for a word in one story in
# two thousand, or sorting every match of a word in half of them). Instead
# the search_word table (migration 0003) keeps, per word, how many entries
# hold it, and the choice is made from that:
# - walk: newest first down the publish_at index, testing each entry's
#   words, until enough matches are found; reads about wanted / share
#   entries, each with its vectors (the cost of a walked entry);
# - bitmap: every match from the GIN index, then sorted by time; reads each
#   match's row once (cheap) but all of them.
# A walked entry costs about WALK_ENTRY_COST matched rows.
WALK_ENTRY_COST = 4


@dataclass(frozen=True)
class MatchShare:
    """The share of entries that match, estimated from the words' counts
    as if the words were independent, and the expected number of matches."""

    share: float
    matches: float

    def walks(self, wanted: int) -> bool:
        """Whether walking newest first to find ``wanted`` matches reads
        less than taking every match from the GIN index."""
        if self.share <= 0:
            return False
        return wanted / self.share * WALK_ENTRY_COST <= self.matches


def _match_share(cursor, text: str, *, public: bool) -> MatchShare:
    """From search_word: the entries holding each of the query's words
    (stemmed as the index stems them), on the public part if any part
    matched is public (fewer words there: the lower, safer estimate)."""
    column = "public_stories" if public else "stories"
    cursor.execute(
        f"SELECT (SELECT {column} FROM search_word WHERE word = ''), "
        f"array(SELECT coalesce(w.{column}, 0) FROM unnest(tsvector_to_array(to_tsvector('{CONFIG}', %s))) l(word) "
        "LEFT JOIN search_word w USING (word))",
        [text],
    )
    entries, counts = cursor.fetchone()
    if not entries or not counts:
        return MatchShare(0.0, 0.0)
    share = 1.0
    for count in counts:
        share *= max(count, 0) / entries
    return MatchShare(share, share * entries)


# From the GIN index, a word's newest matches are first looked for among the
# newest entries that should hold WINDOW_SPARE times as many as wanted
# (found from the word's share), when the word has more than WINDOW_FROM
# matches: fetching and sorting every match of a word in one story in fifty
# is what the window spares.
WINDOW_SPARE = 3
WINDOW_FROM = 2000
# The window's start is found by skipping that many entries down the btree,
# a cost in step with them: past this many, every match is cheaper.
WINDOW_MOST_ENTRIES = 150_000


def _window_start(cursor, planner, share: "MatchShare", wanted: int, where: str, params: list):
    """The publish time from which the newest entries (those the filters
    keep) should hold WINDOW_SPARE x ``wanted`` matches; None when every
    entry would be in it, or the word has too few matches to need one."""
    if share.matches <= WINDOW_FROM or share.share <= 0:
        return None
    entries = int(WINDOW_SPARE * wanted / share.share)
    if entries >= min(share.matches / share.share, WINDOW_MOST_ENTRIES):
        return None
    # An index-only scan down the btree (publish_at, or section and
    # publish_at): the walk's settings (a bitmap's forbid index scans).
    planner.use(walk=True)
    cursor.execute(
        f"SELECT e.publish_at FROM search_entry e WHERE {where} ORDER BY e.publish_at DESC OFFSET %s LIMIT 1",
        [*params, entries],
    )
    row = cursor.fetchone()
    return row[0] if row else None


class _Planner:
    """Makes the next statements walk (btree indexes only) or use the GIN
    bitmap (no plain index scans), with SET LOCAL: for this transaction,
    sent only when the choice changes. Never in parallel: starting workers
    costs more than these reads (tens of milliseconds on a busy machine)."""

    def __init__(self, cursor):
        self.cursor = cursor
        self.walking: bool | None = None

    def use(self, *, walk: bool) -> bool:
        if walk != self.walking:
            self.cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', %s, true), "
                "set_config('enable_indexscan', %s, true), set_config('max_parallel_workers_per_gather', '0', true)",
                ["off" if walk else "on", "on" if walk else "off"],
            )
            self.walking = walk
        return walk

    def reset(self) -> None:
        if self.walking is not None:
            self.cursor.execute(
                "RESET enable_seqscan; RESET enable_bitmapscan; RESET enable_indexscan; RESET max_parallel_workers_per_gather"
            )
            self.walking = None


# A walk goes newest first even where the order does not matter (a count):
# the stories a reader may read in full are the newest, so it stops soonest.
_NEWEST_FIRST = "ORDER BY publish_at DESC"


def _column(part) -> str:
    return "document" if part.full_text else "public_document"


class PostgresBackend:
    vendor = "postgresql"

    def index(self, documents: Iterable[Document], *, bulk: bool = False) -> int:
        written = 0
        with connection.cursor() as cursor:
            if bulk:
                # Word counts are made afresh by rebuilt(), once.
                cursor.execute("SELECT set_config('masthead.search_word_counts', 'off', true)")
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
        bitmap_where, _ = self._where(filters, for_bitmap=True)
        text = websearch_text(query)
        parts = parts_to_match(filters.scope, entry="e")
        words = f"websearch_to_tsquery('{CONFIG}', %s) q"
        rank = "CASE " + " ".join(
            f"WHEN {part.condition} THEN ts_rank_cd(%s::float4[], e.{_column(part)}, q)" for part in parts
        ) + " END"
        rank_params = [param for part in parts for param in (*part.params, _WEIGHTS)]

        def matched(walk: bool, since=None, public_first=False) -> tuple[str, list]:
            """The matches (article_id, publish_at), each entry on the one
            part its condition gives it. Walked: one pass testing each entry
            (it stops at the first matches, whichever part they are on). From
            the GIN index: a part each, so the index alone decides each
            part's words and only the cheap conditions are tested."""
            if walk:
                matches = " OR ".join(f"({part.condition} AND e.{_column(part)} @@ q)" for part in parts)
                return (
                    f"SELECT e.article_id, e.publish_at FROM search_entry e, {words} WHERE ({matches}) AND {where}",
                    [text, *[param for part in parts for param in part.params], *params],
                )
            window, window_params = ("AND e.publish_at >= %s", [since]) if since is not None else ("", [])
            # A count stops at the cap: the public part first, which for a
            # reader without a subscription holds most stories (the
            # archive, the premium ones), may reach it before the other is read.
            ordered = sorted(parts, key=lambda part: part.full_text) if public_first else parts
            return (
                " UNION ALL ".join(
                    f"SELECT e.article_id, e.publish_at FROM search_entry e, {words} "
                    f"WHERE e.{_column(part)} @@ q AND {part.condition} AND {bitmap_where if since is None else where} {window}"
                    for part in ordered
                ),
                [param for part in ordered for param in (text, *part.params, *params, *window_params)],
            )

        def newest_matches(select: str, wanted: int, sql_params: list, enough=None, counting=False) -> list:
            """Run ``select`` (with {found}) over the matches, when a walk
            finds ``wanted`` of them cheaply; otherwise from the GIN index,
            first within the newest entries that should hold about
            WINDOW_SPARE times ``wanted`` matches (a second btree bitmap, so
            only those are fetched), then, if that window held too few, over
            every match. ``enough(rows)``: whether the window's rows answer
            (by default: ``wanted`` of them)."""
            enough = enough or (lambda rows: len(rows) >= wanted)
            if planner.use(walk=share.walks(wanted)):
                found, found_params = matched(True)
                cursor.execute(select.format(found=found, walked=_NEWEST_FIRST), [*found_params, *sql_params])
                return cursor.fetchall()
            since = _window_start(cursor, planner, share, wanted, where, params)
            planner.use(walk=False)
            if since is not None:
                found, found_params = matched(False, since, public_first=counting)
                cursor.execute(select.format(found=found, walked=""), [*found_params, *sql_params])
                rows = cursor.fetchall()
                if enough(rows):
                    return rows
            found, found_params = matched(False, public_first=counting)
            cursor.execute(select.format(found=found, walked=""), [*found_params, *sql_params])
            return cursor.fetchall()

        alias = read_alias("search")
        nested = connections[alias].in_atomic_block
        with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
            share = _match_share(cursor, text, public=any(not part.full_text for part in parts))
            planner = _Planner(cursor)

            def ranked() -> list[Hit]:
                # The newest matches first (ids and times only), then only
                # those ranked: ts_rank_cd reads a story's whole vector.
                rows = newest_matches(
                    "WITH newest AS MATERIALIZED (SELECT article_id, publish_at FROM ({found}) m "
                    "ORDER BY publish_at DESC, article_id DESC LIMIT %s) "
                    f"SELECT e.article_id, {rank} AS rank FROM newest JOIN search_entry e USING (article_id), {words} "
                    f"ORDER BY {_ORDER_BY[Order.RELEVANCE]}",
                    RANKED_MATCHES,
                    [RANKED_MATCHES, *rank_params, text],
                )
                if len(rows) < RANKED_MATCHES:
                    every_match.append(len(rows))
                return [Hit(article_id, rank) for article_id, rank in rows]

            def newest(offset: int, limit: int) -> list[Hit]:
                rows = newest_matches(
                    "SELECT article_id FROM ({found}) m ORDER BY publish_at DESC, article_id DESC LIMIT %s OFFSET %s",
                    offset + limit,
                    [offset + limit, 0],
                )
                if len(rows) < offset + limit:
                    every_match.append(len(rows))
                return [Hit(article_id, 0.0) for (article_id,) in rows[offset:]]

            # How many matches there are, when a read above found them all
            # (fewer than it asked for: every plan falls back to every match).
            every_match: list[int] = []
            hits = paged(ranked, newest, order=order, offset=offset, limit=limit)
            # Counted up to MAX_RESULTS, newest first like the rest: a walk
            # stops at the cap, and a window holding the cap answers at once.
            [(total,)] = [(min(*every_match, MAX_RESULTS),)] if every_match else newest_matches(
                "SELECT count(*) FROM (SELECT 1 FROM ({found}) m {walked} LIMIT %s) c",
                MAX_RESULTS,
                [MAX_RESULTS],
                enough=lambda rows: rows[0][0] >= MAX_RESULTS,
                counting=True,
            )
            if nested:
                # SET LOCAL outlives a savepoint: the caller's transaction
                # gets the planner's own choices back.
                planner.reset()
        return Hits(hits, total)

    def _where(self, filters: Filters, *, for_bitmap: bool = False) -> tuple[str, list]:
        # From the GIN index, the planner would AND in a btree bitmap of
        # the whole section, or of everything up to now (hundreds of
        # thousands of entries, slower than testing each match): those two
        # are written so no index serves them. A date range may be narrow
        # enough to help; with a window they stay indexable, so the window
        # is one range of the (section, publish_at) btree.
        unindexed = " + interval '0 s'" if for_bitmap else ""
        clauses = [f"e.publish_at{unindexed} <= %s"]
        params = [filters.now]
        if filters.section_id is not None:
            clauses.append("e.section_id + 0 = %s" if for_bitmap else "e.section_id = %s")
            params.append(filters.section_id)
        if filters.published_from is not None:
            clauses.append("e.publish_at >= %s")
            params.append(filters.published_from)
        if filters.published_before is not None:
            clauses.append("e.publish_at < %s")
            params.append(filters.published_before)
        return " AND ".join(clauses), params

    def rebuilt(self) -> None:
        with connection.cursor() as cursor:
            count_words(cursor)

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_entry")
            return cursor.fetchone()[0]


def count_words(cursor) -> None:
    """search_word counted afresh from every entry (a full read: at a
    rebuild's end). Counted first, then swapped in at once, so saves that
    update the counts meanwhile wait only for the swap."""
    cursor.execute(
        "CREATE TEMPORARY TABLE search_word_counted AS "
        "SELECT word, sum(stories)::integer AS stories, sum(public_stories)::integer AS public_stories FROM ("
        "SELECT word, ndoc, 0 FROM ts_stat('SELECT document FROM search_entry') "
        "UNION ALL SELECT word, 0, ndoc FROM ts_stat('SELECT public_document FROM search_entry') "
        "UNION ALL SELECT '', count(*), count(*) FROM search_entry"
        ") AS counted (word, stories, public_stories) GROUP BY word"
    )
    cursor.execute("DELETE FROM search_word")
    cursor.execute("INSERT INTO search_word SELECT * FROM search_word_counted ORDER BY word")
    cursor.execute("DROP TABLE search_word_counted")
