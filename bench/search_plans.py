"""Time candidate query plans for archive search on a kept archive.

Runs the search page's read (``search_articles``) with the engine's
``search`` swapped for each plan, for the 50 queries of ``bench/search.py``,
as a new anonymous reader (unfiltered, a section, the last 365 days) and as a
subscriber. Build the archive first with ``bench/search_build.py``.

    .venv/bin/python bench/search_plans.py --database masthead_search_opts --plans current,newest_n
"""

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def pick(ordered, q):
    return round(ordered[min(int(q * len(ordered)), len(ordered) - 1)], 1)


def summary(values):
    o = sorted(values)
    return {"n": len(o), "p50": pick(o, 0.5), "p95": pick(o, 0.95), "p99": pick(o, 0.99), "max": round(o[-1], 1)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="masthead_search_opts")
    parser.add_argument("--sqlite", help="an SQLite archive file instead of PostgreSQL")
    parser.add_argument("--data-dir", default="/tmp/mt-search-opts")
    parser.add_argument("--plans", default="current")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--variants", default="unfiltered,section,last 365 days,subscriber")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--explain", help="EXPLAIN ANALYZE each statement of this one query instead of timing")
    args = parser.parse_args()
    for name in [n for n in os.environ if n.startswith("MASTHEAD_") or n in {"DATABASE_URL", "REDIS_URL"}]:
        del os.environ[name]
    if args.sqlite:
        os.environ["DATABASE_URL"] = f"sqlite:///{args.sqlite}"
    else:
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    os.environ["MASTHEAD_DATA_DIR"] = args.data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "masthead.settings"
    import django

    django.setup()
    import search as bench
    import search_plan_options as options
    from django.contrib.auth import get_user_model

    from masthead.access.readers import Reader
    from masthead.newsroom.models import Section
    from masthead.search import selectors
    from masthead.search.query import parse_query

    fixed = bench.queries(bench.vocabulary())
    now = datetime.now(UTC)
    anonymous = Reader(user=None, anonymous_id="0" * 32, minted=True)
    user, _ = get_user_model().objects.get_or_create(username="bench-plans", defaults={"complimentary_access": True})
    subscriber = Reader(user=user, anonymous_id=None)
    markets = Section.objects.get(slug="markets")
    variants = {
        "unfiltered": {"reader": anonymous},
        "section": {"reader": anonymous, "section": markets},
        "last 365 days": {"reader": anonymous, "day_from": (now - timedelta(days=365)).date()},
        "subscriber": {"reader": subscriber},
    }
    chosen = args.variants.split(",")
    if args.explain:
        from django.db import connection

        for plan in args.plans.split(","):
            backend = options.PLANS[plan]()
            selectors.search_backend = lambda backend=backend: backend
            for variant in chosen:
                captured = []

                def capture(execute, sql, params, many, context, captured=captured):
                    if "search_entry" in sql or "search_fts" in sql:
                        captured.append((sql, params))
                    return execute(sql, params, many, context)

                with connection.execute_wrapper(capture):
                    selectors.search_articles(query=parse_query(args.explain), **variants[variant])
                for sql, params in captured:
                    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
                    with connection.cursor() as cursor:
                        t0 = time.perf_counter()
                        cursor.execute(prefix + sql, params)
                        plan_rows = cursor.fetchall()
                        ms = (time.perf_counter() - t0) * 1000
                    print(f"== {plan} / {variant} / {args.explain!r} ({ms:.0f} ms)\n{sql % tuple(repr(p) for p in params) if connection.vendor == 'postgresql' else sql}")
                    print("\n".join(" | ".join(str(c) for c in r) for r in plan_rows))
        return
    results = {}
    for plan in args.plans.split(","):
        backend = options.PLANS[plan]()
        selectors.search_backend = lambda backend=backend: backend
        timings, firsts, slowest = {}, {}, {}
        for variant in chosen:
            filters = variants[variant]
            for _, text in fixed:
                page = selectors.search_articles(query=parse_query(text), **filters)
                if variant == "unfiltered":
                    firsts[text] = ([a.pk for a in page.articles[:10]], page.total)
            for _ in range(args.repeats):
                for kind, text in fixed:
                    t0 = time.perf_counter()
                    selectors.search_articles(query=parse_query(text), **filters)
                    ms = (time.perf_counter() - t0) * 1000
                    timings.setdefault(variant, []).append(ms)
                    timings.setdefault("all", []).append(ms)
                    slowest[(variant, text)] = max(ms, slowest.get((variant, text), 0))
                    if kind == "1 word, common":
                        timings.setdefault(f"common word ({variant})", []).append(ms)
        results[plan] = {"latency": {k: summary(v) for k, v in timings.items()}, "first_page": firsts}
        print(f"== {plan}")
        for name, s in results[plan]["latency"].items():
            print(f"  {name:<32} p50 {s['p50']:>8}  p95 {s['p95']:>8}  p99 {s['p99']:>8}  max {s['max']:>8}")
        worst = sorted(slowest.items(), key=lambda item: -item[1])[:6]
        print("  slowest: " + "; ".join(f"{text!r} ({variant}) {ms:.0f}" for (variant, text), ms in worst))
        sys.stdout.flush()
    if args.json:
        args.json.write_text(json.dumps(results))


if __name__ == "__main__":
    main()
