"""An admin's changes need a sign-in from the last 15 minutes (issue 21 §5, ASVS V7.5). The attack:
a session that is old but kept alive (an admin tab left open, a stolen refresh cookie) refreshes
its access token as often as it likes, and still cannot change a role, plans or coins, in the API
or in the admin UI; every change that is allowed is in the audit log."""

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif.kernel.models import User
from alif.testing import TestKeys, token_for
from alif_main.admin.i18n import COOKIE
from alif_main.audit.models import AuditLog
from alif_main.auth.models import AuthSession, SessionKind
from alif_main.testing import PASSWORD, make_account

ADMIN = "/api/main/admin"
STALE = timedelta(minutes=16)


async def _role_changes(db: AsyncSession) -> int:
    query = select(func.count()).select_from(AuditLog).where(AuditLog.action.like("%role%"))
    return await db.scalar(query) or 0


async def _age_sessions(db: AsyncSession, user: User, kind: SessionKind) -> None:
    """As if the sign-in happened 16 minutes ago (the session itself is still live)."""
    await db.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user.id, AuthSession.kind == kind)
        .values(created_at=utcnow() - STALE)
    )
    await db.flush()


async def test_refreshing_an_old_session_does_not_make_it_fresh_enough_to_change_a_role(
    client: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    admin = await make_account(db_session, started_app, Role.admin)
    teacher = await make_account(db_session, started_app, Role.teacher)
    signed_in = await client.post(
        "/api/main/auth/login",
        json={"identifier": admin.phone, "password": PASSWORD, "token_delivery": "body"},
    )
    assert signed_in.status_code == 200, signed_in.text
    headers = {"Authorization": f"Bearer {signed_in.json()['access_token']}"}
    role_url = f"/api/main/users/{teacher.id}/role"

    # Just signed in: the change is made, and audited.
    assert (await client.put(role_url, json={"role": "moderator"}, headers=headers)).is_success
    assert await _role_changes(db_session) == 1

    # The same session, its sign-in now 16 minutes old, kept alive by a refresh.
    await _age_sessions(db_session, admin, SessionKind.api)
    refreshed = await client.post(
        "/api/main/auth/refresh", json={"refresh_token": signed_in.json()["refresh_token"]}
    )
    assert refreshed.status_code == 200
    headers = {"Authorization": f"Bearer {refreshed.json()['access_token']}"}
    refused = await client.put(role_url, json={"role": "teacher"}, headers=headers)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "fresh_sign_in_required"
    assert refused.json()["error"]["details"] == {"max_age": 900}
    assert (await db_session.get(User, teacher.id, populate_existing=True)).role is Role.moderator  # type: ignore[union-attr]
    assert await _role_changes(db_session) == 1
    # Reading is still allowed: only changes need the fresh sign-in.
    assert (await client.get(f"/api/main/users/{teacher.id}", headers=headers)).status_code == 200

    # Signing in again (a new session) allows it again.
    again = await client.post(
        "/api/main/auth/login",
        json={"identifier": admin.phone, "password": PASSWORD, "token_delivery": "body"},
    )
    headers = {"Authorization": f"Bearer {again.json()['access_token']}"}
    assert (await client.put(role_url, json={"role": "teacher"}, headers=headers)).is_success
    assert await _role_changes(db_session) == 2


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        (
            "POST",
            "/api/main/coins/adjustments",
            {"amount": 5, "reason": "x", "idempotency_key": "k"},
        ),
        ("POST", "/api/main/subscriptions/admin/plans", {}),
        ("POST", "/api/main/shop/items", {}),
    ],
)
async def test_every_admin_change_in_the_api_needs_the_fresh_sign_in(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    started_app: FastAPI,
    test_keys: TestKeys,
    method: str,
    path: str,
    body: dict[str, object],
) -> None:
    admin = await make_account(db_session, started_app, Role.admin)
    stale = token_for(test_keys, admin, signed_in_at=utcnow() - STALE)
    response = await client.request(
        method, path, json=body, headers={"Authorization": f"Bearer {stale}"}
    )
    assert (response.status_code, response.json()["error"]["code"]) == (
        403,
        "fresh_sign_in_required",
    )


@pytest.fixture
async def browser(
    started_app: FastAPI, db_session: AsyncSession
) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=started_app, client=("203.0.113.9", 40000))
    async with httpx.AsyncClient(
        transport=transport, base_url="https://alif24.test", cookies={COOKIE: "en"}
    ) as client:
        yield client


async def test_an_admin_ui_session_left_open_can_read_but_not_change(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    admin = await make_account(db_session, started_app, Role.admin, phone="+998901110077")
    teacher = await make_account(db_session, started_app, Role.teacher)
    await browser.post(f"{ADMIN}/login", data={"username": admin.phone, "password": PASSWORD})
    await _age_sessions(db_session, admin, SessionKind.admin)

    page = await browser.get(f"{ADMIN}/accounts/{teacher.id}")
    assert page.status_code == 200  # reading goes on
    changed = await browser.post(
        f"{ADMIN}/accounts/{teacher.id}/role",
        data={"role": "moderator", "reason": "runs the support desk"},
        follow_redirects=True,
    )
    assert "sign in again" in changed.text
    granted = await browser.post(
        f"{ADMIN}/accounts/{teacher.id}/coins",
        data={"amount": "50", "reason": "olympiad winner", "key": "fresh-test-grant"},
        follow_redirects=True,
    )
    assert "sign in again" in granted.text
    assert (await db_session.get(User, teacher.id, populate_existing=True)).role is Role.teacher  # type: ignore[union-attr]
    assert await db_session.scalar(select(func.count()).select_from(AuditLog)) == 0
