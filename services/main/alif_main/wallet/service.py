"""Wallets as people see them: balances and history from the shared ledger, and staff
adjustments (audited in the same transaction as the coins they move)."""

import uuid
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.kernel.models import FamilyLink, User
from alif.ledger import CoinTransaction, LedgerResult, TransactionKind
from alif.ledger.service import CAP_DAY_ZONE
from alif.schemas import Found, PageParams
from alif_main.audit.service import record_audit
from alif_main.wallet.schemas import AdjustmentCreate, ChildWalletRead, WalletRead

# Rewards read per query while counting a streak (a long streak reads a few such pages).
STREAK_PAGE = 500


async def history(
    db: AsyncSession, user_id: uuid.UUID, page: PageParams, source: str | None
) -> Found[CoinTransaction]:
    return await ledger.history(db, user_id, source=source, limit=page.limit, offset=page.offset)


def _tashkent_day(moment: datetime) -> date:
    return moment.astimezone(CAP_DAY_ZONE).date()


async def streak_days(db: AsyncSession, user_id: uuid.UUID, *, now: datetime) -> int:
    """Consecutive days (in Tashkent, where the daily caps reset too) on which the user earned
    coins, up to today. A streak that reached yesterday is still alive today until midnight.

    Only rewards that paid something count: a reward cut to 0 by a daily cap, a refund, a staff
    adjustment or coins spent do not make a day.
    """
    today = _tashkent_day(now)
    streak = 0
    last_day: date | None = None
    before = now
    while True:
        moments = list(
            await db.scalars(
                select(CoinTransaction.created_at)
                .where(
                    CoinTransaction.user_id == user_id,
                    CoinTransaction.kind == TransactionKind.reward,
                    CoinTransaction.amount > 0,
                    CoinTransaction.created_at <= before,
                )
                .order_by(CoinTransaction.created_at.desc())
                .limit(STREAK_PAGE)
            )
        )
        for moment in moments:
            day = _tashkent_day(moment)
            if last_day is None:
                if day < today - timedelta(days=1):
                    return 0
            elif day == last_day:
                continue
            elif day != last_day - timedelta(days=1):
                return streak
            streak += 1
            last_day = day
        if len(moments) < STREAK_PAGE or last_day is None:
            return streak
        # Go on from the start of the earliest day counted so far: its other rewards add nothing.
        before = datetime.combine(last_day, datetime.min.time(), CAP_DAY_ZONE) - timedelta(
            microseconds=1
        )


async def wallet_of(db: AsyncSession, user_id: uuid.UUID, *, now: datetime) -> WalletRead:
    return WalletRead(
        user_id=user_id,
        balance=await ledger.balance_of(db, user_id),
        streak_days=await streak_days(db, user_id, now=now),
    )


async def children_wallets(
    db: AsyncSession, parent_id: uuid.UUID, *, now: datetime
) -> list[ChildWalletRead]:
    children = list(
        await db.scalars(
            select(User)
            .join(FamilyLink, FamilyLink.child_id == User.id)
            .where(FamilyLink.parent_id == parent_id)
            .order_by(FamilyLink.created_at, User.id)
        )
    )
    balances = await ledger.balances_of(db, [c.id for c in children])
    return [
        ChildWalletRead(
            user_id=c.id,
            first_name=c.first_name,
            last_name=c.last_name,
            balance=balances[c.id],
            streak_days=await streak_days(db, c.id, now=now),
        )
        for c in children
    ]


async def adjust(
    db: AsyncSession, data: AdjustmentCreate, *, actor_id: uuid.UUID, ip_address: str
) -> LedgerResult:
    result = await ledger.adjust(
        db,
        user_id=data.user_id,
        amount=data.amount,
        idempotency_key=f"adjustment:{actor_id}:{data.idempotency_key}",
        reason=data.reason,
        actor_id=actor_id,
    )
    if not result.replayed:
        transaction = await ledger.find_transaction(db, result.transaction_id)
        await record_audit(
            db,
            actor_id,
            "coins.adjust",
            transaction,
            ip_address=ip_address,
            details={
                "user_id": str(data.user_id),
                "amount": data.amount,
                "reason": data.reason,
                "balance": result.balance,
            },
        )
    return result
