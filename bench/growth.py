"""How the metered article's cost grows with the archive and with the readers.

One command builds a throw-away site per backend (migrate, demo content,
collectstatic, as bench/paywall.py does), then, step by step:

  1. grows the article table to each size in ``--sizes`` (default 10^3, 10^5
     and 10^6 articles), writing rows straight into the table (executemany on
     SQLite, COPY on PostgreSQL) with bench/search.py's text generator, and
     runs ANALYZE;
  2. at the largest size, loads ``--meters`` readers' meters (default 10^6
     readers, 1 to 5 articles each this month) into the meter store in bulk:
     the meter table on SQLite, Redis sets on ``scaled``;

and after each step starts the production web server (granian, 2 workers, as
``manage.py serve``), checks the metered article's page, loads it with wrk and
reads each web worker's memory. The article measured is the same demo
article at every step, for an anonymous reader under the limit whose cookie's
receipt names another article (bench/paywall.py's row (r)), so that every
request asks the meter store, whose size is what step 2 grows; a re-read on
the receipt would not touch the store at all.

    .venv/bin/python bench/growth.py [--backend sqlite|scaled|both] [--sizes 1000,100000,1000000]
    .venv/bin/python bench/growth.py --backend sqlite --sizes 1000,20000 --meters 20000 --duration 3

Loopback only; everything it starts it stops, on error and on Ctrl+C too.
See bench/README.md.
"""

import argparse
import json
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from common.cli import (
    add_server_options,
    check_server_options,
    machine_line,
    print_table_head,
    script,
    wrk_line,
)
from common.cpu import NOISY_CORES, QuietWait
from common.helpers import HOST, PYTHON, ensure_wrk, log, run
from common.jobs import analyze, setup_django
from common.measure import measure, memory
from common.readers import check_after, pick_slugs, returning_reader, set_up_readers
from common.site import throwaway_site

BATCH = 20_000


@dataclass
class Step:
    label: str
    articles: int
    meters: int
    load_seconds: float
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    errors: int = 0
    cpu_ms_per_request: float = 0.0
    other_cores: float = 0.0
    workers_rss_kib: list = field(default_factory=list)


# --- the child: bulk writes inside the site's Django --------------------------------


def grow_articles(target: int) -> int:
    """Adds generated articles until the table holds ``target``; returns the count."""
    from django.db import connection, transaction

    from masthead.newsroom.models import Article, Section
    from search import FIRST_DAY, TextSource, _article_columns, _insert, _row

    have = Article.objects.count()
    if have >= target:
        return have
    sections = list(Section.objects.order_by("position").values_list("pk", flat=True))
    first = Article.objects.filter(slug__startswith="bench-").count()
    now = datetime.now(UTC)
    span = int((now - FIRST_DAY).total_seconds())
    source, columns = TextSource(), _article_columns(Article)
    # The generator's articles span 1997 to today: a few land in the last 30
    # days, as in a real archive, and none is the article measured.
    for start in range(first, first + target - have, BATCH):
        rows = []
        for n in range(start, min(start + BATCH, first + target - have)):
            values = source.article(n, span)
            values["section"] = sections[values["section"] % len(sections)]
            rows.append(_row(columns, values, now))
        with transaction.atomic():
            _insert(connection, Article._meta.db_table, columns, rows)
    analyze()
    return Article.objects.count()


