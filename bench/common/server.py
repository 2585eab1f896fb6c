"""The production web server as ``manage.py serve`` starts it, and what any
server started here needs: its whole process group stopped, a wait until it
answers, and its processes' memory."""

import os
import re
import signal
import subprocess
import time
from pathlib import Path

from common.helpers import HOST, PYTHON, ROOT, get


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
        wait_until_answers(
            self.process, self.port, "/healthz", 60, lambda: self.log_path.read_text()[-3000:], "granian"
        )

    def processes(self) -> list[tuple[int, str, int]]:
        """(pid, role, RSS in KiB) for the granian main process and everything under it."""
        return process_tree(self.process.pid) if self.process is not None else []

    def stop(self) -> None:
        if self.process is None:
            return
        stop_group(self.process)
        self._log.close()
        self.process = None
