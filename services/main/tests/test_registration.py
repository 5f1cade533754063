"""A new parent, teacher or organization signs up and confirms their phone or e-mail."""

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.cache import Cache
from alif.kernel.models import Organization, User
from alif_main.testing import Outbox
from alif_main.verification.models import VerificationCode

REGISTER = "/api/main/auth/register"
VERIFY = "/api/main/auth/otp/verify"


def parent(identifier: str = "+998 90 123-45-67", **extra: object) -> dict[str, object]:
    return {
        "role": "parent",
        "identifier": identifier,
        "password": "Oilam-bilan-2026",
        "first_name": "Dilnoza",
        "last_name": "Karimova",
        **extra,
    }


async def test_parent_registers_confirms_phone_and_is_signed_in(
    client: AsyncClient, outbox: Outbox, db_session: AsyncSession
) -> None:
    response = await client.post(REGISTER, json=parent())
    assert response.status_code == 202
    assert response.json() == {
        "status": "code_sent",
        "identifier": "+998901234567",
        "expires_in": 180,
        "resend_after": 60,
    }
    code = outbox.last_code("+998901234567")

    verified = await client.post(VERIFY, json={"identifier": "+998901234567", "code": code})
    assert verified.status_code == 200
    body = verified.json()
    assert body["user"]["role"] == "parent" and body["user"]["status"] == "active"
    assert body["refresh_token"] is None  # web clients get it as a cookie
    assert "alif_refresh=" in verified.headers["set-cookie"]

    me = await client.get(
        "/api/main/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.status_code == 200
    assert me.json()["user"]["phone"] == "+998901234567"

    stored = await db_session.scalar(select(VerificationCode))
    assert stored is not None and code not in stored.code_hash  # only a keyed hash is kept


async def test_registering_as_admin_or_moderator_is_refused(
    client: AsyncClient, outbox: Outbox
) -> None:
    for role in ("admin", "moderator", "student"):
        response = await client.post(REGISTER, json=parent(role=role))
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "validation_error"
    assert outbox.sent == []


async def test_unknown_fields_such_as_status_are_refused(client: AsyncClient) -> None:
    response = await client.post(REGISTER, json=parent(status="active"))
    assert response.status_code == 422


async def test_registering_a_taken_phone_answers_as_for_a_new_one_and_sends_nothing(
    client: AsyncClient, outbox: Outbox, cache: Cache
) -> None:
    await client.post(REGISTER, json=parent())
    code = outbox.last_code("+998901234567")
    await client.post(VERIFY, json={"identifier": "+998901234567", "code": code})
    await cache.clear()  # a new hour: the sending limits start again

    taken = await client.post(REGISTER, json=parent(first_name="Mallory"))
    fresh = await client.post(REGISTER, json=parent(identifier="+998907654321"))
    assert taken.status_code == fresh.status_code == 202
    assert taken.json() | {"identifier": None} == fresh.json() | {"identifier": None}
    assert outbox.count("+998901234567") == 1  # only the first, genuine registration


async def test_codes_are_limited_to_one_a_minute_per_phone(
    client: AsyncClient, outbox: Outbox
) -> None:
    await client.post(REGISTER, json=parent())
    again = await client.post(REGISTER, json=parent())
    assert again.status_code == 429
    assert again.json()["error"]["code"] == "too_many_requests"
    assert 0 < int(again.headers["Retry-After"]) <= 60
    assert outbox.count("+998901234567") == 1


async def test_an_unconfirmed_registration_can_be_made_again(
    client: AsyncClient, outbox: Outbox, db_session: AsyncSession, cache: Cache
) -> None:
    await client.post(REGISTER, json=parent(first_name="Typo"))
    await cache.clear()  # a minute later
    await client.post(REGISTER, json=parent(first_name="Dilnoza"))
    code = outbox.last_code("+998901234567")
    await client.post(VERIFY, json={"identifier": "+998901234567", "code": code})
    users = list(await db_session.scalars(select(User).where(User.phone == "+998901234567")))
    assert [u.first_name for u in users] == ["Dilnoza"]


async def test_teacher_starts_pending(client: AsyncClient, outbox: Outbox) -> None:
    await client.post(
        REGISTER, json=parent(role="teacher", identifier="ustoz@maktab.uz", subjects=["math"])
    )
    code = outbox.last_code("ustoz@maktab.uz")
    verified = await client.post(VERIFY, json={"identifier": "USTOZ@maktab.uz", "code": code})
    assert verified.json()["user"]["status"] == "pending"


async def test_organization_needs_its_details_and_starts_pending(
    client: AsyncClient, outbox: Outbox, db_session: AsyncSession
) -> None:
    missing = await client.post(REGISTER, json=parent(role="organization"))
    assert missing.status_code == 422
    assert missing.json()["error"]["code"] == "organization_details_required"

    details = {"name": "Ziyo oʻquv markazi", "kind": "learning_centre", "region": "samarkand"}
    response = await client.post(REGISTER, json=parent(role="organization", organization=details))
    assert response.status_code == 202
    organization = await db_session.scalar(select(Organization))
    assert organization is not None and organization.region == "samarkand"


async def test_common_passwords_are_refused(client: AsyncClient, outbox: Outbox) -> None:
    response = await client.post(REGISTER, json=parent(password="password123"))
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "weak_password"


async def test_a_wrong_code_counts_and_three_wrong_codes_need_a_new_one(
    client: AsyncClient, outbox: Outbox
) -> None:
    await client.post(REGISTER, json=parent())
    code = outbox.last_code("+998901234567")
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(3):
        response = await client.post(VERIFY, json={"identifier": "+998901234567", "code": wrong})
        assert response.json()["error"]["code"] == "invalid_code"
    blocked = await client.post(VERIFY, json={"identifier": "+998901234567", "code": code})
    assert blocked.status_code == 400
    assert blocked.json()["error"]["code"] == "code_attempts_exceeded"


async def test_malformed_phone_is_explained(client: AsyncClient) -> None:
    response = await client.post(REGISTER, json=parent(identifier="12345"))
    assert response.status_code == 422
    field = response.json()["error"]["details"]["fields"][0]
    assert field["field"] == "identifier" and "+998" in field["message"]
