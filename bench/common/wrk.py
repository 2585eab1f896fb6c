"""wrk run against one URL, with the CPU each party used meanwhile, and its
output read into figures."""

import re
import resource
import subprocess
import time
from dataclasses import dataclass, field

from common.cpu import CLOCK_TICKS, CpuShare, busy_ticks, process_ticks

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
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
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


def wrk(
    wrk_path, url, *, cookie, seconds, threads, connections, latency=True, server_pids=(), services=(),
    script=None, script_args=(),
) -> tuple[str, CpuShare]:
    """``script``: a Lua file that makes each request (a path and headers of
    its own), given ``script_args`` after wrk's ``--``."""
    args = [wrk_path, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    if latency:
        args.append("--latency")
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    if script:
        args += ["-s", str(script)]
    args.append(url)
    if script_args:
        args += ["--", *map(str, script_args)]
    children_before = _children_cpu_seconds()
    started, busy_before = time.monotonic(), busy_ticks()
    server_before, services_before = process_ticks(server_pids), process_ticks(services)
    result = subprocess.run(args, check=False, capture_output=True, text=True, timeout=seconds + 30)
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
