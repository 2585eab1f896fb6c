"""Archive search at archive scale: index build time and query latency.

One command builds a throw-away database per backend, fills it with N
articles (default 1,000,000) of deterministic text drawn from a fixed
vocabulary with a Zipf-like spread (so common words have long posting lists
and rare words short ones, as in real copy), builds the search index with
the real code (``search_rebuild``), and times the real read path
(``search_articles``: ranked ids, the count up to 1,000, the page's 20
articles loaded) for a fixed set of 50 queries of 1-3 words, each run
several times, unfiltered and with a section or a one-year date filter, for
a new anonymous reader (who matches premium stories, a tenth, and archive
ones, all but the last year's, on headline, standfirst and lead-in only),
and unfiltered for a subscriber (the full text of every story).

Backends: ``sqlite`` (FTS5, the database file in a temporary folder) and
``postgres`` (PostgreSQL full text; database ``masthead_bench_search`` on
127.0.0.1:5432, user postgres, dropped and created afresh).

    .venv/bin/python bench/search.py [--backend sqlite|postgres|both] [--articles 1000000]

See bench/README.md.
"""

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_DATABASE = "masthead_bench_search"
SEED = 1997
VOCABULARY = 30_000
SECTIONS = ["News", "Markets", "Business", "Politics", "Technology", "Sport", "Opinion", "World"]
FIRST_DAY = datetime(1997, 1, 1, tzinfo=UTC)
BODY_WORDS = 120
INSERT_BATCH = 20_000


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- deterministic text ---------------------------------------------------------


