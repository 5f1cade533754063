"""Access tokens that must not work: forged, expired, for someone else, or not access tokens."""

import base64
import hashlib
import hmac
import json
from datetime import timedelta

import jwt
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import LoginAs, TestKeys, make_user, token_for
from alif_main.testing import PASSWORD, make_account

ME = "/api/main/me"


def _unsigned(claims: dict[str, object], header: dict[str, object]) -> str:
    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part(header)}.{part(claims)}."


async def _rejected(client: AsyncClient, token: str) -> str:
    response = await client.get(ME, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    return str(response.json()["error"]["code"])


async def test_a_valid_token_works(login_as: LoginAs) -> None:
    parent = await login_as(Role.parent)
    assert (await parent.get(ME)).status_code == 200


async def test_no_token_is_refused(client: AsyncClient) -> None:
    response = await client.get(ME)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_alg_none_is_refused(
    client: AsyncClient, db_session: AsyncSession, test_keys: TestKeys
) -> None:
    user = await make_user(db_session, role=Role.admin)
    genuine = jwt.decode(token_for(test_keys, user), options={"verify_signature": False})
    forged = _unsigned(genuine, {"alg": "none", "typ": "at+jwt"})
    assert await _rejected(client, forged) == "invalid_token"


async def test_hs256_signed_with_the_public_key_is_refused(
    client: AsyncClient, db_session: AsyncSession, test_keys: TestKeys
) -> None:
    """The classic algorithm-confusion attack: the public key used as an HMAC secret."""
    user = await make_user(db_session, role=Role.admin)
    real = token_for(test_keys, user)
    claims = jwt.decode(real, options={"verify_signature": False})
    header = jwt.get_unverified_header(real)
    forged_header = {"alg": "HS256", "typ": "at+jwt", "kid": header["kid"]}
    signing_input = _unsigned(claims, forged_header).rstrip(".")
    signature = hmac.new(test_keys.public_pem.encode(), signing_input.encode(), hashlib.sha256)
    forged = (
        signing_input + "." + base64.urlsafe_b64encode(signature.digest()).rstrip(b"=").decode()
    )
    assert await _rejected(client, forged) == "invalid_token"


async def test_an_expired_token_is_refused(
    client: AsyncClient, db_session: AsyncSession, test_keys: TestKeys
) -> None:
    user = await make_user(db_session, role=Role.parent)
    expired = token_for(test_keys, user, ttl=timedelta(seconds=-30))
    assert await _rejected(client, expired) == "invalid_token"


async def test_a_token_for_another_audience_or_issuer_is_refused(
    client: AsyncClient, db_session: AsyncSession, test_keys: TestKeys
) -> None:
    user = await make_user(db_session, role=Role.parent)
    assert (
        await _rejected(client, token_for(test_keys, user, audience="other-app")) == "invalid_token"
    )
    assert await _rejected(client, token_for(test_keys, user, issuer="https://evil.example")) == (
        "invalid_token"
    )


async def test_a_token_signed_by_another_key_is_refused(
    client: AsyncClient, db_session: AsyncSession
) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from alif.keys import private_key_to_pem, public_key_to_pem

    other = Ed25519PrivateKey.generate()
    keys = TestKeys(other, private_key_to_pem(other), public_key_to_pem(other.public_key()))
    user = await make_user(db_session, role=Role.admin)
    assert await _rejected(client, token_for(keys, user)) == "invalid_token"


async def test_a_refresh_token_is_not_an_access_token(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, phone="+998901112233")
    login = await client.post(
        "/api/main/auth/login",
        json={"identifier": "+998901112233", "password": PASSWORD, "token_delivery": "body"},
    )
    assert await _rejected(client, login.json()["refresh_token"]) == "invalid_token"


async def test_the_jwks_publishes_the_signing_key(client: AsyncClient, test_keys: TestKeys) -> None:
    from alif.keys import key_id

    jwks = (await client.get("/api/main/.well-known/jwks.json")).json()
    kids = {key["kid"] for key in jwks["keys"]}
    assert key_id(test_keys.private_key.public_key()) in kids
    assert all(key["kty"] == "OKP" and key["alg"] == "EdDSA" for key in jwks["keys"])
    assert all("d" not in key for key in jwks["keys"])  # never the private part
