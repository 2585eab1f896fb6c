"""The meter in Redis, for many web processes on many machines.

A reader's period is a set of article ids. One Lua script checks membership,
checks the size against the limit and adds, so the three steps are atomic
on the Redis server whatever the number of web processes. Reading the period
needs no script: the set holds at most the free limit's few ids, and one
plain SMEMBERS brings them all.
"""

import hashlib
import os
import threading
import time
from datetime import timedelta

import redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import NoScriptError
from redis.exceptions import TimeoutError as RedisTimeoutError

from ..period import LONGEST_PERIOD
from ..policy import MeterState
from .base import RecordOutcome

# Keys outlive the longest period by a margin so a late request still finds its count.
KEY_TTL_SECONDS = int((LONGEST_PERIOD + timedelta(days=9)).total_seconds())

_RECORD = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then
  return {2, redis.call('SCARD', KEYS[1])}
end
local views = redis.call('SCARD', KEYS[1])
if views >= tonumber(ARGV[2]) then
  return {0, views}
end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return {1, views + 1}
"""
_RECORD_SHA = hashlib.sha1(_RECORD.encode()).hexdigest()


class RedisMeterStore:
    record_answers_views = True

    def __init__(self, url: str, prefix: str = "masthead:meter"):
        self.client = redis.Redis.from_url(url)
        self.prefix = prefix
        self._local = threading.local()

    def _keys(self, reader: str, period: str) -> tuple[str, str]:
        base = f"{self.prefix}:{period}:{reader}"
        return base, base + ":order"

    def state(self, *, reader: str, period: str, article_id: int) -> MeterState:
        # Every article page asks this: one plain command, one round trip
        # (a script costs the Redis server several times as much CPU), sent
        # on a connection this thread keeps, because checking a connection
        # out of redis-py's pool and back costs more in Python than the round
        # trip itself.
        key, _ = self._keys(reader, period)
        members = self._on_own_connection("SMEMBERS", key)
        return MeterState(views=len(members), counts_this_article=str(article_id).encode() in members)

    def _on_own_connection(self, *command):
        for attempt in (1, 2):
            connection = self._own_connection()
            try:
                connection.send_command(*command)
                return connection.read_response()
            except (RedisConnectionError, RedisTimeoutError, OSError):
                # A dropped connection (Redis restarted): one fresh try, then the error.
                connection.disconnect()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _own_connection(self):
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            # New thread, or a forked worker that must not share its parent's socket.
            local.connection = self.client.connection_pool.make_connection()
            local.pid = os.getpid()
        return local.connection

    def record(self, *, reader: str, period: str, article_id: int, limit: int) -> RecordOutcome:
        # On this thread's own connection too, as state() is (every new
        # visitor's first article comes here). Sending the script again after
        # a lost reply is safe: the article is in the set once, and the
        # answer is then "counted before".
        command = ("EVALSHA", _RECORD_SHA, 2, *self._keys(reader, period),
                   str(article_id), limit, KEY_TTL_SECONDS, time.time())  # fmt: skip
        try:
            answer, views = self._on_own_connection(*command)
        except NoScriptError:
            # Redis restarted or its scripts were flushed: load it again.
            self.client.script_load(_RECORD)
            answer, views = self._on_own_connection(*command)
        # 1: counted now, 2: counted before, 0: the limit was reached.
        return RecordOutcome(counted=answer != 0, views=int(views), already=answer == 2)

    def articles(self, *, reader: str, period: str) -> list[int]:
        _, order = self._keys(reader, period)
        return [int(member) for member in self.client.zrange(order, 0, -1)]
