"""The whole story: a parent buys a plan through Payme's protocol and through Click's, and the
family's children get the feature in another service, which gates it on its own server."""

import base64
import uuid
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import APIRouter, Depends, FastAPI
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from alif import testing
from alif.app import create_app
from alif.auth import Role
from alif.config import CommonSettings
from alif.subscriptions import Feature, SubscriptionPlan, require_feature
from alif.testing import Actor, LoginAs, make_child, token_for
from alif_main.payments.models import PaymentTransaction
from alif_main.payments.testing import (
    PAYME_MERCHANT_ID,
    ClickClient,
    PaymeClient,
    make_plan,
    payme_id,
)
from alif_main.subscriptions.models import SubscriptionPeriod


class OlympiadSettings(CommonSettings):
    service_name: ClassVar[str] = "olimp"


@pytest.fixture
async def olympiads(
    settings_values: dict[str, Any], started_app: FastAPI
) -> AsyncIterator[httpx.AsyncClient]:
    """Another service, as olimp would be built: one dependency gates the route."""
    router = APIRouter()

    @router.post(
        "/olympiads/spring/register", dependencies=[Depends(require_feature(Feature.olimp))]
    )
    async def register() -> dict[str, str]:
        return {"status": "registered"}

    app = create_app(OlympiadSettings(**settings_values), routers=[router])
    async with LifespanManager(app):
        app.state.db = started_app.state.db  # the same database (and test transaction) as main
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://olimp") as client:
            yield client


async def register(olympiads: httpx.AsyncClient, token: str) -> int:
    response = await olympiads.post(
        "/api/olimp/olympiads/spring/register", headers={"Authorization": f"Bearer {token}"}
    )
    return response.status_code


async def order(parent: Actor, plan: SubscriptionPlan, **extra: Any) -> httpx.Response:
    return await parent.post(
        "/api/main/orders",
        json={"plan_id": str(plan.id), "idempotency_key": str(uuid.uuid4()), **extra},
    )


@pytest.fixture
async def plan(db_session: AsyncSession) -> SubscriptionPlan:
    return await make_plan(db_session, price=2_990_000, days=30, seats=3)


async def test_a_parent_buys_through_payme_and_the_children_register_for_an_olympiad(
    payme: PaymeClient,
    olympiads: httpx.AsyncClient,
    login_as: LoginAs,
    db_session: AsyncSession,
    test_keys: testing.TestKeys,
    plan: SubscriptionPlan,
) -> None:
    parent = await login_as(Role.parent)
    children = [await make_child(db_session, parent.user) for _ in range(2)]
    other_family_child = await make_child(db_session, (await login_as(Role.parent)).user)
    tokens = [token_for(test_keys, child) for child in children]
    assert [await register(olympiads, t) for t in tokens] == [403, 403]

    plans = await parent.get("/api/main/subscriptions/plans")
    assert str(plan.id) in [p["id"] for p in plans.json()]
    created = await order(parent, plan)
    assert created.status_code == 201
    bought = created.json()
    assert (bought["amount"], bought["status"]) == (plan.price, "pending")

    link = (await parent.get(f"/api/main/orders/{bought['id']}/checkout?provider=payme")).json()
    encoded = link["url"].rsplit("/", 1)[1]
    assert link["url"].startswith("https://checkout.test.paycom.uz/")
    decoded = base64.b64decode(encoded).decode()
    assert decoded.startswith(f"m={PAYME_MERCHANT_ID};ac.order_id={bought['id']};a={plan.price};c=")

    await payme.pay(bought["id"], plan.price)
    polled = (await parent.get(f"/api/main/orders/{bought['id']}")).json()
    assert polled["status"] == "paid" and polled["provider"] == "payme"
    assert [await register(olympiads, t) for t in tokens] == [200, 200]
    assert await register(olympiads, token_for(test_keys, other_family_child)) == 403

    child_view = await parent.client.get(
        "/api/main/subscriptions/me", headers={"Authorization": f"Bearer {tokens[0]}"}
    )
    assert Feature.olimp in child_view.json()["features"]
    assert child_view.json()["subscription"] is None  # a child sees features, never prices


async def test_a_parent_buys_through_click_then_extends_explicitly(
    click: ClickClient,
    olympiads: httpx.AsyncClient,
    login_as: LoginAs,
    db_session: AsyncSession,
    test_keys: testing.TestKeys,
    plan: SubscriptionPlan,
) -> None:
    parent = await login_as(Role.parent)
    child = await make_child(db_session, parent.user)
    bought = (await order(parent, plan)).json()

    link = (await parent.get(f"/api/main/orders/{bought['id']}/checkout?provider=click")).json()
    query = parse_qs(urlparse(link["url"]).query)
    assert query["transaction_param"] == [bought["id"]]
    assert query["amount"] == ["29900.00"]
    assert query["return_url"][0].endswith(f"?order_id={bought['id']}")

    await click.pay(bought["id"], plan.price)
    assert await register(olympiads, token_for(test_keys, child)) == 200
    mine = (await parent.get("/api/main/subscriptions/me")).json()["subscription"]
    first_end = datetime.fromisoformat(mine["ends_at"])

    # Paying again while active is refused unless the parent asks to extend (never twice by
    # accident); with `extend`, the time is added after the current period.
    again = await order(parent, plan)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "subscription_already_active"
    extension = (await order(parent, plan, extend=True)).json()
    await click.pay(extension["id"], plan.price)
    mine = (await parent.get("/api/main/subscriptions/me")).json()["subscription"]
    assert datetime.fromisoformat(mine["ends_at"]) == first_end + timedelta(days=30)
    assert [p["kind"] for p in mine["periods"]] == ["paid", "paid"]


async def test_staff_see_stale_and_unactivated_payments(
    payme: PaymeClient, login_as: LoginAs, db_session: AsyncSession, plan: SubscriptionPlan
) -> None:
    parent = await login_as(Role.parent)
    stale_order = (await order(parent, plan)).json()
    stale = payme_id()
    await payme.create(stale, stale_order["id"], plan.price)
    await db_session.execute(
        update(PaymentTransaction)
        .where(PaymentTransaction.provider_tx_id == stale)
        .values(provider_time=PaymentTransaction.provider_time - 13 * 3_600_000)
    )
    other = await login_as(Role.parent)
    paid_order = (await order(other, plan)).json()
    await payme.pay(paid_order["id"], plan.price)
    # Someone removed the subscription time by hand: the order is paid but not active.
    await db_session.execute(
        update(SubscriptionPeriod)
        .where(SubscriptionPeriod.order_id == uuid.UUID(paid_order["id"]))
        .values(revoked_at=SubscriptionPeriod.starts_at)
    )

    staff = await login_as(Role.moderator)
    report = (await staff.get("/api/main/payments/reconciliation")).json()
    flagged = {t["provider_tx_id"]: t["flags"] for t in report["flagged"]}
    assert flagged[stale] == ["stale_payme"]
    assert paid_order["id"] in [o["id"] for o in report["paid_not_activated"]]
    assert {"provider": "payme", "state": 1, "count": 1, "amount": plan.price} in report["totals"]
    listed = (await staff.get("/api/main/payments/transactions?provider=payme&state=1")).json()
    assert [t["provider_tx_id"] for t in listed["items"]] == [stale]
    assert (await parent.get("/api/main/payments/reconciliation")).status_code == 403
