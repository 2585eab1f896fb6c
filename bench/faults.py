"""Steady load with faults on PostgreSQL + Redis, then killed job workers.

One command starts a PRIVATE PostgreSQL cluster (initdb in a temporary folder,
on a free loopback port, as the postgres user when run as root) and a PRIVATE
redis-server (append-only file on, free loopback port) — the machine's own
services are never stopped — builds the demo site on them (as bench/paywall.py
does) and starts the production web server as ``manage.py serve`` does
(granian, 2 workers), with ``--respawn-failed-workers`` unless ``--no-respawn``.

Then it keeps wrk loading article pages (100 anonymous readers, each reading
any of 20 fresh articles, so the meter is written all the time) through:

  steady       the load alone: every answer must be a 200
  kill worker  one granian worker killed with SIGKILL mid-load
  redis        Redis shut down, kept down ``--redis-outage`` s (5), started again
  postgres     PostgreSQL stopped (fast), kept down ``--pg-outage`` s (15: longer
               than the connection pool's 10 s wait), started again

with a steady phase after each fault, which must be clean again (the site
recovers by itself). During a fault only 200 and 503 are allowed and no answer
may carry a stack trace; a prober records when the 503s began and ended. Each
worker's memory is sampled every ``--sample-every`` seconds. Afterwards the
meter in Redis is checked: no reader above the limit, no article counted twice
in a reader's month, and a prober's readers never read more than the limit in
full.

Last, the job workers: a renewal batch (through ``billing_clock_tick``, with a
provider stub that logs every charge to a file and answers in 2 ms) and a
newsletter send (``send_issue``, to an aiosmtpd server in this process that
takes 2 ms a message) are each killed with SIGKILL a third of the way through
and run again: nobody may be charged twice or mailed twice, every renewal must
be paid once, and every reader must get the issue at most once.

    .venv/bin/python bench/faults.py [--duration 600] [--redis-outage 5] [--pg-outage 15]
    .venv/bin/python bench/faults.py --duration 30 --renewals 300 --recipients 300   # a short run

Loopback only; every process it starts is stopped and every folder removed,
on error and on Ctrl+C too. See bench/README.md.
"""

import argparse
import asyncio
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from billing import InstantProvider, write_subscriptions
from common.cli import machine_line, script
from common.helpers import HOST, PYTHON, ensure_wrk, free_port, get, log, run
from common.jobs import setup_django
from common.readers import (
    FREE_LIMIT,
    PAYWALL_TEXT,
    pick_slugs,
    reader,
    reader_cookie,
    reader_cookie_sent,
)
from common.server import stop_group
from common.site import throwaway_site
from newsletters import write_issue

READERS = 100
PROBE_READERS = 4
STEADY_SHARES = (0.4, 0.2, 0.2, 0.2)  # of --duration: before the faults and after each


# --- private services -------------------------------------------------------------------