def load_meters(readers: int) -> int:
    """Gives ``readers`` made-up readers 1-5 counted articles this month, in bulk,
    in the store the site is configured with; returns the views written."""
    from django.db import connection, transaction
    from django.utils import timezone

    from masthead.metering.models import MeteredView
    from masthead.metering.period import meter_period
    from masthead.metering.stores import meter_store
    from masthead.newsroom.models import Article

    now = timezone.now()
    period = meter_period(now)
    article_ids = list(Article.objects.order_by("-id").values_list("id", flat=True)[:50])
    store = meter_store()
    written = 0
    for start in range(0, readers, BATCH):
        views = [
            (f"bench-reader-{n:07d}", article_ids[(n + k * 7) % len(article_ids)])
            for n in range(start, min(start + BATCH, readers))
            for k in range(n % 5 + 1)
        ]
        written += len(views)
        if hasattr(store, "client"):
            # Redis: what the store's own script writes (a set and an ordered
            # set per reader's month, with the store's expiry), pipelined.
            from masthead.metering.stores.redis import KEY_TTL_SECONDS

            pipe = store.client.pipeline(transaction=False)
            for reader, article_id in views:
                key, order = store._keys(reader, period)
                pipe.sadd(key, article_id)
                pipe.zadd(order, {article_id: now.timestamp()})
                pipe.expire(key, KEY_TTL_SECONDS)
                pipe.expire(order, KEY_TTL_SECONDS)
            pipe.execute()
        else:
            table = MeteredView._meta.db_table
            value = connection.ops.adapt_datetimefield_value(now)
            marks = "%s, %s, %s, %s"
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {table} (reader, month, article_id, viewed_at) VALUES ({marks})",
                    [(reader, period, article_id, value) for reader, article_id in views],
                )
    analyze()
    return written


def child(options) -> None:
    setup_django(migrate=False)
    started = time.perf_counter()
    if options.grow_to:
        done = grow_articles(options.grow_to)
    else:
        done = load_meters(options.load_meters)
    print(f"DONE={done} SECONDS={time.perf_counter() - started:.1f}")


def in_site(env: dict, *args: str) -> tuple[int, float]:
    output = run([PYTHON, __file__, *args], env=env, capture=True, timeout=3600)
    match = re.search(r"^DONE=(\d+) SECONDS=([\d.]+)$", output, re.M)
    if not match:
        raise RuntimeError(f"the bulk load said nothing readable:\n{output[-2000:]}")
    return int(match.group(1)), float(match.group(2))


# --- the parent ---------------------------------------------------------------------


def measure_step(step: Step, site, slugs, options, wrk_path, quiet) -> list:
    """Starts the server, checks and measures the metered article, stops the server."""
    with site.serving() as server:
        metered, paywalled = set_up_readers(server.port, slugs)
        returning = returning_reader(server.port, slugs, metered[0])
        _, result, cpu = measure(
            wrk_path, f"http://{HOST}:{server.port}{metered[0]}", returning,
            label=f"{site.backend}: {step.label}", options=options, quiet=quiet, server=server, services=site.services,
        )  # fmt: skip
        step.rps, step.p50_ms, step.p99_ms = result.requests_per_second, result.p50_ms, result.p99_ms
        step.errors, step.other_cores = result.errors, cpu.other
        step.cpu_ms_per_request = cpu.server_seconds * 1000 / result.requests if result.requests else 0.0
        _, step.workers_rss_kib = memory(server)
        return [f"{step.label}: {note}" for note in check_after(server.port, metered, paywalled)]


def bench_backend(backend: str, options, wrk_path: str, quiet: QuietWait) -> tuple[list[Step], list[str]]:
    steps, notes = [], []
    with throwaway_site(backend, options, "growth") as site:
        # Chosen before the archive grows: the same demo article at every step.
        slugs = pick_slugs(site.production)
        for size in options.sizes:
            log(f"{backend}: growing the archive to {size:,} articles")
            count, seconds = in_site(site.development, "--grow-to", str(size))
            step = Step(f"{count:,} articles", count, 0, seconds)
            notes += measure_step(step, site, slugs, options, wrk_path, quiet)
            steps.append(step)
        if options.meters:
            log(f"{backend}: loading {options.meters:,} readers' meters")
            views, seconds = in_site(site.development, "--load-meters", str(options.meters))
            step = Step(f"+ {options.meters:,} meters", steps[-1].articles if steps else 0, options.meters, seconds)
            log(f"{backend}: {views:,} counted views written in {seconds:.0f} s")
            notes += measure_step(step, site, slugs, options, wrk_path, quiet)
            steps.append(step)
    return steps, notes


