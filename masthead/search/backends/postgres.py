"""PostgreSQL full text: at scale.

Two weighted tsvectors on ``search_entry``, each under a GIN index: the
full text ``document`` (headline A, standfirst B, body C) and the public
part ``public_document`` (headline A, standfirst B, lead-in C); English
stemming; each also holds the entry's section, as a lexeme of its own.
Queried with ``websearch_to_tsquery`` (which accepts any text), each entry
on the part the reader's scope allows (base.py), and ranked by
``ts_rank_cd`` over that same part, the headline weighing most: only the
newest RANKED_MATCHES matches are ranked (base.py), found either by walking
the entries newest first or from the GIN index, whichever the words' counts
in ``search_word`` say reads least (reads.py).
"""

from collections.abc import Iterable
from itertools import batched

from django.db import connection, connections, transaction

from masthead.core.replica import read_alias

from ..query import Query, websearch_text
from .base import BODY_WEIGHT, HEADLINE_WEIGHT, MAX_RESULTS, STANDFIRST_WEIGHT, Document, Filters, Hit, Hits
from .base import RANKED_MATCHES, Order, paged, parts_to_match
from .reads import Estimate, Read, read_choice

CONFIG = "english"
# document and public_document, with their GIN indexes, are made by the
# search app's migrations (0001 and 0002; 0005 adds the section's lexeme).
# ts_rank_cd's weights run {D, C, B, A}; scaled so the headline counts 1.0.
_WEIGHTS = "{" + ", ".join(
    str(weight / HEADLINE_WEIGHT) for weight in (BODY_WEIGHT, BODY_WEIGHT, STANDFIRST_WEIGHT, HEADLINE_WEIGHT)
) + "}"
_DOCUMENT = (
    f"setweight(to_tsvector('{CONFIG}', %s), 'A') || setweight(to_tsvector('{CONFIG}', %s), 'B')"
    f" || setweight(to_tsvector('{CONFIG}', %s), 'C') || array_to_tsvector(ARRAY[%s])"
)
_CHUNK = 1000
# Ties, and the newest-first order, go by publish time.
_ORDER_BY = {
    Order.RELEVANCE: "rank DESC, e.publish_at DESC, e.article_id DESC",
    Order.NEWEST: "e.publish_at DESC, e.article_id DESC",
}


def section_lexeme(section_id: int) -> str:
    """The entry's section, as one more lexeme of each vector (without a
    position, so it ranks nothing): a search within a section ANDs it into
    its words, and the GIN index lists only that section's matches. No
    parser makes a lexeme with a space, so no reader's words match it."""
    return f"section {int(section_id)}"


# The plan for each read is chosen in reads.py, not by the planner, from an
# estimate made with the search_word table (migration 0003): per word, how
# many entries hold it.


def _estimate(cursor, text: str, *, public: bool, parts: int, filters: Filters, where: str, params: list):
    """(Estimate, where the recent slice starts or None.) From search_word:
    the entries holding each of the query's words (stemmed as the index
    stems them), on the public part if any part matched is public (fewer
    words there: the lower, safer estimate). The entries the filters keep,
    in all and in the recent slice, from the planner's statistics of those
    columns (a sample, but of plain values)."""
    cursor.execute(
        "SELECT (SELECT stories FROM search_word WHERE word = ''), "
        f"array(SELECT coalesce(w.stories, 0) FROM unnest(tsvector_to_array(to_tsvector('{CONFIG}', %s))) l(word) "
        "LEFT JOIN search_word w USING (word)), "
        f"array(SELECT coalesce(w.public_stories, 0) FROM unnest(tsvector_to_array(to_tsvector('{CONFIG}', %s))) l(word) "
        "LEFT JOIN search_word w USING (word)), (SELECT since FROM search_recent)",
        [text, text],
    )
    entries, full_counts, public_counts, since = cursor.fetchone()
    entries = entries or 0
    counts = public_counts if public else full_counts
    if not entries or not counts:
        return Estimate(entries=entries, kept=entries, share=0.0, listed=0, parts=parts), None

    def share_of(word_counts) -> float:
        share = 1.0
        for count in word_counts:
            share *= max(count, 0) / entries
        return share

    share = share_of(counts)
    full_share = share_of(full_counts)
    # The slice's stories are mostly open to any reader matching full text.
    recent_share = full_share if (parts > 1 or not public) else share
    # Two parts: each GIN scan fetches its own part's matches.
    fetched_share = share_of(public_counts) + full_share if parts > 1 else share
    ranged = filters.published_from is not None or filters.published_before is not None
    filtered = ranged or filters.section_id is not None

    def rows(condition: str, condition_params: list) -> int:
        cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_entry e WHERE {condition}", condition_params)
        return min(max(int(cursor.fetchone()[0][0]["Plan"]["Plan Rows"]), 1), entries)

    kept = rows(where, params) if filtered else entries
    recent = recent_kept = 0
    if since is not None:
        recent = rows("e.publish_at >= %s", [since])
        recent_kept = rows(f"{where} AND e.publish_at >= %s", [*params, since]) if filtered else recent
    estimate = Estimate(
        entries=entries, kept=kept, share=share, listed=max(min(counts), 0), parts=parts, ranged=ranged,
        sectioned=filters.section_id is not None, fetched_share=fetched_share,
        recent=recent, recent_kept=recent_kept, recent_share=recent_share,
        covers=filters.published_from is not None and since is not None and filters.published_from >= since,
    )  # fmt: skip
    return estimate, since


