"""Wallets as people see them: balances and history from the shared ledger, and staff
adjustments (audited in the same transaction as the coins they move)."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.kernel.models import FamilyLink, User
from alif.ledger import CoinTransaction, LedgerResult
from alif.schemas import Found, PageParams
from alif_main.audit.service import record_audit
from alif_main.wallet.schemas import AdjustmentCreate, ChildWalletRead


async def history(
    db: AsyncSession, user_id: uuid.UUID, page: PageParams, source: str | None
) -> Found[CoinTransaction]:
    return await ledger.history(db, user_id, source=source, limit=page.limit, offset=page.offset)


async def children_wallets(db: AsyncSession, parent_id: uuid.UUID) -> list[ChildWalletRead]:
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
            user_id=c.id, first_name=c.first_name, last_name=c.last_name, balance=balances[c.id]
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
