"""What the benchmark scripts share: a throw-away site, the production web
server, wrk and its parser, CPU accounting and a clean environment.

Imported by bench/paywall.py, bench/pages.py, bench/growth.py and the others
(each script runs with bench/ first on sys.path, so ``import common`` finds
this file). Nothing here runs by itself.
"""

import argparse
import datetime
import http.client
import json
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
PAYWALL_TEXT = "Subscribe now for unlimited access."
METER_TEXT = 'class="meter-notice"'
READER_COOKIE = "mh_reader"
FREE_LIMIT = 5

# Slugs of fresh (< 30 days), live, free, metered articles, oldest last.
SLUGS_QUERY = """
import json
from datetime import timedelta
from django.utils import timezone
from masthead.newsroom.models import Article
now = timezone.now()
rows = (
    Article.objects.live(now)
    .filter(is_premium=False, meter_exempt=False, section__meter_exempt=False, publish_at__gte=now - timedelta(days=30))
    .order_by("-publish_at", "-id")
    .values_list("slug", flat=True)[:20]
)
print("SLUGS=" + json.dumps(list(rows)))
"""


# --- small helpers ------------------------------------------------------------


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(args, *, env, timeout=300, capture=False):
    result = subprocess.run(
        args, cwd=ROOT, env=env, timeout=timeout, text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def ensure_tool(program: str, package: str) -> str:
    """The path of ``program``, installing Debian's ``package`` first when it
    is missing and we are root."""

    def find():
        return shutil.which(program) or next(
            (str(path) for path in (Path("/usr/sbin") / program, Path("/usr/bin") / program) if path.exists()), None
        )

    found = find()
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit(f"{program} is missing: install Debian's package (apt-get install -y {package}) as root")
    log(f"{program} is missing: installing Debian's {package} package")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = ["apt-get", "install", "-y", "-qq", package]
    if subprocess.run(install, env=env, stdout=subprocess.DEVNULL).returncode != 0:
        # Only refresh the package lists when the install could not find the package.
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)
        subprocess.run(install, env=env, check=True, stdout=subprocess.DEVNULL)
    return find() or program


def ensure_wrk() -> str:
    return ensure_tool("wrk", "wrk")


def clean_environment() -> dict:
    """The caller's environment without any Masthead setting that could leak in."""
    keep = {}
    for name, value in os.environ.items():
        if name.startswith("MASTHEAD_") or name in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}:
            continue
        keep[name] = value
    keep["PYTHONUNBUFFERED"] = "1"
    return keep


def reader(value: str) -> str:
    """The Cookie header of an anonymous reader whose meter cookie is ``value``."""
    return f"{READER_COOKIE}={value}"


def get(port: int, path: str, cookie: str | None = None) -> tuple[int, dict, str]:
    """GET on the loopback; ``cookie`` is a whole Cookie header (see ``reader``)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        headers = {"Host": f"{HOST}:{port}", "User-Agent": "masthead-bench"}
        if cookie:
            headers["Cookie"] = cookie
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        return response.status, response.headers, body
    finally:
        conn.close()


def reader_cookie_sent(headers) -> str | None:
    """The reader cookie's new value if the response sets one (it does when
    the meter counts an article), else None."""
    for value in headers.get_all("Set-Cookie") or []:
        match = re.match(rf"{READER_COOKIE}=([^;]+)", value)
        if match:
            return match.group(1).strip('"')
    return None


def reader_cookie(headers) -> str:
    value = reader_cookie_sent(headers)
    if value is None:
        raise RuntimeError("the article page set no reader cookie")
    return value


# --- wrk ----------------------------------------------------------------------

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"unreadable wrk latency {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: dict = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return self.non_2xx + sum(self.socket_errors.values())


def parse_wrk(output: str) -> WrkResult:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    total = re.search(r"(\d+) requests in", output)
    if not (rps and p50 and p99 and total):
        raise RuntimeError(f"could not read wrk's output:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    socket_errors = {}
    if sockets:
        socket_errors = dict(zip(("connect", "read", "write", "timeout"), map(int, sockets.groups())))
    return WrkResult(
        requests_per_second=float(rps.group(1)),
        p50_ms=_ms(p50.group(1)),
        p99_ms=_ms(p99.group(1)),
        requests=int(total.group(1)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=socket_errors,
    )


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Other processes using more than this many cores during a measurement make it doubtful.
NOISY_CORES = 0.2


def busy_ticks() -> int:
    """CPU time spent by everything on the machine (all cores), in clock ticks."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return user + nice + system + irq + softirq + steal


def process_ticks(pids) -> int:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


