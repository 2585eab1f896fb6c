"""Build a large archive for trying search plans, quickly, and keep it.

The same articles as ``bench/search.py`` (same text source, same seed), but
the PostgreSQL index is filled by one set-based INSERT ... SELECT (the same
weighted vectors ``PostgresBackend.index`` writes) split over two
connections, with the GIN indexes made afterwards: far faster than
``search_rebuild`` row by row, for measuring queries rather than upkeep.

    .venv/bin/python bench/search_build.py --articles 1000000 --database masthead_search_opts
"""

import argparse
import os
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# As the engine writes it (postgres._DOCUMENT and section_lexeme).
VECTOR = (
    "setweight(to_tsvector('english', {h}), 'A') || setweight(to_tsvector('english', {s}), 'B')"
    " || setweight(to_tsvector('english', {b}), 'C') || array_to_tsvector(ARRAY['section ' || a.section_id])"
)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--database", default="masthead_search_opts")
    parser.add_argument("--data-dir", default="/tmp/mt-search-opts")
    parser.add_argument("--sqlite", help="build an SQLite archive in this file instead")
    args = parser.parse_args()
    import psycopg

    for name in [n for n in os.environ if n.startswith("MASTHEAD_") or n in {"DATABASE_URL", "REDIS_URL"}]:
        del os.environ[name]
    if args.sqlite:
        Path(args.sqlite).unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{args.sqlite}"
    else:
        with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {args.database}")
            conn.execute(f"CREATE DATABASE {args.database}")
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    os.environ["MASTHEAD_DATA_DIR"] = args.data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "masthead.settings"
    import django

    django.setup()
    import search as bench
    from django.core.management import call_command
    from django.db import connection, transaction

    from masthead.newsroom.models import Article, Section
    from masthead.search.backends.postgres import count_words
    from masthead.search.backends.sqlite import _key

    call_command("migrate", verbosity=0)
    sections = [Section.objects.create(name=n, slug=n.lower(), position=i) for i, n in enumerate(bench.SECTIONS)]
    now = datetime.now(UTC)
    span = int((now - bench.FIRST_DAY).total_seconds())
    source = bench.TextSource()
    columns = bench._article_columns(Article)
    t0 = time.perf_counter()
    for first in range(0, args.articles, bench.INSERT_BATCH):
        rows = []
        for n in range(first, min(first + bench.INSERT_BATCH, args.articles)):
            values = source.article(n, span)
            values["section"] = sections[values["section"]].pk
            rows.append(bench._row(columns, values, now))
        with transaction.atomic():
            bench._insert(connection, Article._meta.db_table, columns, rows)
        if (first // bench.INSERT_BATCH) % 10 == 9:
            bench.log(f"{first + len(rows):,} articles written")
    bench.log(f"articles written in {time.perf_counter() - t0:.0f} s")
    if args.sqlite:
        # The FTS rows and entries in two set-based statements (paragraph
        # tags dropped, as plain_text would).
        t0 = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_entry (article_id, section_id, publish_at, is_premium, is_exempt) "
                "SELECT id, section_id, publish_at, is_premium, meter_exempt FROM newsroom_article WHERE status = 'published'"
            )
            # The FTS rowid as the engine writes it: publish time, then id.
            cursor.execute(
                f"INSERT INTO search_fts (rowid, headline, standfirst, lead_in, body) SELECT {_key('e')}, a.headline, "
                "a.standfirst, replace(replace(a.lead_in, '<p>', ''), '</p>', ' '), "
                "replace(replace(a.body, '<p>', ''), '</p>', ' ') "
                "FROM newsroom_article a JOIN search_entry e ON e.article_id = a.id ORDER BY e.publish_at",
                [],
            )
        bench.log(f"FTS5 index written in {time.perf_counter() - t0:.0f} s; {Path(args.sqlite).stat().st_size / 2**30:.2f} GiB")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return
    connection.close()

    dsn = {"host": "127.0.0.1", "user": "postgres", "dbname": args.database}
    with psycopg.connect(**dsn, autocommit=True) as conn:
        conn.execute("DROP INDEX IF EXISTS search_entry_public_document")
        conn.execute("DROP INDEX IF EXISTS search_entry_document")
        indexes = conn.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename='search_entry'").fetchall()
        bench.log(f"search_entry indexes left: {indexes}")

    def fill(worker):
        with psycopg.connect(**dsn, autocommit=True) as conn:
            # Words are counted once at the end (count_words), not per row.
            conn.execute("SET masthead.search_word_counts = 'off'")
            conn.execute(
                "INSERT INTO search_entry (article_id, section_id, publish_at, is_premium, is_exempt, document, public_document) "
                "SELECT a.id, a.section_id, a.publish_at, a.is_premium OR s.is_premium, a.meter_exempt OR s.meter_exempt, "
                + VECTOR.format(h="a.headline", s="a.standfirst", b="a.body") + ", "
                + VECTOR.format(h="a.headline", s="a.standfirst", b="a.lead_in")
                + " FROM newsroom_article a JOIN newsroom_section s ON s.id = a.section_id "
                f"WHERE a.status = 'published' AND a.id % 2 = {worker}"
            )

    t0 = time.perf_counter()
    threads = [threading.Thread(target=fill, args=(w,)) for w in (0, 1)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    bench.log(f"vectors written in {time.perf_counter() - t0:.0f} s")

    def make(sql):
        with psycopg.connect(**dsn, autocommit=True) as conn:
            conn.execute("SET maintenance_work_mem = '1GB'")
            t = time.perf_counter()
            conn.execute(sql)
            bench.log(f"{sql[:70]}: {time.perf_counter() - t:.0f} s")

    threads = [
        threading.Thread(target=make, args=(f"CREATE INDEX search_entry_{c} ON search_entry USING gin ({c})",))
        for c in ("document", "public_document")
    ]
    [t.start() for t in threads]
    [t.join() for t in threads]
    with psycopg.connect(**dsn, autocommit=True) as conn:
        t = time.perf_counter()
        with conn.transaction(), conn.cursor() as cursor:
            count_words(cursor)
        bench.log(f"search_word counted in {time.perf_counter() - t:.0f} s")
        conn.execute("VACUUM ANALYZE search_entry")
        conn.execute("ANALYZE newsroom_article")
        sizes = conn.execute(
            "SELECT relname, pg_size_pretty(pg_relation_size(oid)) FROM pg_class WHERE relname LIKE 'search_entry%'"
        ).fetchall()
        bench.log(f"sizes: {sizes}")


if __name__ == "__main__":
    main()
