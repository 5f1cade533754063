"""Payme's Merchant API, driven over real HTTP by a client that speaks exactly as Payme does.

Payme's own test cases (payments.md 1.15) are here, each next to the attack or mistake it guards
against. "12 hours later" is made by moving the stored times back, as the clock would have.
"""

import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif.subscriptions import Feature, SubscriptionPlan, entitlement_of
from alif.testing import Actor, LoginAs, make_child
from alif_main.config import MainSettings
from alif_main.orders.models import Order, OrderStatus
from alif_main.payments.models import PaymentCallback, PaymentTransaction
from alif_main.payments.payme import service as payme_service
from alif_main.payments.testing import PAYME_KEY, PaymeClient, make_plan, now_ms, payme_id
from alif_main.subscriptions.models import SubscriptionPeriod

HOUR_MS = 3_600_000


async def order_for(parent: Actor, plan: SubscriptionPlan, **extra: Any) -> dict[str, Any]:
    response = await parent.post(
        "/api/main/orders",
        json={"plan_id": str(plan.id), "idempotency_key": str(uuid.uuid4()), **extra},
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


def error_code(answer: dict[str, Any]) -> int:
    assert answer["result"] is None, answer
    code: int = answer["error"]["code"]
    return code


async def transaction_row(db: AsyncSession, payme_transaction: str) -> PaymentTransaction:
    row = await db.scalar(
        select(PaymentTransaction)
        .where(PaymentTransaction.provider_tx_id == payme_transaction)
        .execution_options(populate_existing=True)
    )
    assert row is not None
    return row


async def paid_periods(db: AsyncSession, order_id: str) -> int:
    rows = await db.scalars(
        select(SubscriptionPeriod).where(SubscriptionPeriod.order_id == uuid.UUID(order_id))
    )
    return len(list(rows))


async def test_every_method_called_twice_answers_the_same_and_pays_once(
    payme: PaymeClient, parent: Actor, plan: SubscriptionPlan, db_session: AsyncSession
) -> None:
    child = await make_child(db_session, parent.user)
    order = await order_for(parent, plan)
    tx = payme_id()
    time = now_ms()

    async def twice(method: str, params: dict[str, Any]) -> dict[str, Any]:
        first, second = await payme.call(method, params), await payme.call(method, params)
        assert "error" not in first, first
        assert first["result"] == second["result"]
        result: dict[str, Any] = first["result"]
        return result

    account = {"order_id": order["id"]}
    assert await twice("CheckPerformTransaction", {"amount": plan.price, "account": account}) == {
        "allow": True
    }
    created = await twice(
        "CreateTransaction", {"id": tx, "time": time, "amount": plan.price, "account": account}
    )
    assert created["state"] == 1 and created["receivers"] is None
    performed = await twice("PerformTransaction", {"id": tx})
    assert performed["state"] == 2 and performed["transaction"] == created["transaction"]
    checked = await twice("CheckTransaction", {"id": tx})
    assert checked["perform_time"] == performed["perform_time"]
    statement = await twice("GetStatement", {"from": time, "to": time})
    assert [t["id"] for t in statement["transactions"]] == [tx]
    assert await paid_periods(db_session, order["id"]) == 1
    assert (await entitlement_of(db_session, child.id)).has(Feature.olimp)

    cancelled = await twice("CancelTransaction", {"id": tx, "reason": 5})
    assert cancelled["state"] == -2
    assert not (await entitlement_of(db_session, child.id)).has(Feature.olimp)

    first = await payme.change_password("new-cash-desk-key-1")
    second = await payme.call(
        "ChangePassword",
        {"password": "new-cash-desk-key-1"},
        authorization=payme.authorization("new-cash-desk-key-1"),
    )
    assert first["result"] == second["result"] == {"success": True}


async def test_an_amount_off_by_one_tiyin_is_refused(
    payme: PaymeClient, parent: Actor, plan: SubscriptionPlan
) -> None:
    order = await order_for(parent, plan)
    for wrong in (plan.price - 1, plan.price + 1):
        assert error_code(await payme.check_perform(order["id"], wrong)) == -31001
        tx = payme_id()
        assert error_code(await payme.create(tx, order["id"], wrong)) == -31001
        assert error_code(await payme.check(tx)) == -31003  # a failed create stores nothing
    assert error_code(await payme.check_perform(order["id"], 0)) == -31001


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Basic " + "UGF5Y29tOndyb25n",  # Paycom:wrong
        "Basic " + "UGF5bWU6dGVzdC1wYXltZS1jYXNoLWRlc2sta2V5LVp4ODE=",  # Payme:<right key>
        "Bearer " + PAYME_KEY,
        "Basic not-base64!",
        "Basic",
    ],
)
async def test_wrong_or_missing_credentials_are_refused_before_anything_happens(
    payme: PaymeClient,
    parent: Actor,
    plan: SubscriptionPlan,
    db_session: AsyncSession,
    authorization: str | None,
) -> None:
    order = await order_for(parent, plan)
    tx = payme_id()
    params = {
        "id": tx,
        "time": now_ms(),
        "amount": plan.price,
        "account": {"order_id": order["id"]},
    }
    answer = await payme.call("CreateTransaction", params, authorization=authorization)
    assert error_code(answer) == -32504
    assert set(answer["error"]["message"]) == {"uz", "ru", "en"}
    assert error_code(await payme.check(tx)) == -31003
    stored = await db_session.get(Order, uuid.UUID(order["id"]))
    assert stored is not None and stored.status is OrderStatus.pending


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
async def test_a_request_that_is_not_post_gets_32300_with_http_200(
    provider_http: httpx.AsyncClient, method: str
) -> None:
    response = await provider_http.request(method, "/api/main/payments/payme")
    assert response.status_code == 200
    assert response.json()["error"]["code"] == -32300


