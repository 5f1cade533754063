from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query

from alif.auth import CurrentUser
from alif.db import SessionDep, utcnow
from alif.errors import error_responses
from alif.schemas import Page, PageParams, page_of
from games.dependencies import SettingsDep
from games.engines.replay import GameKind
from games.leaderboards.periods import week_start
from games.sessions.schemas import SessionRead
from games.stats import service
from games.stats.dependencies import ChildIdDep
from games.stats.schemas import StatsRead

router = APIRouter(tags=["stats"])


def _week_start(settings: SettingsDep) -> datetime:
    return week_start(utcnow(), ZoneInfo(settings.games_timezone))


@router.get("/me/stats", summary="My games: played, best scores, time, coins and XP")
async def my_stats(user: CurrentUser, db: SessionDep, settings: SettingsDep) -> StatsRead:
    return await service.stats_of(db, user.id, _week_start(settings))


@router.get("/me/history", summary="My finished and refused games, newest first")
async def my_history(
    user: CurrentUser,
    db: SessionDep,
    page: Annotated[PageParams, Query()],
    game: GameKind | None = None,
) -> Page[SessionRead]:
    return page_of(await service.history(db, user.id, game, page), page, SessionRead.of)


@router.get(
    "/children/{child_id}/stats",
    responses=error_responses(404),
    summary="A parent sees their child's games: how much, how well, what they earned",
)
async def child_stats(child_id: ChildIdDep, db: SessionDep, settings: SettingsDep) -> StatsRead:
    return await service.stats_of(db, child_id, _week_start(settings))
