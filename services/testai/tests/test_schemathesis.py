"""Schemathesis over testai's OpenAPI document, once as a teacher and once as a student: no
generated request may cause a 5xx, every answer matches its documented schema, and nothing works
without a token.

`/ai/generate` is left out: its 502 and 503 answers (provider down, not configured) are the
documented behaviour, tested on their own in test_generation.py.
"""

import asyncio
from pathlib import Path
from typing import Any

import pytest

from alif.auth import Role
from alif.db import standalone_session
from alif.testing import TestKeys, fresh_database, fuzz_openapi, make_user, serve_asgi, token_for
from testai.app import create_testai_app
from testai.config import TestaiSettings
from testai.quizzes.models import Quiz, QuizStatus


@pytest.mark.slow
def test_no_generated_request_makes_testai_fail(
    settings_values: dict[str, Any], test_keys: TestKeys, tmp_path: Path
) -> None:
    settings = TestaiSettings(
        **{**settings_values, "database_url": fresh_database(tmp_path), "redis_url": None}
    )

    async def tokens() -> list[str]:
        async with standalone_session(settings) as db:
            teacher = await make_user(db, role=Role.teacher)
            student = await make_user(db, role=Role.student)
            db.add(Quiz(owner_id=teacher.id, title="Fuzz", status=QuizStatus.published))
        return [token_for(test_keys, teacher), token_for(test_keys, student)]

    skip = frozenset({"/api/testai/ai/generate"})
    with serve_asgi(create_testai_app(settings), lifespan=True) as base_url:
        for token in asyncio.run(tokens()):
            assert fuzz_openapi(base_url, "testai", token, skip_paths=skip, max_examples=10) > 30
