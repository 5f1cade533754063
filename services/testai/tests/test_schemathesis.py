"""Schemathesis over testai's OpenAPI: generated requests, real HTTP, no 5xx, and every
response matching its documented schema.

The app runs whole (lifespan included) under uvicorn on a free port, against a database of its
own (the fuzzer's writes are committed, so they must not meet the other tests' data). It is
fuzzed twice, as a teacher and as a student, with a bounded number of examples.

`/ai/generate` is left out: its 502 and 503 answers (provider down, not configured) are the
documented behaviour, tested on their own in test_generation.py.
"""

import sys
from pathlib import Path
from typing import Any

import anyio
import pytest

from alif import testing as alif_testing
from alif.auth import Role
from alif.db import standalone_session
from alif.testing import make_user, migrate, serve_asgi, token_for
from testai import config
from testai.app import create_testai_app
from testai.quizzes.models import Quiz, QuizStatus


@pytest.mark.slow
async def test_no_request_makes_the_api_fail(
    settings_values: dict[str, Any], test_keys: alif_testing.TestKeys, tmp_path: Path
) -> None:
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'fuzz.db'}"
    await anyio.to_thread.run_sync(migrate, database_url)
    settings = config.TestaiSettings(
        **{**settings_values, "database_url": database_url, "redis_url": None}
    )
    async with standalone_session(settings) as db:
        teacher = await make_user(db, role=Role.teacher)
        student = await make_user(db, role=Role.student)
        db.add(Quiz(owner_id=teacher.id, title="Fuzz", status=QuizStatus.published))
    tokens = [token_for(test_keys, teacher), token_for(test_keys, student)]

    with serve_asgi(create_testai_app(settings), lifespan=True) as base_url:
        for token in tokens:
            result = await anyio.run_process(
                [
                    sys.executable,
                    "-m",
                    "schemathesis.cli",
                    "run",
                    f"{base_url}/api/testai/openapi.json",
                    "--checks",
                    "not_a_server_error,response_schema_conformance",
                    "--max-examples",
                    "6",
                    "--phases",
                    "examples,coverage,fuzzing",
                    "--exclude-path-regex",
                    "/ai/generate$",
                    "--seed",
                    "20261127",
                    "--header",
                    f"Authorization: Bearer {token}",
                    "--no-color",
                    "--warnings",
                    "off",
                ],
                check=False,
                cwd=tmp_path,  # schemathesis keeps a cache in its working directory
            )
            output = result.stdout.decode() + result.stderr.decode()
            assert result.returncode == 0, output[-6000:]
