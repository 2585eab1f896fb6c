"""One page measured with wrk on a quiet machine, taken again when others
disturbed it, and the figures of a backend's pages with its workers' memory."""

import sys
from dataclasses import dataclass, field

from common.cpu import NOISY_CORES, CpuShare, QuietWait
from common.helpers import HOST, log
from common.wrk import WrkResult, parse_wrk, wrk


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


def measure(wrk_path: str, url: str, cookie, *, label: str, options, quiet: QuietWait, server, services=()):
    """wrk against ``url`` after a quiet second and a warm-up, taken again when
    other processes disturbed it (within ``quiet``'s retries). Returns
    (wrk's output, its figures, the CPU shares)."""
    load = {"cookie": cookie, "threads": options.threads, "connections": options.connections}
    log(f"{label}: warm-up {options.warmup}s, then {options.duration}s")
    while True:
        quiet()
        if options.warmup:
            wrk(wrk_path, url, seconds=options.warmup, latency=False, **load)
        server_pids = [pid for pid, _, _ in server.processes()] if server is not None else []
        output, cpu = wrk(wrk_path, url, seconds=options.duration, server_pids=server_pids, services=services, **load)
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
