"""PostgreSQL restarts while children save answers and Payme completes payments: nothing is lost
or doubled, every failed request is a retryable answer (503 `database_unavailable`, or Payme's
system error -32400), and the services recover by themselves, with no restart of their own."""

import asyncio
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import Database, utcnow
from alif.kernel.models import User
from alif.testing import TestKeys, make_child, make_user, token_for
from alif_main.orders.models import Order, OrderStatus
from alif_main.payments.models import PaymentTransaction
from alif_main.payments.testing import PaymeClient, make_plan, payme_id
from alif_main.subscriptions.models import SubscriptionPeriod
from testai.attempts.models import Answer
from testai.testing import API, answer_for, every_type, make_group
from tests.faults.conftest import PAYME_ADDRESS, http
from tests.faults.support import ThrowawayPostgres

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

STUDENTS = 6
FAMILIES = 6
REVISIONS = 3  # each student saves every answer at least this often
MAX_REVISIONS = 200  # and at most this often, waiting for the restart to be over
PERFORMED = 2  # Payme's transaction state once the money is taken
GIVE_UP_AFTER = 60.0  # seconds a client keeps retrying before the test calls it stuck


@dataclass
class Classroom:
    teacher: dict[str, str]
    students: list[dict[str, str]]
    test: dict[str, Any]
    attempts: list[dict[str, Any]]


def bearer(keys: TestKeys, user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(keys, user)}"}


def committed(app: FastAPI) -> AsyncSession:
    database: Database = app.state.db
    return database.sessionmaker()


async def classroom(testai: FastAPI, keys: TestKeys) -> Classroom:
    """A teacher's published test assigned to a group whose students have each started it."""
    async with committed(testai) as db, db.begin():
        teacher = await make_user(db, role=Role.teacher)
        students = [await make_user(db, role=Role.student) for _ in range(STUDENTS)]
        group = await make_group(db, teacher, students)
    async with http(testai) as client:
        as_teacher = bearer(keys, teacher)
        created = await client.post(f"{API}/tests", json={"title": "Nazorat"}, headers=as_teacher)
        test = created.json()
        url = f"{API}/tests/{test['id']}"
        added = await client.post(
            f"{url}/questions/bulk", json={"questions": every_type()}, headers=as_teacher
        )
        assert added.status_code == 201, added.text
        published = await client.post(f"{url}/publish", headers=as_teacher)
        assigned = await client.post(
            f"{url}/assignments", json={"group_id": str(group.id)}, headers=as_teacher
        )
        assert assigned.status_code == 201, assigned.text
        attempts = []
        for student in students:
            started = await client.post(
                f"{API}/attempts", json={"test_id": test["id"]}, headers=bearer(keys, student)
            )
            assert started.status_code == 201, started.text
            attempts.append(started.json())
    return Classroom(as_teacher, [bearer(keys, s) for s in students], published.json(), attempts)


async def families_with_payme_transactions(main: FastAPI) -> list[tuple[Order, str]]:
    """Families whose order Payme has created a transaction for: performing it is what remains."""
    async with committed(main) as db, db.begin():
        plan = await make_plan(db)
        orders = []
        for _ in range(FAMILIES):
            parent = await make_user(db, role=Role.parent)
            await make_child(db, parent)
            order = Order(
                user_id=parent.id,
                plan_id=plan.id,
                duration_days=plan.duration_days,
                base_amount=plan.price,
                amount=plan.price,
                status=OrderStatus.pending,
                idempotency_key=f"faults-{uuid.uuid4()}",
                expires_at=utcnow() + timedelta(hours=24),
            )
            db.add(order)
            orders.append(order)
    paying = []
    async with http(main, PAYME_ADDRESS) as client:
        payme = PaymeClient(client)
        for order in orders:
            transaction = payme_id()
            created = await payme.create(transaction, order.id, order.amount)
            assert created.get("result") is not None, created
            paying.append((order, transaction))
    return paying


class Retrying:
    """A client as the web apps and Payme are: retry what was answered as retryable, and write
    down anything else that went wrong."""

    def __init__(self) -> None:
        self.retryable: Counter[str] = Counter()
        self.unexpected: list[str] = []
        self.done = 0

    async def answer(
        self, client: httpx.AsyncClient, url: str, body: dict[str, Any], headers: dict[str, str]
    ) -> None:
        deadline = time.monotonic() + GIVE_UP_AFTER
        while time.monotonic() < deadline:
            try:
                response = await client.put(url, json=body, headers=headers)
            except httpx.HTTPError as error:  # the service must answer, whatever happens
                self.unexpected.append(f"PUT {url}: {error!r}")
                return
            if response.status_code == 200:
                self.done += 1
                return
            code = response.json().get("error", {}).get("code")
            if response.status_code == 503 and code == "database_unavailable":
                assert response.headers.get("retry-after"), "a 503 says when to try again"
                self.retryable[code] += 1
                await asyncio.sleep(0.1)
                continue
            self.unexpected.append(f"PUT {url}: {response.status_code} {response.text}")
            return
        self.unexpected.append(f"PUT {url}: still failing after {GIVE_UP_AFTER} s")

    async def perform(self, payme: PaymeClient, transaction: str) -> None:
        deadline = time.monotonic() + GIVE_UP_AFTER
        while time.monotonic() < deadline:
            answer = await payme.perform(transaction)
            if answer.get("result") is not None:
                if answer["result"]["state"] != PERFORMED:
                    self.unexpected.append(f"PerformTransaction {transaction}: {answer}")
                self.done += 1
                return
            if answer["error"]["code"] == -32400:  # system error: Payme tries again
                self.retryable["payme_system_error"] += 1
                await asyncio.sleep(0.1)
                continue
            self.unexpected.append(f"PerformTransaction {transaction}: {answer}")
            return
        self.unexpected.append(f"PerformTransaction {transaction}: still failing")


