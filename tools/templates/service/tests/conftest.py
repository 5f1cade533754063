from typing import Any

import pytest
from fastapi import FastAPI

from $package.app import create_${name}_app
from $package.config import ${Name}Settings


@pytest.fixture(scope="session")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_${name}_app(${Name}Settings(**settings_values))
