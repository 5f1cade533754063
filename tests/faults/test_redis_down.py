"""Redis goes away: everyone signed in keeps being served and keeps their session (refresh reads
PostgreSQL), what needs Redis says so with a 503 `cache_unavailable`, and the login limits fail
closed: with no way to count failed attempts, no password or PIN is tried at all."""

from collections.abc import AsyncIterator

import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from alif.auth import Role
from alif.db import Database
from alif.testing import TestKeys, token_for
from alif_main.app import create_main_app
from alif_main.testing import PASSWORD, PIN, make_account, make_pin_child
from testai.app import create_testai_app
from testai.config import TestaiSettings
from tests.faults.conftest import app_settings, http, main_settings
from tests.faults.support import ThrowawayRedis

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

LOGIN = "/api/main/auth/login"


@pytest.fixture(scope="module")
async def apps_on_throwaway_redis(
    redis_server: ThrowawayRedis, migrated_database_url: str, test_keys: TestKeys
) -> AsyncIterator[tuple[FastAPI, FastAPI]]:
    values = app_settings(migrated_database_url, redis_server.url, test_keys)
    main = create_main_app(main_settings(values, test_keys))
    testai = create_testai_app(TestaiSettings(**values))
    async with LifespanManager(main), LifespanManager(testai):
        yield main, testai


async def test_with_redis_down_signed_in_users_are_served_and_logins_fail_closed(
    apps_on_throwaway_redis: tuple[FastAPI, FastAPI],
    redis_server: ThrowawayRedis,
    test_keys: TestKeys,
) -> None:
    main, testai = apps_on_throwaway_redis
    database: Database = main.state.db
    async with database.sessionmaker() as db, db.begin():
        parent = await make_account(db, main, Role.parent)
        child = await make_pin_child(db, main, parent)
    assert parent.phone is not None and child.username is not None
    password = {"identifier": parent.phone, "password": PASSWORD, "token_delivery": "body"}
    pin = {"username": child.username, "pin": PIN, "token_delivery": "body"}

    async with http(main) as api, http(testai) as testai_api:
        signed_in = await api.post(LOGIN, json=password)
        assert signed_in.status_code == 200, signed_in.text
        refresh_token = signed_in.json()["refresh_token"]
        as_parent = {"Authorization": f"Bearer {signed_in.json()['access_token']}"}
        as_child = {"Authorization": f"Bearer {token_for(test_keys, child)}"}

        redis_server.kill()

        # Serving goes on: tokens are checked without Redis's revocation list, in every service.
        assert (await api.get("/api/main/me", headers=as_parent)).status_code == 200
        assert (await testai_api.get("/api/testai/my/tests", headers=as_child)).status_code == 200
        # And signing in goes on for whoever has a session: refreshing reads PostgreSQL.
        refreshed = await api.post("/api/main/auth/refresh", json={"refresh_token": refresh_token})
        assert refreshed.status_code == 200, refreshed.text

        # The login limits cannot count: no password and no PIN is checked (fail closed), and
        # the answer says what is wrong and when to try again.
        for url, body in (
            (LOGIN, password),
            (LOGIN, {**password, "password": "not-the-password"}),
            ("/api/main/auth/child-login", pin),
        ):
            refused = await api.post(url, json=body)
            assert refused.status_code == 503, refused.text
            assert refused.json()["error"]["code"] == "cache_unavailable"
            assert int(refused.headers["retry-after"]) > 0
            assert "access_token" not in refused.text
        # The orchestrator is told too.
        assert (await api.get("/ready")).status_code == 503

        # Redis comes back (a new, empty one): the services reconnect by themselves.
        redis_server.start()
        assert (await api.post(LOGIN, json=password)).status_code == 200
        assert (await api.get("/ready")).status_code == 200
