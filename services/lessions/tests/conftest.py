from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from alif.testing import s3_server
from lessions.app import create_lessions_app
from lessions.config import LessionsSettings
from tests.media_files import S3_TEST_BUCKET


@pytest.fixture(scope="session")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_lessions_app(LessionsSettings(**settings_values))


@pytest.fixture
def change_settings(started_app: FastAPI) -> Iterator[Callable[..., LessionsSettings]]:
    """`change_settings(s3_bucket="...")`: the app reads these settings until the test ends."""
    original: LessionsSettings = started_app.state.settings

    def change(**values: Any) -> LessionsSettings:
        started_app.state.settings = original.model_copy(update=values)
        changed: LessionsSettings = started_app.state.settings
        return changed

    yield change
    started_app.state.settings = original


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """moto's S3-compatible server with an empty bucket named `S3_TEST_BUCKET`."""
    with s3_server(S3_TEST_BUCKET) as values:
        yield values["s3_endpoint_url"]
