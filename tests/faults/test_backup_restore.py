"""The backup and restore drill (docs/operations.md §2): a platform that took a payment and moved
coins is dumped with pg_dump while it runs, restored into a new database, and main starts on the
restored one with the payment, the subscription it bought and every coin where they were."""

import asyncio
import glob
import os
import shutil
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import asyncpg
import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from asgi_lifespan import LifespanManager
from sqlalchemy.engine import make_url

from alif.auth import Role
from alif.db import Database, utcnow
from alif.ledger import service as ledger
from alif.testing import REPOSITORY_ROOT, TestKeys, make_child, make_user, migrate, token_for
from alif_main.app import create_main_app
from alif_main.orders.models import Order, OrderStatus
from alif_main.payments.testing import PaymeClient, make_plan
from tests.faults.conftest import PAYME_ADDRESS, app_settings, http, main_settings
from tools import restore_drill

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

EARNED, SPENT = 120, 45


def head_revision() -> str:
    script = ScriptDirectory.from_config(Config(str(REPOSITORY_ROOT / "alembic.ini")))
    head = script.get_current_head()
    assert head is not None
    return head


@pytest.fixture
async def platform_url() -> AsyncIterator[str]:
    """A database of its own on CI's PostgreSQL, migrated; it and its restored copies are
    dropped afterwards."""
    server = make_url(os.environ["DATABASE_URL"])
    if shutil.which("pg_dump") is None and not glob.glob("/usr/lib/postgresql/*/bin/pg_dump"):
        pytest.skip("pg_dump is not installed (postgresql-client)")
    dumps, serves = restore_drill.client_major(), await restore_drill.server_major(server)
    if dumps < serves:
        pytest.skip(f"pg_dump {dumps} cannot dump PostgreSQL {serves} (install its client)")
    url = server.set(database=f"alif_drill_{uuid.uuid4().hex[:8]}")
    admin = await asyncpg.connect(
        host=server.host, port=server.port or 5432, user=server.username, password=server.password
    )
    await admin.execute(f'CREATE DATABASE "{url.database}"')
    await admin.close()
    rendered = url.render_as_string(hide_password=False)
    await asyncio.to_thread(migrate, rendered)
    try:
        yield rendered
    finally:
        await restore_drill.drop(make_url(rendered).set(drivername="postgresql"))


async def test_a_restored_dump_of_a_running_platform_starts_with_every_payment_and_coin(
    platform_url: str, test_keys: TestKeys, tmp_path: Path
) -> None:
    main = create_main_app(main_settings(app_settings(platform_url, None, test_keys), test_keys))
    async with LifespanManager(main):
        database: Database = main.state.db
        async with database.sessionmaker() as db, db.begin():
            parent = await make_user(db, role=Role.parent)
            child = await make_child(db, parent)
            plan = await make_plan(db)
            order = Order(
                user_id=parent.id,
                plan_id=plan.id,
                duration_days=plan.duration_days,
                base_amount=plan.price,
                amount=plan.price,
                status=OrderStatus.pending,
                idempotency_key=f"drill-{uuid.uuid4()}",
                expires_at=utcnow() + timedelta(hours=24),
            )
            db.add(order)
            await ledger.reward(
                db, user_id=child.id, source="games", amount=EARNED, idempotency_key="drill-earn"
            )
            await ledger.spend(
                db, user_id=child.id, source="shop", amount=SPENT, idempotency_key="drill-spend"
            )
        async with http(main, PAYME_ADDRESS) as provider:
            await PaymeClient(provider).pay(order.id, order.amount)

        # The dump is taken while main is up and connected, as the nightly job does.
        report, restored = await restore_drill.drill(platform_url, tmp_path)

    assert report.problems == [], report.lines()
    assert report.revision == head_revision()
    assert report.dump_bytes > 0

    restored_url = restored.set(drivername="postgresql+asyncpg").render_as_string(
        hide_password=False
    )
    again = create_main_app(main_settings(app_settings(restored_url, None, test_keys), test_keys))
    async with LifespanManager(again), http(again) as client:
        assert (await client.get("/ready")).status_code == 200
        as_child = {"Authorization": f"Bearer {token_for(test_keys, child)}"}
        wallet = await client.get("/api/main/wallet", headers=as_child)
        assert wallet.status_code == 200, wallet.text
        assert wallet.json()["balance"] == EARNED - SPENT
        as_parent = {"Authorization": f"Bearer {token_for(test_keys, parent)}"}
        bought = await client.get("/api/main/subscriptions/me", headers=as_parent)
        assert bought.status_code == 200, bought.text
        assert plan.code in bought.text

    # The ledger check is no formality: a balance changed by hand is found.
    connection = await asyncpg.connect(restored.render_as_string(hide_password=False))
    await connection.execute("UPDATE coin_account SET balance = balance + 1 WHERE kind = 'wallet'")
    await connection.close()
    assert await restore_drill.ledger_problems(restored) == [
        "1 x a wallet whose balance is not the sum of its entries"
    ]
    await restore_drill.drop(restored)
