"""A small cache interface with two backends, and the rate limiter built on it.

Redis when `REDIS_URL` is set (production, CI, several processes); an in-process dictionary
otherwise, which is correct for a single process (the embedded `make run`): each has its own.
Besides string values it keeps sorted sets (leaderboards), with Redis's ordering on both
backends: by score, equal scores by member (byte order), reversed for the `zrev*` reads.
And it carries messages (publish/subscribe): through Redis every process serving a channel's
watchers hears each message; in process, the subscribers of that one process.
"""

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol, cast

from redis.asyncio import BlockingConnectionPool, Redis

from alif.config import CommonSettings
from alif.errors import TooManyRequests


class Cache(Protocol):
    async def get(self, key: str) -> str | None: ...

    async def set(self, key: str, value: str, ttl: int | None = None) -> None: ...

    async def delete(self, *keys: str) -> None: ...

    async def exists(self, key: str) -> bool: ...

    async def incr(self, key: str, ttl: int) -> int:
        """Add one and return the new count; the key expires `ttl` seconds after it was created."""
        ...

    async def ttl(self, key: str) -> int:
        """Seconds until the key expires; 0 when it is missing or has no expiry."""
        ...

    async def expire(self, key: str, ttl: int) -> None:
        """Let an existing key (a value or a sorted set) expire `ttl` seconds from now."""
        ...

    async def ping(self) -> None: ...

    async def clear(self) -> None:
        """Remove every key of this cache (its prefix on Redis): tests and maintenance."""
        ...

    async def close(self) -> None: ...

    # Sorted sets: members (strings) with float scores.

    async def zadd(self, key: str, scores: Mapping[str, float], *, gt: bool = False) -> None:
        """Set members' scores; with `gt`, a member's score is only ever raised, never lowered."""
        ...

    async def zscore(self, key: str, member: str) -> float | None: ...

    async def zmscore(self, key: str, members: Sequence[str]) -> list[float | None]:
        """The scores of several members at once (None for those not in the set)."""
        ...

    async def zrevrank(self, key: str, member: str) -> int | None:
        """The member's 0-based position from the highest score; None when it is not there."""
        ...

    async def zrevrange(self, key: str, start: int, stop: int) -> list[tuple[str, float]]:
        """Members and scores from position `start` to `stop` (inclusive), highest first."""
        ...

    async def zcard(self, key: str) -> int: ...

    # Hashes: fields (strings) of one key; `hsetnx` is the atomic "first one wins" (one answer
    # per player per question in a live game, whichever worker receives it).

    async def hset(self, key: str, values: Mapping[str, str]) -> None: ...

    async def hsetnx(self, key: str, field: str, value: str) -> bool:
        """Set the field only if it is not set yet; True when this call set it."""
        ...

    async def hsetnx_unless(
        self, key: str, field: str, value: str, guards: Sequence[tuple[str, str]] = ()
    ) -> int:
        """In one atomic step: set the field only if it is not set yet and none of the `guards`
        (a key and a field of another hash) is set. 0: set; -1: the field was set already;
        n >= 1: the n-th guard is set (a question closed before the answer arrived)."""
        ...

    async def hget(self, key: str, field: str) -> str | None: ...

    async def hgetall(self, key: str) -> dict[str, str]: ...

    async def hlen(self, key: str) -> int: ...

    # Messages: at most once, to whoever is subscribed at the moment (none are kept).

    async def publish(self, channel: str, message: str) -> None: ...

    def subscribe(self, channel: str) -> AbstractAsyncContextManager[AsyncIterator[str]]:
        """`async with cache.subscribe(ch) as messages: async for message in messages: ...`"""
        ...


# A subscriber that falls this far behind misses messages rather than growing without bound.
SUBSCRIBER_BACKLOG = 100
# Redis connections one process keeps for commands. A burst of requests (300 phones joining a
# live game at once) waits up to REDIS_POOL_WAIT seconds for a free one instead of failing with
# redis-py's "Too many connections" (its default pool refuses the 101st at once).
REDIS_POOL = 64
REDIS_POOL_WAIT = 10


class WrongType(TypeError):
    """A value read as a sorted set or the other way round, as Redis's WRONGTYPE."""


