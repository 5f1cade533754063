from typing import Any

import pytest
from fastapi import FastAPI

from games.app import create_games_app
from games.config import GamesSettings


@pytest.fixture(scope="session")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_games_app(GamesSettings(**settings_values))
