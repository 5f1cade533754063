"""Schemathesis generates requests from harf's OpenAPI document: none may cause a 5xx, every
answer matches the documented schema, and only the alphabets and the sounds' signed links are
read without a token."""

import asyncio
from pathlib import Path
from typing import Any

import pytest

from alif.auth import Role
from alif.db import standalone_session
from alif.testing import TestKeys, fresh_database, fuzz_openapi, make_user, serve_asgi, token_for
from harf.app import create_harf_app
from harf.config import HarfSettings

PUBLIC = frozenset(
    {
        "/api/harf/alphabets",
        "/api/harf/alphabets/{code}",
        "/api/harf/alphabets/{code}/letters/{number}",
        "/api/harf/media/{key}",  # the signed link is the permission
    }
)
# Its documented answer while a sound is being made is 503 audio_pending (test_audio.py).
AUDIO = frozenset({"/api/harf/alphabets/{code}/letters/{number}/audio"})


@pytest.mark.slow
def test_no_generated_request_makes_harf_fail(
    settings_values: dict[str, Any], test_keys: TestKeys, tmp_path: Path
) -> None:
    settings = HarfSettings(
        **{**settings_values, "database_url": fresh_database(tmp_path), "redis_url": None}
    )

    async def student_token() -> str:
        async with standalone_session(settings) as db:
            return token_for(test_keys, await make_user(db, role=Role.student))

    token = asyncio.run(student_token())
    with serve_asgi(create_harf_app(settings), lifespan=True) as base_url:
        operations = fuzz_openapi(base_url, "harf", token, public_paths=PUBLIC, skip_paths=AUDIO)
    assert operations == 13