class InMemoryCache:
    def __init__(self) -> None:
        self._values: dict[str, tuple[str, float | None]] = {}
        self._sorted: dict[str, tuple[dict[str, float], float | None]] = {}
        self._hashes: dict[str, tuple[dict[str, str], float | None]] = {}
        self._channels: dict[str, set[asyncio.Queue[str]]] = {}

    def _live(self, key: str) -> tuple[str, float | None] | None:
        item = self._values.get(key)
        if item is not None and item[1] is not None and item[1] <= time.monotonic():
            del self._values[key]
            return None
        return item

    def _live_sorted(self, key: str) -> dict[str, float] | None:
        item = self._sorted.get(key)
        if item is not None and item[1] is not None and item[1] <= time.monotonic():
            del self._sorted[key]
            return None
        return item[0] if item else None

    def _string(self, key: str) -> tuple[str, float | None] | None:
        if self._live_sorted(key) is not None:
            raise WrongType(key)
        return self._live(key)

    def _sweep(self) -> None:
        now = time.monotonic()
        for key in [k for k, (_, exp) in self._values.items() if exp is not None and exp <= now]:
            del self._values[key]

    async def get(self, key: str) -> str | None:
        item = self._string(key)
        return item[0] if item else None

    async def set(self, key: str, value: str, ttl: int | None = None) -> None:
        if len(self._values) > 10_000:
            self._sweep()
        self._sorted.pop(key, None)  # SET replaces a value of any type, as on Redis
        self._values[key] = (value, time.monotonic() + ttl if ttl else None)

    async def delete(self, *keys: str) -> None:
        for key in keys:
            self._values.pop(key, None)
            self._sorted.pop(key, None)
            self._hashes.pop(key, None)

    async def exists(self, key: str) -> bool:
        return (
            self._live_sorted(key) is not None
            or self._live(key) is not None
            or self._live_hash(key) is not None
        )

    async def incr(self, key: str, ttl: int) -> int:
        item = self._string(key)
        if item is None:
            await self.set(key, "1", ttl)
            return 1
        count = int(item[0]) + 1
        self._values[key] = (str(count), item[1])
        return count

    async def ttl(self, key: str) -> int:
        if self._live_sorted(key) is not None:
            expiry = self._sorted[key][1]
        else:
            item = self._live(key)
            expiry = item[1] if item else None
        if expiry is None:
            return 0
        return max(1, round(expiry - time.monotonic()))

    async def expire(self, key: str, ttl: int) -> None:
        at = time.monotonic() + ttl
        fields = self._live_hash(key)
        if fields is not None:
            self._hashes[key] = (fields, at)
            return
        members = self._live_sorted(key)
        if members is not None:
            self._sorted[key] = (members, at)
            return
        item = self._live(key)
        if item is not None:
            self._values[key] = (item[0], at)

    async def ping(self) -> None:
        return None

    async def clear(self) -> None:
        self._values.clear()
        self._sorted.clear()
        self._hashes.clear()

    async def close(self) -> None:
        await self.clear()

    def _members(self, key: str) -> dict[str, float]:
        if self._live(key) is not None:
            raise WrongType(key)
        return self._live_sorted(key) or {}

    def _descending(self, key: str) -> list[tuple[str, float]]:
        # Redis orders equal scores by member; its reversed reads reverse that order too.
        return sorted(self._members(key).items(), key=lambda item: (item[1], item[0]), reverse=True)

    async def zadd(self, key: str, scores: Mapping[str, float], *, gt: bool = False) -> None:
        members = self._members(key)
        if key not in self._sorted:
            self._sorted[key] = (members, None)
        for member, score in scores.items():
            current = members.get(member)
            if not gt or current is None or score > current:
                members[member] = float(score)

    async def zscore(self, key: str, member: str) -> float | None:
        return self._members(key).get(member)

    async def zmscore(self, key: str, members: Sequence[str]) -> list[float | None]:
        scores = self._members(key)
        return [scores.get(member) for member in members]

    async def zrevrank(self, key: str, member: str) -> int | None:
        if member not in self._members(key):
            return None
        return next(i for i, (m, _) in enumerate(self._descending(key)) if m == member)

    async def zrevrange(self, key: str, start: int, stop: int) -> list[tuple[str, float]]:
        ordered = self._descending(key)
        end = len(ordered) if stop == -1 else stop + 1
        return ordered[start:end]

    async def zcard(self, key: str) -> int:
        return len(self._members(key))

    def _live_hash(self, key: str) -> dict[str, str] | None:
        item = self._hashes.get(key)
        if item is not None and item[1] is not None and item[1] <= time.monotonic():
            del self._hashes[key]
            return None
        return item[0] if item else None

    def _fields(self, key: str) -> dict[str, str]:
        if self._live(key) is not None or self._live_sorted(key) is not None:
            raise WrongType(key)
        fields = self._live_hash(key)
        if fields is None:
            fields = {}
            self._hashes[key] = (fields, None)
        return fields

    async def hset(self, key: str, values: Mapping[str, str]) -> None:
        if values:
            self._fields(key).update(values)

    async def hsetnx(self, key: str, field: str, value: str) -> bool:
        fields = self._fields(key)
        if field in fields:
            return False
        fields[field] = value
        return True

    async def hsetnx_unless(
        self, key: str, field: str, value: str, guards: Sequence[tuple[str, str]] = ()
    ) -> int:
        # No await inside: atomic within the one process this backend serves.
        for number, (guard_key, guard_field) in enumerate(guards, start=1):
            if guard_field in (self._live_hash(guard_key) or {}):
                return number
        return 0 if await self.hsetnx(key, field, value) else -1

    async def hget(self, key: str, field: str) -> str | None:
        return (self._live_hash(key) or {}).get(field)

    async def hgetall(self, key: str) -> dict[str, str]:
        return dict(self._live_hash(key) or {})

    async def hlen(self, key: str) -> int:
        return len(self._live_hash(key) or {})

    async def publish(self, channel: str, message: str) -> None:
        for queue in self._channels.get(channel, ()):
            with contextlib.suppress(asyncio.QueueFull):
                queue.put_nowait(message)

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[AsyncIterator[str]]:
        queue: asyncio.Queue[str] = asyncio.Queue(maxsize=SUBSCRIBER_BACKLOG)
        self._channels.setdefault(channel, set()).add(queue)

        async def messages() -> AsyncIterator[str]:
            while True:
                yield await queue.get()

        try:
            yield messages()
        finally:
            subscribers = self._channels.get(channel, set())
            subscribers.discard(queue)
            if not subscribers:
                self._channels.pop(channel, None)