class QuietWait:
    """Waits, within one budget for the whole run, for other processes to leave the CPUs alone."""

    def __init__(self, budget_seconds: float, retries: int = 0, threshold_cores: float = 0.2):
        self.left = budget_seconds
        self.threshold = threshold_cores
        # Measurements disturbed by other processes that may be taken again, in all.
        self.retries_left = retries

    def __call__(self) -> float:
        """Waits until one second uses less than the threshold; returns the cores last seen busy."""
        while True:
            before, started = busy_ticks(), time.monotonic()
            time.sleep(1.0)
            elapsed = time.monotonic() - started
            cores = (busy_ticks() - before) / CLOCK_TICKS / elapsed
            if cores < self.threshold or self.left <= 0:
                return cores
            self.left -= elapsed
            if self.left <= 0:
                log(f"the machine is still busy ({cores:.2f} cores used by others): measuring anyway")
                return cores


def service_pids() -> list[int]:
    """PostgreSQL's and Redis's processes (shared with anything else using them)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() in {"postgres", "redis-server"}:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@dataclass
class CpuShare:
    """Cores used, on average, during one measurement."""

    server: float
    services: float
    wrk: float
    other: float
    server_seconds: float = 0.0
    services_seconds: float = 0.0


def wrk(
    wrk_path, url, *, cookie, seconds, threads, connections, latency=True, server_pids=(), services=()
) -> tuple[str, CpuShare]:
    args = [wrk_path, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    if latency:
        args.append("--latency")
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    args.append(url)
    children_before = _children_cpu_seconds()
    started, busy_before = time.monotonic(), busy_ticks()
    server_before, services_before = process_ticks(server_pids), process_ticks(services)
    result = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 30)
    elapsed = time.monotonic() - started
    busy = (busy_ticks() - busy_before) / CLOCK_TICKS
    server = (process_ticks(server_pids) - server_before) / CLOCK_TICKS
    service = max(process_ticks(services) - services_before, 0) / CLOCK_TICKS
    # wrk is the only child reaped meanwhile, so this is its CPU time.
    load = _children_cpu_seconds() - children_before
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr}")
    other = max(busy - server - service - load, 0)
    share = CpuShare(
        server=server / elapsed, services=service / elapsed, wrk=load / elapsed, other=other / elapsed,
        server_seconds=server, services_seconds=service,
    )  # fmt: skip
    return result.stdout, share


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --- the server ---------------------------------------------------------------


def stop_group(process: subprocess.Popen, grace: float = 15) -> None:
    """TERM to the process's whole group (it was started in a session of its
    own), KILL after ``grace`` seconds, then KILL whatever of the group is left
    (workers whose main process died first)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def wait_until_answers(process: subprocess.Popen, port: int, path: str, seconds: float, output, name: str) -> None:
    """Until GET ``path`` answers 200; an error with ``output()`` if the process exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited ({process.returncode}):\n{output()}")
        try:
            if get(port, path)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not answer {path} within {seconds:.0f} s")


def process_tree(root: int) -> list[tuple[int, str, int]]:
    """(pid, role, RSS in KiB) for ``root`` ("main") and every process under it ("worker")."""
    found = []

    def walk(pid: int, role: str):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return
        rss = re.search(r"VmRSS:\s+(\d+) kB", status)
        found.append((pid, role, int(rss.group(1)) if rss else 0))
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                children = Path(f"/proc/{pid}/task/{task.name}/children").read_text().split()
            except OSError:
                continue
            for child in children:
                walk(int(child), "worker")

    walk(root, "main")
    return found


class Server:
    """granian as ``manage.py serve`` starts it, in its own process group."""

    def __init__(
        self, env: dict, port: int, workers: int, log_path: Path, blocking_threads: int = 1, extra_args=()
    ):  # fmt: skip
        self.env, self.port, self.workers, self.log_path = env, port, workers, log_path
        self.blocking_threads = blocking_threads
        # Beyond what ``manage.py serve`` passes (bench/faults.py: worker respawn).
        self.extra_args = list(extra_args)
        self.process = None

    def start(self) -> None:
        args = [
            PYTHON, "-m", "granian", "--interface", "wsgi", "masthead.wsgi:application",
            "--host", HOST, "--port", str(self.port), "--workers", str(self.workers),
            "--blocking-threads", str(self.blocking_threads), "--backpressure", "64",
            "--no-ws", "--log-level", "warning", *self.extra_args,
        ]  # fmt: skip
        self._log = open(self.log_path, "a")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        wait_until_answers(self.process, self.port, "/healthz", 60, lambda: self.log_path.read_text()[-3000:], "granian")

    def processes(self) -> list[tuple[int, str, int]]:
        """(pid, role, RSS in KiB) for the granian main process and everything under it."""
        return process_tree(self.process.pid) if self.process is not None else []

    def stop(self) -> None:
        if self.process is None:
            return
        stop_group(self.process)
        self._log.close()
        self.process = None


# --- a site and its readers -----------------------------------------------------

@dataclass
class Row:
    backend: str
    page: str
    path: str
    result: WrkResult
    cpu: CpuShare

    @property
    def cpu_ms_per_request(self) -> float:
        """The web workers' CPU time per request (PostgreSQL and Redis not included)."""
        return self.cpu.server_seconds * 1000 / self.result.requests if self.result.requests else 0.0


