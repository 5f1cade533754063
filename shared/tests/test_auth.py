"""Role and approval checks, revoked sessions, optional sign-in."""

import uuid

from httpx import AsyncClient

from alif.auth import AccountStatus, Role, revoked_session_key
from alif.cache import Cache
from alif.testing import LoginAs


async def test_routes_are_authenticated_unless_declared_public(client: AsyncClient) -> None:
    assert (await client.get("/api/alif/probe/whoami")).status_code == 401
    assert (await client.get("/api/alif/open/maybe")).json() == {"signed_in": False}


async def test_the_token_identifies_the_user(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    assert (await teacher.get("/api/alif/probe/whoami")).json() == {
        "id": str(teacher.id),
        "role": "teacher",
    }
    assert (await teacher.get("/api/alif/open/maybe")).json() == {"signed_in": True}


async def test_a_pending_teacher_cannot_do_approved_teaching(login_as: LoginAs) -> None:
    pending = await login_as(Role.teacher, status=AccountStatus.pending)
    response = await pending.get("/api/alif/probe/teaching")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "account_not_approved"
    approved = await login_as(Role.teacher)
    assert (await approved.get("/api/alif/probe/teaching")).status_code == 200


async def test_a_parent_is_not_a_teacher(login_as: LoginAs) -> None:
    parent = await login_as(Role.parent)
    response = await parent.get("/api/alif/probe/teaching")
    assert response.json()["error"]["code"] == "role_not_allowed"


async def test_a_revoked_session_stops_its_tokens_in_every_service(
    login_as: LoginAs, cache: Cache
) -> None:
    parent = await login_as(Role.parent)
    import jwt

    session_id = uuid.UUID(jwt.decode(parent.token, options={"verify_signature": False})["sid"])
    await cache.set(revoked_session_key(session_id), "1", 60)
    response = await parent.get("/api/alif/probe/whoami")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "session_revoked"


async def test_garbage_tokens_are_refused(client: AsyncClient) -> None:
    for token in ("", "abc", "a.b.c", "Bearer x"):
        response = await client.get(
            "/api/alif/probe/whoami", headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 401