# KEYS: the hash, then each guard's hash; ARGV: the field, the value, then each guard's field.
_HSETNX_UNLESS = """
for i = 2, #KEYS do
  if redis.call('HEXISTS', KEYS[i], ARGV[i + 1]) == 1 then return i - 1 end
end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then return 0 end
return -1
"""


class RedisCache:
    def __init__(self, url: str, prefix: str) -> None:
        pool = BlockingConnectionPool.from_url(
            url,
            decode_responses=True,
            socket_timeout=2,
            max_connections=REDIS_POOL,
            timeout=REDIS_POOL_WAIT,
        )
        self._redis = Redis(connection_pool=pool)
        self._hsetnx_unless = self._redis.register_script(_HSETNX_UNLESS)
        # Subscribers wait for messages as long as they watch: no read timeout on their sockets.
        self._listener = Redis.from_url(url, decode_responses=True)
        self._prefix = f"{prefix}:"

    def _key(self, key: str) -> str:
        return self._prefix + key

    async def get(self, key: str) -> str | None:
        value = await self._redis.get(self._key(key))
        return None if value is None else str(value)

    async def set(self, key: str, value: str, ttl: int | None = None) -> None:
        await self._redis.set(self._key(key), value, ex=ttl)

    async def delete(self, *keys: str) -> None:
        if keys:
            await self._redis.delete(*(self._key(k) for k in keys))

    async def exists(self, key: str) -> bool:
        return bool(await self._redis.exists(self._key(key)))

    async def incr(self, key: str, ttl: int) -> int:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(self._key(key))
            pipe.expire(self._key(key), ttl, nx=True)
            count, _ = await pipe.execute()
        return int(count)

    async def ttl(self, key: str) -> int:
        return max(0, int(await self._redis.ttl(self._key(key))))

    async def expire(self, key: str, ttl: int) -> None:
        await self._redis.expire(self._key(key), ttl)

    async def ping(self) -> None:
        await self._redis.ping()

    async def clear(self) -> None:
        keys = [key async for key in self._redis.scan_iter(match=f"{self._prefix}*", count=500)]
        if keys:
            await self._redis.delete(*keys)

    async def close(self) -> None:
        await self._redis.aclose()
        await self._listener.aclose()

    async def zadd(self, key: str, scores: Mapping[str, float], *, gt: bool = False) -> None:
        if scores:
            await self._redis.zadd(self._key(key), dict(scores), gt=gt)

    async def zscore(self, key: str, member: str) -> float | None:
        score = await self._redis.zscore(self._key(key), member)
        return None if score is None else float(score)

    async def zmscore(self, key: str, members: Sequence[str]) -> list[float | None]:
        if not members:
            return []
        scores = await self._redis.zmscore(self._key(key), list(members))
        return [None if score is None else float(score) for score in scores]

    async def zrevrank(self, key: str, member: str) -> int | None:
        rank = await self._redis.zrevrank(self._key(key), member)
        return rank if isinstance(rank, int) else None

    async def zrevrange(self, key: str, start: int, stop: int) -> list[tuple[str, float]]:
        rows = await self._redis.zrevrange(self._key(key), start, stop, withscores=True)
        return [(str(row[0]), float(row[1])) for row in cast(list[tuple[str, float]], rows)]

    async def zcard(self, key: str) -> int:
        return int(await self._redis.zcard(self._key(key)))

    async def hset(self, key: str, values: Mapping[str, str]) -> None:
        if values:
            # redis-py's mapping type is invariant in its key: a dict of str is refused.
            await self._redis.hset(self._key(key), mapping=cast(Any, dict(values)))

    async def hsetnx(self, key: str, field: str, value: str) -> bool:
        return bool(await self._redis.hsetnx(self._key(key), field, value))

    async def hsetnx_unless(
        self, key: str, field: str, value: str, guards: Sequence[tuple[str, str]] = ()
    ) -> int:
        keys = [self._key(key), *(self._key(k) for k, _ in guards)]
        result = await self._hsetnx_unless(keys=keys, args=[field, value, *(f for _, f in guards)])
        return int(result)

    async def hget(self, key: str, field: str) -> str | None:
        value = await self._redis.hget(self._key(key), field)
        return None if value is None else str(value)

    async def hgetall(self, key: str) -> dict[str, str]:
        values = await self._redis.hgetall(self._key(key))
        return {str(k): str(v) for k, v in values.items()}

    async def hlen(self, key: str) -> int:
        return int(await self._redis.hlen(self._key(key)))

    async def publish(self, channel: str, message: str) -> None:
        await self._redis.publish(self._key(channel), message)

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[AsyncIterator[str]]:
        pubsub = self._listener.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(self._key(channel))

        async def messages() -> AsyncIterator[str]:
            async for message in pubsub.listen():
                if message["type"] == "message":
                    yield str(message["data"])

        try:
            yield messages()
        finally:
            await pubsub.unsubscribe()
            await pubsub.aclose()  # type: ignore[no-untyped-call]


