from typing import Any

import pytest
from fastapi import FastAPI

from lessions.app import create_lessions_app
from lessions.config import LessionsSettings


@pytest.fixture(scope="session")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_lessions_app(LessionsSettings(**settings_values))
