from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from harf.app import create_harf_app
from harf.config import HarfSettings


@pytest.fixture(scope="session")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_harf_app(HarfSettings(**settings_values))


@pytest.fixture
def change_settings(started_app: FastAPI) -> Iterator[Callable[..., HarfSettings]]:
    """`change_settings(tts_api_key="")`: the app reads these settings until the test ends."""
    original: HarfSettings = started_app.state.settings

    def change(**values: Any) -> HarfSettings:
        started_app.state.settings = original.model_copy(update=values)
        changed: HarfSettings = started_app.state.settings
        return changed

    yield change
    started_app.state.settings = original