async def test_malformed_json_and_malformed_requests(payme: PaymeClient) -> None:
    headers = {"Authorization": payme.authorization(), "Content-Type": "application/json"}
    broken = await payme.send(b'{"id": 1, "method": "CheckTransaction", "params": {', headers)
    assert error_code(broken) == -32700 and broken["id"] is None
    not_utf8 = await payme.send(b"\xff\xfe{}", headers)
    assert error_code(not_utf8) == -32700
    for body in (
        b"[]",
        b'{"id": 3, "method": "CheckTransaction", "params": []}',
        b'{"id": 4, "params": {}}',
    ):
        answer = await payme.send(body, headers)
        assert error_code(answer) == -32600
    wrong_type = await payme.call("CheckTransaction", {"id": 12345})
    assert error_code(wrong_type) == -32600


async def test_hostile_bodies_are_answered_in_the_protocol(
    payme: PaymeClient, plan: SubscriptionPlan
) -> None:
    headers = {"Authorization": payme.authorization(), "Content-Type": "application/json"}
    deep = b'{"id": 7, "method": "CheckTransaction", "params": ' + b"[" * 100_000
    deep += b"]" * 100_000 + b"}"
    nested = await payme.send(deep, headers)  # the parser's recursion runs out
    assert error_code(nested) == -32700
    nul = await payme.call("CheckTransaction", {"id": "abc\u0000def"})
    assert error_code(nul) == -32600
    order = await payme.check_perform("order\u0000id", 2_990_000)
    assert error_code(order) in range(-31099, -31049)  # the order field is named: not found


async def test_an_unknown_method_is_named_in_data(payme: PaymeClient) -> None:
    answer = await payme.call("SetFiscalDataEverywhere", {})
    assert error_code(answer) == -32601
    assert answer["error"]["data"] == "SetFiscalDataEverywhere"


