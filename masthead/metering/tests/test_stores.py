"""Both meter stores: counted once, never above the limit, under concurrency."""

import threading
import uuid

import pytest
from django.db import connection

from masthead.metering.stores.database import DatabaseMeterStore
from masthead.testing.environment import redis_url_for_tests, require

REDIS_URL = redis_url_for_tests()


def _redis_store():
    from masthead.metering.stores.redis import RedisMeterStore

    return RedisMeterStore(REDIS_URL, prefix=f"test-meter-{uuid.uuid4().hex}")


STORES = [
    pytest.param("database", marks=pytest.mark.django_db(transaction=True)),
    "redis",
]


@pytest.fixture
def store(request):
    if request.param == "database":
        return DatabaseMeterStore()
    require(bool(REDIS_URL), "no Redis configured (set MASTHEAD_TEST_REDIS_URL)")
    return _redis_store()


@pytest.mark.parametrize("store", STORES, indirect=True)
def test_an_article_is_counted_once(store):
    reader = f"a:{uuid.uuid4().hex}"
    first = store.record(reader=reader, period="2026-11", article_id=7, limit=5)
    again = store.record(reader=reader, period="2026-11", article_id=7, limit=5)
    assert first.counted and not first.already
    assert again.counted and again.already and again.views == 1
    state = store.state(reader=reader, period="2026-11", article_id=7)
    assert state.views == 1 and state.counts_this_article


@pytest.mark.parametrize("store", STORES, indirect=True)
def test_the_limit_holds_and_months_are_separate(store):
    reader = f"a:{uuid.uuid4().hex}"
    outcomes = [store.record(reader=reader, period="2026-11", article_id=n, limit=3).counted for n in range(5)]
    assert outcomes == [True, True, True, False, False]
    assert store.record(reader=reader, period="2026-12", article_id=4, limit=3).counted
    assert store.articles(reader=reader, period="2026-11") == [0, 1, 2]


@pytest.mark.parametrize("store", STORES, indirect=True)
def test_parallel_views_from_one_reader_never_exceed_the_limit(store):
    reader = f"a:{uuid.uuid4().hex}"
    limit, attempts = 5, 20
    barrier = threading.Barrier(attempts)
    results, errors = [], []

    def view(article_id):
        try:
            barrier.wait()
            results.append(store.record(reader=reader, period="2026-11", article_id=article_id, limit=limit).counted)
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=view, args=(n,)) for n in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors
    assert results.count(True) == limit
    assert store.state(reader=reader, period="2026-11", article_id=0).views == limit


def _drop_own_connection(store):
    """Close, on the server's side, the connection this thread keeps (as a Redis restart does)."""
    own = store._own_connection()
    own.send_command("CLIENT", "ID")
    store.client.client_kill_filter(_id=own.read_response())


def test_the_redis_meter_reads_on_after_redis_forgets_its_scripts_or_drops_the_connection():
    """A Redis restart (scripts flushed, connections closed) costs no reader an error."""
    require(bool(REDIS_URL), "no Redis configured (set MASTHEAD_TEST_REDIS_URL)")
    store = _redis_store()
    store.record(reader="a:restart", period="2026-03", article_id=7, limit=5)
    assert store.state(reader="a:restart", period="2026-03", article_id=7).views == 1

    store.client.script_flush()
    assert store.state(reader="a:restart", period="2026-03", article_id=7).counts_this_article
    assert store.record(reader="a:restart", period="2026-03", article_id=9, limit=5).counted
    assert store.state(reader="a:restart", period="2026-03", article_id=9).views == 2

    _drop_own_connection(store)
    state = store.state(reader="a:restart", period="2026-03", article_id=8)
    assert (state.views, state.counts_this_article) == (2, False)

    store.client.script_flush()
    _drop_own_connection(store)
    assert store.record(reader="a:restart", period="2026-03", article_id=8, limit=5).counted
    assert store.record(reader="a:restart", period="2026-03", article_id=8, limit=5).views == 3
