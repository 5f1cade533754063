"""The cache and the rate limiter behave the same on both backends."""

import asyncio
import os
import secrets
from collections.abc import AsyncIterator

import pytest

from alif.cache import Cache, InMemoryCache, Limit, RateLimiter, RedisCache
from alif.errors import TooManyRequests

BACKENDS = ["memory"] + (["redis"] if os.environ.get("REDIS_URL") else [])


@pytest.fixture(params=BACKENDS)
async def backend(request: pytest.FixtureRequest) -> AsyncIterator[Cache]:
    if request.param == "memory":
        cache: Cache = InMemoryCache()
    else:
        cache = RedisCache(os.environ["REDIS_URL"], f"alif-cache-test-{secrets.token_hex(4)}")
    yield cache
    await cache.clear()
    await cache.close()


async def test_values_expire(backend: Cache) -> None:
    await backend.set("greeting", "salom", ttl=1)
    assert await backend.get("greeting") == "salom"
    assert await backend.exists("greeting")
    await asyncio.sleep(1.1)
    assert await backend.get("greeting") is None


async def test_counters_count_within_their_window(backend: Cache) -> None:
    assert [await backend.incr("hits", ttl=30) for _ in range(3)] == [1, 2, 3]
    assert 0 < await backend.ttl("hits") <= 30


async def test_delete_and_clear(backend: Cache) -> None:
    await backend.set("a", "1")
    await backend.set("b", "2")
    await backend.delete("a")
    assert await backend.get("a") is None
    await backend.clear()
    assert await backend.get("b") is None


async def test_the_limiter_refuses_past_the_allowance_and_says_when_to_retry(
    backend: Cache,
) -> None:
    limiter = RateLimiter(backend)
    limit = Limit(count=2, seconds=60)
    await limiter.consume("send:+998901234567", limit)
    await limiter.consume("send:+998901234567", limit)
    with pytest.raises(TooManyRequests) as refused:
        await limiter.consume("send:+998901234567", limit)
    assert 0 < refused.value.details["retry_after"] <= 60
    await limiter.consume("send:+998907654321", limit)  # another key has its own allowance


async def test_failures_are_counted_separately_from_checks(backend: Cache) -> None:
    limiter = RateLimiter(backend)
    limit = Limit(count=2, seconds=60)
    await limiter.check("pin:ali", limit)
    await limiter.record("pin:ali", limit)
    await limiter.check("pin:ali", limit)
    await limiter.record("pin:ali", limit)
    with pytest.raises(TooManyRequests):
        await limiter.check("pin:ali", limit)
    await limiter.reset("pin:ali")
    await limiter.check("pin:ali", limit)


async def test_the_window_starts_again_after_it_ends(backend: Cache) -> None:
    limiter = RateLimiter(backend)
    limit = Limit(count=1, seconds=1)
    await limiter.consume("burst", limit)
    with pytest.raises(TooManyRequests):
        await limiter.consume("burst", limit)
    await asyncio.sleep(1.1)
    await limiter.consume("burst", limit)
