from typing import Any

import pytest
from fastapi import FastAPI

from olimp.app import create_olimp_app
from olimp.config import OlimpSettings


@pytest.fixture(scope="session")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_olimp_app(OlimpSettings(**settings_values))