def _window_start(cursor, planner, entries: int, where: str, params: list):
    """The publish time from which the newest ``entries`` entries the filters
    keep start; None when there are not that many."""
    # An index-only scan down the btree (publish_at, or section and
    # publish_at): the walk's settings (a bitmap's forbid index scans).
    planner.use(walk=True)
    cursor.execute(
        f"SELECT e.publish_at FROM search_entry e WHERE {where} ORDER BY e.publish_at DESC OFFSET %s LIMIT 1",
        [*params, entries],
    )
    row = cursor.fetchone()
    return row[0] if row else None


# A bitmap of 10^6 matches stays exact within this (about 60 bytes a page).
BITMAP_MEMORY = "64MB"


class _Planner:
    """Makes the next statements walk (btree indexes only) or use the GIN
    bitmap (no plain index scans), with SET LOCAL: for this transaction,
    sent only when the choice changes. Never in parallel: starting workers
    costs more than these reads (tens of milliseconds on a busy machine).
    Bitmaps get the memory to stay exact: a lossy one rechecks every story
    on its pages against its vectors (a middling word's matches over a
    year's entries overflow the default 4 MB). No JIT: the forbidden plans'
    costs pass its threshold, and compiling takes longer than the read."""

    def __init__(self, cursor):
        self.cursor = cursor
        self.walking: bool | None = None

    def use(self, *, walk: bool) -> bool:
        if walk != self.walking:
            self.cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', %s, true), "
                "set_config('enable_indexscan', %s, true), set_config('max_parallel_workers_per_gather', '0', true), "
                "set_config('work_mem', %s, true), set_config('jit', 'off', true)",
                ["off" if walk else "on", "on" if walk else "off", BITMAP_MEMORY],
            )
            self.walking = walk
        return walk

    def reset(self) -> None:
        if self.walking is not None:
            self.cursor.execute(
                "RESET enable_seqscan; RESET enable_bitmapscan; RESET enable_indexscan; "
                "RESET max_parallel_workers_per_gather; RESET work_mem; RESET jit"
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
                         d.headline, d.standfirst, d.body, section_lexeme(d.section_id),
                         d.headline, d.standfirst, d.lead_in, section_lexeme(d.section_id))
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

        def matched(walk: bool, since=None, public_first=False, recent=False) -> tuple[str, list]:
            """The matches (article_id, publish_at), each entry on the one
            part its condition gives it. Walked: one pass testing each entry
            (it stops at the first matches, whichever part they are on). From
            the GIN index: a part each, so the index alone decides each
            part's words and only the cheap conditions are tested; from
            ``since`` on (a window, or the ``recent`` slice, whose own
            indexes the bound lets the planner use)."""
            if walk:
                matches = " OR ".join(f"({part.condition} AND e.{_column(part)} @@ q)" for part in parts)
                return (
                    f"SELECT e.article_id, e.publish_at FROM search_entry e, {words} WHERE ({matches}) AND {where}",
                    [text, *[param for part in parts for param in part.params], *params],
                )
            window, window_params = ("AND e.publish_at >= %s", [since]) if since is not None else ("", [])
            # Within a section, its lexeme ANDed in: the index lists only the
            # section's matches (none at all for words that are all stop words).
            sought, sought_params = "q", []
            if filters.section_id is not None:
                sought = "(CASE WHEN numnode(q) > 0 THEN q && %s::tsquery ELSE q END)"
                sought_params = [f"'{section_lexeme(filters.section_id)}'"]
            # A count stops at the cap: the public part first, which for a
            # reader without a subscription holds most stories (the
            # archive, the premium ones), may reach it before the other is read.
            # In the recent slice, most stories are open to the reader: the full text first.
            ordered = sorted(parts, key=lambda part: part.full_text == public_first) if public_first or recent else parts
            return (
                " UNION ALL ".join(
                    f"SELECT e.article_id, e.publish_at FROM search_entry e, {words} "
                    f"WHERE e.{_column(part)} @@ {sought} AND {part.condition} "
                    f"AND {bitmap_where if since is None or recent else where} {window}"
                    for part in ordered
                ),
                [param for part in ordered for param in (text, *sought_params, *part.params, *params, *window_params)],
            )

        def newest_matches(select: str, wanted: int, sql_params: list, enough=None, counting=False) -> list:
            """Run ``select`` (with {found}) over the matches, read the way
            reads.py finds cheapest: walked newest first; from the recent
            slice's indexes; from the GIN index within the newest entries
            that should hold about WINDOW_SPARE times ``wanted`` matches (a
            second btree bitmap, so only those are fetched); or over every
            match. A slice or window that held too few is followed by the
            next cheapest way. ``enough(rows)``: whether a slice's or a
            window's rows answer (by default: ``wanted`` of them).
            ``{counted}`` in ``select``: how many matches there are, when
            the read saw them all (every match, or a slice holding all the
            filters keep), else NULL: the count then needs no read of its own."""
            enough = enough or (lambda rows: len(rows) >= wanted)
            every, some = "count(*) OVER ()", "NULL::bigint"
            read = read_choice(estimate, wanted, ordered=not counting)
            if read == Read.RECENT:
                found, found_params = matched(False, recent_since, recent=True)
                planner.use(walk=False)
                counted = every if estimate.covers else some
                cursor.execute(select.format(found=found, walked="", counted=counted), [*found_params, *sql_params])
                rows = cursor.fetchall()
                # The newest matches, when the slice held enough (or all
                # there are): everything outside it is older.
                if estimate.covers or enough(rows):
                    return rows
                read = read_choice(estimate, wanted, ordered=not counting, without=Read.RECENT)
            if planner.use(walk=read == Read.WALK):
                found, found_params = matched(True)
                cursor.execute(
                    select.format(found=found, walked=_NEWEST_FIRST, counted=some), [*found_params, *sql_params]
                )
                return cursor.fetchall()
            window = estimate.window_entries(wanted) if read == Read.WINDOW else None
            since = _window_start(cursor, planner, window, where, params) if window else None
            planner.use(walk=False)
            if since is not None:
                found, found_params = matched(False, since, public_first=counting)
                cursor.execute(select.format(found=found, walked="", counted=some), [*found_params, *sql_params])
                rows = cursor.fetchall()
                if enough(rows):
                    return rows
            found, found_params = matched(False, public_first=counting)
            cursor.execute(select.format(found=found, walked="", counted=every), [*found_params, *sql_params])
            return cursor.fetchall()

        alias = read_alias("search")
        nested = connections[alias].in_atomic_block
        with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
            estimate, recent_since = _estimate(cursor, text, public=any(not part.full_text for part in parts),
                                               parts=len(parts), filters=filters, where=where, params=params)  # fmt: skip
            planner = _Planner(cursor)

            def ranked() -> list[Hit]:
                # The newest matches first (ids and times only), then only
                # those ranked: ts_rank_cd reads a story's whole vector.
                rows = newest_matches(
                    "WITH newest AS MATERIALIZED (SELECT article_id, publish_at, {counted} AS matches FROM ({found}) m "
                    "ORDER BY publish_at DESC, article_id DESC LIMIT %s) "
                    f"SELECT e.article_id, {rank} AS rank, newest.matches "
                    f"FROM newest JOIN search_entry e USING (article_id), {words} "
                    f"ORDER BY {_ORDER_BY[Order.RELEVANCE]}",
                    RANKED_MATCHES,
                    [RANKED_MATCHES, *rank_params, text],
                )
                counted(rows, RANKED_MATCHES)
                return [Hit(article_id, rank) for article_id, rank, _ in rows]

            def newest(offset: int, limit: int) -> list[Hit]:
                rows = newest_matches(
                    "SELECT article_id, {counted} FROM ({found}) m "
                    "ORDER BY publish_at DESC, article_id DESC LIMIT %s OFFSET %s",
                    offset + limit,
                    [offset + limit, 0],
                )
                counted(rows, offset + limit)
                return [Hit(article_id, 0.0) for article_id, _ in rows[offset:]]

            def counted(rows: list, wanted: int) -> None:
                """Every match's count, when a read found them all: fewer
                than it asked for, or a read that saw every match (the count
                in each row's last column)."""
                if len(rows) < wanted:
                    every_match.append(len(rows))
                elif rows[0][-1] is not None:
                    every_match.append(rows[0][-1])

            # How many matches there are, when a read above found them all
            # (fewer than it asked for: every plan falls back to every match)
            # or saw them all (counted()).
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
        # are written so no index serves them (the GIN index itself narrows
        # to the section: its lexeme is ANDed into the words). A date range
        # may be narrow enough to help; with a window they stay indexable,
        # so the window is one range of the (section, publish_at) btree.
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
