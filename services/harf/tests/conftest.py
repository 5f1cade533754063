from typing import Any

import pytest
from fastapi import FastAPI

from harf.app import create_harf_app
from harf.config import HarfSettings


@pytest.fixture(scope="session")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_harf_app(HarfSettings(**settings_values))
