"""A purge or revocation an edge missed (down for a moment, or unreachable
from the origin) is not lost: the job queue tells it again until it
answers or what it concerns has expired there anyway. Against a
real HTTP listener standing in for the edge (Varnish's own handling of
REVOKE, which keeps the latest moment it was told, is in test_vcl.py)."""

import http.server
import threading
import time
from contextlib import contextmanager

import pytest
import time_machine
from huey.contrib.djhuey import HUEY

from masthead.edge import services, tasks
from masthead.edge.tasks import EdgeMissed, tell_edge_again

from .test_fills import EDGE_KEYS

pytestmark = pytest.mark.django_db


class _Edge(http.server.BaseHTTPRequestHandler):
    """Answers 503 while ``server.down``; records what reached it."""

    def _answer(self):
        self.server.told.append((self.command, self.headers.get("X-Revoke"), self.headers.get("X-Revoke-At"),
                                 self.headers.get("xkey")))  # fmt: skip
        self.send_response(503 if self.server.down else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_REVOKE = do_PURGE = _answer

    def log_message(self, *args):
        pass


@contextmanager
def stand_in_edge(settings):
    """An HTTP listener as the site's one edge, 503 while ``down``, with an empty job queue."""
    server = http.server.HTTPServer(("127.0.0.1", 0), _Edge)
    server.told, server.down = [], True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.MASTHEAD_EDGE_KEYS = EDGE_KEYS
    settings.MASTHEAD_EDGE_URLS = f"http://127.0.0.1:{server.server_port}"
    HUEY.flush()
    try:
        yield server
    finally:
        server.shutdown()
        HUEY.flush()


@pytest.fixture
def edge(settings):
    with stand_in_edge(settings) as server:
        yield server


def _queued():
    return [task for task in HUEY.pending() if task.name.endswith("tell_edge_again")]


def test_a_revocation_an_edge_missed_is_sent_again_until_it_answers(edge, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_account(42)
    [(method, who, at, _)] = edge.told
    assert (method, who) == ("REVOKE", "a:42")
    [job] = _queued()
    assert job.args[:2] == ("REVOKE", {"X-Revoke": "a:42", "X-Revoke-At": at})
    assert job.retries > 0 and job.retry_delay == tasks.AGAIN_SECONDS
    # Still down: the job fails, so the queue runs it again later.
    with pytest.raises(EdgeMissed):
        tell_edge_again.call_local(*job.args)
    edge.down = False
    tell_edge_again.call_local(*job.args)
    # The same moment as the change, not the moment of the retry (by the
    # origin's clock, which stamps the tokens too): tokens issued after the
    # change (new, good ones) are not refused.
    assert edge.told[1:] == [("REVOKE", "a:42", at, None)] * 2
    # Told for as long as any token it refuses could live, and no longer.
    at_seconds = int(at) / 1000
    longest = max(services.app_settings.ENTITLEMENT_SECONDS, services.app_settings.RECEIPT_SECONDS)
    assert job.args[3] == pytest.approx(at_seconds + longest, abs=1)


def test_a_purge_an_edge_missed_is_sent_again_and_given_up_once_its_pages_expired(
    edge, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "PURGE_AGAIN_SECONDS", (60.0,))  # the later purge: not within this test
    with django_capture_on_commit_callbacks(execute=True):
        services.purge_story(7, section_id=3)
    [job] = _queued()
    assert job.args[:3] == ("PURGE", {"xkey": "story-7 section-3"}, services.app_settings.URLS[0])
    assert job.args[3] == pytest.approx(time.time() + services.app_settings.PAGE_SECONDS + 60.0, abs=2)
    edge.down = False
    tell_edge_again.call_local(*job.args)
    assert edge.told[-1] == ("PURGE", None, None, "story-7 section-3")
    # Past that moment the edge's copy has expired: nothing more is sent.
    edge.down = True
    with django_capture_on_commit_callbacks(execute=True):
        services.purge_story(7, section_id=3)
    [job] = _queued()[1:]
    # (Workers' clocks may differ: it waits that much longer.)
    with time_machine.travel(job.args[3] + tasks.CLOCK_SLACK_SECONDS - 1):
        with pytest.raises(EdgeMissed):
            tell_edge_again.call_local(*job.args)
    with time_machine.travel(job.args[3] + tasks.CLOCK_SLACK_SECONDS + 1):
        tell_edge_again.call_local(*job.args)
    assert len(edge.told) == 4 and _queued()[2:] == []


def test_an_edge_that_answers_gets_no_second_message(edge, django_capture_on_commit_callbacks):
    edge.down = False
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_account(42)
    assert len(edge.told) == 1 and _queued() == []