@dataclass
class BackendRun:
    backend: str
    rows: list = field(default_factory=list)
    workers_rss_kib: list = field(default_factory=list)
    main_rss_kib: int = 0
    notes: list = field(default_factory=list)




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


def wrk_line(options) -> str:
    return (
        f"wrk -t{options.threads} -c{options.connections} -d{options.duration}s --latency "
        f"(after {options.warmup}s warm-up); granian --workers {options.workers} "
        f"--blocking-threads {options.blocking_threads}"
    )


def pick_slugs(env: dict) -> list[str]:
    output = run([PYTHON, "manage.py", "shell", "-c", SLUGS_QUERY], env=env, capture=True)
    match = re.search(r"^SLUGS=(.*)$", output, re.M)
    slugs = json.loads(match.group(1)) if match else []
    if len(slugs) < FREE_LIMIT + 2:
        raise RuntimeError(f"need {FREE_LIMIT + 2} fresh free articles, found {len(slugs)}")
    return slugs


def set_up_readers(port: int, slugs: list[str]) -> tuple[tuple[str, str], tuple[str, str]]:
    """(path, Cookie header) for (a) a reader under the limit and (b) one over it."""
    metered_path = f"/articles/{slugs[0]}/"
    status, headers, body = get(port, metered_path)
    if status != 200:
        raise RuntimeError(f"{metered_path} answered {status}")
    under = reader(reader_cookie(headers))
    status, _, body = get(port, metered_path, under)
    if status != 200 or PAYWALL_TEXT in body or METER_TEXT not in body:
        raise RuntimeError(f"(a) {metered_path} is not the full text with the meter notice (status {status})")

    # Reader (b) uses up the free articles on five others, then meets the paywall.
    used = slugs[1 : 1 + FREE_LIMIT]
    status, headers, _ = get(port, f"/articles/{used[0]}/")
    over = reader(reader_cookie(headers))
    for slug in used[1:]:
        status, _, body = get(port, f"/articles/{slug}/", over)
        if status != 200 or PAYWALL_TEXT in body:
            raise RuntimeError(f"(b) set-up: /articles/{slug}/ should still be free (status {status})")
    paywalled_path = f"/articles/{slugs[1 + FREE_LIMIT]}/"
    status, _, body = get(port, paywalled_path, over)
    if status != 200 or PAYWALL_TEXT not in body:
        raise RuntimeError(f"(b) {paywalled_path} is not the paywall (status {status})")
    return (metered_path, under), (paywalled_path, over)


def returning_reader(port: int, slugs: list[str], path: str) -> str:
    """The Cookie header of a reader who read another article and then
    ``path``, as it was before ``path``: its receipt does not name ``path``,
    so every request for it goes to the meter store (a count that answers
    "counted before")."""
    _, headers, _ = get(port, f"/articles/{slugs[-1]}/")
    before = reader(reader_cookie(headers))
    status, _, body = get(port, path, before)
    if status != 200 or PAYWALL_TEXT in body or METER_TEXT not in body:
        raise RuntimeError(f"(r) {path} is not the full text with the meter notice (status {status})")
    return before


def check_after(port: int, metered, paywalled) -> list[str]:
    """The run must not have changed what each reader sees."""
    problems = []
    status, _, body = get(port, metered[0], metered[1])
    if status != 200 or PAYWALL_TEXT in body or METER_TEXT not in body:
        problems.append(f"after the run (a) {metered[0]} is no longer the metered full text (status {status})")
    status, _, body = get(port, paywalled[0], paywalled[1])
    if status != 200 or PAYWALL_TEXT not in body:
        problems.append(f"after the run (b) {paywalled[0]} is no longer the paywall (status {status})")
    return problems



# --- one measurement ----------------------------------------------------------


