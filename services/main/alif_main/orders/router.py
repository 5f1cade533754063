from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from alif.auth import CurrentUser
from alif.db import SessionDep
from alif.errors import error_responses
from alif.schemas import Page, PageParams, page_of
from alif_main.dependencies import SettingsDep
from alif_main.orders import service
from alif_main.orders.dependencies import OrderDep
from alif_main.orders.models import PaymentProvider
from alif_main.orders.schemas import CheckoutRead, OrderCreate, OrderRead
from alif_main.orders.service import OrderView

router = APIRouter(prefix="/orders", tags=["orders"])


def _read(view: OrderView) -> OrderRead:
    order = view.order
    return OrderRead(
        id=order.id,
        plan_id=order.plan_id,
        plan_code=view.plan.code,
        plan_name=view.plan.name,
        organization_id=order.organization_id,
        extend=order.extend,
        base_amount=order.base_amount,
        discount=order.discount,
        amount=order.amount,
        status=view.status,
        provider=order.provider,
        created_at=order.created_at,
        expires_at=order.expires_at,
        paid_at=order.paid_at,
        cancelled_at=order.cancelled_at,
        refunded_at=order.refunded_at,
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409, 422),
    summary="Order a subscription plan (for my family, or for my organization)",
)
async def create_order(
    data: OrderCreate, user: CurrentUser, db: SessionDep, settings: SettingsDep
) -> OrderRead:
    return _read(await service.create_order(db, user, data, settings))


@router.get("", summary="My orders, newest first")
async def list_orders(
    user: CurrentUser, db: SessionDep, page: Annotated[PageParams, Query()]
) -> Page[OrderRead]:
    return page_of(await service.list_orders(db, user.id, page), page, _read)


@router.get(
    "/{order_id}",
    responses=error_responses(404),
    summary="One of my orders; the payment return page polls its status",
)
async def get_order(view: OrderDep, response: Response) -> OrderRead:
    response.headers["Cache-Control"] = "no-store"
    return _read(view)


@router.get(
    "/{order_id}/checkout",
    responses=error_responses(404, 409, 503),
    summary="The provider's payment page for this order",
)
async def checkout(
    view: OrderDep, provider: PaymentProvider, db: SessionDep, settings: SettingsDep
) -> CheckoutRead:
    url = await service.checkout_link(db, view, provider, settings)
    return CheckoutRead(provider=provider, url=url)


@router.post(
    "/{order_id}/cancel",
    responses=error_responses(404, 409),
    summary="Cancel my order before anyone pays it",
)
async def cancel_order(view: OrderDep, db: SessionDep) -> OrderRead:
    return _read(await service.cancel_order(db, view))
