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


async def test_a_sorted_set_reads_highest_first_with_ranks_and_scores(backend: Cache) -> None:
    await backend.zadd("board", {"aziz": 120.0, "malika": 300.0, "sardor": 50.0})
    assert await backend.zrevrange("board", 0, 1) == [("malika", 300.0), ("aziz", 120.0)]
    assert await backend.zrevrange("board", 0, -1) == [
        ("malika", 300.0),
        ("aziz", 120.0),
        ("sardor", 50.0),
    ]
    assert await backend.zrevrank("board", "sardor") == 2
    assert await backend.zrevrank("board", "nobody") is None
    assert await backend.zscore("board", "aziz") == 120.0
    assert await backend.zscore("board", "nobody") is None
    assert await backend.zmscore("board", ["sardor", "nobody", "malika"]) == [50.0, None, 300.0]
    assert await backend.zmscore("board", []) == []
    assert await backend.zcard("board") == 3
    assert await backend.zcard("empty") == 0
    assert await backend.zrevrange("empty", 0, 9) == []


async def test_gt_only_ever_raises_a_score(backend: Cache) -> None:
    await backend.zadd("best", {"aziz": 100.0})
    await backend.zadd("best", {"aziz": 90.0, "malika": 10.0}, gt=True)
    assert await backend.zmscore("best", ["aziz", "malika"]) == [100.0, 10.0]
    await backend.zadd("best", {"aziz": 140.0}, gt=True)
    assert await backend.zscore("best", "aziz") == 140.0
    await backend.zadd("best", {"aziz": 1.0})  # without gt a score is simply set
    assert await backend.zscore("best", "aziz") == 1.0


async def test_equal_scores_are_ordered_by_member_reversed(backend: Cache) -> None:
    await backend.zadd("ties", {"b": 5.0, "a": 5.0, "c": 5.0, "z": 1.0})
    assert [m for m, _ in await backend.zrevrange("ties", 0, -1)] == ["c", "b", "a", "z"]
    assert await backend.zrevrank("ties", "a") == 2


async def test_large_integer_scores_survive_exactly(backend: Cache) -> None:
    # leaderboards pack a score and a time into one number below 2**53
    score = float((2_000_000 << 32) + 4_000_000_000)
    await backend.zadd("packed", {"aziz": score})
    assert await backend.zscore("packed", "aziz") == score
    assert int(score) == (2_000_000 << 32) + 4_000_000_000


async def test_sorted_sets_expire_and_delete_like_values(backend: Cache) -> None:
    await backend.zadd("today", {"aziz": 1.0})
    assert await backend.exists("today")
    assert await backend.ttl("today") == 0
    await backend.expire("today", 1)
    assert 0 < await backend.ttl("today") <= 1
    await asyncio.sleep(1.1)
    assert not await backend.exists("today")
    assert await backend.zcard("today") == 0
    await backend.zadd("week", {"aziz": 1.0})
    await backend.delete("week")
    assert await backend.zrevrange("week", 0, -1) == []
    await backend.expire("missing", 10)  # nothing to expire: nothing happens
    assert not await backend.exists("missing")


async def test_every_subscriber_hears_each_message_of_its_channel(backend: Cache) -> None:
    async with (
        backend.subscribe("board:1") as first,
        backend.subscribe("board:1") as second,
        backend.subscribe("board:2") as other,
    ):
        await backend.publish("board:1", "changed")
        await backend.publish("board:2", "elsewhere")
        assert await anext(first) == "changed"
        assert await anext(second) == "changed"
        assert await anext(other) == "elsewhere"
    await backend.publish("board:1", "nobody listens")  # not an error, and not kept


async def test_a_hash_field_is_set_once_by_whoever_comes_first(backend: Cache) -> None:
    # Two workers receive the same player's answer: exactly one of them stores it.
    first, second = await asyncio.gather(
        backend.hsetnx("answers", "ali", "A"), backend.hsetnx("answers", "ali", "B")
    )
    assert sorted([first, second]) == [False, True]
    assert await backend.hget("answers", "ali") in ("A", "B")
    await backend.hset("answers", {"laylo": "C", "vali": "D"})
    assert await backend.hlen("answers") == 3
    assert (await backend.hgetall("answers"))["laylo"] == "C"
    await backend.expire("answers", 1)
    await asyncio.sleep(1.1)
    assert await backend.hgetall("answers") == {}
    assert await backend.hget("answers", "ali") is None


async def test_a_guarded_field_is_set_only_while_no_guard_is_set(backend: Cache) -> None:
    # An answer is stored only while its question is not closed and its player not removed.
    guards = [("closed", "q1"), ("removed", "ali")]
    assert await backend.hsetnx_unless("answers", "vali", "A", guards) == 0
    assert await backend.hsetnx_unless("answers", "vali", "B", guards) == -1
    await backend.hset("removed", {"ali": "1"})
    assert await backend.hsetnx_unless("answers", "ali", "C", guards) == 2
    await backend.hset("closed", {"q1": "1"})
    assert await backend.hsetnx_unless("answers", "laylo", "D", guards) == 1
    assert await backend.hgetall("answers") == {"vali": "A"}
