"""A small cache interface with two backends, and the rate limiter built on it.

Redis when `REDIS_URL` is set (production, CI, several processes); an in-process dictionary
otherwise, which is correct for a single process (the embedded `make run`): each has its own.
"""

import time
from dataclasses import dataclass
from typing import Protocol

from redis.asyncio import Redis

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

    async def ping(self) -> None: ...

    async def clear(self) -> None:
        """Remove every key of this cache (its prefix on Redis): tests and maintenance."""
        ...

    async def close(self) -> None: ...


class InMemoryCache:
    def __init__(self) -> None:
        self._values: dict[str, tuple[str, float | None]] = {}

    def _live(self, key: str) -> tuple[str, float | None] | None:
        item = self._values.get(key)
        if item is not None and item[1] is not None and item[1] <= time.monotonic():
            del self._values[key]
            return None
        return item

    def _sweep(self) -> None:
        now = time.monotonic()
        for key in [k for k, (_, exp) in self._values.items() if exp is not None and exp <= now]:
            del self._values[key]

    async def get(self, key: str) -> str | None:
        item = self._live(key)
        return item[0] if item else None

    async def set(self, key: str, value: str, ttl: int | None = None) -> None:
        if len(self._values) > 10_000:
            self._sweep()
        self._values[key] = (value, time.monotonic() + ttl if ttl else None)

    async def delete(self, *keys: str) -> None:
        for key in keys:
            self._values.pop(key, None)

    async def exists(self, key: str) -> bool:
        return self._live(key) is not None

    async def incr(self, key: str, ttl: int) -> int:
        item = self._live(key)
        if item is None:
            await self.set(key, "1", ttl)
            return 1
        count = int(item[0]) + 1
        self._values[key] = (str(count), item[1])
        return count

    async def ttl(self, key: str) -> int:
        item = self._live(key)
        if item is None or item[1] is None:
            return 0
        return max(1, round(item[1] - time.monotonic()))

    async def ping(self) -> None:
        return None

    async def clear(self) -> None:
        self._values.clear()

    async def close(self) -> None:
        self._values.clear()


class RedisCache:
    def __init__(self, url: str, prefix: str) -> None:
        self._redis = Redis.from_url(url, decode_responses=True, socket_timeout=2)
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

    async def ping(self) -> None:
        await self._redis.ping()

    async def clear(self) -> None:
        keys = [key async for key in self._redis.scan_iter(match=f"{self._prefix}*", count=500)]
        if keys:
            await self._redis.delete(*keys)

    async def close(self) -> None:
        await self._redis.aclose()


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
