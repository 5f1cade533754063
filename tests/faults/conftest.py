"""Faults done to the platform while it serves: PostgreSQL restarted, Redis killed, a provider slow
or failing, the disk full. They run in CI's PostgreSQL and Redis pass (`.ci/run`) and are skipped
on SQLite; the servers they break are their own (tests/faults/support.py)."""

import os
import secrets
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from alif.testing import TestKeys, migrate
from alif_main.app import create_main_app
from alif_main.config import MainSettings
from alif_main.payments.testing import PAYME_KEY, PAYME_MERCHANT_ID
from testai.app import create_testai_app
from testai.config import TestaiSettings
from tests.faults.support import ThrowawayPostgres, ThrowawayRedis, need

# Payme's own address (its callbacks are accepted from its networks only).
PAYME_ADDRESS = ("185.234.113.1", 443)


def app_settings(database_url: str, redis_url: str | None, keys: TestKeys) -> dict[str, Any]:
    return {
        "environment": "test",
        "database_url": database_url,
        "redis_url": redis_url,
        "cache_prefix": f"alif-faults-{secrets.token_hex(4)}",
        "jwt_public_keys": keys.public_pem,
        "log_level": "ERROR",
        "_env_file": None,
    }


def main_settings(values: dict[str, Any], keys: TestKeys) -> MainSettings:
    return MainSettings(
        **values,
        jwt_private_key=keys.private_pem,
        admin_session_secret="test-admin-session-secret-of-enough-length",
        cookie_domain="alif24.test",
        payme_merchant_id=PAYME_MERCHANT_ID,
        payme_key=PAYME_KEY,
        payme_checkout_url="https://checkout.test.paycom.uz",
    )


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[ThrowawayPostgres]:
    need("initdb")
    server = ThrowawayPostgres()
    try:
        server.start()
        migrate(server.url())
        yield server
    finally:
        server.remove()


@pytest.fixture(scope="module")
def redis_server() -> Iterator[ThrowawayRedis]:
    need("redis-server")
    server = ThrowawayRedis()
    server.start()
    try:
        yield server
    finally:
        server.kill()


@pytest.fixture(scope="module")
async def apps_on_throwaway_postgres(
    postgres_server: ThrowawayPostgres, test_keys: TestKeys
) -> AsyncIterator[tuple[FastAPI, FastAPI]]:
    """testai and main, started, on the throwaway PostgreSQL (and CI's Redis, if set)."""
    values = app_settings(postgres_server.url(), os.environ.get("REDIS_URL") or None, test_keys)
    testai = create_testai_app(TestaiSettings(**values))
    main = create_main_app(main_settings(values, test_keys))
    async with LifespanManager(testai), LifespanManager(main):
        yield testai, main


def http(app: FastAPI, client: tuple[str, int] = ("203.0.113.7", 50000)) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=client)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=30)
