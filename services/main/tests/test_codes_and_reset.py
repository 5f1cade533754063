"""One-time codes: limits per phone, expiry, and resetting a forgotten password."""

from datetime import timedelta

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from alif.cache import Cache
from alif.db import utcnow
from alif_main.testing import PASSWORD, Outbox, make_account
from alif_main.verification.models import VerificationCode

SEND = "/api/main/auth/otp/send"
RESET = "/api/main/auth/password/reset"
PHONE = "+998901112233"


async def test_a_forgotten_password_is_reset_with_a_code_and_old_sessions_end(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI, outbox: Outbox
) -> None:
    await make_account(db_session, started_app, phone=PHONE)
    old = await client.post(
        "/api/main/auth/login", json={"identifier": PHONE, "password": PASSWORD}
    )
    sent = await client.post(SEND, json={"identifier": PHONE, "purpose": "password_reset"})
    assert sent.status_code == 202
    response = await client.post(
        RESET,
        json={
            "identifier": PHONE,
            "code": outbox.last_code(PHONE),
            "new_password": "Esda-qoladi-77",
        },
    )
    assert response.status_code == 204
    token = old.json()["access_token"]
    assert (
        await client.get("/api/main/me", headers={"Authorization": f"Bearer {token}"})
    ).status_code == 401
    login = await client.post(
        "/api/main/auth/login", json={"identifier": PHONE, "password": "Esda-qoladi-77"}
    )
    assert login.status_code == 200


async def test_reset_answers_the_same_for_unknown_phones_and_sends_nothing(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI, outbox: Outbox
) -> None:
    await make_account(db_session, started_app, phone=PHONE)
    known = await client.post(SEND, json={"identifier": PHONE, "purpose": "password_reset"})
    unknown = await client.post(
        SEND, json={"identifier": "+998907654321", "purpose": "password_reset"}
    )
    assert known.status_code == unknown.status_code == 202
    assert known.json() | {"identifier": None} == unknown.json() | {"identifier": None}
    assert outbox.count("+998907654321") == 0
    guessed = await client.post(
        RESET, json={"identifier": "+998907654321", "code": "123456", "new_password": "Boshqa-77-x"}
    )
    assert guessed.status_code == 400
    assert guessed.json()["error"]["code"] == "invalid_code"


async def test_codes_are_limited_to_five_an_hour_per_phone(
    client: AsyncClient,
    db_session: AsyncSession,
    started_app: FastAPI,
    outbox: Outbox,
    cache: Cache,
) -> None:
    await make_account(db_session, started_app, phone=PHONE)
    for _ in range(5):
        response = await client.post(SEND, json={"identifier": PHONE, "purpose": "password_reset"})
        assert response.status_code == 202
        await cache.delete(f"rl:code-send-minute:{PHONE}")  # a minute passes
    sixth = await client.post(SEND, json={"identifier": PHONE, "purpose": "password_reset"})
    assert sixth.status_code == 429
    assert outbox.count(PHONE) == 5


async def test_an_expired_code_is_refused(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI, outbox: Outbox
) -> None:
    await make_account(db_session, started_app, phone=PHONE)
    await client.post(SEND, json={"identifier": PHONE, "purpose": "password_reset"})
    await db_session.execute(
        update(VerificationCode).values(expires_at=utcnow() - timedelta(seconds=1))
    )
    response = await client.post(
        RESET,
        json={
            "identifier": PHONE,
            "code": outbox.last_code(PHONE),
            "new_password": "Esda-qoladi-77",
        },
    )
    assert response.json()["error"]["code"] == "invalid_code"


async def test_a_new_code_replaces_the_previous_one(
    client: AsyncClient,
    db_session: AsyncSession,
    started_app: FastAPI,
    outbox: Outbox,
    cache: Cache,
) -> None:
    await make_account(db_session, started_app, phone=PHONE)
    await client.post(SEND, json={"identifier": PHONE, "purpose": "password_reset"})
    first = outbox.last_code(PHONE)
    await cache.clear()
    await client.post(SEND, json={"identifier": PHONE, "purpose": "password_reset"})
    if outbox.last_code(PHONE) != first:
        stale = await client.post(
            RESET, json={"identifier": PHONE, "code": first, "new_password": "Esda-qoladi-77"}
        )
        assert stale.json()["error"]["code"] == "invalid_code"


async def test_a_registration_code_does_not_reset_a_password(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI, outbox: Outbox
) -> None:
    await make_account(db_session, started_app, phone=PHONE, phone_verified_at=None)
    await client.post(SEND, json={"identifier": PHONE, "purpose": "register"})
    response = await client.post(
        RESET,
        json={
            "identifier": PHONE,
            "code": outbox.last_code(PHONE),
            "new_password": "Esda-qoladi-77",
        },
    )
    assert response.json()["error"]["code"] == "invalid_code"
