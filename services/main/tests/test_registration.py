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


def confirm(identifier: str, code: str, registration: str) -> dict[str, str]:
    return {"identifier": identifier, "code": code, "registration_id": registration}


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
    registration = response.json()["registration_id"]
    assert response.json() == {
        "status": "code_sent",
        "identifier": "+998901234567",
        "expires_in": 180,
        "resend_after": 60,
        "registration_id": registration,
    }
    code = outbox.last_code("+998901234567")

    verified = await client.post(VERIFY, json=confirm("+998901234567", code, registration))
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
    first = await client.post(REGISTER, json=parent())
    code = outbox.last_code("+998901234567")
    await client.post(VERIFY, json=confirm("+998901234567", code, first.json()["registration_id"]))
    await cache.clear()  # a new hour: the sending limits start again

    taken = await client.post(REGISTER, json=parent(first_name="Mallory"))
    fresh = await client.post(REGISTER, json=parent(identifier="+998907654321"))
    assert taken.status_code == fresh.status_code == 202
    different = {"identifier": None, "registration_id": None}
    assert taken.json() | different == fresh.json() | different
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
    again = await client.post(REGISTER, json=parent(first_name="Dilnoza"))
    code = outbox.last_code("+998901234567")
    await client.post(VERIFY, json=confirm("+998901234567", code, again.json()["registration_id"]))
    users = list(await db_session.scalars(select(User).where(User.phone == "+998901234567")))
    assert [u.first_name for u in users] == ["Dilnoza"]


async def test_a_strangers_registration_never_changes_the_owners_pending_one(
    client: AsyncClient, outbox: Outbox, cache: Cache
) -> None:
    phone = "+998901234567"
    owner = (await client.post(REGISTER, json=parent())).json()["registration_id"]
    owners_code = outbox.last_code(phone)
    await cache.clear()
    stranger = await client.post(
        REGISTER, json=parent(first_name="Mallory", password="Begona-parol-2026")
    )
    strangers_code = outbox.last_code(phone)  # it reaches the owner's phone, never the stranger
    assert stranger.json()["registration_id"] != owner

    # The newest code belongs to the stranger's registration: it cannot confirm the owner's.
    wrong = await client.post(VERIFY, json=confirm(phone, strangers_code, owner))
    assert wrong.json()["error"]["code"] == "invalid_code"
    confirmed = await client.post(VERIFY, json=confirm(phone, owners_code, owner))
    assert confirmed.status_code == 200
    assert confirmed.json()["user"]["first_name"] == "Dilnoza"

    login = "/api/main/auth/login"
    mallory = await client.post(login, json={"identifier": phone, "password": "Begona-parol-2026"})
    assert mallory.status_code == 401
    owners = await client.post(login, json={"identifier": phone, "password": "Oilam-bilan-2026"})
    assert owners.status_code == 200
    late = await client.post(
        VERIFY, json=confirm(phone, strangers_code, stranger.json()["registration_id"])
    )
    assert late.json()["error"]["code"] == "invalid_code"  # the phone has its owner now


async def test_the_owner_registering_after_a_squatter_gets_their_own_account(
    client: AsyncClient, outbox: Outbox, cache: Cache
) -> None:
    phone = "+998901234567"
    await client.post(REGISTER, json=parent(first_name="Mallory", password="Begona-parol-2026"))
    await cache.clear()
    owner = (await client.post(REGISTER, json=parent())).json()["registration_id"]
    confirmed = await client.post(VERIFY, json=confirm(phone, outbox.last_code(phone), owner))
    assert confirmed.json()["user"]["first_name"] == "Dilnoza"


async def test_a_resent_code_confirms_the_same_registration(
    client: AsyncClient, outbox: Outbox, cache: Cache
) -> None:
    phone = "+998901234567"
    registration = (await client.post(REGISTER, json=parent())).json()["registration_id"]
    await cache.clear()
    resent = await client.post(
        "/api/main/auth/otp/send",
        json={"identifier": phone, "purpose": "register", "registration_id": registration},
    )
    assert resent.json()["registration_id"] == registration and outbox.count(phone) == 2
    confirmed = await client.post(
        VERIFY, json=confirm(phone, outbox.last_code(phone), registration)
    )
    assert confirmed.status_code == 200
    without = await client.post(VERIFY, json={"identifier": phone, "code": outbox.last_code(phone)})
    assert without.json()["error"]["code"] == "invalid_code"


async def test_teacher_starts_pending(client: AsyncClient, outbox: Outbox) -> None:
    registered = await client.post(
        REGISTER, json=parent(role="teacher", identifier="ustoz@maktab.uz", subjects=["math"])
    )
    code = outbox.last_code("ustoz@maktab.uz")
    verified = await client.post(
        VERIFY, json=confirm("USTOZ@maktab.uz", code, registered.json()["registration_id"])
    )
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
    assert await db_session.scalar(select(Organization)) is None  # nothing until it is confirmed
    code = outbox.last_code("+998901234567")
    await client.post(
        VERIFY, json=confirm("+998901234567", code, response.json()["registration_id"])
    )
    organization = await db_session.scalar(select(Organization))
    assert organization is not None and organization.region == "samarkand"


async def test_common_passwords_are_refused(client: AsyncClient, outbox: Outbox) -> None:
    response = await client.post(REGISTER, json=parent(password="password123"))
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "weak_password"


async def test_a_wrong_code_counts_and_three_wrong_codes_need_a_new_one(
    client: AsyncClient, outbox: Outbox
) -> None:
    registration = (await client.post(REGISTER, json=parent())).json()["registration_id"]
    code = outbox.last_code("+998901234567")
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(3):
        response = await client.post(VERIFY, json=confirm("+998901234567", wrong, registration))
        assert response.json()["error"]["code"] == "invalid_code"
    blocked = await client.post(VERIFY, json=confirm("+998901234567", code, registration))
    assert blocked.status_code == 400
    assert blocked.json()["error"]["code"] == "code_attempts_exceeded"


async def test_malformed_phone_is_explained(client: AsyncClient) -> None:
    response = await client.post(REGISTER, json=parent(identifier="12345"))
    assert response.status_code == 422
    field = response.json()["error"]["details"]["fields"][0]
    assert field["field"] == "identifier" and "+998" in field["message"]


async def test_phones_in_other_digit_scripts_are_refused_not_made_a_second_identity(
    client: AsyncClient, outbox: Outbox
) -> None:
    fullwidth = "+998９０１２３４５６７"
    arabic_indic = "+998٩٠١٢٣٤٥٦٧"
    for identifier in (fullwidth, arabic_indic):
        response = await client.post(REGISTER, json=parent(identifier=identifier))
        assert response.status_code == 422, identifier
        login = await client.post(
            "/api/main/auth/login", json={"identifier": identifier, "password": "x"}
        )
        assert login.status_code == 422
    pin = await client.post("/api/main/auth/child-login", json={"username": "lola", "pin": "٤٨٢١"})
    code = await client.post(VERIFY, json={"identifier": "+998901234567", "code": "１２３４５６"})
    assert pin.status_code == code.status_code == 422
    assert outbox.sent == []
