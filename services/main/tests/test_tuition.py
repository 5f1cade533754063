"""A centre's tuition link paid through Payme's and Click's protocols: the payment lands on the
right student's balance in crm exactly once, however often the provider repeats itself, and a
refund by Payme takes it back once (decision 58)."""

import base64
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.jobs import Worker
from alif.testing import Actor, LoginAs
from alif_main.orders.checkout import soum
from alif_main.payments.testing import PAYME_MERCHANT_ID, ClickClient, PaymeClient, payme_id
from crm.app import create_crm_app
from crm.config import CrmSettings
from crm.jobs import jobs as crm_jobs
from crm.staff.models import StaffRole
from crm.testing import hire, make_centre

AMOUNT = 45_000_000  # 450 000 so'm


@pytest.fixture
async def crm(settings_values: dict[str, Any], started_app: FastAPI) -> AsyncIterator[FastAPI]:
    """crm's app on the same database (and test transaction) as main."""
    app = create_crm_app(CrmSettings(**settings_values, tuition_pay_url="https://alif24.test/pay"))
    async with LifespanManager(app):
        app.state.db = started_app.state.db
        yield app


class Office:
    """A centre's staff member talking to crm."""

    def __init__(self, crm: FastAPI, actor: Actor, organization_id: object) -> None:
        self.http = httpx.AsyncClient(transport=httpx.ASGITransport(app=crm), base_url="http://crm")
        self.headers = actor.headers
        self.base = f"/api/crm/organizations/{organization_id}"

    async def post(self, path: str, body: Any = None) -> httpx.Response:
        return await self.http.post(self.base + path, json=body, headers=self.headers)

    async def get(self, path: str) -> httpx.Response:
        return await self.http.get(self.base + path, headers=self.headers)


async def run_crm_worker(crm: FastAPI) -> None:
    """What crm's worker does a moment later: the jobs main enqueued with the payment."""
    worker = Worker(
        crm_jobs,
        crm.state.settings,
        crm.state.db,
        clock=lambda: datetime.now(UTC) + timedelta(seconds=1),
    )
    while await worker.tick():
        pass


async def centre_with_student(
    crm: FastAPI, login_as: LoginAs, db: AsyncSession
) -> tuple[Office, Office, str]:
    director = await login_as(Role.organization)
    centre = await make_centre(db, director.user, "Ziyo markazi")
    cashier = await login_as(Role.teacher)
    await hire(db, centre, cashier.user, StaffRole.cashier)
    office = Office(crm, director, centre.id)
    student = await office.post("/students", {"first_name": "Ali", "last_name": "Valiyev"})
    return office, Office(crm, cashier, centre.id), student.json()["id"]


async def money_of(office: Office, student_id: str) -> tuple[int, list[tuple[str, int, str]]]:
    money = (await office.get(f"/students/{student_id}/money")).json()
    return money["debt"], [(e["kind"], e["amount"], e["method"]) for e in money["entries"]]


async def test_payme_pays_a_tuition_link_once_on_the_right_balance_and_a_refund_takes_it_back(
    crm: FastAPI,
    payme: PaymeClient,
    client: httpx.AsyncClient,
    login_as: LoginAs,
    db_session: AsyncSession,
) -> None:
    office, cashier, student_id = await centre_with_student(crm, login_as, db_session)
    other_student = (await office.post("/students", {"first_name": "Laylo"})).json()["id"]
    made = await cashier.post(
        f"/students/{student_id}/payment-links", {"amount": AMOUNT, "month": "2026-12"}
    )
    assert made.status_code == 201, made.json()
    link = made.json()
    assert link["status"] == "waiting"
    assert link["url"] == f"https://alif24.test/pay/{link['id']}"

    # The parent opens the link: no account needed.
    bill = (await client.get(f"/api/main/tuition/{link['id']}")).json()
    assert (bill["organization_name"], bill["student_name"]) == ("Ziyo markazi", "Ali V.")
    assert (bill["amount"], bill["month"], bill["status"]) == (AMOUNT, "2026-12-01", "waiting")
    checkout = await client.post(f"/api/main/tuition/{link['id']}/checkout?provider=payme")
    assert checkout.status_code == 200, checkout.json()
    order_id = checkout.json()["order_id"]
    decoded = base64.b64decode(checkout.json()["url"].rsplit("/", 1)[1]).decode()
    assert decoded.startswith(f"m={PAYME_MERCHANT_ID};ac.order_id={order_id};a={AMOUNT};c=")
    assert decoded.endswith(f"c=https://alif24.uz/pay/{link['id']}")
    # Tapping again gives the same order, not a second one to pay.
    again = await client.post(f"/api/main/tuition/{link['id']}/checkout?provider=payme")
    assert again.json()["order_id"] == order_id

    # Payme's protocol, with its retries.
    wrong = await payme.check_perform(order_id, AMOUNT - 100)
    assert wrong["error"]["code"] == -31001
    assert (await payme.check_perform(order_id, AMOUNT))["result"]["allow"] is True
    transaction = payme_id()
    created = await payme.create(transaction, order_id, AMOUNT)
    assert created["result"]["state"] == 1
    assert (await payme.create(transaction, order_id, AMOUNT))["result"] == created["result"]
    assert (await client.get(f"/api/main/tuition/{link['id']}")).json()["status"] == "paying"
    performed = await payme.perform(transaction)
    assert performed["result"]["state"] == 2
    assert (await payme.perform(transaction))["result"] == performed["result"]
    # Paid at once for the parent, though crm records it a moment later.
    assert (await client.get(f"/api/main/tuition/{link['id']}")).json()["status"] == "paid"
    assert await money_of(office, student_id) == (0, [])

    await run_crm_worker(crm)
    await payme.perform(transaction)  # a third time, and the worker again
    await run_crm_worker(crm)
    assert await money_of(office, student_id) == (-AMOUNT, [("payment", AMOUNT, "payme")])
    assert await money_of(office, other_student) == (0, [])
    (landed,) = (await office.get(f"/students/{student_id}/payment-links")).json()
    assert landed["status"] == "paid" and landed["payment_entry_id"] is not None
    receipt = (await office.get(f"/payments/{landed['payment_entry_id']}/receipt")).json()
    assert (receipt["amount"], receipt["method"], receipt["taken_by"]) == (AMOUNT, "payme", None)

    # Paid: no second payment of the link, by a new transaction or a new checkout.
    second = await payme.create(payme_id(), order_id, AMOUNT)
    assert second["error"]["code"] == -31051
    paid_again = await client.post(f"/api/main/tuition/{link['id']}/checkout?provider=click")
    assert paid_again.json()["error"]["code"] == "tuition_link_paid"

    # Payme cancels the performed payment (the money goes back): a refund on the books, once.
    cancelled = await payme.cancel(transaction, reason=5)
    assert cancelled["result"]["state"] == -2
    assert (await payme.cancel(transaction, reason=5))["result"]["state"] == -2
    await run_crm_worker(crm)
    await run_crm_worker(crm)
    debt, entries = await money_of(office, student_id)
    assert (debt, entries) == (0, [("payment", AMOUNT, "payme"), ("refund", AMOUNT, "payme")])
    assert (await client.get(f"/api/main/tuition/{link['id']}")).json()["status"] == "refunded"
    reconciliation = (await office.get("/reports/reconciliation")).json()
    assert (reconciliation["balanced"], reconciliation["mismatched_students"]) == (True, [])