def _as_postgres(args: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run its tools as postgres."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


class PrivatePostgres:
    """A PostgreSQL cluster of our own in a temporary folder (trust auth, loopback)."""

    def __init__(self):
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        if not versions:
            raise RuntimeError("PostgreSQL's server programs are missing (Debian's postgresql package)")
        self.bin = versions[-1].parent
        self.root = Path(tempfile.mkdtemp(prefix="masthead-faults-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self.started = False

    def init(self) -> None:
        subprocess.run(
            _as_postgres([str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]),
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses={HOST} -c fsync=on"
        subprocess.run(
            _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
                          "-l", str(self.root / "server.log"), "-w", "-t", "60", "start"]),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        self.started = True

    def stop(self) -> None:
        if self.started:
            subprocess.run(
                _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]),
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )  # fmt: skip
            self.started = False

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


class PrivateRedis:
    """A redis-server of our own (append-only file on, so a restart keeps the meter)."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="masthead-faults-redis-"))
        self.port = free_port()
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", HOST, "--dir", str(self.root),
             "--appendonly", "yes", "--save", "", "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self._cli("ping") == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("the private redis-server did not start")

    def _cli(self, *args) -> str:
        result = subprocess.run(["redis-cli", "-h", HOST, "-p", str(self.port), *args], capture_output=True, text=True)
        return result.stdout.strip()

    def stop(self) -> None:
        if self.process is not None:
            self._cli("shutdown")  # writes the append-only file out, then exits
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
            stop_group(self.process)
            self.process = None

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


# --- load ---------------------------------------------------------------------------------

WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  counts = {}
  traces = 0
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end
local readers = {READERS}
local paths = {PATHS}
request = function()
  local r = readers[math.random(#readers)]
  local p = paths[math.random(#paths)]
  return wrk.format("GET", p, {["Cookie"] = "mh_reader=" .. r})
end
response = function(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  if body and string.find(body, "Traceback", 1, true) then traces = traces + 1 end
end
done = function(summary, latency, requests)
  local total = {}
  local found = 0
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("counts")) do total[code] = (total[code] or 0) + n end
    found = found + t:get("traces")
  end
  for code, n in pairs(total) do io.write(string.format("STATUS %d %d\\n", code, n)) end
  io.write(string.format("TRACES %d\\n", found))
  io.write(string.format("SOCKET_ERRORS %d\\n", summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
"""


def _lua_strings(values) -> str:
    return "{" + ", ".join('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' for value in values) + "}"


@dataclass
class Phase:
    name: str
    seconds: float
    fault: bool
    statuses: Counter = field(default_factory=Counter)
    traces: int = 0
    socket_errors: int = 0
    events: list = field(default_factory=list)
    # (seconds into the phase, "article" or "search", status, seconds the request took)
    probes: list = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    def problems(self) -> list[str]:
        found = []
        allowed = {200, 503} if self.fault else {200}
        wrong = {code: n for code, n in self.statuses.items() if code not in allowed}
        if wrong:
            found.append(f"{self.name}: answers other than {sorted(allowed)}: {wrong}")
        if self.traces:
            found.append(f"{self.name}: {self.traces} answers carried a stack trace")
        if not self.fault and self.socket_errors:
            found.append(f"{self.name}: {self.socket_errors} socket errors")
        if not self.requests:
            found.append(f"{self.name}: no answer at all")
        # The prober's own requests: 0 is a dropped connection (a killed worker).
        probe_allowed = {0, 200, 503} if self.fault else {200}
        odd = Counter(status for _, _, status, _ in self.probes if status not in probe_allowed)
        if odd:
            found.append(f"{self.name}: the prober got {dict(odd)}")
        return found

    def outage_window(self) -> str:
        seen = []
        for kind in ("article", "search"):
            mine = [probe for probe in self.probes if probe[1] == kind]
            bad = [(t, status) for t, _, status, _ in mine if status != 200]
            slowest = max((took for *_, took in mine), default=0)
            if bad:
                codes = ", ".join(f"{code or 'no answer'} x{n}" for code, n in Counter(s for _, s in bad).items())
                seen.append(f"{kind}: {codes} from {bad[0][0]:.1f} to {bad[-1][0]:.1f} s, slowest {slowest:.1f} s")
            else:
                seen.append(f"{kind}: all 200, slowest {slowest:.1f} s")
        return "prober " + "; ".join(seen)


def run_wrk(wrk_path: str, script_path: Path, port: int, seconds: float, connections: int, phase: Phase) -> None:
    args = [wrk_path, "-t2", f"-c{connections}", f"-d{max(int(seconds), 1)}s", "--timeout", "10s",
            "-s", str(script_path), f"http://{HOST}:{port}/"]  # fmt: skip
    result = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60)
    if result.returncode < 0:
        # Stopped by a signal with the rest of us (Ctrl+C reaches the whole group).
        phase.events.append(f"wrk stopped by signal {-result.returncode}")
        return
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr}")
    for code, count in re.findall(r"^STATUS (\d+) (\d+)$", result.stdout, re.M):
        phase.statuses[int(code)] += int(count)
    phase.traces = int(re.search(r"^TRACES (\d+)$", result.stdout, re.M).group(1))
    phase.socket_errors = int(re.search(r"^SOCKET_ERRORS (\d+)$", result.stdout, re.M).group(1))


