import os

# Playwright's sync API runs an event loop in the test thread; the live-server
# tests still talk to the database from that thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["masthead.core.testing"]
