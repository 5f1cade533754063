"""Schemathesis over olimp's OpenAPI document, as a moderator (an organizer) and as a student:
no generated request may cause a 5xx, every answer matches its documented schema, and nothing
works without a token."""

import asyncio
from pathlib import Path
from typing import Any

import pytest

from alif.auth import Role
from alif.db import standalone_session
from alif.testing import TestKeys, fresh_database, fuzz_openapi, make_user, serve_asgi, token_for
from olimp.app import create_olimp_app
from olimp.config import OlimpSettings


@pytest.mark.slow
def test_no_generated_request_makes_olimp_fail(
    settings_values: dict[str, Any], test_keys: TestKeys, tmp_path: Path
) -> None:
    settings = OlimpSettings(
        **{**settings_values, "database_url": fresh_database(tmp_path), "redis_url": None}
    )

    async def tokens() -> list[str]:
        async with standalone_session(settings) as db:
            moderator = await make_user(db, role=Role.moderator)
            student = await make_user(db, role=Role.student)
        return [token_for(test_keys, moderator), token_for(test_keys, student)]

    with serve_asgi(create_olimp_app(settings), lifespan=True) as base_url:
        for token in asyncio.run(tokens()):
            assert fuzz_openapi(base_url, "olimp", token, max_examples=10) >= 14
