"""The coins ledger: exactly once, never negative, always balanced, caps per day."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.db import utcnow
from alif.ledger import (
    AlreadyRefunded,
    CoinAccount,
    CoinEntry,
    CoinOwnerNotFound,
    CoinTransaction,
    IdempotencyKeyReused,
    InsufficientCoins,
    InvalidCoinOperation,
    NotRefundable,
    reward,
    spend,
)
from alif.testing import make_user


def key() -> str:
    return f"test:{uuid.uuid4()}"


async def entries_of(db: AsyncSession, transaction_id: uuid.UUID) -> list[int]:
    return list(
        await db.scalars(select(CoinEntry.amount).where(CoinEntry.transaction_id == transaction_id))
    )


async def wallet_entries_total(db: AsyncSession, user_id: uuid.UUID) -> int:
    total = await db.scalar(
        select(func.coalesce(func.sum(CoinEntry.amount), 0))
        .join(CoinAccount, CoinAccount.id == CoinEntry.account_id)
        .where(CoinAccount.user_id == user_id)
    )
    return int(total or 0)


async def test_a_reward_credits_the_wallet_with_two_entries_that_sum_to_zero(
    db_session: AsyncSession,
) -> None:
    child = await make_user(db_session)
    result = await reward(
        db_session, user_id=child.id, source="games", amount=25, idempotency_key=key()
    )
    assert (result.amount, result.balance, result.replayed) == (25, 25, False)
    assert sorted(await entries_of(db_session, result.transaction_id)) == [-25, 25]
    assert await ledger.balance_of(db_session, child.id) == 25
    assert await wallet_entries_total(db_session, child.id) == 25


async def test_a_retry_with_the_same_key_returns_the_first_result_and_pays_nothing_more(
    db_session: AsyncSession,
) -> None:
    child = await make_user(db_session)
    same = key()
    first = await reward(
        db_session, user_id=child.id, source="tests", amount=10, idempotency_key=same
    )
    await reward(db_session, user_id=child.id, source="tests", amount=5, idempotency_key=key())
    again = await reward(
        db_session, user_id=child.id, source="tests", amount=10, idempotency_key=same
    )
    assert again.replayed
    assert (again.transaction_id, again.amount, again.balance) == (
        first.transaction_id,
        first.amount,
        first.balance,
    )
    assert await ledger.balance_of(db_session, child.id) == 15


async def test_the_same_key_for_a_different_operation_is_refused(db_session: AsyncSession) -> None:
    child, other = await make_user(db_session), await make_user(db_session)
    same = key()
    await reward(db_session, user_id=child.id, source="games", amount=10, idempotency_key=same)
    with pytest.raises(IdempotencyKeyReused):
        await reward(db_session, user_id=child.id, source="games", amount=11, idempotency_key=same)
    with pytest.raises(IdempotencyKeyReused):
        await reward(db_session, user_id=other.id, source="games", amount=10, idempotency_key=same)
    with pytest.raises(IdempotencyKeyReused):
        await spend(db_session, user_id=child.id, source="games", amount=10, idempotency_key=same)
    assert await ledger.balance_of(db_session, other.id) == 0


async def test_the_daily_cap_cuts_rewards_per_source_and_resets_the_next_day(
    db_session: AsyncSession,
) -> None:
    child = await make_user(db_session)

    async def earn(amount: int, source: str = "games", cap: int = 150) -> ledger.LedgerResult:
        return await reward(
            db_session,
            user_id=child.id,
            source=source,
            amount=amount,
            idempotency_key=key(),
            daily_cap=cap,
        )

    assert (await earn(100)).amount == 100
    capped = await earn(100)
    assert capped.amount == 50 and capped.balance == 150
    assert sorted(await entries_of(db_session, capped.transaction_id)) == [-50, 50]
    nothing = await earn(10)
    assert (nothing.amount, nothing.balance) == (0, 150)
    assert await entries_of(db_session, nothing.transaction_id) == []
    assert (await earn(30, source="tests", cap=200)).amount == 30  # another source, its own cap

    # Yesterday (in Tashkent) no longer counts.
    await db_session.execute(
        update(CoinTransaction)
        .where(CoinTransaction.user_id == child.id)
        .values(created_at=ledger.day_start(utcnow()) - timedelta(seconds=1))
    )
    assert (await earn(120)).amount == 120
    assert await ledger.balance_of(db_session, child.id) == 300


async def test_a_capped_reward_replays_what_was_credited(db_session: AsyncSession) -> None:
    child = await make_user(db_session)
    await reward(
        db_session,
        user_id=child.id,
        source="games",
        amount=140,
        idempotency_key=key(),
        daily_cap=150,
    )
    same = key()
    first = await reward(
        db_session, user_id=child.id, source="games", amount=40, idempotency_key=same, daily_cap=150
    )
    again = await reward(
        db_session, user_id=child.id, source="games", amount=40, idempotency_key=same, daily_cap=150
    )
    assert first.amount == again.amount == 10 and again.replayed


async def test_spending_more_than_the_balance_is_refused_and_writes_nothing(
    db_session: AsyncSession,
) -> None:
    child = await make_user(db_session)
    await reward(db_session, user_id=child.id, source="games", amount=30, idempotency_key=key())
    attempt = key()
    with pytest.raises(InsufficientCoins) as refused:
        await spend(db_session, user_id=child.id, source="shop", amount=31, idempotency_key=attempt)
    assert refused.value.details == {"balance": 30, "needed": 31}
    assert (
        await db_session.scalar(
            select(CoinTransaction).where(CoinTransaction.idempotency_key == attempt)
        )
        is None
    )
    spent = await spend(
        db_session, user_id=child.id, source="shop", amount=30, idempotency_key=key()
    )
    assert (spent.amount, spent.balance) == (30, 0)


async def test_a_spend_is_refunded_once(db_session: AsyncSession) -> None:
    child = await make_user(db_session)
    await reward(db_session, user_id=child.id, source="games", amount=50, idempotency_key=key())
    spent = await spend(
        db_session, user_id=child.id, source="shop", amount=20, idempotency_key=key()
    )
    refund_key = key()
    back = await ledger.refund(
        db_session, original_transaction_id=spent.transaction_id, idempotency_key=refund_key
    )
    assert (back.amount, back.balance, back.replayed) == (20, 50, False)
    again = await ledger.refund(
        db_session, original_transaction_id=spent.transaction_id, idempotency_key=refund_key
    )
    assert again.replayed and again.transaction_id == back.transaction_id
    with pytest.raises(AlreadyRefunded):
        await ledger.refund(
            db_session, original_transaction_id=spent.transaction_id, idempotency_key=key()
        )
    assert await ledger.balance_of(db_session, child.id) == 50


async def test_a_spend_can_be_named_by_its_key_and_only_spends_are_refundable(
    db_session: AsyncSession,
) -> None:
    child = await make_user(db_session)
    earned_key, spent_key = key(), key()
    await reward(
        db_session, user_id=child.id, source="games", amount=50, idempotency_key=earned_key
    )
    await spend(db_session, user_id=child.id, source="games", amount=5, idempotency_key=spent_key)
    back = await ledger.refund(
        db_session, original_idempotency_key=spent_key, idempotency_key=f"{spent_key}:refund"
    )
    assert back.amount == 5
    with pytest.raises(NotRefundable):
        await ledger.refund(db_session, original_idempotency_key=earned_key, idempotency_key=key())
    with pytest.raises(InvalidCoinOperation):
        await ledger.refund(db_session, idempotency_key=key())


async def test_staff_adjustments_go_both_ways_but_never_below_zero(
    db_session: AsyncSession,
) -> None:
    child, admin = await make_user(db_session), await make_user(db_session)
    added = await ledger.adjust(
        db_session,
        user_id=child.id,
        amount=40,
        idempotency_key=key(),
        reason="lost coins",
        actor_id=admin.id,
    )
    assert (added.amount, added.balance) == (40, 40)
    taken = await ledger.adjust(
        db_session,
        user_id=child.id,
        amount=-15,
        idempotency_key=key(),
        reason="duplicate",
        actor_id=admin.id,
    )
    assert (taken.amount, taken.balance) == (-15, 25)
    with pytest.raises(InsufficientCoins):
        await ledger.adjust(
            db_session,
            user_id=child.id,
            amount=-26,
            idempotency_key=key(),
            reason="too much",
            actor_id=admin.id,
        )


@pytest.mark.parametrize("amount", [0, -5, True, 2.5, 10**10])
async def test_amounts_must_be_whole_positive_numbers(
    db_session: AsyncSession, amount: object
) -> None:
    child = await make_user(db_session)
    with pytest.raises(InvalidCoinOperation):
        await reward(
            db_session,
            user_id=child.id,
            source="games",
            amount=amount,  # type: ignore[arg-type]
            idempotency_key=key(),
        )


@pytest.mark.parametrize(
    ("source", "idempotency_key"),
    [("Games", "k-1"), ("games", ""), ("", "k-2"), ("games", "x" * 201)],
)
async def test_sources_and_keys_are_checked(
    db_session: AsyncSession, source: str, idempotency_key: str
) -> None:
    child = await make_user(db_session)
    with pytest.raises(InvalidCoinOperation):
        await reward(
            db_session, user_id=child.id, source=source, amount=1, idempotency_key=idempotency_key
        )


async def test_a_reference_longer_than_the_column_is_refused(db_session: AsyncSession) -> None:
    child = await make_user(db_session)
    with pytest.raises(InvalidCoinOperation):
        await reward(
            db_session,
            user_id=child.id,
            source="games",
            amount=1,
            idempotency_key=key(),
            reference="r" * 201,
        )


async def test_coins_for_nobody_are_refused(db_session: AsyncSession) -> None:
    with pytest.raises(CoinOwnerNotFound):
        await reward(
            db_session, user_id=uuid.uuid4(), source="games", amount=1, idempotency_key=key()
        )


async def test_the_database_itself_refuses_a_negative_balance(db_session: AsyncSession) -> None:
    child = await make_user(db_session)
    await reward(db_session, user_id=child.id, source="games", amount=5, idempotency_key=key())
    with pytest.raises(IntegrityError):
        async with db_session.begin_nested():
            await db_session.execute(
                update(CoinAccount).where(CoinAccount.user_id == child.id).values(balance=-1)
            )
    assert await ledger.balance_of(db_session, child.id) == 5


async def test_history_is_newest_first_and_filters_by_source(db_session: AsyncSession) -> None:
    child = await make_user(db_session)
    for source, amount in [("games", 5), ("tests", 7), ("games", 9)]:
        await reward(
            db_session, user_id=child.id, source=source, amount=amount, idempotency_key=key()
        )
    found = await ledger.history(db_session, child.id, source="games", limit=1)
    assert found.total == 2 and [t.amount for t in found.items] == [9]
    everything = await ledger.history(db_session, child.id)
    assert [t.amount for t in everything.items] == [9, 7, 5]
