import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from alif.testing import TestKeys
from alif_main.app import create_main_app
from alif_main.auth.service import AuthService
from alif_main.config import MainSettings
from alif_main.testing import Outbox
from alif_main.verification.senders import CodeDelivery


@pytest.fixture(scope="session")
def main_settings(settings_values: dict[str, Any], test_keys: TestKeys) -> MainSettings:
    return MainSettings(
        **settings_values,
        jwt_private_key=test_keys.private_pem,
        admin_session_secret="test-admin-session-secret-of-enough-length",
        cookie_domain="alif24.test",
    )


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
