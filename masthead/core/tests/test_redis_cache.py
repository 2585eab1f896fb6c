"""The Redis cache backend (sessions and the shared cache on the scaled
layout) keeps one redis-py client per pool and still behaves as Django's."""

import threading
import uuid

from masthead.core.redis_cache import RedisCache
from masthead.testing.environment import redis_url_for_tests, require


def _cache() -> RedisCache:
    url = redis_url_for_tests()
    require(bool(url), "Redis is needed: set MASTHEAD_TEST_REDIS_URL")
    return RedisCache(url, {"KEY_PREFIX": f"test-redis-cache-{uuid.uuid4().hex}"})


def test_values_round_trip_and_expire_as_with_djangos_backend():
    cache = _cache()
    cache.set("session", {"user": 7, "devices": ["phone"]}, 30)
    assert cache.get("session") == {"user": 7, "devices": ["phone"]}
    assert cache.add("session", "other", 30) is False
    cache.set("views", 1, 30)
    assert cache.incr("views", 2) == 3
    cache.set_many({"a": 1, "b": 2}, 30)
    assert cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": 2}
    cache.delete_many(["a", "b", "session", "views"])
    assert cache.get("session", "gone") == "gone"
    cache.set("brief", "x", 0)  # a timeout of 0 stores nothing, as Django documents
    assert cache.get("brief") is None


def test_one_client_serves_every_call_and_every_thread():
    cache = _cache()
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    mistakes = []

    def reader_session(n: int) -> None:
        for turn in range(50):
            cache.set(f"session-{n}", (n, turn), 30)
            if cache.get(f"session-{n}") != (n, turn):
                mistakes.append((n, turn))

    threads = [threading.Thread(target=reader_session, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert mistakes == []
    assert cache._cache.get_client() is client
    cache.delete_many([f"session-{n}" for n in range(8)])
