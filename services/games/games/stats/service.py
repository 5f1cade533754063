"""A player's own numbers: games played, best scores, time spent, coins and XP from games."""

import uuid
from datetime import datetime

from sqlalchemy import Select, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import find_page
from alif.schemas import Found, PageParams
from games.engines.replay import GameKind
from games.engines.tetris import TICKS_PER_SECOND
from games.sessions.models import GameSession, SessionStatus
from games.stats.schemas import GameStats, StatsRead


async def stats_of(db: AsyncSession, user_id: uuid.UUID, week_start: datetime) -> StatsRead:
    finished = GameSession.status == SessionStatus.finished
    this_week = GameSession.finished_at >= week_start
    rows = await db.execute(
        select(
            GameSession.game,
            func.count(),
            func.max(case((GameSession.flag_reason.is_(None), GameSession.score))),
            func.sum(GameSession.coins_paid),
            func.sum(GameSession.xp),
            func.sum(GameSession.end_tick),
            func.sum(case((this_week, GameSession.end_tick), else_=0)),
            func.max(GameSession.finished_at),
        )
        .where(GameSession.user_id == user_id, finished)
        .group_by(GameSession.game)
    )
    by_game = {row[0]: row for row in rows}
    games = []
    for game in GameKind:
        row = by_game.get(game)
        if row is None:
            games.append(
                GameStats(
                    game=game,
                    played=0,
                    best_score=None,
                    coins=0,
                    xp=0,
                    seconds_played=0,
                    seconds_played_this_week=0,
                    last_played_at=None,
                )
            )
            continue
        _, played, best, coins, xp, ticks, week_ticks, last = row
        games.append(
            GameStats(
                game=game,
                played=played,
                best_score=best,
                coins=coins or 0,
                xp=xp or 0,
                seconds_played=(ticks or 0) / TICKS_PER_SECOND,
                seconds_played_this_week=(week_ticks or 0) / TICKS_PER_SECOND,
                last_played_at=last,
            )
        )
    return StatsRead(games=games, coins=sum(g.coins for g in games), xp=sum(g.xp for g in games))


def _history(user_id: uuid.UUID, game: GameKind | None) -> Select[GameSession]:
    query = select(GameSession).where(
        GameSession.user_id == user_id, GameSession.status != SessionStatus.active
    )
    return query if game is None else query.where(GameSession.game == game)


async def history(
    db: AsyncSession, user_id: uuid.UUID, game: GameKind | None, page: PageParams
) -> Found[GameSession]:
    """Finished and refused games, newest first (games still being played are not history)."""
    query = _history(user_id, game)
    return await find_page(db, query, page, GameSession.started_at.desc(), GameSession.id)
