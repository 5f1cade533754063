"""A service that gates its routes on subscription features, as every service does."""

from collections.abc import Callable
from typing import Any, ClassVar

import pytest
from fastapi import APIRouter, Depends, FastAPI

from alif.app import create_app
from alif.config import CommonSettings
from alif.kernel.models import User
from alif.subscriptions import Feature, require_feature
from alif.testing import TestKeys, token_for


class GatedServiceSettings(CommonSettings):
    service_name: ClassVar[str] = "gated"


def gated_router() -> APIRouter:
    """What a service does to gate a feature: one dependency on the route."""
    router = APIRouter()

    @router.get("/olympiads", dependencies=[Depends(require_feature(Feature.olimp))])
    async def olympiads() -> dict[str, str]:
        return {"feature": "olimp"}

    @router.get("/ai-tests", dependencies=[Depends(require_feature(Feature.ai_tests))])
    async def ai_tests() -> dict[str, str]:
        return {"feature": "ai_tests"}

    @router.get("/letter-audio", dependencies=[Depends(require_feature(Feature.harf_audio))])
    async def letter_audio() -> dict[str, str]:
        return {"feature": "harf_audio"}

    return router


@pytest.fixture(scope="session")
def app(settings_values: dict[str, Any]) -> FastAPI:
    settings = GatedServiceSettings(**settings_values, free_features="harf_audio")
    return create_app(settings, routers=[gated_router()])


@pytest.fixture
def token_of(test_keys: TestKeys) -> Callable[[User], str]:
    """An access token for any user made in the test."""
    return lambda user: token_for(test_keys, user)
