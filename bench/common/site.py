"""A throw-away site: its environments (files in a temporary folder and, on
``scaled``, a fresh PostgreSQL database and an emptied Redis database), the
demo loaded into it, its production server, and the clean-up afterwards."""

import argparse
import os
import secrets
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from common.cpu import service_pids
from common.helpers import HOST, PYTHON, clean_environment, free_port, log, run
from common.server import Server


def scratch_environments(backend: str, data_dir: Path, options) -> tuple[dict, dict, callable]:
    """Environments for a throw-away site: its files in ``data_dir`` and, on
    ``scaled``, a fresh PostgreSQL database and an emptied Redis database.

    Returns the development and production environments and a clean-up that
    drops the database and empties Redis again."""
    base = clean_environment()
    base["MASTHEAD_DATA_DIR"] = str(data_dir)
    base["MASTHEAD_LOG_LEVEL"] = "WARNING"
    cleanups = []
    if backend == "scaled":
        db_name = f"masthead_bench_{os.getpid()}"
        pg = ["-h", options.pg_host, "-p", str(options.pg_port), "-U", options.pg_user]
        run(["dropdb", *pg, "--if-exists", db_name], env=base)
        run(["createdb", *pg, db_name], env=base)
        cleanups.append(lambda: run(["dropdb", *pg, "--if-exists", "--force", db_name], env=base))
        socket = getattr(options, "redis_socket", None)
        where = ["-s", str(socket)] if socket else ["-h", options.redis_host, "-p", str(options.redis_port)]
        redis_cli = ["redis-cli", *where, "-n", str(options.redis_db)]
        run([*redis_cli, "flushdb"], env=base)
        cleanups.append(lambda: run([*redis_cli, "flushdb"], env=base))
        base["DATABASE_URL"] = f"postgres://{options.pg_user}@{options.pg_host}:{options.pg_port}/{db_name}"
        base["REDIS_URL"] = (
            f"unix://{socket}?db={options.redis_db}"
            if socket
            else f"redis://{options.redis_host}:{options.redis_port}/{options.redis_db}"
        )

    def cleanup():
        for step in reversed(cleanups):
            try:
                step()
            except Exception as error:  # noqa: BLE001 (clean-up carries on)
                log(f"clean-up step failed: {error}")

    development = dict(base)
    production = dict(
        base,
        MASTHEAD_ENVIRONMENT="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        MASTHEAD_ALLOWED_HOSTS=f"{HOST},localhost",
        MASTHEAD_SSL_REDIRECT="false",
    )
    return development, production, cleanup


def prepare_site(backend: str, data_dir: Path, options) -> tuple[dict, dict, callable]:
    """Migrate, load the demo (development mode) and collect static files.

    Returns the development and production environments and a clean-up."""
    development, production, cleanup = scratch_environments(backend, data_dir, options)
    try:
        log(f"{backend}: migrate, load the demo, collectstatic in {data_dir}")
        run([PYTHON, "manage.py", "migrate", "--noinput"], env=development)
        run([PYTHON, "manage.py", "load_demo"], env=development)
        run([PYTHON, "manage.py", "collectstatic", "--noinput"], env=production)
    except BaseException:
        cleanup()
        raise
    return development, production, cleanup


@dataclass
class Site:
    """A throw-away site made by ``throwaway_site``."""

    backend: str
    development: dict
    production: dict
    data_dir: Path
    options: argparse.Namespace

    @property
    def services(self) -> list[int]:
        return service_pids() if self.backend == "scaled" else []

    @contextmanager
    def serving(self, extra_args=()):
        """The production server (``--workers``, ``--blocking-threads``,
        ``--port``) for the duration of the block."""
        o = self.options
        server = Server(
            self.production, o.port or free_port(), o.workers, self.data_dir / "granian.log", o.blocking_threads,
            extra_args,
        )  # fmt: skip
        log(f"{self.backend}: starting granian ({o.workers} workers) on {HOST}:{server.port}")
        try:
            server.start()
            yield server
        finally:
            server.stop()


@contextmanager
def throwaway_site(backend: str, options, name: str):
    """``prepare_site`` in a temporary folder; on leaving, the database and
    Redis are cleaned and the folder removed (kept with ``--keep``)."""
    data_dir = Path(tempfile.mkdtemp(prefix=f"masthead-bench-{name}-{backend}-"))
    try:
        development, production, cleanup = prepare_site(backend, data_dir, options)
        try:
            yield Site(backend, development, production, data_dir, options)
        finally:
            cleanup()
    finally:
        if getattr(options, "keep", False):
            log(f"kept {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
