import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from alif.auth import CurrentUser, FreshAdminUser, ParentUser, StaffUser
from alif.db import ReadSessionDep, SessionDep, utcnow
from alif.dependencies import ClientIP
from alif.errors import error_responses
from alif.schemas import Page, PageParams, page_of
from alif_main.users import service as users
from alif_main.wallet import service
from alif_main.wallet.dependencies import ChildIdDep
from alif_main.wallet.schemas import (
    AdjustmentCreate,
    AdjustmentRead,
    ChildWalletRead,
    CoinTransactionRead,
    Source,
    WalletRead,
)

router = APIRouter(tags=["wallet"])

SourceFilter = Annotated[Source | None, Query(description="Only coins from this source")]


@router.get("/wallet", summary="My coins")
async def my_wallet(user: CurrentUser, db: SessionDep) -> WalletRead:
    return await service.wallet_of(db, user.id, now=utcnow())


@router.get("/wallet/transactions", summary="My coins: earned, spent and refunded, newest first")
async def my_history(
    user: CurrentUser,
    db: ReadSessionDep,
    page: Annotated[PageParams, Query()],
    source: SourceFilter = None,
) -> Page[CoinTransactionRead]:
    return page_of(
        await service.history(db, user.id, page, source), page, CoinTransactionRead.model_validate
    )


@router.get("/wallet/children", summary="My children's coins")
async def children_wallets(parent: ParentUser, db: SessionDep) -> list[ChildWalletRead]:
    return await service.children_wallets(db, parent.id, now=utcnow())


@router.get("/wallet/children/{child_id}", responses=error_responses(404))
async def child_wallet(child_id: ChildIdDep, db: SessionDep) -> WalletRead:
    return await service.wallet_of(db, child_id, now=utcnow())


@router.get("/wallet/children/{child_id}/transactions", responses=error_responses(404))
async def child_history(
    child_id: ChildIdDep,
    db: SessionDep,
    page: Annotated[PageParams, Query()],
    source: SourceFilter = None,
) -> Page[CoinTransactionRead]:
    return page_of(
        await service.history(db, child_id, page, source), page, CoinTransactionRead.model_validate
    )


@router.get(
    "/coins/wallets/{user_id}", responses=error_responses(404), summary="Staff: a user's coins"
)
async def user_wallet(user_id: uuid.UUID, staff: StaffUser, db: SessionDep) -> WalletRead:
    await users.get_user(db, user_id)
    return await service.wallet_of(db, user_id, now=utcnow())


@router.get("/coins/wallets/{user_id}/transactions", responses=error_responses(404))
async def user_history(
    user_id: uuid.UUID,
    staff: StaffUser,
    db: SessionDep,
    page: Annotated[PageParams, Query()],
    source: SourceFilter = None,
) -> Page[CoinTransactionRead]:
    await users.get_user(db, user_id)
    return page_of(
        await service.history(db, user_id, page, source), page, CoinTransactionRead.model_validate
    )


@router.post(
    "/coins/adjustments",
    responses=error_responses(404, 409, 422),
    summary="Admin: add or take away coins, with a reason (audited)",
)
async def adjust_coins(
    data: AdjustmentCreate, admin: FreshAdminUser, db: SessionDep, ip_address: ClientIP
) -> AdjustmentRead:
    result = await service.adjust(db, data, actor_id=admin.id, ip_address=ip_address)
    return AdjustmentRead(
        transaction_id=result.transaction_id,
        amount=result.amount,
        balance=result.balance,
        replayed=result.replayed,
    )
