"""Signing in with a password: the same answer for strangers, limits, blocked accounts."""

import bcrypt
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role
from alif_main.testing import PASSWORD, make_account

LOGIN = "/api/main/auth/login"


async def test_parent_logs_in_with_phone_and_reads_me(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    user = await make_account(db_session, started_app, phone="+998901112233")
    response = await client.post(LOGIN, json={"identifier": "90 111 22 33", "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()["access_token"]
    me = await client.get("/api/main/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["user"]["id"] == str(user.id)


async def test_wrong_password_and_unknown_account_answer_alike(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, phone="+998901112233")
    wrong = await client.post(
        LOGIN, json={"identifier": "+998901112233", "password": "not-it-1234"}
    )
    unknown = await client.post(
        LOGIN, json={"identifier": "+998909998877", "password": "not-it-1234"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["error"] == unknown.json()["error"]


async def test_ten_wrong_passwords_lock_the_account_for_a_while(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, phone="+998901112233")
    for _ in range(10):
        response = await client.post(
            LOGIN, json={"identifier": "+998901112233", "password": "guess-123"}
        )
        assert response.status_code == 401
    locked = await client.post(LOGIN, json={"identifier": "+998901112233", "password": PASSWORD})
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) > 0


async def test_a_blocked_account_cannot_log_in(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, phone="+998901112233", status=AccountStatus.blocked)
    response = await client.post(LOGIN, json={"identifier": "+998901112233", "password": PASSWORD})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "account_blocked"


async def test_an_unconfirmed_phone_must_be_confirmed_first(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, phone="+998901112233", phone_verified_at=None)
    response = await client.post(LOGIN, json={"identifier": "+998901112233", "password": PASSWORD})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "identifier_not_verified"


async def test_a_bcrypt_hash_from_the_earlier_system_works_and_is_upgraded(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    legacy = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    user = await make_account(db_session, started_app, phone="+998901112233", password_hash=legacy)
    response = await client.post(LOGIN, json={"identifier": "+998901112233", "password": PASSWORD})
    assert response.status_code == 200
    await db_session.refresh(user)
    assert user.password_hash is not None
    assert user.password_hash.startswith("$argon2id$")


async def test_api_clients_get_the_refresh_token_in_the_body(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, Role.teacher, email="ustoz@maktab.uz")
    response = await client.post(
        LOGIN,
        json={"identifier": "ustoz@maktab.uz", "password": PASSWORD, "token_delivery": "body"},
    )
    assert response.json()["refresh_token"]
    assert "set-cookie" not in response.headers


async def test_the_refresh_cookie_is_http_only_secure_lax_on_the_parent_domain(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, phone="+998901112233")
    response = await client.post(LOGIN, json={"identifier": "+998901112233", "password": PASSWORD})
    cookie = response.headers["set-cookie"].lower()
    for attribute in (
        "httponly",
        "secure",
        "samesite=lax",
        "domain=alif24.test",
        "path=/api/main/auth",
    ):
        assert attribute in cookie
