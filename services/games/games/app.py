"""The games service: Tetris and 2048 with server-verified scores, leaderboards and coins."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from alif.app import create_app
from games.config import GamesSettings
from games.leaderboards.boards import boards_for
from games.leaderboards.router import router as leaderboards_router
from games.sessions.replayer import Replayer
from games.sessions.router import router as sessions_router
from games.sessions.rules_router import router as rules_router
from games.stats.router import router as stats_router


def create_games_app(settings: GamesSettings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.replayer = Replayer(settings.games_replay_threads)
        app.state.boards = boards_for(settings, app.state.cache)
        yield

    return create_app(
        settings,
        title="ALIF24 games",
        description="Tetris and 2048 with server-verified scores, leaderboards and coins",
        routers=[sessions_router, leaderboards_router, stats_router],
        public_routers=[rules_router],
        lifespan=lifespan,
    )


def build_app() -> FastAPI:
    """The uvicorn factory: `uvicorn --factory games.app:build_app`."""
    return create_games_app(GamesSettings())
