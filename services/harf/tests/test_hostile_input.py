"""Every write route of harf, sent bad text, numbers past the database's range and bodies of the
wrong shape: a 4xx in the error envelope each time, and harf still serving."""

from fastapi import FastAPI
from httpx import AsyncClient

from alif.auth import Role
from alif.cache import Cache
from alif.testing import LoginAs, send_hostile_inputs


async def test_no_write_route_answers_bad_input_with_a_server_error(
    started_app: FastAPI, client: AsyncClient, login_as: LoginAs, cache: Cache
) -> None:
    student = await login_as(Role.student)
    given = await student.post("/api/harf/alphabets/uz-Latn/letters/1/exercises")
    assert given.status_code == 201, given.text
    sent, failures = await send_hostile_inputs(
        started_app,
        client,
        [student],
        cache,
        {"exercise_id": given.json()["id"], "code": "uz-Latn", "number": "1"},
    )
    assert failures == []
    assert sent >= 15
    assert (await student.get("/api/harf/today")).status_code == 200
