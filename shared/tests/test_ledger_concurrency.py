"""Hundreds of coin operations at once, retries of the same key among them, then the proof that
nothing was lost: every transaction sums to zero, every balance equals its entries and is not
negative, every key was applied once, no daily cap was exceeded."""

import asyncio
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alif import ledger
from alif.ledger import (
    AlreadyRefunded,
    CoinAccount,
    CoinEntry,
    CoinTransaction,
    CoinTransactionNotFound,
    InsufficientCoins,
    LedgerResult,
    TransactionKind,
)
from alif.testing import make_user

GAMES_CAP = 150
EXPECTED_REFUSALS = (InsufficientCoins, AlreadyRefunded, CoinTransactionNotFound)


@dataclass(frozen=True)
class Operation:
    kind: str
    user_id: uuid.UUID
    amount: int
    key: str
    spend_key: str = ""


def plan(users: list[uuid.UUID], operations: int, seed: int) -> list[Operation]:
    chance = random.Random(seed)  # a reproducible workload
    planned: list[Operation] = []
    spends: list[str] = []
    for _ in range(operations):
        user = chance.choice(users)
        roll = chance.random()
        if roll < 0.4:
            source = chance.choice(["games", "tests"])
            planned.append(Operation(source, user, chance.randint(5, 40), f"c:{uuid.uuid4()}"))
        elif roll < 0.85:
            spend = Operation("spend", user, chance.randint(10, 80), f"c:{uuid.uuid4()}")
            spends.append(spend.key)
            planned.append(spend)
        elif spends:
            target = chance.choice(spends)
            planned.append(Operation("refund", user, 0, f"c:{uuid.uuid4()}", spend_key=target))
    retries = [chance.choice(planned) for _ in range(len(planned) // 5)]
    everything = planned + retries + retries[: len(retries) // 2]  # some keys three times
    chance.shuffle(everything)
    return everything


async def run(
    sessionmaker: async_sessionmaker[AsyncSession], operation: Operation
) -> LedgerResult | Exception:
    async def work(db: AsyncSession) -> LedgerResult:
        if operation.kind == "spend":
            return await ledger.spend(
                db,
                user_id=operation.user_id,
                amount=operation.amount,
                idempotency_key=operation.key,
                source="shop",
            )
        if operation.kind == "refund":
            return await ledger.refund(
                db, original_idempotency_key=operation.spend_key, idempotency_key=operation.key
            )
        return await ledger.reward(
            db,
            user_id=operation.user_id,
            source=operation.kind,
            amount=operation.amount,
            idempotency_key=operation.key,
            daily_cap=GAMES_CAP if operation.kind == "games" else None,
        )

    try:
        return await ledger.run_transaction(sessionmaker, work)
    except EXPECTED_REFUSALS as refusal:
        return refusal


async def hammer_and_check(
    sessionmaker: async_sessionmaker[AsyncSession], *, users: int, operations: int, seed: int
) -> None:
    async with sessionmaker() as db, db.begin():
        people = [(await make_user(db)).id for _ in range(users)]
    for person in people:
        await ledger.run_transaction(
            sessionmaker,
            lambda db, person=person: ledger.reward(
                db, user_id=person, source="tests", amount=200, idempotency_key=f"seed:{person}"
            ),
        )
    workload = plan(people, operations, seed)
    outcomes = await asyncio.gather(*(run(sessionmaker, op) for op in workload))

    by_key: dict[str, list[LedgerResult]] = defaultdict(list)
    for operation, outcome in zip(workload, outcomes, strict=True):
        if isinstance(outcome, LedgerResult):
            by_key[operation.key].append(outcome)
    assert len(by_key) > operations // 3, "most operations should have gone through"
    for results in by_key.values():
        assert sum(not r.replayed for r in results) == 1, "a key is applied exactly once"
        first = results[0]
        assert all(
            (r.transaction_id, r.amount, r.balance)
            == (first.transaction_id, first.amount, first.balance)
            for r in results
        ), "every retry gets the first result"

    async with sessionmaker() as db:
        transactions = list(
            await db.scalars(select(CoinTransaction).where(CoinTransaction.user_id.in_(people)))
        )
        workload_keys = {op.key for op in workload}
        applied = {t.idempotency_key for t in transactions} & workload_keys
        assert applied == set(by_key), "a key is in the ledger exactly when a call succeeded"
        entries: dict[uuid.UUID, list[int]] = defaultdict(list)
        for transaction_id, amount in await db.execute(
            select(CoinEntry.transaction_id, CoinEntry.amount).where(
                CoinEntry.transaction_id.in_([t.id for t in transactions])
            )
        ):
            entries[transaction_id].append(amount)
        for transaction in transactions:
            sides = entries[transaction.id]
            assert sum(sides) == 0, "every transaction sums to zero"
            assert len(sides) == (2 if transaction.amount else 0)
        for person in people:
            balance = await ledger.balance_of(db, person)
            in_entries = await db.scalar(
                select(func.coalesce(func.sum(CoinEntry.amount), 0))
                .join(CoinAccount, CoinAccount.id == CoinEntry.account_id)
                .where(CoinAccount.user_id == person)
            )
            changes = sum(t.amount for t in transactions if t.user_id == person)
            assert balance == in_entries == changes, "the cached balance equals its entries"
            assert balance >= 0
            games_by_day: dict[object, int] = defaultdict(int)
            for t in transactions:
                if t.user_id == person and t.kind is TransactionKind.reward and t.source == "games":
                    games_by_day[ledger.day_start(t.created_at)] += t.amount
            assert all(total <= GAMES_CAP for total in games_by_day.values())
        refunded = [t.refund_of_id for t in transactions if t.kind is TransactionKind.refund]
        assert len(refunded) == len(set(refunded)), "a spend is refunded at most once"


@pytest.mark.postgres
@pytest.mark.slow
async def test_hundreds_of_concurrent_operations_on_postgresql(
    committing: async_sessionmaker[AsyncSession],
) -> None:
    await hammer_and_check(committing, users=6, operations=320, seed=2024)


async def test_concurrent_operations_stay_correct_on_the_embedded_database(
    committing: async_sessionmaker[AsyncSession],
) -> None:
    await hammer_and_check(committing, users=3, operations=60, seed=7)