def vocabulary() -> list[str]:
    """30,000 distinct made-up words, the same on every run (rank 0 = most common)."""
    onsets = ["b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "t", "v", "z", "br", "st", "tr", "pl"]
    vowels = ["a", "o", "u", "i", "e", "ai", "ou"]
    syllables = [onset + vowel for onset in onsets for vowel in vowels]
    rng = random.Random(SEED)
    words: dict[str, None] = {}
    while len(words) < VOCABULARY:
        words["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))] = None
    return list(words)


def word_pool(words: list[str], size: int, rng: random.Random) -> list[str]:
    """``size`` draws with probability ∝ 1/(rank+1): Zipf's law, as in real text."""
    weights = [1 / (rank + 1) for rank in range(len(words))]
    return rng.choices(words, weights=weights, k=size)


class TextSource:
    def __init__(self):
        self.words = vocabulary()
        rng = random.Random(SEED + 1)
        self.pool = word_pool(self.words, 2_000_003, rng)
        self.rng = random.Random(SEED + 2)

    def phrase(self, count: int) -> str:
        start = self.rng.randrange(len(self.pool) - count)
        return " ".join(self.pool[start : start + count])

    def article(self, n: int, span_seconds: int) -> dict:
        headline = self.phrase(7).capitalize()
        half = BODY_WORDS // 2
        body = f"<p>{self.phrase(half).capitalize()}.</p><p>{self.phrase(half).capitalize()}.</p>"
        return {
            "headline": headline,
            "slug": f"bench-{n}",
            "standfirst": self.phrase(18).capitalize() + ".",
            "body": body,
            "lead_in": body.split("</p>", 1)[0] + "</p>",
            "section": n % len(SECTIONS),
            "publish_at": FIRST_DAY + timedelta(seconds=self.rng.randrange(span_seconds)),
            "is_premium": n % 10 == 0,
        }


def queries(words: list[str]) -> list[tuple[str, str]]:
    """50 fixed queries: (kind, text). Ranks pick common, middling and rare words."""
    rng = random.Random(SEED + 3)
    picked = []
    for rank in (3, 8, 15, 30, 60):
        picked.append(("1 word, common", words[rank]))
    for rank in (150, 400, 900, 1800, 3000):
        picked.append(("1 word, middling", words[rank]))
    for rank in (6000, 10000, 15000, 22000, 29000):
        picked.append(("1 word, rare", words[rank]))
    for _ in range(20):
        picked.append(("2 words", f"{words[rng.randrange(0, 300)]} {words[rng.randrange(300, 8000)]}"))
    for _ in range(15):
        picked.append(("3 words", " ".join(words[rng.randrange(0, 3000)] for _ in range(3))))
    return picked


# --- one backend, in its own process --------------------------------------------


def child(backend: str, articles: int, repeats: int, out: Path, kept: bool = False) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection


    from masthead.newsroom.models import Article, Section

    call_command("migrate", verbosity=0)
    now = datetime.now(UTC)
    source = TextSource()
    if kept:
        # An archive built by search_build.py: timed as it is.
        sections = [Section.objects.get(slug=name.lower()) for name in SECTIONS]
        articles = Article.objects.count()
        insert_seconds = index_seconds = None
        log(f"{backend}: a kept archive of {articles:,} articles ({_size(connection)})")
    else:
        sections = [
            Section.objects.create(name=name, slug=name.lower(), position=n) for n, name in enumerate(SECTIONS)
        ]  # fmt: skip
        insert_seconds, index_seconds = _build(backend, articles, sections, source, now)
    result = _time_queries(backend, articles, repeats, sections, source, now)
    result.update(insert_seconds=insert_seconds, index_seconds=index_seconds)
    out.write_text(json.dumps(result))


def _build(backend, articles, sections, source, now):
    from django.db import connection, transaction

    from masthead.newsroom.models import Article
    from masthead.search.services import search_rebuild

    span = int((now - FIRST_DAY).total_seconds())

    columns = _article_columns(Article)
    started = time.perf_counter()
    for first in range(0, articles, INSERT_BATCH):
        rows = []
        for n in range(first, min(first + INSERT_BATCH, articles)):
            values = source.article(n, span)
            values["section"] = sections[values["section"]].pk
            rows.append(_row(columns, values, now))
        with transaction.atomic():
            _insert(connection, Article._meta.db_table, columns, rows)
        if (first // INSERT_BATCH) % 10 == 9:
            log(f"{backend}: {first + len(rows):,} articles written")
    insert_seconds = round(time.perf_counter() - started, 1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    log(f"{backend}: {articles:,} articles in {insert_seconds:.0f} s; building the index")

    started = time.perf_counter()
    report = search_rebuild(chunk=5000, progress=lambda done: done % 100_000 == 0 and log(f"{backend}: {done:,} indexed"))
    index_seconds = round(time.perf_counter() - started, 1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_entry")
    assert report.indexed == articles, report
    log(f"{backend}: index built in {index_seconds:.0f} s ({_size(connection)})")
    return insert_seconds, index_seconds


def _time_queries(backend, articles, repeats, sections, source, now) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from masthead.access.readers import Reader
    from masthead.search.query import parse_query
    from masthead.search.selectors import search_articles

    fixed = queries(source.words)
    markets = sections[1]
    last_year = (now - timedelta(days=365)).date()
    anonymous = Reader(user=None, anonymous_id="0" * 32, minted=True)
    user, _ = get_user_model().objects.get_or_create(username="bench", defaults={"complimentary_access": True})
    subscriber = Reader(user=user, anonymous_id=None)
    variants = {
        "unfiltered": {"reader": anonymous},
        "section": {"reader": anonymous, "section": markets},
        "last 365 days": {"reader": anonymous, "day_from": last_year},
        "subscriber": {"reader": subscriber},
    }
    timings: dict[str, list[float]] = {}
    by_kind: dict[str, list[float]] = {}
    matches: dict[str, int] = {}
    slowest: dict[tuple[str, str], float] = {}
    for variant, filters in variants.items():
        # One untimed pass warms the caches, as on a live site.
        for _, text in fixed:
            search_articles(query=parse_query(text), **filters)
        for _ in range(repeats):
            for kind, text in fixed:
                t0 = time.perf_counter()
                page = search_articles(query=parse_query(text), **filters)
                elapsed = (time.perf_counter() - t0) * 1000
                timings.setdefault(variant, []).append(elapsed)
                timings.setdefault("all queries", []).append(elapsed)
                slowest[(variant, text)] = max(elapsed, slowest.get((variant, text), 0.0))
                if variant == "unfiltered":
                    by_kind.setdefault(kind, []).append(elapsed)
                    matches[text] = page.total
    return {
        "backend": backend,
        "engine": connection.vendor,
        "articles": articles,
        "index_size": _size(connection),
        "repeats": repeats,
        "queries": len(fixed),
        "latency_ms": {name: _summary(values) for name, values in timings.items()},
        "latency_ms_by_kind": {name: _summary(values) for name, values in by_kind.items()},
        "median_matches_counted": statistics.median(matches.values()),
        "load_average": os.getloadavg(),
        "slowest": [
            f"{text!r} ({variant}, {matches.get(text, '?')} matches) {ms:.0f} ms"
            for (variant, text), ms in sorted(slowest.items(), key=lambda item: -item[1])[:6]
        ],
    }


def _article_columns(model) -> list:
    return [field for field in model._meta.concrete_fields if not field.primary_key]


def _row(columns, values: dict, now: datetime) -> tuple:
    explicit = {
        "section": values["section"], "status": "published", "revision": 1,
        "created_at": now, "updated_at": now, "meter_exempt": False,
    }  # fmt: skip
    row = []
    for field in columns:
        if field.name in values:
            row.append(values[field.name])
        elif field.name in explicit:
            row.append(explicit[field.name])
        elif field.null:
            row.append(None)
        else:
            row.append(field.get_default())
    return tuple(row)


def _insert(connection, table: str, columns, rows: list[tuple]) -> None:
    names = [field.column for field in columns]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: the fastest way in; psycopg adapts each value.
            with cursor.cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            adapted = [
                tuple(connection.ops.adapt_datetimefield_value(v) if isinstance(v, datetime) else v for v in row)
                for row in rows
            ]
            marks = ", ".join(["%s"] * len(names))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", adapted)


def _size(connection) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('search_entry'))")
            return f"search_entry with its GIN index: {cursor.fetchone()[0]}"
        path = Path(connection.settings_dict["NAME"])
        return f"whole SQLite file: {path.stat().st_size / 2**30:.2f} GiB"


def _summary(values: list[float]) -> dict:
    ordered = sorted(values)

    def pick(q):
        return round(ordered[min(int(q * len(ordered)), len(ordered) - 1)], 1)

    return {"n": len(values), "p50": pick(0.50), "p95": pick(0.95), "p99": pick(0.99), "max": round(ordered[-1], 1)}


# --- the parent: one child per backend ------------------------------------------


def clean_environment() -> dict:
    keep = {
        name: value
        for name, value in os.environ.items()
        if not (name.startswith("MASTHEAD_") or name in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"})
    }
    keep["DJANGO_SETTINGS_MODULE"] = "masthead.settings"
    keep["PYTHONUNBUFFERED"] = "1"
    return keep


def fresh_pg_database(host: str, port: int, user: str) -> None:
    import psycopg

    with psycopg.connect(host=host, port=port, user=user, dbname="postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        conn.execute(f"CREATE DATABASE {PG_DATABASE}")


def drop_pg_database(host: str, port: int, user: str) -> None:
    import psycopg

    with psycopg.connect(host=host, port=port, user=user, dbname="postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")


def run_backend(backend: str, args) -> dict:
    folder = Path(tempfile.mkdtemp(prefix=f"masthead-bench-search-{backend}-"))
    env = clean_environment()
    env["MASTHEAD_DATA_DIR"] = str(folder)
    kept = args.database or args.sqlite
    if kept:
        env["DATABASE_URL"] = (
            f"sqlite:///{args.sqlite}" if backend == "sqlite"
            else f"postgres://{args.pg_user}@{args.pg_host}:{args.pg_port}/{args.database}"
        )  # fmt: skip
    elif backend == "postgres":
        fresh_pg_database(args.pg_host, args.pg_port, args.pg_user)
        env["DATABASE_URL"] = f"postgres://{args.pg_user}@{args.pg_host}:{args.pg_port}/{PG_DATABASE}"
    out = folder / "result.json"
    command = [sys.executable, __file__, "--child", backend, "--articles", str(args.articles), "--repeats", str(args.repeats), "--out", str(out)]
    if kept:
        command.append("--kept")
    try:
        subprocess.run(command, cwd=ROOT, env=env, check=True)
        return json.loads(out.read_text())
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
            if backend == "postgres" and not kept:
                drop_pg_database(args.pg_host, args.pg_port, args.pg_user)


def print_report(results: list[dict]) -> None:
    print()
    print(f"Archive search benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} CPUs")
    for r in results:
        print()
        print(f"== {r['backend']} ({r['engine']}): {r['articles']:,} articles ==")
        if r["index_seconds"] is not None:
            print(f"  articles written: {r['insert_seconds']} s   index build (search_rebuild): {r['index_seconds']} s")
        print(f"  {r['index_size']}")
        print(f"  {r['queries']} queries x {r['repeats']} runs each; median matches counted: {r['median_matches_counted']}")
        print(f"  load average at the end: {', '.join(f'{x:.2f}' for x in r['load_average'])}")
        print(f"  slowest: {'; '.join(r['slowest'])}")
        print(f"  {'query set':<22}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'max ms':>10}")
        for name, s in {**r["latency_ms"], **r["latency_ms_by_kind"]}.items():
            print(f"  {name:<22}{s['p50']:>10}{s['p95']:>10}{s['p99']:>10}{s['max']:>10}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each query (after one warm-up run)")
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--pg-user", default="postgres")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and the PostgreSQL database")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--database", help="time this kept PostgreSQL archive (bench/search_build.py) instead of building one")
    parser.add_argument("--sqlite", help="time this kept SQLite archive (bench/search_build.py --sqlite) instead")
    parser.add_argument("--kept", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        child(args.child, args.articles, args.repeats, args.out, kept=args.kept)
        return
    if args.pg_host not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit("Loopback only: this drops and creates a database.")
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    if args.database or args.sqlite:
        backends = ["sqlite"] if args.sqlite else ["postgres"]
    results = [run_backend(backend, args) for backend in backends]
    print_report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
