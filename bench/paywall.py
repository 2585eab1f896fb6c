"""Throughput of the metered article page against the framework's ceiling.

One command sets up a throw-away site (migrate, demo content, collectstatic)
in a temporary folder, starts the production web server as ``manage.py
serve`` does (granian, 2 workers, 1 blocking thread each; the job consumer is
not started) and measures with ``wrk``, on the same server and settings, in
this order:

  (c) ceiling   GET /healthz: a plain Django view returning "ok\\n", through
                the whole middleware stack
  (a) metered   an article re-read by an anonymous reader under the limit
                (full text with the meter notice; answered from the reader's
                receipt, so the meter store is neither read nor written)
  (n) new       the same article for a new visitor (no cookie): each request
                is a reader's first article, counted in the meter store, and
                sets a new signed reader cookie
  (r) returning the same article for a reader whose cookie's receipt names
                another article: the meter store's atomic count answers, in
                one round trip (as for a returning reader's next story; here
                the article is already counted, so nothing is added)
  (b) paywall   an article for a reader who has used their 5 free articles
                (lead-in, paywall, plans and benefits)

Backends: ``sqlite`` (SQLite, in-process cache, database sessions and meter)
and ``scaled`` (PostgreSQL + Redis: cache, sessions and meter in Redis).

    .venv/bin/python bench/paywall.py [--backend sqlite|scaled|both] [--duration 15]

Loopback only; everything it starts it stops, on error and on Ctrl+C too.
See bench/README.md.
"""

import os

from common.cli import (
    print_failures,
    print_table_head,
    script,
    web_bench_main,
    wrk_line,
)
from common.cpu import NOISY_CORES, QuietWait
from common.measure import BackendRun, measure_pages
from common.readers import check_after, pick_slugs, returning_reader, set_up_readers
from common.site import throwaway_site


def bench_backend(backend: str, options, wrk_path: str, quiet: QuietWait) -> BackendRun:
    outcome = BackendRun(backend)
    with throwaway_site(backend, options, "paywall") as site, site.serving() as server:
        slugs = pick_slugs(site.production)
        metered, paywalled = set_up_readers(server.port, slugs)
        pages = [
            ("(c) ceiling /healthz", "/healthz", None),
            ("(a) metered article", metered[0], metered[1]),
            ("(n) new visitor's article", metered[0], None),
            ("(r) returning reader", metered[0], returning_reader(server.port, slugs, metered[0])),
            ("(b) paywalled article", paywalled[0], paywalled[1]),
        ]
        measure_pages(outcome, pages, site=site, server=server, wrk_path=wrk_path, options=options, quiet=quiet)
        outcome.notes += check_after(server.port, metered, paywalled)
    return outcome


# --- report -------------------------------------------------------------------


def report(runs: list[BackendRun], options) -> None:
    header = (
        f"{'backend':<8} {'page':<24} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'÷ ceiling':>10}"
        f" {'CPU ms/req':>10}   {'CPU cores: server / pg+redis / wrk / other':>43}"
    )
    print_table_head(wrk_line(options), header)
    for outcome in runs:
        ceiling = outcome.rows[0].result.requests_per_second if outcome.rows else 0
        for row in outcome.rows:
            r = row.result
            ratio = r.requests_per_second / ceiling if ceiling else 0
            cpu = row.cpu
            print(
                f"{row.backend:<8} {row.page:<24} {r.requests_per_second:>8.0f} {r.p50_ms:>8.2f} "
                f"{r.p99_ms:>8.2f} {r.errors:>7} {ratio:>10.2f} {row.cpu_ms_per_request:>10.2f}"
                f"   {cpu.server:>16.2f} / {cpu.services:>8.2f} / {cpu.wrk:>4.2f} / {cpu.other:>5.2f}"
            )
    print()
    for outcome in runs:
        rows = {row.page[:3]: row for row in outcome.rows}
        c = rows["(c)"].result.requests_per_second
        a_c = rows["(a)"].result.requests_per_second / c
        b_c = rows["(b)"].result.requests_per_second / c
        n_c = rows["(n)"].result.requests_per_second / c
        r_c = rows["(r)"].result.requests_per_second / c
        noisy = [row.page[:3] for row in outcome.rows if row.cpu.other > NOISY_CORES]
        workers = ", ".join(f"{kib / 1024:.0f}" for kib in outcome.workers_rss_kib)
        cpu = {key: row.cpu_ms_per_request for key, row in rows.items()}
        cpu_a_c = cpu["(c)"] / cpu["(a)"] if cpu["(a)"] else 0
        cpu_b_c = cpu["(c)"] / cpu["(b)"] if cpu["(b)"] else 0
        if noisy:
            # Another process's load lowers one measurement and not the other:
            # the CPU each request cost is the steadier guide then.
            verdict = f"{'meets' if cpu_a_c >= 0.6 else 'MISSES'} the aim a/c >= 0.6 judging by CPU per request"
        else:
            verdict = f"{'meets' if a_c >= 0.6 else 'MISSES'} the aim a/c >= 0.6"
        print(f"{outcome.backend}: a/c = {a_c:.2f}, b/c = {b_c:.2f}, n/c = {n_c:.2f}, r/c = {r_c:.2f} by requests/s; "
              f"a/c = {cpu_a_c:.2f}, b/c = {cpu_b_c:.2f} by the workers' CPU per request: {verdict}")  # fmt: skip
        print(f"{outcome.backend}: RSS per worker after the run: {workers} MiB "
              f"(granian main process {outcome.main_rss_kib / 1024:.0f} MiB)")  # fmt: skip
        if noisy:
            busiest = max(row.cpu.other for row in outcome.rows)
            print(f"  NOTE: other processes used up to {busiest:.2f} of {os.cpu_count()} cores during {', '.join(noisy)}:"
                  " those requests/s are low by about that share; run again on a quiet machine")  # fmt: skip
        print_failures(outcome)


if __name__ == "__main__":
    script(lambda: web_bench_main(__doc__, bench_backend, report, redis_db=5))
