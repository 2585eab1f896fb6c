"""CPU accounting from /proc: the machine's busy time, a group of processes'
time, PostgreSQL's and Redis's processes, and the wait for a quiet machine
before a measurement (the machine may be shared)."""

import os
import time
from dataclasses import dataclass
from pathlib import Path

from common.helpers import log

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
