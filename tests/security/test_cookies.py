"""Every cookie the platform sets is HttpOnly, Secure and SameSite, as docs/security.md says:
the refresh cookie (set at login, rotated, cleared at logout), the admin session and the admin's
language (issue 21 §5, ASVS 3.3)."""

from http.cookies import SimpleCookie
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import TestKeys
from alif_main.app import create_main_app
from alif_main.testing import PASSWORD, main_test_settings, make_account

AUTH = "/api/main/auth"
ADMIN = "/api/main/admin"


@pytest.fixture(scope="module")
def app(settings_values: dict[str, Any], test_keys: TestKeys) -> FastAPI:
    return create_main_app(main_test_settings(settings_values, test_keys))


def _cookies(response: Response) -> dict[str, dict[str, str | bool]]:
    """Each cookie the response sets, with its attributes (lowercase names)."""
    found: dict[str, dict[str, str | bool]] = {}
    for header in response.headers.get_list("set-cookie"):
        parsed = SimpleCookie()
        parsed.load(header)
        for name, morsel in parsed.items():
            attributes = {k: v for k, v in morsel.items() if v}
            attributes["value"] = morsel.value
            found[name] = attributes
    return found


def _assert_guarded(name: str, cookie: dict[str, str | bool], same_site: str, path: str) -> None:
    assert cookie.get("httponly") is True, name
    assert cookie.get("secure") is True, name
    assert str(cookie.get("samesite", "")).lower() == same_site, name
    assert cookie.get("path") == path, name


async def test_the_refresh_cookie_is_guarded_when_set_rotated_and_cleared(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, Role.parent, phone="+998901117788")
    login = await client.post(
        f"{AUTH}/login", json={"identifier": "+998901117788", "password": PASSWORD}
    )
    assert login.status_code == 200, login.text
    set_at_login = _cookies(login)
    assert list(set_at_login) == ["alif_refresh"]
    # the cookie is the parent domain's: sent by hand to the test's host
    sent = {"Cookie": f"alif_refresh={set_at_login['alif_refresh']['value']}"}
    client.cookies.clear()
    rotated = await client.post(f"{AUTH}/refresh", headers=sent)
    assert rotated.status_code == 200, rotated.text
    sent = {"Cookie": f"alif_refresh={_cookies(rotated)['alif_refresh']['value']}"}
    cleared = await client.post(f"{AUTH}/logout", headers=sent)
    for response in (set_at_login, _cookies(rotated), _cookies(cleared)):
        cookie = response["alif_refresh"]
        _assert_guarded("alif_refresh", cookie, "lax", AUTH)
        assert cookie["domain"] == "alif24.test"  # the parent domain: one sign-in for every app
    assert _cookies(cleared)["alif_refresh"]["value"] == ""


async def test_the_admin_session_and_language_cookies_are_guarded_and_strict(
    client: AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, Role.moderator, phone="+998901117799")
    signed_in = await client.post(
        f"{ADMIN}/login", data={"username": "+998901117799", "password": PASSWORD}
    )
    assert signed_in.status_code in (302, 303), signed_in.text
    _assert_guarded("alif_admin", _cookies(signed_in)["alif_admin"], "strict", ADMIN)
    language = await client.get(f"{ADMIN}/login", params={"lang": "ru"})
    cookies = _cookies(language)
    assert len(cookies) == 1
    name, cookie = next(iter(cookies.items()))
    _assert_guarded(name, cookie, "strict", ADMIN)
