"""The AI provider slow or failing (issue 21 §3): each call gives up at its timeout and is retried a
bounded number of times; what still fails is `ai_unavailable` to the teacher, with nothing half
made, and the next request works as soon as the provider does. Against a local server speaking
OpenAI's API, through the real `openai` client."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.subscriptions import Feature
from alif.testing import LoginAs, serve_asgi, subscribe
from testai.app import create_testai_app
from testai.quizzes.models import Quiz
from testai.testing import API, FakeOpenAI, ai_settings, five_items

pytestmark = pytest.mark.postgres

TIMEOUT = 0.5  # seconds: the provider below is slower than this when told to be
SLOW = 3.0
GENERATE = f"{API}/ai/generate"
BRIEF = {"subject": "Matematika", "topic": "Kasrlar", "grade": 5, "language": "uz", "count": 5}


@pytest.fixture(scope="module")
def fake_openai() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI()
    with serve_asgi(fake.app) as url:
        fake.url = url
        yield fake


@pytest.fixture(scope="module")
def app(settings_values: dict[str, Any], fake_openai: FakeOpenAI) -> FastAPI:
    return create_testai_app(
        ai_settings(
            settings_values,
            fake_openai,
            openai_timeout_seconds=TIMEOUT,
            openai_max_retries=1,
            ai_requests_per_minute=10,
        )
    )


@pytest.fixture(autouse=True)
def _fresh_script(fake_openai: FakeOpenAI) -> None:
    fake_openai.reset()


async def test_a_provider_slower_than_the_timeout_is_given_up_on_and_tried_once_more(
    login_as: LoginAs, fake_openai: FakeOpenAI, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    await subscribe(db_session, teacher.user, Feature.ai_tests)
    fake_openai.reply(delay=SLOW)
    fake_openai.reply(delay=SLOW)

    response = await teacher.post(GENERATE, json=BRIEF)
    assert response.status_code == 502, response.text
    assert response.json()["error"]["code"] == "ai_unavailable"
    assert len(fake_openai.requests) == 2  # the call and its one retry, no more
    assert await db_session.scalar(select(func.count()).select_from(Quiz)) == 0

    # Nothing is stuck: the provider answers again, so does the service.
    fake_openai.reply_questions(five_items())
    assert (await teacher.post(GENERATE, json=BRIEF)).status_code == 201


async def test_a_provider_failing_once_is_retried_and_the_teacher_sees_no_error(
    login_as: LoginAs, fake_openai: FakeOpenAI, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    await subscribe(db_session, teacher.user, Feature.ai_tests)
    fake_openai.reply(status=503)
    fake_openai.reply_questions(five_items())

    response = await teacher.post(GENERATE, json=BRIEF)
    assert response.status_code == 201, response.text
    assert response.json()["accepted"] == 5
    assert len(fake_openai.requests) == 2
