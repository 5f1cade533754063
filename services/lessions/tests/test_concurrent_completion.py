"""Coins and the certificate for a course exactly once when a phone sends the completing answers
several times at the same moment, against the service served whole on a real port."""

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from alif import ledger
from alif.auth import Role
from alif.db import standalone_session
from alif.testing import Actor, TestKeys, fresh_database, make_user, serve_asgi, token_for
from lessions.app import create_lessions_app
from lessions.certificates.models import CourseCertificate
from lessions.config import LessionsSettings
from lessions.testing import API, build_course, lesson, quiz


@pytest.mark.slow
def test_concurrent_completions_pay_the_coins_and_certify_once(
    settings_values: dict[str, Any], test_keys: TestKeys, tmp_path: Path
) -> None:
    settings = LessionsSettings(
        **{**settings_values, "database_url": fresh_database(tmp_path), "redis_url": None}
    )

    async def scenario(base_url: str) -> tuple[list[int], int, int, int]:
        async with standalone_session(settings) as db:
            teacher_user = await make_user(db, role=Role.teacher)
            student_user = await make_user(db, role=Role.student)
        async with httpx.AsyncClient(base_url=base_url) as client:
            teacher = Actor(teacher_user, token_for(test_keys, teacher_user), client)
            student = Actor(student_user, token_for(test_keys, student_user), client)
            course = await build_course(
                teacher, lesson(blocks=[quiz()], completion="quiz"), reward_coins=40
            )
            lesson_id = course["lessons"][0]["id"]
            shown = (await student.get(f"{API}/lessons/{lesson_id}")).json()
            question = shown["lesson"]["blocks"][0]["questions"][0]
            four = next(o["id"] for o in question["options"] if o["text"] == "4")
            body = {"answers": [{"question_id": question["id"], "answer": {"choice": [four]}}]}
            answers = await asyncio.gather(
                *(student.post(f"{API}/lessons/{lesson_id}/answers", json=body) for _ in range(4))
            )
            mine = (await student.get(f"{API}/courses/{course['id']}/progress")).json()
        async with standalone_session(settings) as db:
            balance = await ledger.balance_of(db, student_user.id)
            certificates = await db.scalar(
                select(func.count())
                .select_from(CourseCertificate)
                .where(CourseCertificate.learner_id == student_user.id)
            )
        assert mine["certificate_code"] is not None
        return [a.status_code for a in answers], mine["coins"], balance, certificates or 0

    with serve_asgi(create_lessions_app(settings), lifespan=True) as base_url:
        statuses, coins, balance, certificates = asyncio.run(scenario(base_url))
    assert statuses == [200, 200, 200, 200]
    assert coins == 40
    assert balance == 40
    assert certificates == 1
