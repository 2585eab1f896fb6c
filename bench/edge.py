"""Article pages through the edge (Varnish, deploy/edge) against nginx
serving the same bytes as a static file: what the edge keeps of the
hardware's ceiling while it keeps the paywall.

One command sets up a throw-away site (as ``paywall.py``), starts the
production server with edge keys, Varnish in front of it with
deploy/edge/run-edge, and nginx with the subscriber's page as a file, then
measures with ``wrk`` (default 2 threads, 32 connections), in this order,
``--rounds`` times:

  nginx       the subscriber's article page as a static file
  subscriber  the article for a signed-in subscriber (mt_ent): the edge's
              "subscriber" variant
  re-read     a story an anonymous reader has read this month (mt_rcpt):
              the "full:1-5" variant, the reader's meter note in it
  paywalled   a new story for a reader whose 5 are used (mt_rcpt says so):
              the "wall:p5" variant
  origin      the same three straight from the web workers, for comparison
              (first round only)

    .venv/bin/python bench/edge.py [--backend sqlite|scaled] [--duration 10] [--rounds 2]

The aim (docs/performance.md): every edge page at >= 0.5 of nginx's rate,
p99 under 10 ms; the last table gives each page's median over the rounds. Loopback only; everything it starts it stops.
"""

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import requests
from common.cli import add_server_options, check_server_options, script
from common.cpu import QuietWait
from common.helpers import ROOT, ensure_tool, ensure_wrk, free_port, log
from common.measure import measure
from common.nginx import StaticNginx
from common.readers import pick_slugs, subscriber_session
from common.server import process_tree
from common.site import throwaway_site

EDGE_KEYS = "b1:bench-edge-key-0123456789abcdef0123456789abcdef"
RUN_EDGE = ROOT / "deploy" / "edge" / "run-edge"


class Edge:
    """Varnish with Masthead's VCL in a temporary folder, in front of ``origin_port``."""

    def __init__(self, origin_port: int, varnishd_args: str = ""):
        self.root = Path(tempfile.mkdtemp(prefix="masthead-bench-edge-"))
        self.root.chmod(0o755)
        self.port, self.origin_port = free_port(), origin_port
        self.varnishd_args = ("-j none " if os.geteuid() == 0 else "") + varnishd_args

    def start(self) -> None:
        env = {**os.environ, "MASTHEAD_EDGE_KEYS": EDGE_KEYS, "EDGE_DIR": str(self.root),
               "EDGE_ADMIN": f"127.0.0.1:{free_port()}", "EDGE_VARNISHD_ARGS": self.varnishd_args}  # fmt: skip
        subprocess.run([str(RUN_EDGE), f"127.0.0.1:{self.port}", str(self.origin_port)], env=env, check=True,
                       capture_output=True)  # fmt: skip

    def processes(self):
        pid_file = self.root / "varnish.pid"
        return process_tree(int(pid_file.read_text())) if pid_file.exists() else []

    def stop(self) -> None:
        pid_file = self.root / "varnish.pid"
        if pid_file.exists():
            os.kill(int(pid_file.read_text()), signal.SIGTERM)
            time.sleep(1)
        shutil.rmtree(self.root, ignore_errors=True)


def _visit(base: str, path: str, jar: dict) -> requests.Response:
    """GET with the cookies in ``jar``, keeping what the page sets (by hand:
    the production site's cookies are Secure, and this is plain HTTP)."""
    response = requests.get(base + path, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())})
    jar.update({name: value for name, value in response.cookies.items() if value})
    return response


def _header(jar: dict, names) -> str:
    return "; ".join(f"{name}={jar[name]}" for name in names if name in jar)