async def test_an_unknown_order_is_an_account_error_naming_the_field(
    payme: PaymeClient, plan: SubscriptionPlan
) -> None:
    for account in ({"order_id": str(uuid.uuid4())}, {"order_id": "77"}, {"phone": "903595731"}):
        answer = await payme.call(
            "CheckPerformTransaction", {"amount": plan.price, "account": account}
        )
        assert error_code(answer) == -31050
        assert answer["error"]["data"] == "order_id"
        assert set(answer["error"]["message"]) == {"uz", "ru", "en"}


async def test_create_repeated_after_12_hours_cancels_with_reason_4(
    payme: PaymeClient, parent: Actor, plan: SubscriptionPlan, db_session: AsyncSession
) -> None:
    order = await order_for(parent, plan)
    tx = payme_id()
    time = now_ms()
    assert (await payme.create(tx, order["id"], plan.price, time=time))["result"]["state"] == 1
    await db_session.execute(
        update(PaymentTransaction)
        .where(PaymentTransaction.provider_tx_id == tx)
        .values(provider_time=time - 12 * HOUR_MS - 1)
    )
    assert error_code(await payme.create(tx, order["id"], plan.price, time=time)) == -31008
    checked = (await payme.check(tx))["result"]
    assert (checked["state"], checked["reason"]) == (-1, 4)
    assert checked["cancel_time"] > 0
    # The order is free again: Payme can start a new transaction for it.
    again = await payme.create(payme_id(), order["id"], plan.price)
    assert again["result"]["state"] == 1


async def test_a_create_already_older_than_12_hours_is_refused_and_not_stored(
    payme: PaymeClient, parent: Actor, plan: SubscriptionPlan
) -> None:
    order = await order_for(parent, plan)
    tx = payme_id()
    stale = now_ms() - 12 * HOUR_MS - 1000
    assert error_code(await payme.create(tx, order["id"], plan.price, time=stale)) == -31008
    assert error_code(await payme.check(tx)) == -31003


async def test_perform_after_12_hours_cancels_and_answers_31008(
    payme: PaymeClient, parent: Actor, plan: SubscriptionPlan, db_session: AsyncSession
) -> None:
    order = await order_for(parent, plan)
    tx = payme_id()
    await payme.create(tx, order["id"], plan.price)
    await db_session.execute(
        update(PaymentTransaction)
        .where(PaymentTransaction.provider_tx_id == tx)
        .values(provider_time=PaymentTransaction.provider_time - 13 * HOUR_MS)
    )
    assert error_code(await payme.perform(tx)) == -31008
    checked = (await payme.check(tx))["result"]
    assert (checked["state"], checked["reason"], checked["perform_time"]) == (-1, 4, 0)
    assert await paid_periods(db_session, order["id"]) == 0


async def test_perform_after_cancel_is_refused(
    payme: PaymeClient, parent: Actor, plan: SubscriptionPlan, db_session: AsyncSession
) -> None:
    order = await order_for(parent, plan)
    tx = payme_id()
    await payme.create(tx, order["id"], plan.price)
    cancelled = await payme.cancel(tx, reason=3)
    assert cancelled["result"]["state"] == -1
    assert error_code(await payme.perform(tx)) == -31008
    assert await paid_periods(db_session, order["id"]) == 0
    stored = await db_session.get(Order, uuid.UUID(order["id"]), populate_existing=True)
    assert stored is not None and stored.status is OrderStatus.cancelled
    assert (await payme.check(tx))["result"]["reason"] == 3


async def test_cancel_after_perform_once_the_subscription_was_used_is_refused(
    payme: PaymeClient, parent: Actor, plan: SubscriptionPlan, db_session: AsyncSession
) -> None:
    child = await make_child(db_session, parent.user)
    order = await order_for(parent, plan)
    tx = await payme.pay(order["id"], plan.price)
    # A day and more of use later (the refund window is 24 hours):
    await db_session.execute(
        update(SubscriptionPeriod)
        .where(SubscriptionPeriod.order_id == uuid.UUID(order["id"]))
        .values(starts_at=utcnow() - timedelta(hours=25))
    )
    assert error_code(await payme.cancel(tx, reason=5)) == -31007
    assert (await payme.check(tx))["result"]["state"] == 2
    assert (await entitlement_of(db_session, child.id)).has(Feature.olimp)