class Prober(threading.Thread):
    """Four readers of its own, each reading the 20 articles in turn, one
    article every quarter second, and a search (which reads the database on
    every request, where an article page may come from caches) every half
    second: what each reader was shown, and when requests failed. Each reader
    keeps the newest reader cookie it is sent, as a browser does, so its
    re-reads are answered from the cookie's receipt where they can be."""

    SEARCH = "/search/?q=rupee"

    def __init__(self, port: int, paths: list[str], cookies: list[str]):
        super().__init__(daemon=True)
        self.port, self.paths, self.cookies = port, paths, list(cookies)
        self.full_text: list[set] = [set() for _ in cookies]
        self.phase: Phase | None = None
        self.phase_started = 0.0
        self.stopping = threading.Event()

    def run(self) -> None:
        turn = 0
        while not self.stopping.wait(0.25):
            which = turn % len(self.cookies)
            path = self.paths[(turn // len(self.cookies)) % len(self.paths)]
            status, headers, body = self._probe("article", path, reader(self.cookies[which]))
            if status == 200 and PAYWALL_TEXT not in body:
                self.full_text[which].add(path)
            if headers is not None:
                self.cookies[which] = reader_cookie_sent(headers) or self.cookies[which]
            if turn % 2:
                self._probe("search", self.SEARCH, None)
            turn += 1

    def _probe(self, kind: str, path: str, cookie: str | None) -> tuple[int, object, str]:
        sent = time.monotonic()
        try:
            status, headers, body = get(self.port, path, cookie)
        except OSError:
            status, headers, body = 0, None, ""
        phase = self.phase
        if phase is not None:
            phase.probes.append((sent - self.phase_started, kind, status, time.monotonic() - sent))
            if "Traceback" in body:
                phase.traces += 1
        return status, headers, body


class MemorySampler(threading.Thread):
    def __init__(self, server, every: float):
        super().__init__(daemon=True)
        self.server, self.every = server, every
        self.samples: list[tuple[float, list[int]]] = []
        self.baseline = 0
        self.started = time.monotonic()
        self.stopping = threading.Event()

    def sample(self) -> None:
        workers = [rss for _, role, rss in self.server.processes() if role == "worker"]
        self.samples.append((time.monotonic() - self.started, workers))

    def run(self) -> None:
        self.sample()
        while not self.stopping.wait(self.every):
            self.sample()


# --- the faults -----------------------------------------------------------------------------


def kill_a_worker(server, phase: Phase) -> None:
    workers = [pid for pid, role, _ in server.processes() if role == "worker"]
    if not workers:
        phase.events.append("no worker to kill")
        return
    os.kill(workers[0], signal.SIGKILL)
    phase.events.append(f"worker {workers[0]} killed")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        time.sleep(0.5)
        if server.process.poll() is not None:
            # granian without --respawn-failed-workers shuts down entirely.
            phase.events.append("granian exited when one worker died: the whole server was restarted")
            server.stop()
            server.start()
            return
        now = [pid for pid, role, _ in server.processes() if role == "worker"]
        if len(now) == len(workers) and workers[0] not in now:
            phase.events.append(f"granian started a new worker ({sorted(set(now) - set(workers))[0]})")
            return
    phase.events.append("no new worker within 20 s")


def outage(stop, start, seconds: float, what: str, phase: Phase) -> None:
    stop()
    phase.events.append(f"{what} stopped")
    time.sleep(seconds)
    start()
    phase.events.append(f"{what} started again after {seconds:.0f} s")


def run_phase(phase: Phase, wrk_job, prober: Prober, action=None, after: float = 3.0) -> Phase:
    log(f"phase {phase.name}: {phase.seconds:.0f} s")
    prober.phase, prober.phase_started = phase, time.monotonic()
    load = threading.Thread(target=wrk_job, args=(phase,))
    load.start()
    try:
        if action is not None:
            time.sleep(after)
            action(phase)
    finally:
        load.join()
        prober.phase = None
    return phase


# --- the meter afterwards -------------------------------------------------------------------


def meter_problems(redis_url: str, prober: Prober) -> tuple[list[str], str]:
    import redis

    client = redis.Redis.from_url(redis_url)
    readers = over = doubled = 0
    for key in client.scan_iter(match="*:meter:*", count=1000):
        if key.endswith(b":order"):
            continue
        readers += 1
        views, ordered = client.scard(key), client.zcard(key + b":order")
        over += views > FREE_LIMIT
        # The set is what counts; the ordered set records each first view once.
        doubled += views != ordered
    problems = []
    if over:
        problems.append(f"meter: {over} readers above the limit of {FREE_LIMIT}")
    if doubled:
        problems.append(f"meter: {doubled} readers whose views and first-view records disagree")
    if not readers:
        problems.append("meter: no reader's month found in Redis")
    for paths in prober.full_text:
        if len(paths) > FREE_LIMIT:
            problems.append(f"meter: a probing reader read {len(paths)} articles in full (limit {FREE_LIMIT})")
    summary = (f"{readers} readers' months in Redis; probing readers read "
               f"{sorted(len(p) for p in prober.full_text)} articles in full")  # fmt: skip
    return problems, summary


# --- killed job workers ---------------------------------------------------------------------


def job_child(options) -> None:
    """In a child process, on the faults site: one step of the job checks."""
    setup_django(migrate=False)
    from django.utils import timezone

    if options.job == "renewals-setup":
        write_subscriptions(options.count, timezone.now())
    elif options.job == "renewals":
        from masthead.subscriptions.billing import billing_clock_tick

        # A rerun comes after the dead worker's claim has expired (10 minutes).
        now = timezone.now() + timedelta(minutes=options.later)
        billing_clock_tick(now=now, provider=LoggingProvider(options.charge_log))
    elif options.job == "newsletter-setup":
        issue = write_issue(options.count, timezone.now())
        print(f"ISSUE={issue.pk}")
    elif options.job == "newsletter":
        from masthead.newsletters.tasks import send_issue

        send_issue.call_local(options.issue)


class LoggingProvider(InstantProvider):
    """billing.py's instant provider, but every charge is appended to a file
    (one write each, so a killed process loses none) and takes 2 ms; asked
    for an earlier charge, it answers from that file, as a real provider
    answers from its own records."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def charge(self, *, saved, amount, key, description):
        from masthead.payments.providers.base import ChargeResult

        time.sleep(0.002)
        os.write(self.fd, f"{key}\n".encode())
        return ChargeResult(succeeded=True, payment_id=f"pi_{key}")

    def find_charge(self, *, key):
        from masthead.payments.providers.base import ChargeResult

        charged = key in self.path.read_text().split()
        return ChargeResult(succeeded=True, payment_id=f"pi_{key}") if charged else None


def kill_midway(args: list[str], env: dict, progress, target: int, what: str, timeout: float = 600) -> str:
    """Starts the job, SIGKILLs it once ``progress()`` reaches ``target``."""
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return f"{what}: the job finished before it could be killed ({progress()} done)"
            if progress() >= target:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
                return f"{what}: job killed with SIGKILL after {progress()} of the items"
            time.sleep(0.05)
        return f"{what}: the job never reached {target} items"
    finally:
        stop_group(process)


def renewal_check(site, options) -> tuple[list[str], list[str]]:
    env = dict(site.production)
    charge_log = site.data_dir / "charges.log"
    job = [PYTHON, __file__, "--job"]
    count = options.renewals
    run([*job, "renewals-setup", "--count", str(count)], env=env, timeout=1800)

    def charged():
        return len(charge_log.read_text().split()) if charge_log.exists() else 0

    notes = [kill_midway([*job, "renewals", "--charge-log", str(charge_log)], env, charged, count // 3, "renewals")]
    run([*job, "renewals", "--charge-log", str(charge_log), "--later", "11"], env=env, timeout=3600)
    keys = Counter(charge_log.read_text().split())
    twice = [key for key, n in keys.items() if n > 1]
    output = run([PYTHON, "manage.py", "shell", "-c", RENEWAL_QUERY], env=env, capture=True)
    facts = dict(re.findall(r"^(\w+)=(\d+)$", output, re.M))
    problems = []
    if twice:
        problems.append(f"renewals: {len(twice)} charged twice")
    if len(keys) != count or facts.get("renewed") != str(count) or facts.get("paid") != str(count):
        problems.append(f"renewals: {len(keys)} charged, facts {facts} (expected {count} each)")
    if facts.get("orphans") != "0" or facts.get("invoices") != str(count):
        problems.append(f"renewals: {facts.get('orphans')} paid renewals without a renewed subscription, "
                        f"{facts.get('invoices')} invoices")  # fmt: skip
    notes.append(f"renewals: after the rerun {len(keys)} charges for {count} renewals, none twice; {facts}")
    return problems, notes


RENEWAL_QUERY = """
from masthead.invoicing.models import Invoice
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import Subscription
paid = Payment.objects.filter(subscription__plan__slug="bench-monthly", status=PaymentStatus.SUCCEEDED)
print("paid=%d" % paid.count())
print("renewed=%d" % Subscription.objects.filter(plan__slug="bench-monthly", term_number=2).count())
print("orphans=%d" % paid.exclude(subscription__term_number__gte=2).count())
print("invoices=%d" % Invoice.objects.filter(payment__in=paid).count())
"""


class SlowCountingHandler:
    """aiosmtpd handler: 2 ms a message, counts each recipient, keeps nothing."""

    def __init__(self):
        self.recipients = Counter()

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.002)
        self.recipients.update(envelope.rcpt_tos)
        return "250 OK"


def newsletter_check(site, options) -> tuple[list[str], list[str]]:
    from aiosmtpd.controller import Controller

    count = options.recipients
    handler = SlowCountingHandler()
    port = free_port()
    controller = Controller(handler, hostname=HOST, port=port)
    controller.start()
    try:
        lease = 2
        env = dict(
            site.production, MASTHEAD_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            MASTHEAD_EMAIL_HOST=HOST, MASTHEAD_EMAIL_PORT=str(port), MASTHEAD_SITE_URL="https://news.example.test",
            MASTHEAD_NEWSLETTER_LEASE_SECONDS=str(lease),
        )  # fmt: skip
        job = [PYTHON, __file__, "--job"]
        output = run([*job, "newsletter-setup", "--count", str(count)], env=env, capture=True, timeout=1800)
        issue = re.search(r"^ISSUE=(\d+)$", output, re.M).group(1)

        def mailed():
            return sum(handler.recipients.values())

        notes = [kill_midway([*job, "newsletter", "--issue", issue], env, mailed, count // 3, "newsletter")]
        time.sleep(lease + 1)  # the dead worker's lease runs out
        run([*job, "newsletter", "--issue", issue], env=env, timeout=3600)
    finally:
        controller.stop()
    twice = [address for address, n in handler.recipients.items() if n > 1]
    output = run([PYTHON, "manage.py", "shell", "-c", NEWSLETTER_QUERY.replace("ISSUE", issue)], env=env, capture=True)
    facts = dict(re.findall(r"^(\w+)=(\w+)$", output, re.M))
    problems = []
    if twice:
        problems.append(f"newsletter: {len(twice)} readers mailed twice")
    sent, unconfirmed, mailed = int(facts.get("sent", -1)), int(facts.get("unconfirmed", -1)), len(handler.recipients)
    # Every delivery ends sent or, for the one(s) the killed worker was handing
    # over, unconfirmed: the server may or may not have taken those.
    if facts.get("status") != "sent" or sent + unconfirmed != count or not sent <= mailed <= sent + unconfirmed:
        problems.append(f"newsletter: {mailed} readers mailed of {count}, facts {facts}")
    notes.append(f"newsletter: {mailed} of {count} readers mailed once, none twice; {sent} deliveries sent, "
                 f"{unconfirmed} left unconfirmed by the killed worker (never sent again: at most once)")  # fmt: skip
    return problems, notes


NEWSLETTER_QUERY = """
from masthead.newsletters.models import Issue
issue = Issue.objects.get(pk=ISSUE)
print("status=%s" % issue.status)
print("sent=%d" % issue.sent_count)
print("unconfirmed=%d" % issue.unconfirmed_count)
"""


# --- the run --------------------------------------------------------------------------------


def readers_for(port: int, path: str, count: int) -> list[str]:
    cookies = []
    for _ in range(count):
        status, headers, _ = get(port, path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        cookies.append(reader_cookie(headers))
    return cookies


def bench(options) -> int:
    wrk_path = ensure_wrk()
    postgres, redis_server = PrivatePostgres(), PrivateRedis()
    phases: list[Phase] = []
    problems, notes = [], []
    sampler = prober = None
    try:
        log(f"private PostgreSQL on port {postgres.port}, private Redis on port {redis_server.port}")
        postgres.init()
        redis_server.start()
        services = argparse.Namespace(
            **vars(options), pg_host=HOST, pg_port=postgres.port, pg_user="postgres",
            redis_host=HOST, redis_port=redis_server.port, redis_db=0, port=0, blocking_threads=1,
        )  # fmt: skip
        respawn = ["--respawn-failed-workers", "--respawn-interval", "1"] if options.respawn else []
        with throwaway_site("scaled", services, "faults") as site, site.serving(respawn) as server:
            slugs = pick_slugs(site.production)
            paths = [f"/articles/{slug}/" for slug in slugs]
            log(f"{READERS + PROBE_READERS} readers take their cookies")
            cookies = readers_for(server.port, paths[0], READERS + PROBE_READERS)
            script_path = site.data_dir / "load.lua"
            script_path.write_text(
                WRK_SCRIPT.replace("{READERS}", _lua_strings(cookies[:READERS])).replace("{PATHS}", _lua_strings(paths))
            )
            prober = Prober(server.port, paths, cookies[READERS:])
            sampler = MemorySampler(server, options.sample_every)
            prober.start()
            sampler.start()

            def load(seconds):
                return lambda phase: run_wrk(wrk_path, script_path, server.port, seconds, options.connections, phase)

            steady = [options.duration * share for share in STEADY_SHARES]
            plan = [
                (Phase("steady", steady[0], False), None),
                (Phase("kill worker", 25, True), lambda phase: kill_a_worker(server, phase)),
                (Phase("steady after worker", steady[1], False), None),
                (Phase("redis restart", options.redis_outage + 12, True),
                 lambda phase: outage(redis_server.stop, redis_server.start, options.redis_outage, "Redis", phase)),
                (Phase("steady after redis", steady[2], False), None),
                (Phase("postgres stop", options.pg_outage + 12, True),
                 lambda phase: outage(postgres.stop, postgres.start, options.pg_outage, "PostgreSQL", phase)),
                (Phase("steady after postgres", steady[3], False), None),
            ]  # fmt: skip
            for phase, action in plan:
                phases.append(run_phase(phase, load(phase.seconds), prober, action))
                sampler.sample()
                if len(phases) == 1:
                    sampler.baseline = len(sampler.samples) - 1  # warmed up: the reference for "flat"
            prober.stopping.set()
            sampler.stopping.set()
            prober.join(timeout=5)
            for phase in phases:
                problems += phase.problems()
            found, summary = meter_problems(site.production["REDIS_URL"], prober)
            problems += found
            notes.append(summary)

            for check in (renewal_check, newsletter_check):
                log(f"job workers: {check.__name__}")
                found, said = check(site, options)
                problems += found
                notes += said
    finally:
        for thread in (prober, sampler):
            if thread is not None:
                thread.stopping.set()
        redis_server.remove()
        postgres.remove()
    report(phases, sampler, problems, notes, options)
    return 1 if problems else 0


def report(phases, sampler, problems, notes, options) -> None:
    print()
    print(f"wrk -t2 -c{options.connections}, {READERS} readers x 20 articles; Redis down {options.redis_outage} s, "
          f"PostgreSQL down {options.pg_outage} s; "
          f"granian {'with' if options.respawn else 'WITHOUT'} --respawn-failed-workers")  # fmt: skip
    header = f"{'phase':<24} {'seconds':>7} {'requests':>9} {'200':>8} {'503':>7} {'other':>6} {'sock err':>8}  events"
    print(header)
    print("-" * len(header))
    for phase in phases:
        other = phase.requests - phase.statuses[200] - phase.statuses[503]
        events = "; ".join(phase.events)
        if phase.fault:
            events = f"{events}; {phase.outage_window()}"
        print(f"{phase.name:<24} {phase.seconds:>7.0f} {phase.requests:>9} {phase.statuses[200]:>8} "
              f"{phase.statuses[503]:>7} {other:>6} {phase.socket_errors:>8}  {events}")  # fmt: skip
    if sampler is not None and sampler.samples:
        print("\nRSS per web worker (MiB), sampled:")
        for at, workers in sampler.samples:
            print(f"  {at:>6.0f} s  {', '.join(f'{kib / 1024:.0f}' for kib in workers)}")
        at, workers = sampler.samples[sampler.baseline]
        first, last = max(workers, default=0), max(sampler.samples[-1][1], default=0)
        if first:
            print(f"  largest worker: {first / 1024:.0f} MiB after the first steady phase ({at:.0f} s), "
                  f"{last / 1024:.0f} MiB at the end ({(last / first - 1) * 100:+.0f}%)")  # fmt: skip
    print()
    for note in notes:
        print(note)
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("all checks passed" if not problems else f"{len(problems)} problems")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=600, help="seconds of steady load in all (faults add ~1 min)")
    parser.add_argument("--redis-outage", type=int, default=5, help="seconds Redis stays down")
    parser.add_argument(
        "--pg-outage", type=int, default=15,
        help="seconds PostgreSQL stays down (longer than the pool's 10 s wait, so that 503s show)",
    )  # fmt: skip
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (closed loop: the server's pace)")
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes")
    parser.add_argument("--respawn", action=argparse.BooleanOptionalAction, default=True,
                        help="run granian with --respawn-failed-workers (manage.py serve does not, today)")  # fmt: skip
    parser.add_argument("--sample-every", type=float, default=60, help="seconds between memory samples")
    parser.add_argument("--renewals", type=int, default=3000, help="due renewals in the killed billing run")
    parser.add_argument("--recipients", type=int, default=3000, help="readers of the killed newsletter send")
    parser.add_argument("--keep", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--job", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--charge-log", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--later", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--issue", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.job:
        job_child(options)
        return 0
    if not 5 <= options.duration <= 3600 or not 1 <= options.redis_outage <= 60 or not 1 <= options.pg_outage <= 60:
        parser.error("keep --duration within 5-3600 s and the outages within 1-60 s")
    if not 30 <= options.renewals <= 100_000 or not 30 <= options.recipients <= 100_000:
        parser.error("keep --renewals and --recipients within 30-100,000")
    if not 1 <= options.sample_every <= 600:
        parser.error("keep --sample-every within 1-600 s")
    print(machine_line())
    started = time.monotonic()
    code = bench(options)
    print(f"\ntotal time {time.monotonic() - started:.0f} s")
    return code


if __name__ == "__main__":
    script(main)
