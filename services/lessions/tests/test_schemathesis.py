"""Schemathesis over lessions' OpenAPI document, as a teacher and as a student: no generated
request may cause a 5xx, every answer matches its documented schema, nothing works without a
token."""

import asyncio
from pathlib import Path
from typing import Any

import pytest

from alif.auth import Role
from alif.db import standalone_session
from alif.testing import TestKeys, fresh_database, fuzz_openapi, make_user, serve_asgi, token_for
from lessions.app import create_lessions_app
from lessions.config import LessionsSettings


@pytest.mark.slow
def test_no_generated_request_makes_lessions_fail(
    settings_values: dict[str, Any], test_keys: TestKeys, tmp_path: Path
) -> None:
    settings = LessionsSettings(
        **{**settings_values, "database_url": fresh_database(tmp_path), "redis_url": None}
    )

    async def tokens() -> list[str]:
        async with standalone_session(settings) as db:
            teacher = await make_user(db, role=Role.teacher)
            student = await make_user(db, role=Role.student)
        return [token_for(test_keys, teacher), token_for(test_keys, student)]

    with serve_asgi(create_lessions_app(settings), lifespan=True) as base_url:
        for token in asyncio.run(tokens()):
            assert fuzz_openapi(base_url, "lessions", token, max_examples=10) > 10
