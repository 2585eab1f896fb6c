"""The meter in Redis, for many web processes on many machines.

A reader's month is a set of article ids. One Lua script checks membership,
checks the size against the limit and adds, so the three steps are atomic
on the Redis server whatever the number of web processes.
"""

import time

import redis

from ..policy import MeterState
from .base import RecordOutcome

# Keys outlive the month by a margin so a late request still finds its count.
KEY_TTL_SECONDS = 40 * 24 * 3600

_RECORD = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then
  return {1, redis.call('SCARD', KEYS[1])}
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


_STATE = """
return {redis.call('SCARD', KEYS[1]), redis.call('SISMEMBER', KEYS[1], ARGV[1])}
"""


class RedisMeterStore:
    def __init__(self, url: str, prefix: str = "masthead:meter"):
        self.client = redis.Redis.from_url(url)
        self.prefix = prefix
        self._record = self.client.register_script(_RECORD)
        self._state = self.client.register_script(_STATE)

    def _keys(self, reader: str, month: str) -> tuple[str, str]:
        base = f"{self.prefix}:{month}:{reader}"
        return base, base + ":order"

    def state(self, *, reader: str, month: str, article_id: int) -> MeterState:
        # One script call: a single round trip, and cheaper in Python than a pipeline.
        key, _ = self._keys(reader, month)
        views, member = self._state(keys=[key], args=[str(article_id)])
        return MeterState(views=int(views), counts_this_article=bool(member))

    def record(self, *, reader: str, month: str, article_id: int, limit: int) -> RecordOutcome:
        counted, views = self._record(
            keys=list(self._keys(reader, month)), args=[str(article_id), limit, KEY_TTL_SECONDS, time.time()]
        )
        return RecordOutcome(counted=bool(counted), views=int(views))

    def articles(self, *, reader: str, month: str) -> list[int]:
        _, order = self._keys(reader, month)
        return [int(member) for member in self.client.zrange(order, 0, -1)]
