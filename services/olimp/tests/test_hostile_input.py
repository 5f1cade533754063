"""Every write route of olimp, sent control characters and numbers past the database's range in
each field: never a 500."""

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.cache import Cache
from alif.testing import LoginAs, send_hostile_inputs
from olimp.testing import OLYMPIADS, build_olympiad, open_round, registered_child


async def test_no_write_route_answers_bad_input_with_a_server_error(
    started_app: FastAPI,
    client: AsyncClient,
    login_as: LoginAs,
    cache: Cache,
    db_session: AsyncSession,
) -> None:
    moderator = await login_as(Role.moderator)
    draft = await build_olympiad(moderator, publish=False)
    olympiad = await build_olympiad(moderator)
    child = await registered_child(db_session, login_as, olympiad)
    await open_round(db_session, olympiad["rounds"][0]["id"])
    round_url = f"{OLYMPIADS}/{olympiad['id']}/rounds/{olympiad['rounds'][0]['id']}"
    attempt = (await child.post(f"{round_url}/attempt")).json()
    sent, failures = await send_hostile_inputs(
        started_app,
        client,
        [moderator, child],
        cache,
        {
            "olympiad_id": draft["id"],
            "round_id": draft["rounds"][0]["id"],
            "attempt_id": attempt["id"],
            "question_id": attempt["questions"][0]["id"],
        },
    )
    assert sent > 50
    assert failures == []
