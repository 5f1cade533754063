"""Schemathesis generates requests from crm's OpenAPI document, as a centre's director: none may
cause a 5xx, every answer matches the documented schema, and no route works without a token."""

import asyncio
from pathlib import Path
from typing import Any

import pytest

from alif.auth import Role
from alif.db import standalone_session
from alif.testing import TestKeys, fresh_database, fuzz_openapi, make_user, serve_asgi, token_for
from crm.app import create_crm_app
from crm.config import CrmSettings
from crm.testing import make_centre


@pytest.mark.slow
def test_no_generated_request_makes_crm_fail(
    settings_values: dict[str, Any], test_keys: TestKeys, tmp_path: Path
) -> None:
    settings = CrmSettings(
        **{**settings_values, "database_url": fresh_database(tmp_path), "redis_url": None}
    )

    async def director_token() -> str:
        async with standalone_session(settings) as db:
            director = await make_user(db, role=Role.organization)
            await make_centre(db, director)
            return token_for(test_keys, director)

    token = asyncio.run(director_token())
    with serve_asgi(create_crm_app(settings), lifespan=True) as base_url:
        operations = fuzz_openapi(base_url, "crm", token)
    assert operations == 73