def create_cache(settings: CommonSettings) -> Cache:
    if settings.redis_url:
        return RedisCache(settings.redis_url, settings.cache_prefix)
    return InMemoryCache()


@dataclass(frozen=True)
class Limit:
    """At most `count` events per `seconds`, the window starting at the first event."""

    count: int
    seconds: int


class RateLimiter:
    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    async def consume(
        self, key: str, limit: Limit, error: type[TooManyRequests] = TooManyRequests
    ) -> None:
        """Count one event; refuse it (429) once the window's allowance is spent."""
        count = await self._cache.incr(f"rl:{key}", limit.seconds)
        if count > limit.count:
            raise error(retry_after=await self._retry_after(key, limit))

    async def check(
        self, key: str, limit: Limit, error: type[TooManyRequests] = TooManyRequests
    ) -> None:
        """Refuse (429) when the allowance is already spent, without counting this event."""
        value = await self._cache.get(f"rl:{key}")
        if value is not None and int(value) >= limit.count:
            raise error(retry_after=await self._retry_after(key, limit))

    async def record(self, key: str, limit: Limit) -> int:
        """Count one event (a failure, say) without refusing it; returns the count."""
        return await self._cache.incr(f"rl:{key}", limit.seconds)

    async def reset(self, key: str) -> None:
        await self._cache.delete(f"rl:{key}")

    async def _retry_after(self, key: str, limit: Limit) -> int:
        return await self._cache.ttl(f"rl:{key}") or limit.seconds