async def test_cancel_after_perform_refunds_an_unused_purchase(
    payme: PaymeClient, parent: Actor, plan: SubscriptionPlan, db_session: AsyncSession
) -> None:
    order = await order_for(parent, plan)
    tx = await payme.pay(order["id"], plan.price)
    answer = (await payme.cancel(tx, reason=5))["result"]
    assert answer["state"] == -2 and answer["cancel_time"] > 0
    checked = (await payme.check(tx))["result"]
    assert (checked["state"], checked["reason"]) == (-2, 5)
    assert checked["perform_time"] > 0
    stored = await db_session.get(Order, uuid.UUID(order["id"]), populate_existing=True)
    assert stored is not None and stored.status is OrderStatus.refunded
    status = (await parent.get("/api/main/orders/" + order["id"])).json()["status"]
    assert status == "refunded"


async def test_get_statement_includes_both_ends_in_every_state_oldest_first(
    payme: PaymeClient, login_as: LoginAs, plan: SubscriptionPlan
) -> None:
    start = now_ms() - 60_000
    times = [start, start + 1_000, start + 2_000, start + 3_000]
    transactions = []
    for time in times:
        order = await order_for(await login_as(Role.parent), plan)
        tx = payme_id()
        assert "result" in await payme.create(tx, order["id"], plan.price, time=time)
        transactions.append(tx)
    await payme.cancel(transactions[1], reason=1)
    await payme.perform(transactions[2])
    refused_order = await order_for(await login_as(Role.parent), plan)
    await payme.create(payme_id(), refused_order["id"], plan.price + 1, time=start + 1_500)

    inside = (await payme.statement(times[0], times[2]))["result"]["transactions"]
    assert [t["id"] for t in inside] == transactions[:3]
    assert [t["time"] for t in inside] == times[:3]
    assert [t["state"] for t in inside] == [1, -1, 2]
    first = inside[0]
    assert set(first) == {
        "id",
        "time",
        "amount",
        "account",
        "create_time",
        "perform_time",
        "cancel_time",
        "transaction",
        "state",
        "reason",
        "receivers",
    }
    assert first["amount"] == plan.price and first["perform_time"] == 0
    narrow = (await payme.statement(times[0] + 1, times[2] - 1))["result"]["transactions"]
    assert [t["id"] for t in narrow] == [transactions[1]]
    empty = (await payme.statement(times[3] + 1, times[3] + 10))["result"]["transactions"]
    assert empty == []


async def test_change_password_then_the_old_key_is_refused(
    payme: PaymeClient,
    parent: Actor,
    plan: SubscriptionPlan,
    db_session: AsyncSession,
    change_settings: Any,
) -> None:
    order = await order_for(parent, plan)
    assert (await payme.change_password("rotated-key-2026"))["result"] == {"success": True}
    old = await payme.check_perform(order["id"], plan.price)
    assert error_code(old) == -32504
    new = await payme.call(
        "CheckPerformTransaction",
        {"amount": plan.price, "account": {"order_id": order["id"]}},
        authorization=payme.authorization("rotated-key-2026"),
    )
    assert new["result"] == {"allow": True}
    logged = await db_session.scalar(
        select(PaymentCallback).where(PaymentCallback.action == "ChangePassword")
    )
    assert logged is not None and "rotated-key-2026" not in str(logged.request)
    # Operators who put a new key in the environment get that one, not the stored one.
    settings: MainSettings = change_settings(payme_key="operator-set-key-77")
    assert settings.payme_key == "operator-set-key-77"
    from_env = await payme.call(
        "CheckPerformTransaction",
        {"amount": plan.price, "account": {"order_id": order["id"]}},
        authorization=payme.authorization("operator-set-key-77"),
    )
    assert from_env["result"] == {"allow": True}


