"""The outside parts a test may need, and what happens when one is missing."""

import os

import pytest


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
