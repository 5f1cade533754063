"""Every write route of games, sent control characters and numbers past the database's range in
each field: never a 500."""

from fastapi import FastAPI
from httpx import AsyncClient

from alif.auth import Role
from alif.cache import Cache
from alif.testing import LoginAs, send_hostile_inputs


async def test_no_write_route_answers_bad_input_with_a_server_error(
    started_app: FastAPI, client: AsyncClient, login_as: LoginAs, cache: Cache
) -> None:
    student = await login_as(Role.student)
    started = await student.post("/api/games/sessions", json={"game": "2048"})
    sent, failures = await send_hostile_inputs(
        started_app, client, [student], cache, {"session_id": started.json()["id"]}
    )
    assert failures == []
    assert sent >= 8
