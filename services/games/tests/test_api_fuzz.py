"""Schemathesis generates requests from the games service's OpenAPI document: none may cause a
5xx, every answer matches the documented schema, and no route but /rules works without a token."""

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
from games.app import create_games_app
from games.config import GamesSettings

PUBLIC = {"/api/games/rules"}


@pytest.fixture(scope="module")
def running_games(
    tmp_path_factory: pytest.TempPathFactory, test_keys: TestKeys
) -> Iterator[tuple[str, str]]:
    """The games service on a real port with its own database, and a student's access token."""
    folder: Path = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite+aiosqlite:///{folder / 'fuzz.db'}"
    migrate(url)
    games_settings = GamesSettings(
        _env_file=None,
        environment="test",
        database_url=url,
        data_dir=folder,
        jwt_public_keys=test_keys.public_pem,
        log_level="ERROR",
        games_starts_per_hour=10_000,
    )

    async def make_student() -> str:
        async with standalone_session(games_settings) as db:
            student = await make_user(db, role=Role.student)
            return token_for(test_keys, student)

    token = asyncio.run(make_student())
    with serve_asgi(create_games_app(games_settings), lifespan=True) as base_url:
        yield base_url, token


@pytest.mark.slow
def test_no_generated_request_makes_games_fail(running_games: tuple[str, str]) -> None:
    base_url, token = running_games
    schema = schemathesis.openapi.from_url(f"{base_url}/api/games/openapi.json")
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 9

    for operation in operations:
        checks = [not_a_server_error, response_schema_conformance]
        if operation.path not in PUBLIC:
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
