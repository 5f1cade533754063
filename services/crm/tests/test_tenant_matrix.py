"""Strict tenant isolation: every organization route × another organization's director (and a
stranger) → not found, and nothing of the first organization changes."""

from typing import Any

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import Actor, LoginAs
from crm.testing import WRITE_BODIES, furnish_centre, make_centre, with_ids

PREFIX = "/api/crm/organizations/{organization_id}"


def _organization_routes(app: FastAPI) -> list[tuple[str, str]]:
    """Every operation the service documents under one organization (its whole API but the
    list of my organizations)."""
    return sorted(
        (method.upper(), path.removeprefix(PREFIX))
        for path, operations in app.openapi()["paths"].items()
        if path.startswith(PREFIX)
        for method in operations
    )


async def _call(actor: Actor, method: str, path: str, body: dict[str, Any] | None) -> int:
    response = await actor.client.request(method, path, headers=actor.headers, json=body)
    return response.status_code


async def _centre_a(login_as: LoginAs, db: AsyncSession) -> tuple[Actor, dict[str, str]]:
    director = await login_as(Role.organization)
    centre = await make_centre(db, director.user, "A markazi")
    await login_as(Role.teacher, phone="+998935554433")
    worker = await login_as(Role.teacher)
    return director, await furnish_centre(db, director, centre, worker.user)


async def _snapshot(director: Actor, ids: dict[str, str]) -> list[Any]:
    base = f"/api/crm/organizations/{ids['organization_id']}"
    return [
        (await director.get(f"{base}/staff")).json(),
        (await director.get(f"{base}/lead-stages")).json(),
        (await director.get(f"{base}/leads/{ids['lead_id']}")).json(),
        (await director.get(f"{base}/leads/{ids['lead_id']}/activities")).json(),
        (await director.get(f"{base}/students")).json(),
        (await director.get(f"{base}/groups")).json(),
        (await director.get(f"{base}/rooms")).json(),
        (await director.get(f"{base}/groups/{ids['group_id']}/enrolments")).json(),
        (await director.get(f"{base}/holidays")).json(),
        (await director.get(f"{base}/sms/{ids['batch_id']}")).json(),
        (await director.get(f"{base}/students/{ids['student_id']}/money")).json(),
        (await director.get(f"{base}/money/entries")).json(),
        (await director.get(f"{base}/reports/reconciliation")).json(),
        (await director.get(f"{base}/reports/teachers-pay", params={"month": "2026-09"})).json(),
        (await director.get(f"{base}/lessons/{ids['lesson_id']}")).json(),
        (
            await director.get(
                f"{base}/lessons", params={"starts_on": "2026-09-01", "ends_on": "2026-10-11"}
            )
        ).json(),
    ]


async def test_every_route_hides_one_organization_from_another(
    app: FastAPI, login_as: LoginAs, db_session: AsyncSession
) -> None:
    director_a, ids_a = await _centre_a(login_as, db_session)
    director_b = await login_as(Role.organization)
    centre_b = await make_centre(db_session, director_b.user, "B markazi")
    stranger = await login_as(Role.parent)
    before = await _snapshot(director_a, ids_a)

    routes = _organization_routes(app)
    writes = {(m, p) for m, p in routes if m != "GET"}
    assert writes == set(WRITE_BODIES), "give every new write route a body in WRITE_BODIES"
    assert len(routes) >= 16
    for method, path in routes:
        body = with_ids(WRITE_BODIES.get((method, path)), ids_a)
        # A's organization, asked for by B's director and by a stranger.
        for attacker in (director_b, stranger):
            url = (PREFIX + path).format(**ids_a)
            assert await _call(attacker, method, url, body) == 404, (attacker, method, url)
        # B's own organization, with A's objects in the path.
        if "{" in path:
            url = (PREFIX + path).format(**{**ids_a, "organization_id": str(centre_b.id)})
            assert await _call(director_b, method, url, body) == 404, (method, url)

    assert await _snapshot(director_a, ids_a) == before
    for listing in ("/staff", "/leads", "/students", "/groups", "/rooms"):
        response = await director_b.get(f"/api/crm/organizations/{centre_b.id}{listing}")
        rows = response.json()
        assert (rows if isinstance(rows, list) else rows["items"]) == [], listing
