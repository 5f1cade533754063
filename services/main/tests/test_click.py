"""Click's SHOP API (Prepare, Complete), driven over real HTTP by a client that signs and sends
exactly as Click does: form fields, md5 over the raw strings."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif.subscriptions import Feature, SubscriptionPlan, entitlement_of
from alif.testing import Actor, LoginAs, make_child
from alif_main.orders.checkout import soum
from alif_main.orders.models import Order, OrderStatus, PaymentProvider
from alif_main.payments.models import PaymentTransaction
from alif_main.payments.testing import CLICK_PREPARE, ClickClient, PaymeClient, make_plan, payme_id
from alif_main.subscriptions.models import SubscriptionPeriod


async def order_for(parent: Actor, plan: SubscriptionPlan) -> dict[str, Any]:
    response = await parent.post(
        "/api/main/orders", json={"plan_id": str(plan.id), "idempotency_key": str(uuid.uuid4())}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
async def plan(db_session: AsyncSession) -> SubscriptionPlan:
    return await make_plan(db_session, price=2_990_000)


@pytest.fixture
async def parent(login_as: LoginAs) -> Actor:
    return await login_as(Role.parent)


async def click_rows(db: AsyncSession) -> int:
    return int(
        await db.scalar(
            select(func.count())
            .select_from(PaymentTransaction)
            .where(PaymentTransaction.provider == PaymentProvider.click)
        )
        or 0
    )


async def order_row(db: AsyncSession, order_id: str) -> Order:
    order = await db.get(Order, uuid.UUID(order_id), populate_existing=True)
    assert order is not None
    return order


async def test_a_parent_pays_with_click_and_the_family_is_subscribed(
    click: ClickClient, parent: Actor, plan: SubscriptionPlan, db_session: AsyncSession
) -> None:
    child = await make_child(db_session, parent.user)
    order = await order_for(parent, plan)
    trans_id = click.new_trans_id()
    prepared = await click.prepare(trans_id, order["id"], "29900.00")
    assert prepared == {
        "click_trans_id": int(trans_id),
        "merchant_trans_id": order["id"],
        "merchant_prepare_id": prepared["merchant_prepare_id"],
        "error": 0,
        "error_note": "Success",
    }
    assert (await order_row(db_session, order["id"])).status is OrderStatus.paying
    completed = await click.complete(
        trans_id, order["id"], "29900.00", prepared["merchant_prepare_id"]
    )
    assert completed["error"] == 0
    assert completed["merchant_confirm_id"] == prepared["merchant_prepare_id"]
    assert (await order_row(db_session, order["id"])).status is OrderStatus.paid
    assert (await entitlement_of(db_session, child.id)).has(Feature.olimp)


async def test_the_signature_is_checked_over_the_strings_exactly_as_received(
    click: ClickClient, parent: Actor, plan: SubscriptionPlan
) -> None:
    order = await order_for(parent, plan)
    # Click may write the amount as "29900" or "29900.0"; it signs what it writes.
    prepared = await click.prepare(click.new_trans_id(), order["id"], "29900.0")
    assert prepared["error"] == 0


async def test_a_wrong_signature_is_refused_and_changes_nothing(
    click: ClickClient, parent: Actor, plan: SubscriptionPlan, db_session: AsyncSession
) -> None:
    order = await order_for(parent, plan)
    trans_id = click.new_trans_id()
    forged = await click.prepare(trans_id, order["id"], "29900.00", secret_key="guessed")
    assert (forged["error"], forged["error_note"]) == (-1, "SIGN CHECK FAILED!")
    assert await click_rows(db_session) == 0

    prepared = await click.prepare(trans_id, order["id"], "29900.00")
    fields = click.fields(
        trans_id,
        order["id"],
        "29900.00",
        action="1",
        merchant_prepare_id=prepared["merchant_prepare_id"],
    )
    fields["amount"] = "299.00"  # tampered after signing
    assert (await click.post("/api/main/payments/click/complete", fields))["error"] == -1
    assert (await order_row(db_session, order["id"])).status is OrderStatus.paying


async def test_a_wrong_amount_is_refused(
    click: ClickClient, parent: Actor, plan: SubscriptionPlan, db_session: AsyncSession
) -> None:
    order = await order_for(parent, plan)
    for amount in ("29899.99", "29900.01", "2990000", "29900.005", "-29900", "NaN", "sNaN"):
        answer = await click.prepare(click.new_trans_id(), order["id"], amount)
        assert answer["error"] == -2, amount
    assert await click_rows(db_session) == 0
    trans_id = click.new_trans_id()
    prepared = await click.prepare(trans_id, order["id"], soum(plan.price))
    cheaper = await click.complete(trans_id, order["id"], "100.00", prepared["merchant_prepare_id"])
    assert cheaper["error"] == -2
    assert (await order_row(db_session, order["id"])).status is OrderStatus.paying


async def test_an_unknown_order_is_user_does_not_exist(click: ClickClient) -> None:
    for order_id in (uuid.uuid4(), "42", ""):
        answer = await click.prepare(click.new_trans_id(), order_id, "29900.00")
        assert (answer["error"], answer["error_note"]) == (-5, "User does not exist")


async def test_complete_before_prepare_is_transaction_does_not_exist(
    click: ClickClient, parent: Actor, plan: SubscriptionPlan, db_session: AsyncSession
) -> None:
    order = await order_for(parent, plan)
    answer = await click.complete(click.new_trans_id(), order["id"], "29900.00", 1)
    assert answer["error"] == -6
    trans_id = click.new_trans_id()
    prepared = await click.prepare(trans_id, order["id"], "29900.00")
    wrong_prepare_id = await click.complete(
        trans_id, order["id"], "29900.00", prepared["merchant_prepare_id"] + 1000
    )
    assert wrong_prepare_id["error"] == -6
    assert (await order_row(db_session, order["id"])).status is OrderStatus.paying


async def test_a_repeated_complete_pays_once_and_answers_already_paid(
    click: ClickClient, parent: Actor, plan: SubscriptionPlan, db_session: AsyncSession
) -> None:
    order = await order_for(parent, plan)
    trans_id = click.new_trans_id()
    prepared = await click.prepare(trans_id, order["id"], "29900.00")
    prepare_id = prepared["merchant_prepare_id"]
    assert (await click.complete(trans_id, order["id"], "29900.00", prepare_id))["error"] == 0
    again = await click.complete(trans_id, order["id"], "29900.00", prepare_id)
    assert (again["error"], again["error_note"]) == (-4, "Already paid")
    cancel_after = await click.complete(trans_id, order["id"], "29900.00", prepare_id, error=-5017)
    assert cancel_after["error"] == -4
    periods = await db_session.scalars(
        select(SubscriptionPeriod).where(SubscriptionPeriod.order_id == uuid.UUID(order["id"]))
    )
    assert len(list(periods)) == 1
    assert (await click.prepare(trans_id, order["id"], "29900.00"))["error"] == -4


async def test_complete_with_a_click_error_cancels_the_order(
    click: ClickClient, parent: Actor, plan: SubscriptionPlan, db_session: AsyncSession
) -> None:
    child = await make_child(db_session, parent.user)
    order = await order_for(parent, plan)
    trans_id = click.new_trans_id()
    prepared = await click.prepare(trans_id, order["id"], "29900.00")
    prepare_id = prepared["merchant_prepare_id"]
    failed = await click.complete(trans_id, order["id"], "29900.00", prepare_id, error=-5017)
    assert (failed["error"], failed["error_note"]) == (-9, "Transaction cancelled")
    assert (await order_row(db_session, order["id"])).status is OrderStatus.cancelled
    late = await click.complete(trans_id, order["id"], "29900.00", prepare_id)
    assert late["error"] == -9
    assert not (await entitlement_of(db_session, child.id)).has(Feature.olimp)
    status = (await parent.get("/api/main/orders/" + order["id"])).json()["status"]
    assert status == "cancelled"


async def test_a_repeated_prepare_returns_the_same_prepare_id(
    click: ClickClient, parent: Actor, plan: SubscriptionPlan, db_session: AsyncSession
) -> None:
    order = await order_for(parent, plan)
    trans_id = click.new_trans_id()
    first = await click.prepare(trans_id, order["id"], "29900.00")
    second = await click.prepare(trans_id, order["id"], "29900.00")
    assert first == second
    assert await click_rows(db_session) == 1


async def test_malformed_requests(
    click: ClickClient, parent: Actor, plan: SubscriptionPlan
) -> None:
    order = await order_for(parent, plan)
    fields = click.fields(click.new_trans_id(), order["id"], "29900.00", action="0")
    missing = {k: v for k, v in fields.items() if k != "sign_time"}
    assert (await click.post(CLICK_PREPARE, missing))["error"] == -8
    as_complete = click.fields(
        click.new_trans_id(), order["id"], "29900.00", action="1", merchant_prepare_id=1
    )
    assert (await click.post(CLICK_PREPARE, as_complete))["error"] == -3
    other_service = ClickClient(click.http, service_id="99999")
    assert (await other_service.prepare(click.new_trans_id(), order["id"], "29900.00"))[
        "error"
    ] == -8
    old = click.sign_time(utcnow() - timedelta(days=2))
    assert (await click.prepare(click.new_trans_id(), order["id"], "29900.00", sign_time=old))[
        "error"
    ] == -8
    for trans_id in ("12ab", "1_000", "+7"):
        not_a_number = click.fields(trans_id, order["id"], "29900.00", action="0")
        assert (await click.post(CLICK_PREPARE, not_a_number))["error"] == -8


async def test_an_order_reserved_by_payme_is_not_prepared_by_click(
    click: ClickClient, payme: PaymeClient, parent: Actor, plan: SubscriptionPlan
) -> None:
    order = await order_for(parent, plan)
    assert "result" in await payme.create(payme_id(), order["id"], plan.price)
    answer = await click.prepare(click.new_trans_id(), order["id"], "29900.00")
    assert answer["error"] == -9


async def test_without_a_secret_key_nothing_is_accepted(
    click: ClickClient, parent: Actor, plan: SubscriptionPlan, change_settings: Any
) -> None:
    order = await order_for(parent, plan)
    change_settings(click_secret_key="")
    answer = await click.prepare(click.new_trans_id(), order["id"], "29900.00")
    assert answer["error"] == -1
