"""The coins ledger: the only code that writes the ledger tables, whichever service calls it.

Every movement is one `CoinTransaction` between a user's wallet and a system account, with two
`CoinEntry` rows that sum to zero, and the wallet's cached balance updated in the same database
transaction. The functions run inside the caller's session (so a reward lands together with the
score that earned it) and flush, never commit.

Exactly once: the idempotency key is UNIQUE in the database. A call with a key already used returns
the first result (`replayed=True`); the same key for a different operation is refused.

Concurrency: each call locks the wallet rows it moves (`SELECT ... FOR UPDATE`, lowest id first, so
two calls can never wait for each other in a cycle), then re-checks the key and the daily cap under
the lock. The work runs in a savepoint that is retried when PostgreSQL reports a deadlock or a
serialization failure. On SQLite every write transaction holds the database's write lock from its
first statement (BEGIN IMMEDIATE, see `alif.db`), which gives the same guarantees.
"""

import asyncio
import random
import re
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TypeAlias, TypeVar

import structlog
from sqlalchemy import Select, func, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alif.db import insert_if_absent, utcnow
from alif.kernel.models import User
from alif.ledger.exceptions import (
    AlreadyRefunded,
    CoinOwnerNotFound,
    CoinTransactionNotFound,
    IdempotencyKeyReused,
    InsufficientCoins,
    InvalidCoinOperation,
    NotRefundable,
)
from alif.ledger.models import (
    AccountKind,
    CoinAccount,
    CoinEntry,
    CoinTransaction,
    SystemAccount,
    TransactionKind,
)
from alif.schemas import Found

logger = structlog.get_logger("alif.ledger")

MAX_AMOUNT = 1_000_000_000
MAX_KEY_LENGTH = 200
MAX_REFERENCE_LENGTH = 200
MAX_ATTEMPTS = 5
# 40001 serialization_failure, 40P01 deadlock_detected: the database asks the client to retry.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})
# Daily caps reset at midnight in Uzbekistan, where the children live (UTC+5, no summer time).
CAP_DAY_ZONE = timezone(timedelta(hours=5), "Asia/Tashkent")
ADJUSTMENT_SOURCE = "adjustment"
_SOURCE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class LedgerResult:
    """What a ledger call did.

    `amount`: the coins credited (reward, refund) or debited (spend), never negative, and for a
    reward possibly less than asked (down to 0) because of the daily cap; for an adjustment, the
    signed change. `balance`: the wallet's balance right after this transaction. `replayed`: the
    key had been used before and this is the stored result of that first call.
    """

    transaction_id: uuid.UUID
    amount: int
    balance: int
    replayed: bool


RewardResult: TypeAlias = LedgerResult
SpendResult: TypeAlias = LedgerResult
RefundResult: TypeAlias = LedgerResult


@dataclass(frozen=True, slots=True)
class _Operation:
    """What a call asks for; a retry with the same key must ask for exactly this again."""

    key: str
    kind: TransactionKind
    user_id: uuid.UUID
    source: str
    requested: int
    refund_of_id: uuid.UUID | None = None


Decide = Callable[[int], Awaitable[int]]  # the wallet's locked balance -> the change to apply


def _check_amount(amount: int, *, signed: bool = False) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise InvalidCoinOperation("A coin amount is a whole number.")
    if amount == 0 or (amount < 0 and not signed) or abs(amount) > MAX_AMOUNT:
        raise InvalidCoinOperation(
            "A coin amount must be positive." if not signed else "A coin amount cannot be 0.",
            details={"amount": amount},
        )


def _check_key(key: str) -> None:
    if not isinstance(key, str) or not key.strip() or len(key) > MAX_KEY_LENGTH:
        raise InvalidCoinOperation(f"An idempotency key is 1 to {MAX_KEY_LENGTH} characters long.")


def _check_source(source: str) -> None:
    if not isinstance(source, str) or not _SOURCE.match(source):
        raise InvalidCoinOperation(
            "A coin source is a short lowercase name such as games or tests.",
            details={"source": source},
        )


def _check_reference(reference: str | None) -> None:
    if reference is not None and len(reference) > MAX_REFERENCE_LENGTH:
        raise InvalidCoinOperation(f"A reference is at most {MAX_REFERENCE_LENGTH} characters.")


