"""My profile, and what staff may do to accounts (and what they may not)."""

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role
from alif.testing import LoginAs
from alif_main.audit.models import AuditLog
from alif_main.testing import PASSWORD, make_account


async def test_me_shows_the_student_profile_and_guardians(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    from alif.testing import make_child

    parent = await login_as(Role.parent, first_name="Dilnoza")
    child = await login_as(user=await make_child(db_session, parent.user))
    me = (await child.get("/api/main/me")).json()
    assert me["user"]["role"] == "student"
    assert me["student_profile"] is not None
    assert [g["first_name"] for g in me["family"]["guardians"]] == ["Dilnoza"]


async def test_a_teacher_edits_their_profile_but_not_their_role(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    refused = await teacher.patch("/api/main/me", json={"role": "admin"})
    assert refused.status_code == 422
    edited = await teacher.patch(
        "/api/main/me",
        json={"first_name": "Jasur", "subjects": ["fizika"], "bio": "10 yil tajriba"},
    )
    assert edited.status_code == 200
    assert edited.json()["user"]["first_name"] == "Jasur"
    assert edited.json()["user"]["role"] == "teacher"


async def test_only_staff_can_list_accounts(login_as: LoginAs) -> None:
    parent = await login_as(Role.parent)
    assert (await parent.get("/api/main/users")).status_code == 403
    moderator = await login_as(Role.moderator)
    page = (await moderator.get("/api/main/users", params={"role": "parent"})).json()
    assert page["total"] >= 1
    assert all(u["role"] == "parent" for u in page["items"])


async def test_staff_approve_a_pending_teacher_and_it_is_audited(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher, status=AccountStatus.pending)
    moderator = await login_as(Role.moderator)
    response = await moderator.post(f"/api/main/users/{teacher.id}/approve")
    assert response.status_code == 200
    assert response.json()["status"] == "active"
    again = await moderator.post(f"/api/main/users/{teacher.id}/approve")
    assert again.status_code == 409
    entries = list(
        await db_session.scalars(select(AuditLog).where(AuditLog.target_id == str(teacher.id)))
    )
    assert [(e.action, e.actor_id) for e in entries] == [("account.approve", moderator.id)]


async def test_blocking_ends_every_session_at_once(
    client: AsyncClient, login_as: LoginAs, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, phone="+998901112233")
    login = await client.post(
        "/api/main/auth/login",
        json={"identifier": "+998901112233", "password": PASSWORD, "token_delivery": "body"},
    )
    tokens = login.json()
    moderator = await login_as(Role.moderator)
    user_id = tokens["user"]["id"]
    blocked = await moderator.post(f"/api/main/users/{user_id}/block", json={"reason": "spam"})
    assert blocked.json()["status"] == "blocked"
    me = await client.get(
        "/api/main/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert me.status_code == 401
    refresh = await client.post(
        "/api/main/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refresh.status_code == 401
    relogin = await client.post(
        "/api/main/auth/login", json={"identifier": "+998901112233", "password": PASSWORD}
    )
    assert relogin.status_code == 403

    unblocked = await moderator.post(f"/api/main/users/{user_id}/unblock")
    assert unblocked.json()["status"] == "active"


async def test_a_moderator_cannot_block_an_admin_or_change_roles(login_as: LoginAs) -> None:
    admin = await login_as(Role.admin)
    moderator = await login_as(Role.moderator)
    parent = await login_as(Role.parent)
    blocked = await moderator.post(f"/api/main/users/{admin.id}/block", json={"reason": "coup"})
    assert blocked.status_code == 403
    promoted = await moderator.put(f"/api/main/users/{parent.id}/role", json={"role": "admin"})
    assert promoted.status_code == 403


async def test_an_admin_changes_a_role_and_the_old_tokens_stop(login_as: LoginAs) -> None:
    admin = await login_as(Role.admin)
    teacher = await login_as(Role.teacher)
    response = await admin.put(f"/api/main/users/{teacher.id}/role", json={"role": "moderator"})
    assert response.status_code == 200
    assert response.json()["role"] == "moderator"
    # login_as tokens carry a random session; a real session is revoked, see test_sessions.
    child = await login_as(Role.student)
    to_child = await admin.put(f"/api/main/users/{child.id}/role", json={"role": "admin"})
    assert to_child.status_code == 403
    own = await admin.put(f"/api/main/users/{admin.id}/role", json={"role": "parent"})
    assert own.status_code == 403


async def test_nobody_gives_themselves_a_role(login_as: LoginAs) -> None:
    for role in (Role.parent, Role.teacher, Role.organization, Role.student):
        actor = await login_as(role)
        response = await actor.put(f"/api/main/users/{actor.id}/role", json={"role": "admin"})
        assert response.status_code == 403
