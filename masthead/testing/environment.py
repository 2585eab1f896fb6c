"""The outside parts a test may need, and what happens when one is missing."""

import os
import socket
import time

import pytest
import requests


def require(available: bool, message: str) -> None:
    """Skip a test whose outside part (Redis, a font, a browser) is missing on
    a developer's machine; in CI (CI set) a missing part is a failure, so CI
    never passes by skipping."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def redis_url_for_tests() -> str:
    """The Redis the tests may use: the settings' own, or the suite's test Redis."""
    return os.environ.get("REDIS_URL") or os.environ.get("MASTHEAD_TEST_REDIS_URL", "")


def free_port() -> int:
    """A local TCP port nothing listens on now, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(base: str, *, seconds: float = 5) -> None:
    """Wait for a server a test started to answer ``/healthz`` (whatever
    its status): the test's first request must not race its start."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            requests.get(base + "/healthz", timeout=5)
            return
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                pytest.fail(f"nothing answered at {base} within {seconds} s")
            time.sleep(0.05)