def _result(transaction: CoinTransaction, *, replayed: bool) -> LedgerResult:
    amount = transaction.amount
    if transaction.kind is not TransactionKind.adjustment:
        amount = abs(amount)
    return LedgerResult(transaction.id, amount, transaction.balance_after, replayed)


def _replay(transaction: CoinTransaction, operation: _Operation) -> LedgerResult:
    same = (
        transaction.kind is operation.kind
        and transaction.user_id == operation.user_id
        and transaction.source == operation.source
        and transaction.requested == operation.requested
        and transaction.refund_of_id == operation.refund_of_id
    )
    if not same:
        raise IdempotencyKeyReused(details={"idempotency_key": operation.key})
    return _result(transaction, replayed=True)


def _sqlstate(error: DBAPIError) -> str | None:
    state = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    return str(state) if state else None


async def _find_by_key(db: AsyncSession, key: str) -> CoinTransaction | None:
    transaction: CoinTransaction | None = await db.scalar(
        select(CoinTransaction).where(CoinTransaction.idempotency_key == key)
    )
    return transaction


async def _wallet_id(db: AsyncSession, user_id: uuid.UUID) -> uuid.UUID:
    query = select(CoinAccount.id).where(CoinAccount.user_id == user_id)
    wallet_id = await db.scalar(query)
    if wallet_id is not None:
        return wallet_id
    if await db.scalar(select(User.id).where(User.id == user_id)) is None:
        raise CoinOwnerNotFound()
    values = {
        "id": uuid.uuid4(),
        "kind": AccountKind.wallet,
        "user_id": user_id,
        "balance": 0,
        "created_at": utcnow(),
    }
    # Two first movements of the same user at the same moment both try to create the wallet.
    await insert_if_absent(db, CoinAccount, values, unique="user_id")
    wallet_id = await db.scalar(query)
    assert wallet_id is not None  # inserted just now, or by the call we waited for
    return wallet_id


async def _system_account_id(db: AsyncSession, account: SystemAccount) -> uuid.UUID:
    query = select(CoinAccount.id).where(CoinAccount.code == account.value)
    account_id = await db.scalar(query)
    if account_id is not None:
        return account_id
    values = {
        "id": uuid.uuid4(),
        "kind": AccountKind.system,
        "code": account.value,
        "balance": 0,
        "created_at": utcnow(),
    }
    await insert_if_absent(db, CoinAccount, values, unique="code")
    account_id = await db.scalar(query)
    assert account_id is not None
    return account_id


