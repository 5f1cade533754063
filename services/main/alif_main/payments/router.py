"""The provider callbacks: public routes (Payme and Click cannot log in), each checking the
provider's own credential or signature first, and answering in the provider's protocol. And the
staff's view of payments for reconciliation."""

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import structlog
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import StaffUser
from alif.db import Database, SessionDep, utcnow
from alif.dependencies import ClientIP
from alif.schemas import Page, PageParams, page_of
from alif_main.dependencies import SettingsDep
from alif_main.orders.models import PaymentProvider
from alif_main.payments import reconciliation
from alif_main.payments.click import service as click
from alif_main.payments.payme import service as payme
from alif_main.payments.schemas import (
    ReconciliationRead,
    TotalsRead,
    TransactionRead,
    UnactivatedOrderRead,
)

logger = structlog.get_logger("alif_main.payments")

public_router = APIRouter(prefix="/payments", tags=["payments"])

PROVIDER_DOCS = "Called by the provider, not by our apps: see docs/payments.md."
Answer = dict[str, Any]


async def _answer_in_own_transaction(
    request: Request,
    work: Callable[[AsyncSession], Awaitable[Answer]],
    failed: Callable[[], Answer],
) -> JSONResponse:
    """Run a provider call in a transaction committed before answering, and answer in the
    provider's protocol even when the database fails (Payme reads any HTTP status but 200 as a
    system error; both providers retry). Nothing is committed unless the answer says so."""
    database: Database = request.app.state.db
    try:
        async with database.sessionmaker() as db:
            answer = await work(db)
            await db.commit()
    except Exception:
        logger.exception("payment_callback_failed", path=request.url.path)
        answer = failed()
    return JSONResponse(answer)


@public_router.post("/payme", summary="Payme Merchant API (JSON-RPC)", description=PROVIDER_DOCS)
async def payme_merchant_api(
    request: Request, settings: SettingsDep, peer_ip: ClientIP
) -> JSONResponse:
    body = await request.body()
    authorization = request.headers.get("authorization")

    async def work(db: AsyncSession) -> Answer:
        return await payme.handle(
            db, settings, authorization=authorization, body=body, peer_ip=peer_ip
        )

    return await _answer_in_own_transaction(request, work, lambda: payme.system_error(body))


@public_router.api_route(
    "/payme",
    methods=["GET", "PUT", "PATCH", "DELETE", "OPTIONS"],
    include_in_schema=False,
)
async def payme_not_post() -> JSONResponse:
    return JSONResponse(payme.not_post())


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    # A file where a field belongs is malformed; leaving it out makes the request fail as -8.
    return {name: value for name, value in form.items() if isinstance(value, str)}


async def _click(
    request: Request, settings: SettingsDep, peer_ip: str, *, complete: bool
) -> JSONResponse:
    fields = await _form(request)

    async def work(db: AsyncSession) -> Answer:
        return await click.handle(db, settings, fields, complete=complete, peer_ip=peer_ip)

    return await _answer_in_own_transaction(request, work, lambda: click.system_error(fields))


@public_router.post(
    "/click/prepare", summary="Click SHOP API: Prepare (action 0)", description=PROVIDER_DOCS
)
async def click_prepare(request: Request, settings: SettingsDep, peer_ip: ClientIP) -> JSONResponse:
    return await _click(request, settings, peer_ip, complete=False)


@public_router.post(
    "/click/complete", summary="Click SHOP API: Complete (action 1)", description=PROVIDER_DOCS
)
async def click_complete(
    request: Request, settings: SettingsDep, peer_ip: ClientIP
) -> JSONResponse:
    return await _click(request, settings, peer_ip, complete=True)


router = APIRouter(prefix="/payments", tags=["payments"])


def _transaction(item: reconciliation.FlaggedTransaction) -> TransactionRead:
    tx = item.transaction
    return TransactionRead(
        id=tx.id,
        provider=tx.provider,
        provider_tx_id=tx.provider_tx_id,
        order_id=tx.order_id,
        order_status=item.order_status,
        amount=tx.amount,
        state=tx.state,
        reason=tx.reason,
        provider_time=tx.provider_time,
        created_at=tx.created_at,
        performed_at=tx.performed_at,
        cancelled_at=tx.cancelled_at,
        flags=list(item.flags),
    )


@router.get("/transactions", summary="Staff: payments by provider and state, newest first")
async def list_transactions(
    staff: StaffUser,
    db: SessionDep,
    settings: SettingsDep,
    page: Annotated[PageParams, Query()],
    provider: PaymentProvider | None = None,
    state: Annotated[int | None, Query(ge=-2, le=2)] = None,
) -> Page[TransactionRead]:
    found = await reconciliation.list_transactions(
        db, settings, page, provider=provider, state=state, now=utcnow()
    )
    return page_of(found, page, _transaction)


@router.get(
    "/reconciliation",
    summary="Staff: totals by provider and state, and the payments that need a look",
)
async def reconciliation_report(
    staff: StaffUser, db: SessionDep, settings: SettingsDep
) -> ReconciliationRead:
    now = utcnow()
    found = await reconciliation.report(db, settings, now=now)
    return ReconciliationRead(
        generated_at=now,
        totals=[TotalsRead.model_validate(t) for t in found.totals],
        flagged=[_transaction(item) for item in found.flagged],
        paid_not_activated=[
            UnactivatedOrderRead.model_validate(o) for o in found.paid_not_activated
        ],
    )