def report(results: dict, options) -> int:
    header = (
        f"{'backend':<8} {'step':<26} {'load s':>7} {'req/s':>8} {'vs first':>9} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'errors':>7} {'CPU ms/req':>10} {'vs first':>9} {'other':>6}   RSS per worker MiB"
    )
    print_table_head(f"metered article, {wrk_line(options)}", header)
    problems = 0
    for backend, (steps, notes) in results.items():
        first = steps[0] if steps else None
        for step in steps:
            change = (step.rps / first.rps - 1) * 100 if first and first.rps else 0.0
            cpu_change = (step.cpu_ms_per_request / first.cpu_ms_per_request - 1) * 100 if first.cpu_ms_per_request else 0
            rss = ", ".join(f"{kib / 1024:.0f}" for kib in step.workers_rss_kib)
            print(
                f"{backend:<8} {step.label:<26} {step.load_seconds:>7.0f} {step.rps:>8.0f} {change:>+8.1f}%"
                f" {step.p50_ms:>8.2f} {step.p99_ms:>8.2f} {step.errors:>7} {step.cpu_ms_per_request:>10.2f}"
                f" {cpu_change:>+8.1f}% {step.other_cores:>6.2f}   {rss}"
            )
        if steps:
            worst_rps = max(abs(s.rps / first.rps - 1) for s in steps) * 100 if first.rps else 0
            worst = max(abs(s.cpu_ms_per_request / first.cpu_ms_per_request - 1) for s in steps) * 100
            heaviest = max(max(s.workers_rss_kib, default=0) for s in steps) / 1024
            print(f"{backend}: requests/s vary by up to {worst_rps:.1f}% and CPU per request by up to {worst:.1f}% "
                  f"from the first step ({'within' if max(worst, worst_rps) <= 10 else 'OUTSIDE'} the aim of 10%); "
                  f"largest web worker {heaviest:.0f} MiB ({'under' if heaviest < 150 else 'OVER'} the aim of 150 MB)")  # fmt: skip
            if any(s.other_cores > NOISY_CORES for s in steps):
                print(f"  NOTE: other processes used more than {NOISY_CORES} of a core during some steps: "
                      "compare CPU ms per request, and run again on a quiet machine")  # fmt: skip
        for note in notes:
            print(f"  PROBLEM: {note}")
            problems += 1
    if options.json:
        data = {backend: {"steps": [vars(s) for s in steps], "notes": notes} for backend, (steps, notes) in results.items()}
        Path(options.json).write_text(json.dumps(data, indent=2))
    return problems


def sizes(text: str) -> list[int]:
    try:
        values = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("a comma-separated list of article counts, e.g. 1000,100000,1000000") from None
    if not values or values != sorted(values) or not all(500 <= v <= 5_000_000 for v in values):
        raise argparse.ArgumentTypeError("sizes rise, each within 500-5,000,000 (the demo alone has 400 articles)")
    return values


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "scaled", "both"], default="sqlite")
    parser.add_argument("--sizes", type=sizes, default=[1_000, 100_000, 1_000_000], help="article counts, rising")
    parser.add_argument("--meters", type=int, default=1_000_000, help="readers' meters loaded at the end (0: none)")
    add_server_options(parser, duration=15, redis_db=13)
    parser.add_argument("--grow-to", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--load-meters", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.grow_to or options.load_meters:
        child(options)
        return 0
    check_server_options(parser, options)
    if not 0 <= options.meters <= 5_000_000:
        parser.error("keep --meters within 0-5,000,000")

    wrk_path = ensure_wrk()
    backends = ["sqlite", "scaled"] if options.backend == "both" else [options.backend]
    started = time.monotonic()
    print(machine_line())
    quiet = QuietWait(options.quiet_wait, retries=options.retries)
    results = {backend: bench_backend(backend, options, wrk_path, quiet) for backend in backends}
    problems = report(results, options)
    print(f"\ntotal time {time.monotonic() - started:.0f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    script(main)
