"""Varnish with Masthead's VCL (deploy/edge) in front of the test server."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests

from masthead.testing.environment import require

RUN_EDGE = Path(__file__).resolve().parents[2] / "deploy" / "edge" / "run-edge"
EDGE_KEYS = "t2:test-edge-key-two-0123456789abcdef0123456789,t1:test-edge-key-one-0123456789abcdef0123456789"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def edge(live_server, settings):
    """The edge's address; the site signs with the edge's keys and tells it
    of purges and revocations, as in production."""
    require(shutil.which("varnishd") is not None,
            "varnishd not found: install Debian's varnish, varnish-modules and varnish-vmod-digest")  # fmt: skip
    port, admin = _free_port(), _free_port()
    origin_port = live_server.url.rsplit(":", 1)[1]
    # Not under pytest's private tmp: Varnish's compiler reads the VCL.
    root = Path(tempfile.mkdtemp(prefix="masthead-edge-"))
    root.chmod(0o755)
    environment = {
        **os.environ, "MASTHEAD_EDGE_KEYS": EDGE_KEYS, "EDGE_DIR": str(root), "EDGE_ADMIN": f"127.0.0.1:{admin}",
        # The test's user runs every part: no jail to switch users in.
        "EDGE_VARNISHD_ARGS": "-j none" if os.geteuid() == 0 else "",
    }  # fmt: skip
    subprocess.run([str(RUN_EDGE), f"127.0.0.1:{port}", origin_port], env=environment, check=True, capture_output=True)
    base = f"http://127.0.0.1:{port}"
    settings.MASTHEAD_EDGE_KEYS = EDGE_KEYS
    settings.MASTHEAD_EDGE_URLS = base
    for _ in range(100):
        try:
            requests.get(base + "/healthz", timeout=5)
            break
        except requests.RequestException:
            time.sleep(0.05)
    yield base
    pid = int((root / "varnish.pid").read_text())
    os.kill(pid, 15)
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    shutil.rmtree(root, ignore_errors=True)