async def test_click_pays_a_tuition_link_once(
    crm: FastAPI,
    click: ClickClient,
    client: httpx.AsyncClient,
    login_as: LoginAs,
    db_session: AsyncSession,
) -> None:
    office, cashier, student_id = await centre_with_student(crm, login_as, db_session)
    link = (
        await cashier.post(
            f"/students/{student_id}/payment-links", {"amount": AMOUNT, "month": "2026-12"}
        )
    ).json()
    checkout = (await client.post(f"/api/main/tuition/{link['id']}/checkout?provider=click")).json()
    query = parse_qs(urlparse(checkout["url"]).query)
    order_id = checkout["order_id"]
    assert query["transaction_param"] == [order_id]
    assert query["amount"] == [soum(AMOUNT)]
    assert query["return_url"] == [f"https://alif24.uz/pay/{link['id']}"]

    trans_id = click.new_trans_id()
    prepared = await click.prepare(trans_id, order_id, soum(AMOUNT))
    assert prepared["error"] == 0
    assert (await click.prepare(trans_id, order_id, soum(AMOUNT)))["error"] == 0
    prepare_id = prepared["merchant_prepare_id"]
    completed = await click.complete(trans_id, order_id, soum(AMOUNT), prepare_id)
    assert completed["error"] == 0
    # Click repeats the Complete: "already paid", and nothing more lands.
    assert (await click.complete(trans_id, order_id, soum(AMOUNT), prepare_id))["error"] == -4
    await run_crm_worker(crm)
    await run_crm_worker(crm)
    assert await money_of(office, student_id) == (-AMOUNT, [("payment", AMOUNT, "click")])
    (landed,) = (await office.get(f"/students/{student_id}/payment-links")).json()
    assert landed["status"] == "paid"


async def test_a_withdrawn_link_is_not_paid_and_an_unknown_one_is_not_found(
    crm: FastAPI,
    payme: PaymeClient,
    client: httpx.AsyncClient,
    login_as: LoginAs,
    db_session: AsyncSession,
) -> None:
    _office, cashier, student_id = await centre_with_student(crm, login_as, db_session)
    link = (
        await cashier.post(
            f"/students/{student_id}/payment-links", {"amount": AMOUNT, "month": "2026-11"}
        )
    ).json()
    order_id = (
        await client.post(f"/api/main/tuition/{link['id']}/checkout?provider=payme")
    ).json()["order_id"]
    withdrawn = await cashier.post(f"/payment-links/{link['id']}/cancel")
    assert withdrawn.json()["status"] == "cancelled"
    assert (await cashier.post(f"/payment-links/{link['id']}/cancel")).status_code == 409
    refused = await payme.check_perform(order_id, AMOUNT)
    assert refused["error"]["code"] == -31051
    closed = await client.post(f"/api/main/tuition/{link['id']}/checkout?provider=payme")
    assert closed.json()["error"]["code"] == "tuition_link_closed"
    assert (await client.get(f"/api/main/tuition/{link['id']}")).json()["status"] == "cancelled"
    missing = await client.get("/api/main/tuition/00000000-0000-4000-8000-000000000000")
    assert missing.json()["error"]["code"] == "tuition_link_not_found"
