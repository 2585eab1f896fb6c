"""Django's Redis cache, with one redis-py client per connection pool.

Django's client makes a new ``redis.Redis`` for every cache call, and each
one copies redis-py's table of some 170 response callbacks into a fresh
case-insensitive dict. With sessions in the cache that happens on every
signed-in reader's request: bench/timeshare.py found it to be about a tenth
of a subscriber's article page on PostgreSQL + Redis. A ``redis.Redis``
takes a connection from its pool for each command and is safe to share
between threads, so one per pool serves every call.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            # Two threads may both get here at first; either client serves.
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """``BACKEND: "masthead.core.redis_cache.RedisCache"``, the same options as Django's."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
