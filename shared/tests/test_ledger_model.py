"""The ledger against a plain model (Hypothesis generates and shrinks sequences of operations):
rewards under a daily cap, spends, refunds, adjustments and retries of earlier keys."""

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, AsyncTransaction

from alif import ledger
from alif.config import CommonSettings
from alif.db import Database
from alif.ledger import (
    AlreadyRefunded,
    CoinAccount,
    CoinEntry,
    CoinTransaction,
    InsufficientCoins,
    LedgerResult,
)
from alif.testing import make_user

USERS = 3
GAMES_CAP = 100
Call = Callable[[], Coroutine[Any, Any, LedgerResult]]


class LedgerMachine(RuleBasedStateMachine):
    database_url: ClassVar[str]

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.balances = [0] * USERS
        self.earned_games = [0] * USERS
        self.calls: dict[str, tuple[Call, LedgerResult]] = {}
        self.spends: dict[str, int] = {}  # spend key -> user
        self.refunded: set[str] = set()
        self.keys = 0
        self.run(self._start())

    def run(self, work: Coroutine[Any, Any, Any]) -> Any:
        return self.loop.run_until_complete(work)

    async def _start(self) -> None:
        settings_ = CommonSettings(database_url=self.database_url, _env_file=None)  # type: ignore[call-arg]
        self.database = Database.from_settings(settings_)
        self.connection: AsyncConnection = await self.database.engine.connect()
        self.outer: AsyncTransaction = await self.connection.begin()
        self.db = AsyncSession(
            bind=self.connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        self.users = [(await make_user(self.db)).id for _ in range(USERS)]

    def teardown(self) -> None:
        async def stop() -> None:
            await self.db.close()
            await self.outer.rollback()  # nothing this example wrote survives it
            await self.connection.close()
            await self.database.dispose()

        self.run(stop())
        self.loop.close()

    def new_key(self) -> str:
        # Deterministic (not random) keys: Hypothesis replays a failing example and must draw the
        # same earlier call from `sorted(...)` again to reproduce it.
        self.keys += 1
        return f"m:{self.keys:04d}"

    def record(self, key: str, call: Call) -> LedgerResult:
        result: LedgerResult = self.run(call())
        assert not result.replayed
        self.calls[key] = (call, result)
        return result

    @rule(user=st.integers(0, USERS - 1), games=st.booleans(), amount=st.integers(1, 60))
    def reward(self, user: int, games: bool, amount: int) -> None:
        key = self.new_key()
        cap = GAMES_CAP if games else None

        def call() -> Coroutine[Any, Any, LedgerResult]:
            return ledger.reward(
                self.db,
                user_id=self.users[user],
                source="games" if games else "lessons",
                amount=amount,
                idempotency_key=key,
                daily_cap=cap,
            )

        expected = min(amount, GAMES_CAP - self.earned_games[user]) if games else amount
        result = self.record(key, call)
        assert result.amount == expected
        self.balances[user] += expected
        if games:
            self.earned_games[user] += expected
        assert result.balance == self.balances[user]

    @rule(user=st.integers(0, USERS - 1), amount=st.integers(1, 80))
    def spend(self, user: int, amount: int) -> None:
        key = self.new_key()

        def call() -> Coroutine[Any, Any, LedgerResult]:
            return ledger.spend(
                self.db, user_id=self.users[user], amount=amount, idempotency_key=key, source="shop"
            )

        if amount > self.balances[user]:
            with pytest.raises(InsufficientCoins):
                self.run(call())
            return
        result = self.record(key, call)
        self.balances[user] -= amount
        self.spends[key] = user
        assert (result.amount, result.balance) == (amount, self.balances[user])

    @precondition(lambda self: bool(self.spends))
    @rule(data=st.data())
    def refund(self, data: st.DataObject) -> None:
        spend_key = data.draw(st.sampled_from(sorted(self.spends)))
        key = self.new_key()

        def call() -> Coroutine[Any, Any, LedgerResult]:
            return ledger.refund(self.db, original_idempotency_key=spend_key, idempotency_key=key)

        if spend_key in self.refunded:
            with pytest.raises(AlreadyRefunded):
                self.run(call())
            return
        result = self.record(key, call)
        user = self.spends[spend_key]
        self.balances[user] += result.amount
        self.refunded.add(spend_key)
        assert result.balance == self.balances[user]

    @rule(user=st.integers(0, USERS - 1), amount=st.integers(-60, 60).filter(bool))
    def adjust(self, user: int, amount: int) -> None:
        key = self.new_key()

        def call() -> Coroutine[Any, Any, LedgerResult]:
            return ledger.adjust(
                self.db,
                user_id=self.users[user],
                amount=amount,
                idempotency_key=key,
                reason="model",
                actor_id=self.users[0],
            )

        if self.balances[user] + amount < 0:
            with pytest.raises(InsufficientCoins):
                self.run(call())
            return
        self.record(key, call)
        self.balances[user] += amount

    @precondition(lambda self: bool(self.calls))
    @rule(data=st.data())
    def retry(self, data: st.DataObject) -> None:
        """Any earlier call again, with its key: the first result, and nothing moves."""
        key = data.draw(st.sampled_from(sorted(self.calls)))
        call, first = self.calls[key]
        again: LedgerResult = self.run(call())
        assert again.replayed
        assert (again.transaction_id, again.amount, again.balance) == (
            first.transaction_id,
            first.amount,
            first.balance,
        )

    @invariant()
    def balances_equal_the_model_and_the_entries(self) -> None:
        async def check() -> None:
            for user, expected in zip(self.users, self.balances, strict=True):
                assert await ledger.balance_of(self.db, user) == expected
                in_entries = await self.db.scalar(
                    select(func.coalesce(func.sum(CoinEntry.amount), 0))
                    .join(CoinAccount, CoinAccount.id == CoinEntry.account_id)
                    .where(CoinAccount.user_id == user)
                )
                assert in_entries == expected
            unbalanced = await self.db.scalar(
                select(func.count()).select_from(
                    select(CoinEntry.transaction_id)
                    .join(CoinTransaction, CoinTransaction.id == CoinEntry.transaction_id)
                    .where(CoinTransaction.user_id.in_(self.users))
                    .group_by(CoinEntry.transaction_id)
                    .having(func.sum(CoinEntry.amount) != 0)
                    .subquery()
                )
            )
            assert unbalanced == 0

        self.run(check())


def test_the_ledger_behaves_like_its_model(migrated_database_url: str) -> None:
    LedgerMachine.database_url = migrated_database_url
    run_state_machine_as_test(
        LedgerMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
