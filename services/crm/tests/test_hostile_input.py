"""Every write route of crm, sent bad text, numbers past the database's range and bodies of the
wrong shape, into a centre with one of everything: a 4xx in the error envelope each time, and
crm still serving."""

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.cache import Cache
from alif.testing import LoginAs, send_hostile_inputs
from crm.testing import furnish_centre, make_centre


async def test_no_write_route_answers_bad_input_with_a_server_error(
    started_app: FastAPI,
    client: AsyncClient,
    login_as: LoginAs,
    cache: Cache,
    db_session: AsyncSession,
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user)
    worker = await login_as(Role.teacher)
    ids = await furnish_centre(db_session, director, centre, worker.user)
    office = f"/api/crm/organizations/{centre.id}"
    sent, failures = await send_hostile_inputs(started_app, client, [director], cache, ids)
    assert failures == []
    assert sent >= 300
    assert (await director.get(f"{office}/students")).status_code == 200
