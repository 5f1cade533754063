"""The games service: Tetris and 2048 with server-verified scores, leaderboards and coins."""

from fastapi import FastAPI

from alif.app import create_app
from games.config import GamesSettings


def create_games_app(settings: GamesSettings) -> FastAPI:
    return create_app(
        settings,
        title="ALIF24 games",
        description="Tetris and 2048 with server-verified scores, leaderboards and coins",
        routers=[],
    )


def build_app() -> FastAPI:
    """The uvicorn factory: `uvicorn --factory games.app:build_app`."""
    return create_games_app(GamesSettings())
