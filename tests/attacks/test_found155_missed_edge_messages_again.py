"""found155: missed edge messages told again (masthead/edge/tasks.py), a
second look: what must hold whatever the workers' clocks, the cache or the
queue do. (A version that merged the misses per target through the cache
broke each of these; each message is now its own job, sent unchanged.)
Against the stand-in edge of test_told_again.py (503 while ``down``;
records what reached it)."""

import http.server
import socket
import threading
import time

import pytest
import time_machine
from huey.contrib.djhuey import HUEY

from masthead.edge import services
from masthead.edge.tasks import EdgeMissed, tell_edge_again
from masthead.edge.tests.test_fills import EDGE_KEYS
from masthead.edge.tests.test_told_again import _Edge, _queued, stand_in_edge

pytestmark = pytest.mark.django_db


@pytest.fixture
def edge(settings):
    with stand_in_edge(settings) as server:
        yield server


def _longest():
    return max(services.app_settings.ENTITLEMENT_SECONDS, services.app_settings.RECEIPT_SECONDS)


# --- Clock skew: a REVOKE told again keeps its change's moment; a job gives up by its own clock, with slack ---


def test_a_revocation_told_again_by_a_consumer_whose_clock_is_behind_still_refuses_what_the_change_refused(
    edge, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_account(42)  # a sign-out; the edge is down
    [(_, _, at, _)] = edge.told
    [job] = _queued()
    edge.down = False
    # The job consumer's host runs 5 seconds behind the web worker's.
    with time_machine.travel(int(at) / 1000 - 5, tick=True):
        tell_edge_again.call_local(*job.args)
    [(method, who, again, _)] = edge.told[1:]
    assert (method, who) == ("REVOKE", "a:42")
    assert int(again) >= int(at), f"told again refusing tokens up to {int(at) - int(again)} ms before the sign-out"


def test_a_queue_that_failed_to_take_one_retry_does_not_swallow_the_later_ones(
    edge, monkeypatch, django_capture_on_commit_callbacks
):
    real_enqueue = HUEY.enqueue

    def unavailable(task):
        raise ConnectionError("database is locked")

    monkeypatch.setattr(HUEY, "enqueue", unavailable)
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_account(42)  # missed, and the queue could not take it: lost (logged), as documented
    monkeypatch.setattr(HUEY, "enqueue", real_enqueue)
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_account(42)  # the queue is back; the edge still down
    assert len(edge.told) == 2
    assert _queued(), "the second sign-out the edge missed is not queued"


def _free_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


def test_in_immediate_mode_a_restarting_edge_still_gets_the_sign_outs_once_it_is_back(
    settings, django_capture_on_commit_callbacks
):
    port = _free_port()
    settings.MASTHEAD_EDGE_KEYS = EDGE_KEYS
    settings.MASTHEAD_EDGE_URLS = f"http://127.0.0.1:{port}"
    HUEY.immediate = True
    server = None
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.revoke_account(41)  # the edge restarting: connection refused
        server = http.server.HTTPServer(("127.0.0.1", port), _Edge)  # back a moment later
        server.told, server.down = [], False
        threading.Thread(target=server.serve_forever, daemon=True).start()
        with django_capture_on_commit_callbacks(execute=True):
            services.revoke_account(42)  # a sign-out, the edge up
    finally:
        HUEY.immediate = False
        if server:
            server.shutdown()
            server.server_close()
    assert [(m, who) for m, who, *_ in server.told] == [("REVOKE", "a:42")]


def test_a_consumer_that_cannot_reach_an_edge_does_not_stop_the_web_workers_that_can(
    edge, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_account(41)  # the edge answered 503 (restarting): queued, no marker
    [job] = _queued()
    edge.down = False

    class NoRoute:
        def __init__(self, *args, **kwargs):
            pass

        def request(self, *args, **kwargs):
            raise OSError(113, "No route to host")

        def close(self):
            pass

    # The consumer host, cut off from that edge (a firewall rule, a routing fault).
    monkeypatch.setattr(services.http.client, "HTTPConnection", NoRoute)
    with pytest.raises(EdgeMissed):
        tell_edge_again.call_local(*job.args)
    monkeypatch.undo()
    # A web worker, which reaches the edge, signs a reader out.
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_account(42)
    assert ("REVOKE", "a:42") in [(m, who) for m, who, *_ in edge.told]


def test_a_job_out_of_retries_does_not_leave_later_misses_covered_by_nothing(
    edge, settings, django_capture_on_commit_callbacks
):
    settings.MASTHEAD_EDGE_RECEIPT_SECONDS = 2 * 24 * 3600  # receipts good for two days
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_receipts()  # the meter's rules changed; the edge is down
    [job] = _queued()
    with pytest.raises(EdgeMissed):
        tell_edge_again.call_local(*job.args)  # its last retry, a day on, fails once more
    HUEY.flush()  # out of retries: huey drops it
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_receipts()  # the rules change again; the edge still down
    assert _queued(), "a missed r:all revocation is covered by no job"


# --- A cache table that cannot be written ---


def _cache_writes_locked(execute, sql, params, many, context):
    """SQLite (the default deployment database) past its 20 s busy timeout under a long writer; on
    PostgreSQL a lock or statement timeout, a deadlock, the fail-fast backend's refusal."""
    if sql.lstrip().upper().startswith(("INSERT", "UPDATE")) and "masthead_cache" in sql:
        from django.db import OperationalError

        raise OperationalError("database is locked")
    return execute(sql, params, many, context)


def test_a_miss_is_queued_while_the_cache_table_is_locked(edge, django_capture_on_commit_callbacks):
    from django.db import connection

    with connection.execute_wrapper(_cache_writes_locked):
        with django_capture_on_commit_callbacks(execute=True):
            services.revoke_account(42)
    assert len(edge.told) == 1
    assert _queued(), "the missed sign-out is not queued"


def test_a_consumer_whose_clock_is_ahead_does_not_give_up_while_the_tokens_still_live(
    edge, django_capture_on_commit_callbacks
):
    start = time.time()
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_account(42)
    [job] = _queued()
    # Real time start + longest - 30 (tokens issued just before the sign-out still good), consumer 60 s ahead.
    with time_machine.travel(start + _longest() + 30, tick=False):
        with pytest.raises(EdgeMissed):
            tell_edge_again.call_local(*job.args)
