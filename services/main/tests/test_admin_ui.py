"""The staff admin UI: only staff get in, with their own account; actions are audited."""

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role
from alif.kernel.models import User
from alif_main.audit.models import AuditLog
from alif_main.testing import PASSWORD, make_account

ADMIN = "/api/main/admin"


@pytest.fixture
async def browser(
    started_app: FastAPI, db_session: AsyncSession
) -> AsyncIterator[httpx.AsyncClient]:
    """A browser on https (the admin cookie is Secure) that keeps its cookies."""
    transport = httpx.ASGITransport(app=started_app, client=("203.0.113.9", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="https://alif24.test") as client:
        yield client


async def _sign_in(
    browser: httpx.AsyncClient, phone: str, password: str = PASSWORD
) -> httpx.Response:
    return await browser.post(f"{ADMIN}/login", data={"username": phone, "password": password})


async def test_a_moderator_signs_in_and_sees_the_accounts(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, Role.moderator, phone="+998901110000")
    response = await _sign_in(browser, "+998 90 111 00 00")
    assert response.status_code in (302, 303)
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=strict" in cookie
    accounts = await browser.get(f"{ADMIN}/user/list")
    assert accounts.status_code == 200
    assert "password_hash" not in accounts.text


async def test_parents_and_wrong_passwords_stay_out(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, Role.parent, phone="+998901110001")
    await make_account(db_session, started_app, Role.admin, phone="+998901110002")
    await _sign_in(browser, "+998901110001")
    assert (await browser.get(f"{ADMIN}/user/list")).status_code in (302, 303)
    await _sign_in(browser, "+998901110002", "wrong-password")
    assert (await browser.get(f"{ADMIN}/user/list")).status_code in (302, 303)


async def test_approving_in_the_ui_is_audited(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    admin = await make_account(db_session, started_app, Role.admin, phone="+998901110002")
    teacher = await make_account(
        db_session, started_app, Role.teacher, phone="+998901110003", status=AccountStatus.pending
    )
    await _sign_in(browser, "+998901110002")
    response = await browser.get(f"{ADMIN}/user/action/approve", params={"pks": str(teacher.id)})
    assert response.status_code in (302, 303)
    refreshed = await db_session.get(User, teacher.id, populate_existing=True)
    assert refreshed is not None
    assert refreshed.status is AccountStatus.active
    entry = await db_session.scalar(select(AuditLog).where(AuditLog.action == "account.approve"))
    assert entry is not None
    assert entry.actor_id == admin.id
    assert entry.ip_address == "203.0.113.9"


async def test_blocking_a_staff_member_ends_their_admin_session(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    moderator = await make_account(db_session, started_app, Role.moderator, phone="+998901110004")
    await _sign_in(browser, "+998901110004")
    assert (await browser.get(f"{ADMIN}/user/list")).status_code == 200
    moderator.status = AccountStatus.blocked
    await db_session.flush()
    assert (await browser.get(f"{ADMIN}/user/list")).status_code in (302, 303)


async def test_the_audit_log_is_for_admins_only(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, Role.moderator, phone="+998901110005")
    await _sign_in(browser, "+998901110005")
    assert (await browser.get(f"{ADMIN}/audit-log/list")).status_code in (403, 404)
