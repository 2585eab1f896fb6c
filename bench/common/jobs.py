"""Scripts that time one job (renewals, webhook events, a newsletter issue) in
a child process with the production settings of a throw-away database: the
parent's command line and report, the child's Django, bulk loads and
profiling."""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from common.cli import add_service_options, check_loopback, machine_line
from common.helpers import PYTHON, ROOT, log, run
from common.site import scratch_environments


def setup_django(*, migrate: bool) -> None:
    """In a child process: Django with the environment's settings (and the
    tables made, for a fresh database)."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def analyze() -> None:
    """Fresh statistics after a bulk load, so the planner sees the real table
    sizes; on SQLite the write-ahead log is also folded into the database
    file, so every step is measured on a settled database rather than one
    with a bulk load's worth of log to read through."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


# Rows written per transaction by the bulk loaders of billing.py and newsletters.py.
BULK_BATCH = 5_000


def add_job_bench_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    add_service_options(parser, redis_db=14)
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--profile", type=Path, metavar="DIR",
        help="profile each timed part with cProfile: DIR/<backend>/<part>.prof, and .txt with the top functions",
    )  # fmt: skip
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)


PROFILE_DIR = "MASTHEAD_BENCH_PROFILE_DIR"


@contextmanager
def profiled(part: str):
    """In a child process: time ``part`` as usual, and when the parent was
    given --profile, also record where its time went (cProfile adds its own
    overhead, so a profiled run's seconds are not the figures to quote)."""
    folder = os.environ.get(PROFILE_DIR)
    if not folder:
        yield
        return
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    try:
        yield
    finally:
        profiler.disable()
        path = Path(folder) / f"{part}.prof"
        profiler.dump_stats(path)
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(30)
        path.with_suffix(".txt").write_text(text.getvalue())


def run_child_in_scratch_site(script_path: str, backend: str, options, child_args: list[str], env: dict) -> dict:
    """Runs ``script_path --child RESULT *child_args`` in the production
    settings of a throw-away database (``sqlite``: a file in a temporary
    folder; ``postgres``: a fresh PostgreSQL database, dropped afterwards),
    with ``env`` added; returns the JSON the child wrote, with the backend."""
    name = Path(script_path).stem
    data_dir = Path(tempfile.mkdtemp(prefix=f"masthead-bench-{name}-{backend}-"))
    cleanup = None
    try:
        # "scaled" in scratch_environments' terms: a fresh PostgreSQL database (and Redis db).
        _, production, cleanup = scratch_environments(
            "scaled" if backend == "postgres" else "sqlite", data_dir, options
        )
        production.update(env)
        if options.profile:
            options.profile.mkdir(parents=True, exist_ok=True)
            production[PROFILE_DIR] = str((options.profile / backend).resolve())
            Path(production[PROFILE_DIR]).mkdir(exist_ok=True)
        out = data_dir / "result.json"
        log(f"{name}: {backend} in {data_dir}")
        run([PYTHON, script_path, "--child", str(out), *child_args], env=production, timeout=4 * 3600)
        return {"backend": backend, **json.loads(out.read_text())}
    finally:
        if cleanup is not None:
            cleanup()
        shutil.rmtree(data_dir, ignore_errors=True)


def job_bench_main(parser: argparse.ArgumentParser, options, run_backend, report) -> int:
    """The parent's side: each backend in turn, the report, ``--json``; exits 1
    when a child noted a problem."""
    check_loopback(parser, options)
    print(machine_line())
    started = time.monotonic()
    backends = ["sqlite", "postgres"] if options.backend == "both" else [options.backend]
    results = [run_backend(backend, options) for backend in backends]
    report(results)
    for result in results:
        for problem in result["problems"]:
            print(f"PROBLEM ({result['backend']}): {problem}")
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=2))
    if options.profile:
        print(
            f"\nprofiles (cProfile; .prof for pstats or snakeviz, .txt the top functions): {options.profile}/<backend>/"
        )
    print(f"\ntotal time {time.monotonic() - started:.0f} s")
    return 1 if any(r["problems"] for r in results) else 0
