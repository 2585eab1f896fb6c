"""SQLite FTS5: one machine.

Words in the ``search_fts`` virtual table (porter stemmer over unicode61,
diacritics folded; rowid = publish time and article id, below), filters in
``search_entry``. Matches come newest first from FTS5 itself; the newest
RANKED_MATCHES (base.py) are scored by where their words occur, the headline
weighing most (below).
Results come from a join, so an FTS row left without its entry (an article
deleted behind Django's back) is never shown. Stories published in the same
second come newest first by article id.

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
from .base import RANKED_MATCHES, Order, paged, parts_to_match

# search_fts (headline, standfirst, lead_in, body) is made by the search
# app's migrations (0002 added lead_in).
PUBLIC_COLUMNS = ("headline", "standfirst", "lead_in")
FULL_TEXT_COLUMNS = ("headline", "standfirst", "body")
# SQLite allows 32766 bound variables; stay well below.
_CHUNK = 500
# The score: per column, how often the query's words occur there, each
# repeat counting less (tf * (k + 1) / (tf + k), as bm25 saturates it), times
# the column's weight; summed. Not bm25 itself: its rarity weight (IDF)
# counts every story holding each word, a read of the word's whole posting
# list per search (about 50 ms for a common word at a million stories),
# while this reads only the ranked stories. highlight() marks each
# occurrence in a column with char(1), which are counted.
_SATURATION = 1.2
_COLUMN_INDEX = {"headline": 0, "standfirst": 1, "lead_in": 2, "body": 3}
_WEIGHT = {"headline": HEADLINE_WEIGHT, "standfirst": STANDFIRST_WEIGHT, "lead_in": BODY_WEIGHT, "body": BODY_WEIGHT}


def _count(cursor, parts, *, walk_count) -> int:
    """The matches, up to MAX_RESULTS. With two parts, as newest_first
    explains: the public-part matches (any reader's) first, and only if
    they fall short of the cap, the full-text matches among the opened
    entries, less those already counted (opened entries matching on their
    public part; they are among the first, so never more than those)."""
    if len(parts) == 1:
        (part,) = parts
        return walk_count(FULL_TEXT_COLUMNS if part.full_text else PUBLIC_COLUMNS, part.condition, part.params)
    public = walk_count(PUBLIC_COLUMNS, "1 = 1", [])
    if public >= MAX_RESULTS:
        return MAX_RESULTS
    (full,) = [part for part in parts if part.full_text]
    opened = walk_count(FULL_TEXT_COLUMNS, full.condition, full.params)
    opened_public = walk_count(PUBLIC_COLUMNS, full.condition, full.params)
    return min(public + opened - opened_public, MAX_RESULTS)


def _occurrences(column: str) -> str:
    return f"highlight(search_fts, {_COLUMN_INDEX[column]}, char(1), '')"




def _score(columns, texts) -> float:
    """The score from the columns' occurrence-marked texts."""
    score = 0.0
    for column, text in zip(columns, texts, strict=True):
        occurrences = (text or "").count("\x01")
        score += _WEIGHT[column] * occurrences * (_SATURATION + 1) / (occurrences + _SATURATION)
    return score





def _time(value):
    return connection.ops.adapt_datetimefield_value(value)


# The FTS rowid of an entry (table alias ``entry``): its publish time in
# whole seconds since 1970, times 2**31, plus the article id. FTS5 keeps
# each word's matches in rowid order, so it hands them out newest first and
# stops as soon as enough are found; the article id comes back as the low
# 31 bits. Always computed here, in SQL, from the entry's stored time: the
# rowid bounds of a search are computed the same way.
_ID_BITS = 31
_ID_MASK = 2**_ID_BITS - 1
_SECONDS = "CAST(strftime('%%s', {}) AS INTEGER)"
_KEY = f"({_SECONDS.format('{entry}.publish_at')} * {2**_ID_BITS} + {{entry}}.article_id)"


def _key(entry: str) -> str:
    return _KEY.format(entry=entry)


class SqliteBackend:
    vendor = "sqlite"

    def index(self, documents: Iterable[Document], *, bulk: bool = False) -> int:
        written = 0
        with connection.cursor() as cursor:
            for chunk in batched(documents, _CHUNK):
                ids = [document.article_id for document in chunk]
                if max(ids) > _ID_MASK:
                    raise ValueError(f"Article ids above {_ID_MASK} do not fit the search index's keys")
                self._remove_words(cursor, ids)
                cursor.executemany(
                    "INSERT OR REPLACE INTO search_entry (article_id, section_id, publish_at, is_premium, is_exempt) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    [(d.article_id, d.section_id, _time(d.publish_at), d.is_premium, d.is_exempt) for d in chunk],
                )
                cursor.executemany(
                    "INSERT OR REPLACE INTO search_fts (rowid, headline, standfirst, lead_in, body) "
                    f"SELECT {_key('e')}, %s, %s, %s, %s FROM search_entry e WHERE e.article_id = %s",
                    [(d.headline, d.standfirst, d.lead_in, d.body, d.article_id) for d in chunk],
                )
                written += len(chunk)
        return written

    def rebuilt(self) -> None:
        pass

    def _remove_words(self, cursor, ids: list[int]) -> None:
        marks = ",".join(["%s"] * len(ids))
        cursor.execute(
            f"DELETE FROM search_fts WHERE rowid IN (SELECT {_key('e')} FROM search_entry e WHERE e.article_id IN ({marks}))",
            ids,
        )

    def remove(self, article_ids: Iterable[int]) -> None:
        with connection.cursor() as cursor:
            for chunk in batched(article_ids, _CHUNK):
                marks = ",".join(["%s"] * len(chunk))
                self._remove_words(cursor, list(chunk))
                cursor.execute(f"DELETE FROM search_entry WHERE article_id IN ({marks})", chunk)

    def prune(self, *, keep_sql: str) -> int:
        """Drop the entries (and stray FTS rows) of articles not in ``keep_sql``."""
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM search_entry WHERE article_id NOT IN ({keep_sql})")
            removed = cursor.rowcount
            cursor.execute(f"DELETE FROM search_fts WHERE rowid NOT IN (SELECT {_key('e')} FROM search_entry e)", [])
        return removed

    def search(self, query: Query, filters: Filters, *, offset: int, limit: int, order: Order = Order.RELEVANCE) -> Hits:
        # Each part's matches newest first, straight from FTS5 (rowid order,
        # bounded by the filters' times), each joined to its entry for the
        # exact filters. CROSS JOIN fixes SQLite's join order: the words
        # first, then the filters on each match.
        where, params = self._where(filters)
        bounds, bound_params = self._bounds(filters)
        parts = parts_to_match(filters.scope, entry="e", time=_time)
        with connections[read_alias("search")].cursor() as cursor:

            def walk(select, columns, condition: str, condition_params: list, wanted: int, newer_than=None) -> list:
                """The newest ``wanted`` matches of the words in ``columns``
                among the entries ``condition`` takes (and newer than the key
                ``newer_than``), entry key first."""
                newer, newer_params = ("AND search_fts.rowid >= %s", [newer_than]) if newer_than is not None else ("", [])
                cursor.execute(
                    f"SELECT {select(columns)} FROM search_fts CROSS JOIN search_entry e "
                    "ON e.article_id = (search_fts.rowid & %s) "
                    f"WHERE search_fts MATCH %s AND {bounds} {newer} AND {where} AND {condition} "
                    "ORDER BY search_fts.rowid DESC LIMIT %s",
                    [_ID_MASK, fts5_match(query, columns=columns), *bound_params, *newer_params, *params,
                     *condition_params, wanted],
                )  # fmt: skip
                return cursor.fetchall()

            def newest_first(select, wanted: int) -> list[tuple]:
                """The newest ``wanted`` matches (entry key first in
                ``select``). With two parts, walking each part on its own
                would walk a part few stories fall in (a new reader's full
                text: only the last year's free stories) to the word's
                oldest story. Instead: every entry matching on its public
                part matches for any reader (the lead-in is the body's
                opening, so the full text holds those words too), so those,
                newest first, whatever the part, give the newest ``wanted``
                but for full-text matches newer than the last of them,
                which are then looked for among the newer entries only."""
                if len(parts) == 1:
                    (part,) = parts
                    columns = FULL_TEXT_COLUMNS if part.full_text else PUBLIC_COLUMNS
                    rows = walk(select, columns, part.condition, part.params, wanted)
                    if len(rows) < wanted:
                        every_match.append(len(rows))
                    return rows
                public = walk(select, PUBLIC_COLUMNS, "1 = 1", [], wanted)
                (full,) = [part for part in parts if part.full_text]
                newer_than = public[-1][0] if len(public) >= wanted else None
                opened = walk(select, FULL_TEXT_COLUMNS, full.condition, full.params, wanted, newer_than)
                # An opened entry is ranked on its full text.
                by_key = {row[0]: row for row in public} | {row[0]: row for row in opened}
                if newer_than is None and len(opened) < wanted:
                    # Both walks read every match: that is the count.
                    every_match.append(len(by_key))
                return sorted(by_key.values(), key=lambda row: row[0], reverse=True)[:wanted]

            def ranked() -> list[Hit]:
                # The score's occurrences are marked only on the rows returned.
                rows = newest_first(
                    lambda columns: f"search_fts.rowid, e.article_id, '{','.join(columns)}', "
                    + ", ".join(_occurrences(column) for column in columns),
                    RANKED_MATCHES,
                )
                scored = [(_score(columns.split(","), texts), key, article_id) for key, article_id, columns, *texts in rows]
                return [Hit(article_id, score) for score, _, article_id in sorted(scored, reverse=True)]

            def newest(offset: int, limit: int) -> list[Hit]:
                rows = newest_first(lambda columns: "search_fts.rowid, e.article_id", offset + limit)
                return [Hit(article_id, 0.0) for _, article_id in rows[offset:]]

            # How many matches there are, when a walk above found them all.
            every_match: list[int] = []
            hits = paged(ranked, newest, order=order, offset=offset, limit=limit)
            total = min(every_match[0], MAX_RESULTS) if every_match else _count(cursor, parts, walk_count=lambda columns, condition, condition_params: len(
                walk(lambda _: "1", columns, condition, condition_params, MAX_RESULTS)
            ))
        return Hits(hits, total)

    def _bounds(self, filters: Filters) -> tuple[str, list]:
        """The filters' times as bounds on the FTS rowid (whole seconds, so
        wider by up to a second: the exact times are tested on the entry)."""
        clauses = [f"search_fts.rowid < ({_SECONDS.format('%s')} + 1) * {2**_ID_BITS}"]
        params = [_time(filters.now)]
        if filters.published_from is not None:
            clauses.append(f"search_fts.rowid >= {_SECONDS.format('%s')} * {2**_ID_BITS}")
            params.append(_time(filters.published_from))
        if filters.published_before is not None:
            clauses.append(f"search_fts.rowid < ({_SECONDS.format('%s')} + 1) * {2**_ID_BITS}")
            params.append(_time(filters.published_before))
        return " AND ".join(clauses), params

    def _where(self, filters: Filters) -> tuple[str, list]:
        clauses = ["e.publish_at <= %s"]
        params = [_time(filters.now)]
        if filters.section_id is not None:
            clauses.append("e.section_id = %s")
            params.append(filters.section_id)
        if filters.published_from is not None:
            clauses.append("e.publish_at >= %s")
            params.append(_time(filters.published_from))
        if filters.published_before is not None:
            clauses.append("e.publish_at < %s")
            params.append(_time(filters.published_before))
        return " AND ".join(clauses), params

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_entry")
            return cursor.fetchone()[0]