def measure(wrk_path: str, url: str, cookie, *, label: str, options, quiet: QuietWait, server, services=()):
    """wrk against ``url`` after a quiet second and a warm-up, taken again when
    other processes disturbed it (within ``quiet``'s retries). Returns
    (wrk's output, its figures, the CPU shares)."""
    common = dict(cookie=cookie, threads=options.threads, connections=options.connections)
    log(f"{label}: warm-up {options.warmup}s, then {options.duration}s")
    while True:
        quiet()
        if options.warmup:
            wrk(wrk_path, url, seconds=options.warmup, latency=False, **common)
        server_pids = [pid for pid, _, _ in server.processes()] if server is not None else []
        output, cpu = wrk(wrk_path, url, seconds=options.duration, server_pids=server_pids, services=services, **common)
        if options.verbose:
            print(output, file=sys.stderr)
        if cpu.other <= NOISY_CORES or quiet.retries_left <= 0:
            return output, parse_wrk(output), cpu
        quiet.retries_left -= 1
        log(f"{label}: other processes used {cpu.other:.2f} cores meanwhile: measuring again")


def measure_pages(outcome: "BackendRun", pages, *, site, server, wrk_path: str, options, quiet: QuietWait) -> None:
    """``measure`` each (label, path, Cookie header) on the site's server, in
    order, adding a Row per page to ``outcome``; then the workers' memory."""
    for label, path, cookie in pages:
        _, result, cpu = measure(
            wrk_path, f"http://{HOST}:{server.port}{path}", cookie,
            label=f"{outcome.backend}: {label}", options=options, quiet=quiet, server=server, services=site.services,
        )  # fmt: skip
        outcome.rows.append(Row(outcome.backend, label, path, result, cpu))
    outcome.main_rss_kib, outcome.workers_rss_kib = memory(server)


def memory(server) -> tuple[int, list[int]]:
    """RSS in KiB of granian's main process and of each worker."""
    main_kib, workers = 0, []
    for _pid, role, rss in server.processes():
        if role == "main":
            main_kib = rss
        else:
            workers.append(rss)
    return main_kib, workers


# --- nginx serving one static file (the hardware's ceiling) ---------------------

NGINX_CONFIG = """
{user}
daemon off;
worker_processes {workers};
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
{temp_paths}
  default_type text/html;
  server {{
    listen {host}:{port};
    root {root}/www;
  }}
}}
"""


class StaticNginx:
    """A throw-away nginx in a temporary folder serving ``page.html``, with as
    many workers as granian has: the most this machine can send of a page that
    size."""

    def __init__(self, html: str, workers: int):
        self.nginx = ensure_tool("nginx", "nginx-light")
        self.root = Path(tempfile.mkdtemp(prefix="masthead-bench-nginx-"))
        (self.root / "www").mkdir()
        (self.root / "www" / "page.html").write_text(html)
        self.port = free_port()
        # Started as root, nginx's workers would switch to an account that
        # cannot read this private folder: keep them as our own user.
        user = "user root root;" if os.geteuid() == 0 else ""
        # Every temporary folder inside ours: nginx's defaults are the system's.
        temp_paths = "\n".join(
            f"  {kind}_temp_path {self.root}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        config = NGINX_CONFIG.format(
            user=user, workers=workers, root=self.root, host=HOST, port=self.port, temp_paths=temp_paths
        )
        (self.root / "nginx.conf").write_text(config)
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.nginx, "-p", str(self.root), "-c", str(self.root / "nginx.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
        wait_until_answers(self.process, self.port, "/page.html", 10, lambda: self.process.stderr.read().decode()[-2000:], "nginx")

    def processes(self) -> list[tuple[int, str, int]]:
        return process_tree(self.process.pid) if self.process is not None else []

    def stop(self) -> None:
        if self.process is not None:
            stop_group(self.process)
        self.process = None
        shutil.rmtree(self.root, ignore_errors=True)


# --- command line -------------------------------------------------------------


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
                {"page": r.page, "path": r.path, **vars(r.result), "cpu": vars(r.cpu),
                 "cpu_ms_per_request": r.cpu_ms_per_request}
                for r in o.rows
            ],  # fmt: skip
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


# --- scripts that time one job in a child process ----------------------------------


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
        _, production, cleanup = scratch_environments("scaled" if backend == "postgres" else "sqlite", data_dir, options)
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
        print(f"\nprofiles (cProfile; .prof for pstats or snakeviz, .txt the top functions): {options.profile}/<backend>/")
    print(f"\ntotal time {time.monotonic() - started:.0f} s")
    return 1 if any(r["problems"] for r in results) else 0