def readers(base: str, env: dict, slugs: list[str]) -> dict[str, tuple[str, str]]:
    """(path, Cookie header) for each kind of reader, made through the site itself."""
    name, _, key = subscriber_session(env, "bench-edge-subscriber").partition("=")
    story, walled = f"/articles/{slugs[0]}/", f"/articles/{slugs[6]}/"
    subscriber, rereader, used_up = {name: key}, {}, {}
    _visit(base, story, subscriber)
    _visit(base, story, rereader)
    for slug in slugs[1:7]:
        _visit(base, f"/articles/{slug}/", used_up)
    for kind, jar, cookie in (("subscriber", subscriber, "mt_ent"), ("re-read", rereader, "mt_rcpt"),
                              ("paywalled", used_up, "mt_rcpt")):  # fmt: skip
        if cookie not in jar:
            raise RuntimeError(f"the site gave the {kind} reader no {cookie} cookie")
    return {
        "subscriber": (story, _header(subscriber, ("mt_ent",))),
        "re-read": (story, _header(rereader, ("mt_rcpt", "mh_reader"))),
        "paywalled": (walled, _header(used_up, ("mt_rcpt", "mh_reader"))),
        "origin subscriber": (story, _header(subscriber, (name,))),
        "origin re-read": (story, _header(rereader, ("mh_reader",))),
        "origin paywalled": (walled, _header(used_up, ("mh_reader",))),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "scaled"), default="sqlite")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--varnishd-args", default="", help="more varnishd options, e.g. '-p thread_pools=1'")
    parser.add_argument("--profile", action="store_true",
                        help="after the rounds, where Varnish's CPU goes on each edge page (perf, not counted)")  # fmt: skip
    add_server_options(parser, duration=10, redis_db=6)
    options = parser.parse_args()
    check_server_options(parser, options)
    wrk_path = ensure_wrk()
    if shutil.which("varnishd") is None:
        parser.error("varnishd not found: apt-get install varnish varnish-modules varnish-vmod-digest")
    quiet = QuietWait(options.quiet_wait, options.retries)
    rows, profiles = [], {}
    with throwaway_site(options.backend, options, "edge") as site:
        site.production.update({"MASTHEAD_EDGE_KEYS": EDGE_KEYS})
        with site.serving() as server:
            edge = Edge(server.port, options.varnishd_args)
            edge.start()
            time.sleep(1.1)  # the edge trusts no cookie from the second it started in
            try:
                base = f"http://127.0.0.1:{edge.port}"
                kinds = readers(base, site.production, pick_slugs(site.production))
                for path, cookie in kinds.values():  # warm every variant
                    for _ in range(3):
                        requests.get(base + path, headers={"Cookie": cookie})
                page = requests.get(base + kinds["subscriber"][0], headers={"Cookie": kinds["subscriber"][1]})
                assert page.headers.get("X-Edge", "").startswith("subscriber"), page.headers
                checks = {name: requests.get(base + path, headers={"Cookie": cookie}).headers.get("X-Edge")
                          for name, (path, cookie) in kinds.items() if not name.startswith("origin")}  # fmt: skip
                log(f"edge variants served: {checks}")
                nginx = StaticNginx(page.text, options.workers)
                nginx.start()
                try:
                    for round_ in range(1, options.rounds + 1):
                        measured = [("nginx static, same bytes", f"http://127.0.0.1:{nginx.port}/page.html", None, nginx)]
                        measured += [(f"edge: {name}", base + path, cookie, edge)
                                     for name, (path, cookie) in kinds.items() if not name.startswith("origin")]  # fmt: skip
                        if round_ == 1:
                            measured += [(name, f"http://127.0.0.1:{server.port}{path}", cookie, server)
                                         for name, (path, cookie) in kinds.items() if name.startswith("origin")]  # fmt: skip
                        for label, url, cookie, party in measured:
                            _, result, cpu = measure(wrk_path, url, cookie, label=f"round {round_}: {label}",
                                                     options=options, quiet=quiet, server=party)  # fmt: skip
                            rows.append((round_, label, result, cpu))
                    if options.profile:
                        for name, (path, cookie) in kinds.items():
                            if not name.startswith("origin"):
                                profiles[name] = varnish_profile(wrk_path, base + path, cookie, edge, options)
                finally:
                    nginx.stop()
            finally:
                edge.stop()
    print(f"\n## bench/edge.py, {options.backend}, wrk -t{options.threads} -c{options.connections} "
          f"-d{options.duration}s, {os.cpu_count()} cores\n")  # fmt: skip
    print(f"{'round':>5} {'page':<28} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'÷ nginx':>8} {'others':>7}")
    for round_ in sorted({row[0] for row in rows}):
        ceiling = next(r.requests_per_second for n, label, r, _ in rows if n == round_ and label.startswith("nginx"))
        for n, label, result, cpu in rows:
            if n == round_:
                print(f"{n:>5} {label:<28} {result.requests_per_second:>9.0f} {result.p50_ms:>8.2f} {result.p99_ms:>8.2f}"
                      f" {result.errors:>7} {result.requests_per_second / ceiling:>8.2f} {cpu.other:>7.2f}")  # fmt: skip
    _print_medians(rows)
    for name, shares in profiles.items():
        print(f"\n## where Varnish's CPU goes: edge {name} (perf, % of varnishd's samples, the part and all it calls)\n")
        for symbol, share in shares:
            print(f"{share:>7.1f}%  {symbol}")
    return 0


