"""Every write route of testai, sent text with control characters, date-times without an offset
(test windows, due dates) and numbers past the database's range in each field: never a 500."""

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.cache import Cache
from alif.testing import LoginAs, make_study_group, send_hostile_inputs
from testai.testing import API, every_type


async def test_no_write_route_answers_bad_input_with_a_server_error(
    started_app: FastAPI,
    client: AsyncClient,
    login_as: LoginAs,
    db_session: AsyncSession,
    cache: Cache,
) -> None:
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    await make_study_group(db_session, teacher.user, [student.user])
    test = (await teacher.post(f"{API}/tests", json={"title": "Nazorat ishi"})).json()
    added = await teacher.post(
        f"{API}/tests/{test['id']}/questions/bulk", json={"questions": every_type()}
    )
    question = added.json()[0] if isinstance(added.json(), list) else added.json()["items"][0]

    sent, failures = await send_hostile_inputs(
        started_app,
        client,
        [teacher, student],
        cache,
        {"test_id": test["id"], "question_id": question["id"], "student_id": str(student.id)},
    )
    assert failures == []
    assert sent > 150
