"""Providers retry, and sometimes several calls arrive at once: on PostgreSQL, with real
concurrent transactions, a payment is applied exactly once and a family is never charged twice."""

import asyncio
import json
import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alif.auth import Role
from alif.db import utcnow
from alif.kernel.models import User
from alif.subscriptions import SubscriptionPlan
from alif.testing import make_child, make_user
from alif_main.config import MainSettings
from alif_main.orders.checkout import soum
from alif_main.orders.models import Order, OrderStatus
from alif_main.payments.click import service as click
from alif_main.payments.payme import service as payme
from alif_main.payments.testing import ClickClient, PaymeClient, make_plan, now_ms, payme_id
from alif_main.subscriptions.models import SubscriptionPeriod

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
CALLS = 8


async def family_orders(
    sessionmaker: async_sessionmaker[AsyncSession], count: int
) -> tuple[User, SubscriptionPlan, list[Order]]:
    async with sessionmaker() as db, db.begin():
        parent = await make_user(db, role=Role.parent)
        await make_child(db, parent)
        plan = await make_plan(db)
        orders = [
            Order(
                user_id=parent.id,
                plan_id=plan.id,
                duration_days=plan.duration_days,
                base_amount=plan.price,
                amount=plan.price,
                status=OrderStatus.pending,
                idempotency_key=f"concurrency-{uuid.uuid4()}",
                expires_at=utcnow() + timedelta(hours=24),
            )
            for _ in range(count)
        ]
        db.add_all(orders)
    return parent, plan, orders


def payme_caller(sessionmaker: async_sessionmaker[AsyncSession], settings: MainSettings) -> Any:
    authorization = PaymeClient(None).authorization()  # type: ignore[arg-type]

    async def call(method: str, params: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps({"id": 1, "method": method, "params": params}).encode()
        async with sessionmaker() as db:
            answer = await payme.handle(
                db, settings, authorization=authorization, body=body, peer_ip="185.234.113.1"
            )
            await db.commit()
        return answer

    return call


def click_caller(sessionmaker: async_sessionmaker[AsyncSession], settings: MainSettings) -> Any:
    async def call(fields: dict[str, str], *, complete: bool) -> dict[str, Any]:
        async with sessionmaker() as db:
            answer = await click.handle(
                db, settings, fields, complete=complete, peer_ip="203.0.113.9"
            )
            await db.commit()
        return answer

    return call


async def periods(sessionmaker: async_sessionmaker[AsyncSession], orders: list[Order]) -> int:
    async with sessionmaker() as db:
        return int(
            await db.scalar(
                select(func.count())
                .select_from(SubscriptionPeriod)
                .where(SubscriptionPeriod.order_id.in_([o.id for o in orders]))
            )
            or 0
        )


async def test_concurrent_payme_retries_create_and_perform_once(
    committing: async_sessionmaker[AsyncSession], main_settings: MainSettings
) -> None:
    _, plan, (order,) = await family_orders(committing, 1)
    call = payme_caller(committing, main_settings)
    tx = payme_id()
    create = {
        "id": tx,
        "time": now_ms() - 11 * 3_600_000,  # well away from other tests' statements
        "amount": plan.price,
        "account": {"order_id": str(order.id)},
    }
    created = await asyncio.gather(*(call("CreateTransaction", create) for _ in range(CALLS)))
    assert all("result" in a for a in created), created
    assert len({json.dumps(a["result"], sort_keys=True) for a in created}) == 1
    performed = await asyncio.gather(
        *(call("PerformTransaction", {"id": tx}) for _ in range(CALLS))
    )
    assert all("result" in a for a in performed), performed
    assert len({json.dumps(a["result"], sort_keys=True) for a in performed}) == 1
    assert await periods(committing, [order]) == 1


async def test_concurrent_click_completes_apply_once(
    committing: async_sessionmaker[AsyncSession], main_settings: MainSettings
) -> None:
    _, plan, (order,) = await family_orders(committing, 1)
    call = click_caller(committing, main_settings)
    signer = ClickClient(None)  # type: ignore[arg-type]
    trans_id = signer.new_trans_id()
    prepared = await call(
        signer.fields(trans_id, order.id, soum(plan.price), action="0"), complete=False
    )
    assert prepared["error"] == 0
    fields = signer.fields(
        trans_id,
        order.id,
        soum(plan.price),
        action="1",
        merchant_prepare_id=prepared["merchant_prepare_id"],
    )
    answers = await asyncio.gather(*(call(fields, complete=True) for _ in range(CALLS)))
    assert sorted(a["error"] for a in answers) == [-4] * (CALLS - 1) + [0]
    assert await periods(committing, [order]) == 1


async def test_two_orders_of_one_family_paid_at_once_activate_once(
    committing: async_sessionmaker[AsyncSession], main_settings: MainSettings
) -> None:
    """Two tabs, two orders, Payme and Click performing at the same moment: one activates, the
    other is refused, so its provider gives the money back (Kundalik's rule)."""
    _, plan, (by_payme, by_click) = await family_orders(committing, 2)
    payme_call = payme_caller(committing, main_settings)
    click_call = click_caller(committing, main_settings)
    tx = payme_id()
    created = await payme_call(
        "CreateTransaction",
        {
            "id": tx,
            "time": now_ms() - 11 * 3_600_000,
            "amount": plan.price,
            "account": {"order_id": str(by_payme.id)},
        },
    )
    assert "result" in created
    signer = ClickClient(None)  # type: ignore[arg-type]
    trans_id = signer.new_trans_id()
    prepared = await click_call(
        signer.fields(trans_id, by_click.id, soum(plan.price), action="0"), complete=False
    )
    assert prepared["error"] == 0
    completing = signer.fields(
        trans_id,
        by_click.id,
        soum(plan.price),
        action="1",
        merchant_prepare_id=prepared["merchant_prepare_id"],
    )
    performed, completed = await asyncio.gather(
        payme_call("PerformTransaction", {"id": tx}), click_call(completing, complete=True)
    )
    outcomes = {"payme": "result" in performed, "click": completed["error"] == 0}
    assert sorted(outcomes.values()) == [False, True], (performed, completed)
    if not outcomes["payme"]:
        assert performed["error"]["code"] == -31052
    else:
        assert completed["error"] == -9
    assert await periods(committing, [by_payme, by_click]) == 1