# The parts of a request worth naming: the VCL's own subroutines (VGC_function_*),
# the vmods they call, Varnish's shared-memory log, header edits, delivery.
_PROFILE_PARTS = re.compile(
    r"^(CNT_Request|VCL_\w+_method|VGC_function_\w+|vmod_\w+|VSLb?v?|VSLb_ts|http_Unset|http_IsHdr|http_GetHdr"
    r"|VRT_SetHdr|HSH_Lookup|V1D_Deliver|__vfprintf_internal)$"
)


def varnish_profile(wrk_path: str, url: str, cookie: str, edge: Edge, options, seconds: int = 6):
    """Varnish's CPU under wrk's load on ``url``, sampled with call graphs:
    (part, % of samples in it and what it calls), biggest first."""
    perf = ensure_tool("perf", "linux-perf")
    data = edge.root / "perf.data"
    pids = ",".join(str(pid) for pid, _, _ in edge.processes())
    load = subprocess.Popen([wrk_path, f"-t{options.threads}", f"-c{options.connections}", f"-d{seconds + 2}s",
                             "-H", f"Cookie: {cookie}", url], stdout=subprocess.DEVNULL)  # fmt: skip
    try:
        time.sleep(1)
        subprocess.run([perf, "record", "-q", "-F", "499", "--call-graph", "dwarf,16384", "-p", pids, "-o", str(data),
                        "--", "sleep", str(seconds)], check=True, capture_output=True)  # fmt: skip
    finally:
        load.wait()
    report = subprocess.run([perf, "report", "-i", str(data), "--children", "--sort", "symbol", "-g", "none",
                             "--stdio"], check=True, capture_output=True, text=True).stdout  # fmt: skip
    shares = []
    for line in report.splitlines():
        fields = line.split()
        if len(fields) >= 4 and fields[0].endswith("%") and fields[2] == "[.]" and _PROFILE_PARTS.match(fields[3]):
            shares.append((fields[3].removeprefix("VGC_function_").replace("_5f_", "_"), float(fields[0][:-1])))
    return sorted(shares, key=lambda item: -item[1])


def _print_medians(rows) -> None:
    """Each edge page over all rounds: its median share of nginx's rate in
    the same round, its median p99, and in how many rounds it met the aim
    (>= 0.5 of nginx, p99 under 10 ms). One round moves with whatever else
    the two cores did meanwhile; the median is the figure to compare."""
    ceilings = {n: r.requests_per_second for n, label, r, _ in rows if label.startswith("nginx")}
    print(f"\n{'over ' + str(len(ceilings)) + ' rounds':<34} {'÷ nginx, median':>16} {'p99 ms, median':>15} {'aim met':>8}")
    for page in dict.fromkeys(label for _, label, _, _ in rows if label.startswith("edge")):
        results = [(r.requests_per_second / ceilings[n], r.p99_ms) for n, label, r, _ in rows if label == page]
        met = sum(1 for share, p99 in results if share >= 0.5 and p99 < 10)
        print(f"{page:<34} {statistics.median(s for s, _ in results):>16.2f} "
              f"{statistics.median(p for _, p in results):>15.2f} {f'{met}/{len(results)}':>8}")  # fmt: skip


if __name__ == "__main__":
    script(main)
