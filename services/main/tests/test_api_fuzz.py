"""Schemathesis generates requests from main's OpenAPI document: none may cause a 5xx, every
answer matches the documented schema, and no route works without a token unless it is public."""

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import ignored_auth, not_a_server_error, response_schema_conformance

from alif.auth import Role
from alif.db import standalone_session
from alif.testing import TestKeys, make_user, migrate, serve_asgi, token_for
from alif_main.app import create_main_app
from alif_main.config import MainSettings

# Logging out works with the refresh cookie alone (an expired access token must not stop it).
OPTIONAL_AUTH = {"/api/main/auth/logout"}


@pytest.fixture(scope="module")
def running_main(
    tmp_path_factory: pytest.TempPathFactory, test_keys: TestKeys
) -> Iterator[tuple[str, str]]:
    """main on a real port with its own database, and a parent's access token."""
    folder: Path = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite+aiosqlite:///{folder / 'fuzz.db'}"
    migrate(url)
    main_settings = MainSettings(
        _env_file=None,
        environment="test",
        database_url=url,
        data_dir=folder,
        jwt_private_key=test_keys.private_pem,
        jwt_public_keys=test_keys.public_pem,
        log_level="ERROR",
    )

    async def make_parent() -> str:
        async with standalone_session(main_settings) as db:
            parent = await make_user(db, role=Role.parent)
            return token_for(test_keys, parent)

    token = asyncio.run(make_parent())
    with serve_asgi(create_main_app(main_settings), lifespan=True) as base_url:
        yield base_url, token


@pytest.mark.slow
def test_no_generated_request_makes_main_fail(running_main: tuple[str, str]) -> None:
    base_url, token = running_main
    schema = schemathesis.openapi.from_url(f"{base_url}/api/main/openapi.json")
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20

    for operation in operations:
        checks = [not_a_server_error, response_schema_conformance]
        if operation.path not in OPTIONAL_AUTH:
            checks.append(ignored_auth)
        _fuzz(operation, base_url, headers, checks)


def _fuzz(operation: Any, base_url: str, headers: dict[str, str], checks: list[Any]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def call(case: Any) -> None:
        case.call_and_validate(base_url=base_url, headers=headers, checks=checks)

    call()
