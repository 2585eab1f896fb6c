"""The command line the scripts share: their options and the checks on them,
the lines that head a report, the tables and ``--json``, a script's handling
of Ctrl+C, and the whole command of a script that measures pages on both
backends."""

import argparse
import datetime
import json
import os
import signal
import sys
import time
from pathlib import Path

from common.cpu import QuietWait
from common.helpers import ensure_wrk, log
from common.measure import BackendRun


def add_server_options(parser: argparse.ArgumentParser, *, duration: int = 15, redis_db: int = 5) -> None:
    """The options of every script that loads a web server with wrk."""
    parser.add_argument("--duration", type=int, default=duration, help="seconds measured per page")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of unmeasured load before each page")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes")
    parser.add_argument(
        "--blocking-threads", type=int, default=1, help="granian threads per worker (manage.py serve: 1)"
    )
    parser.add_argument(
        "--quiet-wait", type=float, default=45,
        help="seconds, in all, to wait for other processes to go idle before each page (0: never wait)",
    )  # fmt: skip
    parser.add_argument(
        "--retries", type=int, default=2,
        help="measurements disturbed by other processes that are taken again, in all (0: never)",
    )  # fmt: skip
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    add_service_options(parser, redis_db=redis_db)
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folder (granian.log)")
    parser.add_argument("--verbose", action="store_true", help="print wrk's own output")
    parser.add_argument("--json", help="also write the figures to this file")


def add_service_options(parser: argparse.ArgumentParser, *, redis_db: int) -> None:
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--pg-user", default="postgres")
    parser.add_argument("--redis-host", default="127.0.0.1")
    parser.add_argument("--redis-port", type=int, default=6379)
    parser.add_argument("--redis-db", type=int, default=redis_db, help="flushed before and after the run")
    parser.add_argument(
        "--redis-socket", type=Path,
        help="reach Redis on this Unix socket instead of --redis-host/--redis-port (Redis on the web machine)",
    )  # fmt: skip


def check_server_options(parser: argparse.ArgumentParser, options, *, max_duration: int = 60) -> None:
    if not 1 <= options.duration <= max_duration or not 0 <= options.warmup <= 30 or not 0 <= options.quiet_wait <= 120:
        parser.error(
            f"keep --duration within 1-{max_duration} s, --warmup within 0-30 s and --quiet-wait within 0-120 s"
        )
    if not 0 <= options.retries <= 6:
        parser.error("keep --retries within 0-6")
    check_loopback(parser, options)


def check_loopback(parser: argparse.ArgumentParser, options) -> None:
    for host in (options.pg_host, options.redis_host):
        if not (host == "localhost" or host.startswith("127.") or host == "::1"):
            parser.error("this benchmark talks to loopback services only")


def machine_line() -> str:
    load = Path("/proc/loadavg").read_text().split()[:3]
    return (
        f"date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M:%S} UTC; nproc: {os.cpu_count()}; "
        f"load average before: {' '.join(load)}"
    )


def wrk_line(options) -> str:
    return (
        f"wrk -t{options.threads} -c{options.connections} -d{options.duration}s --latency "
        f"(after {options.warmup}s warm-up); granian --workers {options.workers} "
        f"--blocking-threads {options.blocking_threads}"
    )


def _interrupted(signum, frame):
    raise KeyboardInterrupt


def script(main) -> None:
    """Runs ``main`` so that Ctrl+C or a TERM runs every finally block (which
    stop the servers) and exits 130."""
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted: servers stopped, temporary files removed")
        sys.exit(130)


def print_table_head(title: str, header: str) -> None:
    print()
    print(title)
    print(header)
    print("-" * len(header))


def print_failures(outcome: BackendRun) -> None:
    """The measurements that had errors, and what the checks found."""
    for row in outcome.rows:
        if row.result.errors:
            print(f"  {row.page}: {row.result.non_2xx} non-2xx, socket errors {row.result.socket_errors}")
    for note in outcome.notes:
        print(f"  PROBLEM: {note}")


def write_backend_runs(runs: list, path: str) -> None:
    """The figures of ``BackendRun``s as JSON (``--json``)."""
    data = [
        {
            "backend": o.backend,
            "rows": [
                {
                    "page": r.page,
                    "path": r.path,
                    **vars(r.result),
                    "cpu": vars(r.cpu),
                    "cpu_ms_per_request": r.cpu_ms_per_request,
                }
                for r in o.rows
            ],
            "workers_rss_kib": o.workers_rss_kib,
            "main_rss_kib": o.main_rss_kib,
            "notes": o.notes,
        }
        for o in runs
    ]
    Path(path).write_text(json.dumps(data, indent=2))


def web_bench_main(doc: str, bench_backend, report, *, redis_db: int) -> int:
    """The command line of a script that measures pages on both backends:
    ``bench_backend(backend, options, wrk_path, quiet)`` gives a BackendRun,
    ``report(runs, options)`` prints them. Exits 1 when a run noted a problem."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "scaled", "both"], default="both")
    add_server_options(parser, duration=15, redis_db=redis_db)
    options = parser.parse_args()
    check_server_options(parser, options)

    wrk_path = ensure_wrk()
    backends = ["sqlite", "scaled"] if options.backend == "both" else [options.backend]
    started = time.monotonic()
    print(machine_line())
    quiet = QuietWait(options.quiet_wait, retries=options.retries)
    runs = [bench_backend(backend, options, wrk_path, quiet) for backend in backends]
    report(runs, options)
    if options.json:
        write_backend_runs(runs, options.json)
    print(f"\ntotal time {time.monotonic() - started:.0f} s")
    return 1 if any(o.notes for o in runs) else 0
