"""The two leaderboard backends: Redis sorted sets when Redis is configured, the database otherwise.

The database is the record either way (every verified, ranked game keeps its rank key); a sorted
set is an index over it, one per game and period, rebuilt from the database whenever it is
missing (a restarted or flushed Redis), so it can never lose a score for good.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.cache import Cache
from alif.db import utcnow
from games.config import GamesSettings
from games.engines.replay import GameKind
from games.leaderboards.periods import Period, Window, window
from games.sessions.models import GameSession

LOAD_CHUNK = 1000
KEEP_AFTER_PERIOD = 86_400  # a finished day's or week's board stays a day, then expires


@dataclass(frozen=True)
class Entry:
    user_id: uuid.UUID
    key: int  # the rank key: score and when it was reached


@dataclass(frozen=True)
class Standings:
    top: list[Entry]
    me: tuple[int, Entry] | None  # my 1-based rank and entry, when I am on the board
    total: int  # players on the board


class Boards(Protocol):
    async def record(self, db: AsyncSession, game: GameSession) -> None:
        """Put a verified, ranked game on its boards (the database row is already flushed)."""
        ...

    async def standings(
        self,
        db: AsyncSession,
        game: GameKind,
        board: Window,
        *,
        limit: int,
        me: uuid.UUID,
        members: Sequence[uuid.UUID] | None = None,
    ) -> Standings:
        """The top `limit`, my place, and how many are on the board; only `members` count when
        given (a class, a school)."""
        ...


def _ranked_games(
    game: GameKind, board: Window, members: Sequence[uuid.UUID] | None
) -> list[ColumnElement[bool]]:
    conditions = [GameSession.game == game, GameSession.rank_key.is_not(None)]
    if board.start is not None and board.end is not None:
        conditions += [GameSession.finished_at >= board.start, GameSession.finished_at < board.end]
    if members is not None:
        conditions.append(GameSession.user_id.in_(members))
    return conditions


def _best_per_player(
    game: GameKind, board: Window, members: Sequence[uuid.UUID] | None
) -> Select[uuid.UUID, int | None]:
    best = func.max(GameSession.rank_key).label("best")
    return (
        select(GameSession.user_id.label("user_id"), best)
        .where(*_ranked_games(game, board, members))
        .group_by(GameSession.user_id)
    )


async def best_entries(
    db: AsyncSession,
    game: GameKind,
    board: Window,
    *,
    members: Sequence[uuid.UUID] | None = None,
    limit: int | None = None,
) -> list[Entry]:
    """Each player's best on the board, best first; equal keys order by user id descending,
    as Redis orders equal scores (by member, reversed)."""
    best = _best_per_player(game, board, members).subquery()
    query = select(best.c.user_id, best.c.best).order_by(best.c.best.desc(), best.c.user_id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [Entry(user_id, key) for user_id, key in await db.execute(query)]


class DatabaseBoards:
    """Boards read straight from the games table (the embedded single-machine default)."""

    async def record(self, db: AsyncSession, game: GameSession) -> None:
        return None  # the games table is the board

    async def standings(
        self,
        db: AsyncSession,
        game: GameKind,
        board: Window,
        *,
        limit: int,
        me: uuid.UUID,
        members: Sequence[uuid.UUID] | None = None,
    ) -> Standings:
        top = await best_entries(db, game, board, members=members, limit=limit)
        best = _best_per_player(game, board, members).subquery()
        total = await db.scalar(select(func.count()).select_from(best)) or 0
        mine = await db.scalar(select(best.c.best).where(best.c.user_id == me))
        if mine is None:
            return Standings(top, None, total)
        ahead = await db.scalar(
            select(func.count())
            .select_from(best)
            .where(or_(best.c.best > mine, and_(best.c.best == mine, best.c.user_id > me)))
        )
        return Standings(top, ((ahead or 0) + 1, Entry(me, mine)), total)


class CacheBoards:
    """Boards as sorted sets (`games:lb:<game>:<period>:<name>`, member = user id, score = the
    rank key), kept with ZADD GT so a player's entry only ever improves."""

    def __init__(self, cache: Cache, zone: ZoneInfo) -> None:
        self._cache = cache
        self._zone = zone  # where days and weeks begin

    @staticmethod
    def _key(game: GameKind, board: Window) -> str:
        return f"games:lb:{game.value}:{board.period.value}:{board.name}"

    async def _ensure(self, db: AsyncSession, game: GameKind, board: Window) -> str:
        """The board's key, loaded from the database first if the cache does not have it. Two
        processes loading at once is harmless: ZADD GT merges to the same maxima."""
        key = self._key(game, board)
        if await self._cache.exists(key):
            return key
        entries = await best_entries(db, game, board)
        for start in range(0, len(entries), LOAD_CHUNK):
            chunk = entries[start : start + LOAD_CHUNK]
            await self._cache.zadd(key, {str(e.user_id): float(e.key) for e in chunk}, gt=True)
        await self._expire(key, board, utcnow())
        return key

    async def _expire(self, key: str, board: Window, now: datetime) -> None:
        if board.end is not None:
            await self._cache.expire(
                key, int((board.end - now).total_seconds()) + KEEP_AFTER_PERIOD
            )

    async def record(self, db: AsyncSession, game: GameSession) -> None:
        if game.rank_key is None or game.finished_at is None:
            return
        for period in Period:
            board = window(period, game.finished_at, self._zone)
            key = await self._ensure(db, game.game, board)
            await self._cache.zadd(key, {str(game.user_id): float(game.rank_key)}, gt=True)
            await self._expire(key, board, game.finished_at)

    async def standings(
        self,
        db: AsyncSession,
        game: GameKind,
        board: Window,
        *,
        limit: int,
        me: uuid.UUID,
        members: Sequence[uuid.UUID] | None = None,
    ) -> Standings:
        key = await self._ensure(db, game, board)
        if members is not None:
            return await self._among(key, limit, me, members)
        top = [
            Entry(uuid.UUID(member), int(score))
            for member, score in await self._cache.zrevrange(key, 0, limit - 1)
        ]
        total = await self._cache.zcard(key)
        rank = await self._cache.zrevrank(key, str(me))
        score = await self._cache.zscore(key, str(me))
        if rank is None or score is None:
            return Standings(top, None, total)
        return Standings(top, (rank + 1, Entry(me, int(score))), total)

    async def _among(
        self, key: str, limit: int, me: uuid.UUID, members: Sequence[uuid.UUID]
    ) -> Standings:
        names = [str(m) for m in members]
        scores = await self._cache.zmscore(key, names)
        ranked = sorted(
            ((score, name) for name, score in zip(names, scores, strict=True) if score is not None),
            reverse=True,
        )
        entries = [Entry(uuid.UUID(name), int(score)) for score, name in ranked]
        mine = next(((i + 1, e) for i, e in enumerate(entries) if e.user_id == me), None)
        return Standings(entries[:limit], mine, len(entries))


def boards_for(settings: GamesSettings, cache: Cache) -> Boards:
    """Redis sorted sets when Redis is configured; the database otherwise (one machine)."""
    if settings.redis_url:
        return CacheBoards(cache, ZoneInfo(settings.games_timezone))
    return DatabaseBoards()