async def test_a_stopped_database_is_a_retryable_503_and_the_services_recover_by_themselves(
    apps_on_throwaway_postgres: tuple[FastAPI, FastAPI],
    postgres_server: ThrowawayPostgres,
    test_keys: TestKeys,
) -> None:
    testai, main = apps_on_throwaway_postgres
    room = await classroom(testai, test_keys)
    [(order, transaction)] = (await families_with_payme_transactions(main))[:1]
    mine = f"{API}/my/tests"
    async with http(testai) as client, http(main, PAYME_ADDRESS) as provider:
        payme = PaymeClient(provider)
        assert (await client.get(mine, headers=room.students[0])).status_code == 200

        postgres_server.stop()
        try:
            down = await client.get(mine, headers=room.students[0])
            assert down.status_code == 503, down.text
            assert down.json()["error"]["code"] == "database_unavailable"
            assert int(down.headers["retry-after"]) > 0
            # Payme reads HTTP errors as a failure too; it is told "system error" and retries.
            assert (await payme.perform(transaction))["error"]["code"] == -32400
            # The readiness probe says so as well, so an orchestrator stops sending traffic.
            ready = await client.get("/ready")
            assert ready.status_code == 503
        finally:
            postgres_server.start()

        # The pool's connections all died with the server; the very next requests succeed.
        assert (await client.get(mine, headers=room.students[0])).status_code == 200
        assert (await client.get("/ready")).status_code == 200
        assert (await payme.perform(transaction))["result"]["state"] == PERFORMED

    async with committed(main) as db:
        paid = await db.get(Order, order.id)
        assert paid is not None and paid.status is OrderStatus.paid


async def test_a_restart_during_a_burst_of_answers_and_payments_loses_and_doubles_nothing(
    apps_on_throwaway_postgres: tuple[FastAPI, FastAPI],
    postgres_server: ThrowawayPostgres,
    test_keys: TestKeys,
) -> None:
    testai, main = apps_on_throwaway_postgres
    room = await classroom(testai, test_keys)
    paying = await families_with_payme_transactions(main)
    key = {q["id"]: q for q in room.test["questions"]}
    clients = Retrying()

    restarting, restarted = asyncio.Event(), asyncio.Event()
    last_revision: dict[str, int] = {}

    async def student(index: int, client: httpx.AsyncClient) -> None:
        """Saves every answer, again and again (each time a new revision), until the restart is
        over: so the restart always falls inside the burst, however fast the machine."""
        attempt = room.attempts[index]
        revision = 0
        while revision < REVISIONS or (not restarted.is_set() and revision < MAX_REVISIONS):
            revision += 1
            for question in attempt["questions"]:
                body = {
                    **answer_for(question, key[question["id"]], right=revision % 2 == 1),
                    "revision": revision,
                }
                url = f"{API}/attempts/{attempt['id']}/answers/{question['id']}"
                await clients.answer(client, url, body, room.students[index])
        last_revision[attempt["id"]] = revision

    async def provider(payme: PaymeClient) -> None:
        # Payme's PerformTransaction calls arrive as PostgreSQL goes down.
        await restarting.wait()
        await asyncio.gather(*(clients.perform(payme, tx) for _, tx in paying))

    async def restart() -> None:
        while clients.done < 15:  # noqa: ASYNC110 - waits for the burst to be under way
            await asyncio.sleep(0.01)
        restarting.set()
        await asyncio.to_thread(postgres_server.restart)
        restarted.set()

    async with http(testai) as client, http(main, PAYME_ADDRESS) as provider_http:
        await asyncio.gather(
            restart(),
            provider(PaymeClient(provider_http)),
            *(student(i, client) for i in range(STUDENTS)),
        )

    saves = sum(last_revision.values()) * len(every_type())
    assert clients.unexpected == []
    assert restarted.is_set() and clients.done == saves + FAMILIES
    assert clients.retryable["database_unavailable"] > 0, "the restart was felt, and retried"

    # Every answer is there once, at its last revision (what the student last chose).
    attempt_ids = [uuid.UUID(a["id"]) for a in room.attempts]
    async with committed(testai) as db:
        answers = list(await db.scalars(select(Answer).where(Answer.attempt_id.in_(attempt_ids))))
    assert len(answers) == STUDENTS * len(every_type())
    assert all(a.revision == last_revision[str(a.attempt_id)] for a in answers)

    # Every payment once: one performed transaction, one paid order, one activated period.
    order_ids = [order.id for order, _ in paying]
    async with committed(main) as db:
        transactions = list(
            await db.scalars(
                select(PaymentTransaction).where(PaymentTransaction.order_id.in_(order_ids))
            )
        )
        statuses = await db.scalars(select(Order.status).where(Order.id.in_(order_ids)))
        periods = await db.scalar(
            select(func.count())
            .select_from(SubscriptionPeriod)
            .where(SubscriptionPeriod.order_id.in_(order_ids))
        )
    assert sorted(t.state for t in transactions) == [PERFORMED] * FAMILIES
    assert set(statuses) == {OrderStatus.paid}
    assert periods == FAMILIES