async def _lock_wallets(db: AsyncSession, wallet_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Lock the wallets, lowest id first (the sort runs below the row locking in PostgreSQL's plan,
    so rows are locked in that order), and return their balances as of the lock."""
    rows = await db.execute(
        select(CoinAccount.id, CoinAccount.balance)
        .where(CoinAccount.id.in_(sorted(set(wallet_ids))))
        .order_by(CoinAccount.id)
        .with_for_update()
    )
    return dict(rows.all())


async def _post(
    db: AsyncSession,
    operation: _Operation,
    counterparty: SystemAccount,
    decide: Decide,
    *,
    reference: str | None,
    description: str,
    actor_id: uuid.UUID | None,
) -> LedgerResult:
    wallet_id = await _wallet_id(db, operation.user_id)
    counterparty_id = await _system_account_id(db, counterparty)
    balance = (await _lock_wallets(db, [wallet_id]))[wallet_id]
    # A call with the same key may have committed while this one waited for the lock.
    existing = await _find_by_key(db, operation.key)
    if existing is not None:
        return _replay(existing, operation)
    change = await decide(balance)
    if balance + change < 0:
        raise InsufficientCoins(details={"balance": balance, "needed": -change})
    transaction = CoinTransaction(
        idempotency_key=operation.key,
        kind=operation.kind,
        source=operation.source,
        user_id=operation.user_id,
        amount=change,
        requested=operation.requested,
        balance_after=balance + change,
        reference=reference,
        description=description[:300],
        refund_of_id=operation.refund_of_id,
        actor_id=actor_id,
        created_at=utcnow(),
    )
    db.add(transaction)
    await db.flush()
    if change:
        db.add_all(
            [
                CoinEntry(transaction_id=transaction.id, account_id=wallet_id, amount=change),
                CoinEntry(
                    transaction_id=transaction.id, account_id=counterparty_id, amount=-change
                ),
            ]
        )
        await db.execute(
            update(CoinAccount)
            .where(CoinAccount.id == wallet_id)
            .values(balance=CoinAccount.balance + change)
        )
        await db.flush()
    logger.info(
        "coins_moved",
        kind=operation.kind.value,
        source=operation.source,
        user_id=str(operation.user_id),
        amount=change,
        requested=operation.requested,
        transaction_id=str(transaction.id),
    )
    return _result(transaction, replayed=False)


async def _record(
    db: AsyncSession,
    operation: _Operation,
    counterparty: SystemAccount,
    decide: Decide,
    *,
    reference: str | None = None,
    description: str = "",
    actor_id: uuid.UUID | None = None,
) -> LedgerResult:
    existing = await _find_by_key(db, operation.key)
    if existing is not None:
        return _replay(existing, operation)
    attempt = 0
    while True:
        attempt += 1
        try:
            async with db.begin_nested():
                return await _post(
                    db,
                    operation,
                    counterparty,
                    decide,
                    reference=reference,
                    description=description,
                    actor_id=actor_id,
                )
        except IntegrityError:
            # The key was taken by a call that committed first (another user's wallet, so no lock
            # was shared): answer as its retry would be answered.
            existing = await _find_by_key(db, operation.key)
            if existing is None:
                raise
            return _replay(existing, operation)
        except DBAPIError as error:
            if _sqlstate(error) not in RETRYABLE_SQLSTATES or attempt >= MAX_ATTEMPTS:
                raise
            logger.warning("ledger_retry", attempt=attempt, sqlstate=_sqlstate(error))
            # Jitter spreads the retries of calls that collided; it protects nothing secret.
            await asyncio.sleep(random.uniform(0, 0.01 * 2**attempt))  # noqa: S311


async def reward(
    db: AsyncSession,
    *,
    user_id: uuid.UUID,
    source: str,
    amount: int,
    idempotency_key: str,
    daily_cap: int | None = None,
    reference: str | None = None,
    description: str = "",
) -> RewardResult:
    """Credit coins the server verified were earned (a replayed game, a graded answer...).

    With `daily_cap`, what the user already earned from `source` today (Tashkent time) counts:
    the credit is cut to what is left of the cap, possibly 0, and still recorded under its key.
    """
    _check_key(idempotency_key)
    _check_source(source)
    _check_amount(amount)
    _check_reference(reference)
    if daily_cap is not None and (isinstance(daily_cap, bool) or daily_cap < 0):
        raise InvalidCoinOperation("A daily cap is 0 or more.")
    started = utcnow()

    async def decide(_balance: int) -> int:
        if daily_cap is None:
            return amount
        earned = await db.scalar(
            select(func.coalesce(func.sum(CoinTransaction.amount), 0)).where(
                CoinTransaction.user_id == user_id,
                CoinTransaction.source == source,
                CoinTransaction.kind == TransactionKind.reward,
                CoinTransaction.created_at >= day_start(started),
            )
        )
        return max(0, min(amount, daily_cap - int(earned or 0)))

    operation = _Operation(idempotency_key, TransactionKind.reward, user_id, source, amount)
    return await _record(
        db,
        operation,
        SystemAccount.rewards,
        decide,
        reference=reference,
        description=description,
    )


async def spend(
    db: AsyncSession,
    *,
    user_id: uuid.UUID,
    amount: int,
    idempotency_key: str,
    source: str,
    reference: str | None = None,
    description: str = "",
) -> SpendResult:
    """Debit coins for something bought with them; `InsufficientCoins` when the wallet is short."""
    _check_key(idempotency_key)
    _check_source(source)
    _check_amount(amount)
    _check_reference(reference)

    async def decide(_balance: int) -> int:
        return -amount

    operation = _Operation(idempotency_key, TransactionKind.spend, user_id, source, amount)
    return await _record(
        db, operation, SystemAccount.shop, decide, reference=reference, description=description
    )


async def refund(
    db: AsyncSession,
    *,
    idempotency_key: str,
    original_transaction_id: uuid.UUID | None = None,
    original_idempotency_key: str | None = None,
    description: str = "",
) -> RefundResult:
    """Give back, in full and once, the coins of a spend named by its transaction id or by the
    idempotency key it was made with."""
    _check_key(idempotency_key)
    if (original_transaction_id is None) == (original_idempotency_key is None):
        raise InvalidCoinOperation("Name the spend to refund by its id or by its key.")
    original: CoinTransaction | None
    if original_transaction_id is not None:
        original = await db.get(CoinTransaction, original_transaction_id)
    else:
        assert original_idempotency_key is not None
        original = await _find_by_key(db, original_idempotency_key)
    if original is None:
        raise CoinTransactionNotFound()
    if original.kind is not TransactionKind.spend:
        raise NotRefundable()
    original_id, coins = original.id, -original.amount

    async def decide(_balance: int) -> int:
        already = await db.scalar(
            select(CoinTransaction.id).where(CoinTransaction.refund_of_id == original_id)
        )
        if already is not None:
            raise AlreadyRefunded()
        return coins

    operation = _Operation(
        idempotency_key,
        TransactionKind.refund,
        original.user_id,
        original.source,
        coins,
        refund_of_id=original_id,
    )
    return await _record(
        db,
        operation,
        SystemAccount.shop,
        decide,
        reference=original.reference,
        description=description,
    )


async def adjust(
    db: AsyncSession,
    *,
    user_id: uuid.UUID,
    amount: int,
    idempotency_key: str,
    reason: str,
    actor_id: uuid.UUID,
) -> LedgerResult:
    """A staff correction, positive or negative, with the reason and who made it."""
    _check_key(idempotency_key)
    _check_amount(amount, signed=True)
    if not reason.strip():
        raise InvalidCoinOperation("An adjustment needs a reason.")

    async def decide(_balance: int) -> int:
        return amount

    operation = _Operation(
        idempotency_key, TransactionKind.adjustment, user_id, ADJUSTMENT_SOURCE, amount
    )
    return await _record(
        db,
        operation,
        SystemAccount.adjustments,
        decide,
        description=reason.strip(),
        actor_id=actor_id,
    )


async def balance_of(db: AsyncSession, user_id: uuid.UUID) -> int:
    """A user's coins (0 before their first movement)."""
    balance = await db.scalar(select(CoinAccount.balance).where(CoinAccount.user_id == user_id))
    return int(balance or 0)


async def balances_of(db: AsyncSession, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    ids = list(user_ids)
    rows = await db.execute(
        select(CoinAccount.user_id, CoinAccount.balance).where(CoinAccount.user_id.in_(ids))
    )
    found = {user_id: balance for user_id, balance in rows if user_id is not None}
    return {user_id: found.get(user_id, 0) for user_id in ids}


def _history_query(user_id: uuid.UUID, source: str | None) -> Select[CoinTransaction]:
    query = select(CoinTransaction).where(CoinTransaction.user_id == user_id)
    if source is not None:
        query = query.where(CoinTransaction.source == source)
    return query


async def history(
    db: AsyncSession,
    user_id: uuid.UUID,
    *,
    source: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Found[CoinTransaction]:
    """A user's coin movements, newest first, optionally from one source."""
    query = _history_query(user_id, source)
    total = await db.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = await db.scalars(
        query.order_by(CoinTransaction.created_at.desc(), CoinTransaction.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return Found(items=list(items), total=total)


async def find_transaction(db: AsyncSession, transaction_id: uuid.UUID) -> CoinTransaction:
    transaction = await db.get(CoinTransaction, transaction_id)
    if transaction is None:
        raise CoinTransactionNotFound()
    return transaction


async def run_transaction(
    sessionmaker: async_sessionmaker[AsyncSession],
    work: Callable[[AsyncSession], Awaitable[T]],
    *,
    attempts: int = MAX_ATTEMPTS,
) -> T:
    """Run `work` in its own transaction and commit it, retrying the whole transaction when
    PostgreSQL reports a serialization failure or a deadlock (jobs and scripts that own their
    transaction; a request's session is committed by `alif.db.get_session`)."""
    attempt = 0
    while True:
        attempt += 1
        try:
            async with sessionmaker() as db, db.begin():
                return await work(db)
        except DBAPIError as error:
            if _sqlstate(error) not in RETRYABLE_SQLSTATES or attempt >= attempts:
                raise
            logger.warning("ledger_transaction_retry", attempt=attempt, sqlstate=_sqlstate(error))
            await asyncio.sleep(random.uniform(0, 0.01 * 2**attempt))  # noqa: S311


def day_start(moment: datetime) -> datetime:
    """Midnight in Tashkent before `moment`, in UTC: where a daily cap's day begins."""
    local = moment.astimezone(CAP_DAY_ZONE).replace(hour=0, minute=0, second=0, microsecond=0)
    return local.astimezone(moment.tzinfo)