async def test_an_order_with_a_payment_in_progress_refuses_a_second_one(
    payme: PaymeClient, parent: Actor, plan: SubscriptionPlan
) -> None:
    order = await order_for(parent, plan)
    await payme.create(payme_id(), order["id"], plan.price)
    second = await payme.create(payme_id(), order["id"], plan.price)
    assert error_code(second) == -31099 and second["error"]["data"] == "order_id"
    assert error_code(await payme.check_perform(order["id"], plan.price)) == -31099


async def test_check_transaction_of_a_fresh_transaction(
    payme: PaymeClient, parent: Actor, plan: SubscriptionPlan
) -> None:
    order = await order_for(parent, plan)
    tx = payme_id()
    created = (await payme.create(tx, order["id"], plan.price))["result"]
    checked = (await payme.check(tx))["result"]
    assert checked == {
        "create_time": created["create_time"],
        "perform_time": 0,
        "cancel_time": 0,
        "transaction": created["transaction"],
        "state": 1,
        "reason": None,
    }
    assert error_code(await payme.perform(payme_id())) == -31003
    assert error_code(await payme.cancel(payme_id())) == -31003


async def test_a_family_that_became_subscribed_meanwhile_is_not_charged_again(
    payme: PaymeClient, parent: Actor, plan: SubscriptionPlan
) -> None:
    first = await order_for(parent, plan)
    second = await order_for(parent, plan)  # another tab, before the first was paid
    await payme.pay(first["id"], plan.price)
    refused = await payme.check_perform(second["id"], plan.price)
    assert error_code(refused) == -31052 and refused["error"]["data"] == "order_id"
    assert error_code(await payme.create(payme_id(), second["id"], plan.price)) == -31052


async def test_a_paid_order_cannot_be_paid_again(
    payme: PaymeClient, parent: Actor, plan: SubscriptionPlan
) -> None:
    order = await order_for(parent, plan)
    await payme.pay(order["id"], plan.price)
    assert error_code(await payme.check_perform(order["id"], plan.price)) == -31051


async def test_without_a_configured_key_every_call_is_refused(
    payme: PaymeClient, change_settings: Any, plan: SubscriptionPlan, parent: Actor
) -> None:
    order = await order_for(parent, plan)
    change_settings(payme_key="")
    assert error_code(await payme.check_perform(order["id"], plan.price)) == -32504


async def test_the_receipt_detail_is_sent_when_the_product_code_is_configured(
    payme: PaymeClient, change_settings: Any, plan: SubscriptionPlan, parent: Actor
) -> None:
    order = await order_for(parent, plan)
    change_settings(payme_ikpu_code="10899002001000000", payme_package_code="1545643")
    answer = (await payme.check_perform(order["id"], plan.price))["result"]
    assert answer["allow"] is True
    assert answer["detail"]["items"] == [
        {
            "title": plan.name,
            "price": plan.price,
            "count": 1,
            "code": "10899002001000000",
            "package_code": "1545643",
            "vat_percent": 0,
        }
    ]


async def test_a_failure_on_our_side_is_a_system_error_with_http_200_and_changes_nothing(
    payme: PaymeClient,
    parent: Actor,
    plan: SubscriptionPlan,
    db_session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    order = await order_for(parent, plan)
    tx = payme_id()
    await payme.create(tx, order["id"], plan.price)

    async def broken_perform(*_: Any, **__: Any) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(payme_service.payments, "perform", broken_perform)
    answer = await payme.perform(tx)
    assert error_code(answer) == -32400
    assert (await payme.check(tx))["result"]["state"] == 1

    async def broken_handle(*_: Any, **__: Any) -> dict[str, Any]:
        raise ConnectionError("the database went away")

    monkeypatch.setattr(payme_service, "handle", broken_handle)
    answer = await payme.check(tx)
    assert error_code(answer) == -32400 and answer["id"] is not None
