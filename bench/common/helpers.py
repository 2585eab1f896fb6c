"""What every script needs around it: where the project is, a log line, a
command run to completion, a free loopback port, a Debian tool installed when
it is missing, an environment with no Masthead setting leaking in, and a GET
on the loopback."""

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(args, *, env, timeout=300, capture=False):
    result = subprocess.run(
        args, check=False, cwd=ROOT, env=env, timeout=timeout, text=True,
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
    if subprocess.run(install, check=False, env=env, stdout=subprocess.DEVNULL).returncode != 0:
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
        if name.startswith("MASTHEAD_") or name in {
            "DATABASE_URL",
            "REDIS_URL",
            "SECRET_KEY",
            "DJANGO_SETTINGS_MODULE",
        }:
            continue
        keep[name] = value
    keep["PYTHONUNBUFFERED"] = "1"
    return keep


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
