"""Sessions: refresh rotation, reuse detection, logout, the device list, password changes."""

from datetime import timedelta

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif_main.auth.models import RefreshToken
from alif_main.testing import PASSWORD, make_account

LOGIN = "/api/main/auth/login"
REFRESH = "/api/main/auth/refresh"


async def _login(client: AsyncClient, delivery: str = "body", phone: str = "+998901112233") -> dict:
    response = await client.post(
        LOGIN, json={"identifier": phone, "password": PASSWORD, "token_delivery": delivery}
    )
    assert response.status_code == 200
    return dict(response.json())


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def parent(db_session: AsyncSession, started_app: FastAPI) -> None:
    await make_account(db_session, started_app, Role.parent, phone="+998901112233")


async def _age_rotations(db_session: AsyncSession, seconds: int) -> None:
    """Move every rotation `seconds` into the past (past the reuse grace period)."""
    await db_session.execute(
        update(RefreshToken)
        .where(RefreshToken.rotated_at.is_not(None))
        .values(rotated_at=utcnow() - timedelta(seconds=seconds))
    )


@pytest.mark.usefixtures("parent")
async def test_refresh_rotates_the_token(client: AsyncClient) -> None:
    first = await _login(client)
    second = (await client.post(REFRESH, json={"refresh_token": first["refresh_token"]})).json()
    assert second["refresh_token"] != first["refresh_token"]
    assert (
        await client.get("/api/main/me", headers=_bearer(second["access_token"]))
    ).status_code == 200


@pytest.mark.usefixtures("parent")
async def test_reusing_a_rotated_token_ends_the_whole_session(
    client: AsyncClient, db_session: AsyncSession
) -> None:
    stolen = await _login(client)
    rotated = (await client.post(REFRESH, json={"refresh_token": stolen["refresh_token"]})).json()
    await _age_rotations(db_session, 60)

    replay = await client.post(REFRESH, json={"refresh_token": stolen["refresh_token"]})
    assert replay.status_code == 401
    assert replay.json()["error"]["code"] == "refresh_token_reused"
    # The legitimate holder's newer token and access token stop working too.
    after = await client.post(REFRESH, json={"refresh_token": rotated["refresh_token"]})
    assert after.status_code == 401
    me = await client.get("/api/main/me", headers=_bearer(rotated["access_token"]))
    assert me.json()["error"]["code"] == "session_revoked"


@pytest.mark.usefixtures("parent")
async def test_two_tabs_refreshing_at_once_both_stay_signed_in(client: AsyncClient) -> None:
    session = await _login(client)
    one = await client.post(REFRESH, json={"refresh_token": session["refresh_token"]})
    two = await client.post(REFRESH, json={"refresh_token": session["refresh_token"]})
    assert one.status_code == two.status_code == 200


@pytest.mark.usefixtures("parent")
async def test_the_web_app_refreshes_with_its_cookie(client: AsyncClient) -> None:
    login = await client.post(
        LOGIN,
        json={"identifier": "+998901112233", "password": PASSWORD, "token_delivery": "cookie"},
    )
    cookie = login.headers["set-cookie"].split(";")[0]  # what the browser sends back
    refreshed = await client.post(REFRESH, headers={"Cookie": cookie})
    assert refreshed.status_code == 200
    assert refreshed.json()["refresh_token"] is None
    assert "alif_refresh=" in refreshed.headers["set-cookie"]


async def test_refresh_without_a_token_is_refused(client: AsyncClient) -> None:
    response = await client.post(REFRESH)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_refresh_token"


@pytest.mark.usefixtures("parent")
async def test_logout_ends_this_session_only(client: AsyncClient) -> None:
    phone = await _login(client)
    laptop = await _login(client)
    response = await client.post(
        "/api/main/auth/logout",
        json={"refresh_token": phone["refresh_token"]},
        headers=_bearer(phone["access_token"]),
    )
    assert response.status_code == 204
    assert (
        await client.get("/api/main/me", headers=_bearer(phone["access_token"]))
    ).status_code == 401
    assert (
        await client.post(REFRESH, json={"refresh_token": phone["refresh_token"]})
    ).status_code == 401
    assert (
        await client.get("/api/main/me", headers=_bearer(laptop["access_token"]))
    ).status_code == 200


@pytest.mark.usefixtures("parent")
async def test_logout_everywhere_ends_every_session(client: AsyncClient) -> None:
    phone = await _login(client)
    laptop = await _login(client)
    await client.post(
        "/api/main/auth/logout", json={"everywhere": True}, headers=_bearer(phone["access_token"])
    )
    for device in (phone, laptop):
        assert (
            await client.get("/api/main/me", headers=_bearer(device["access_token"]))
        ).status_code == 401


@pytest.mark.usefixtures("parent")
async def test_my_devices_are_listed_and_one_can_be_signed_out(client: AsyncClient) -> None:
    phone = await _login(client)
    laptop = await _login(client)
    devices = (
        await client.get("/api/main/auth/sessions", headers=_bearer(phone["access_token"]))
    ).json()
    assert len(devices) == 2
    assert sum(d["current"] for d in devices) == 1
    other = next(d for d in devices if not d["current"])
    ended = await client.delete(
        f"/api/main/auth/sessions/{other['id']}", headers=_bearer(phone["access_token"])
    )
    assert ended.status_code == 204
    assert (
        await client.get("/api/main/me", headers=_bearer(laptop["access_token"]))
    ).status_code == 401


async def test_nobody_can_end_another_users_session(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, phone="+998901112233")
    await make_account(db_session, started_app, phone="+998907776655")
    victim = await _login(client, phone="+998901112233")
    attacker = await _login(client, phone="+998907776655")
    devices = (
        await client.get("/api/main/auth/sessions", headers=_bearer(victim["access_token"]))
    ).json()
    response = await client.delete(
        f"/api/main/auth/sessions/{devices[0]['id']}", headers=_bearer(attacker["access_token"])
    )
    assert response.status_code == 404
    assert (
        await client.get("/api/main/me", headers=_bearer(victim["access_token"]))
    ).status_code == 200


@pytest.mark.usefixtures("parent")
async def test_a_new_password_signs_out_the_other_devices(client: AsyncClient) -> None:
    phone = await _login(client)
    laptop = await _login(client)
    response = await client.post(
        "/api/main/me/password",
        json={"current_password": PASSWORD, "new_password": "Yangi-parol-2026"},
        headers=_bearer(phone["access_token"]),
    )
    assert response.status_code == 204
    assert (
        await client.get("/api/main/me", headers=_bearer(phone["access_token"]))
    ).status_code == 200
    assert (
        await client.get("/api/main/me", headers=_bearer(laptop["access_token"]))
    ).status_code == 401
    relogin = await client.post(
        LOGIN, json={"identifier": "+998901112233", "password": "Yangi-parol-2026"}
    )
    assert relogin.status_code == 200


@pytest.mark.usefixtures("parent")
async def test_changing_the_password_needs_the_current_one(client: AsyncClient) -> None:
    session = await _login(client)
    response = await client.post(
        "/api/main/me/password",
        json={"current_password": "wrong-one-1", "new_password": "Yangi-parol-2026"},
        headers=_bearer(session["access_token"]),
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "wrong_password"
