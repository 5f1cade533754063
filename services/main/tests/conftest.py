import dataclasses
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from alif.cache import Cache
from alif.testing import TestKeys, serve_here
from alif_main.app import create_main_app
from alif_main.auth.service import AuthService
from alif_main.config import MainSettings
from alif_main.payments.testing import ClickClient, PaymeClient
from alif_main.testing import Outbox, main_test_settings
from alif_main.verification.senders import CodeDelivery


@pytest.fixture(scope="session")
def main_settings(settings_values: dict[str, Any], test_keys: TestKeys) -> MainSettings:
    return main_test_settings(settings_values, test_keys)


@pytest.fixture(scope="session")
def app(main_settings: MainSettings) -> FastAPI:
    return create_main_app(main_settings)


@pytest.fixture
def outbox(started_app: FastAPI) -> Iterator[Outbox]:
    outbox = Outbox()
    auth: AuthService = started_app.state.auth
    started_app.state.auth = dataclasses.replace(
        auth, codes=dataclasses.replace(auth.codes, delivery=CodeDelivery(outbox, outbox))
    )
    yield outbox
    started_app.state.auth = auth


@pytest.fixture
def change_settings(started_app: FastAPI) -> Iterator[Callable[..., MainSettings]]:
    """`change_settings(payme_key="")`: the app reads these settings until the test ends."""
    original: MainSettings = started_app.state.settings

    def change(**values: Any) -> MainSettings:
        started_app.state.settings = original.model_copy(update=values)
        changed: MainSettings = started_app.state.settings
        return changed

    yield change
    started_app.state.settings = original


@pytest.fixture
async def provider_http(
    started_app: FastAPI, db_session: AsyncSession, cache: Cache
) -> AsyncIterator[httpx.AsyncClient]:
    """Real HTTP to the app on a free port: how Payme's and Click's servers reach it."""
    async with serve_here(started_app) as url, httpx.AsyncClient(base_url=url) as http:
        yield http


@pytest.fixture
def payme(provider_http: httpx.AsyncClient) -> PaymeClient:
    return PaymeClient(provider_http)


@pytest.fixture
def click(provider_http: httpx.AsyncClient) -> ClickClient:
    return ClickClient(provider_http)
