import os

# Playwright's sync API runs an event loop in the test thread; the live-server
# tests still talk to the database from that thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["masthead.testing.plugin"]


def pytest_configure(config):
    """A test database file left by a killed run can keep its WAL beside it;
    a new database next to an old WAL reads as a disk I/O error."""
    from pathlib import Path

    from django.conf import settings

    test_name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if test_name and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(test_name + suffix).unlink(missing_ok=True)
