"""Schemathesis generates requests from the games service's OpenAPI document: none may cause a
5xx, every answer matches the documented schema, and no route but /rules works without a token."""

import asyncio
from pathlib import Path
from typing import Any

import pytest

from alif.auth import Role
from alif.db import standalone_session
from alif.testing import TestKeys, fresh_database, fuzz_openapi, make_user, serve_asgi, token_for
from games.app import create_games_app
from games.config import GamesSettings


@pytest.mark.slow
def test_no_generated_request_makes_games_fail(
    settings_values: dict[str, Any], test_keys: TestKeys, tmp_path: Path
) -> None:
    settings = GamesSettings(
        **{**settings_values, "database_url": fresh_database(tmp_path), "redis_url": None},
        games_starts_per_hour=10_000,
    )

    async def student_token() -> str:
        async with standalone_session(settings) as db:
            return token_for(test_keys, await make_user(db, role=Role.student))

    token = asyncio.run(student_token())
    with serve_asgi(create_games_app(settings), lifespan=True) as base_url:
        operations = fuzz_openapi(
            base_url, "games", token, public_paths=frozenset({"/api/games/rules"})
        )
    assert operations == 9
