"""Every write route of lessions, sent bad text, numbers past the database's range and bodies of
the wrong shape: a 4xx in the error envelope each time, and lessions still serving."""

from fastapi import FastAPI
from httpx import AsyncClient

from alif.auth import Role
from alif.cache import Cache
from alif.testing import LoginAs, send_hostile_inputs
from lessions.testing import API, build_course, lesson


async def test_no_write_route_answers_bad_input_with_a_server_error(
    started_app: FastAPI, client: AsyncClient, login_as: LoginAs, cache: Cache
) -> None:
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    course = await build_course(teacher, lesson("Bir"))
    sent, failures = await send_hostile_inputs(
        started_app,
        client,
        [teacher, student],
        cache,
        {"course_id": course["id"], "lesson_id": course["lessons"][0]["id"]},
    )
    assert failures == []
    assert sent >= 100
    assert (await student.get(f"{API}/courses/{course['id']}")).status_code == 200
