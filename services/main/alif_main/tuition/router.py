import uuid

from fastapi import APIRouter, Response

from alif.db import SessionDep
from alif.errors import error_responses
from alif_main.dependencies import SettingsDep
from alif_main.orders.models import PaymentProvider
from alif_main.tuition import service
from alif_main.tuition.schemas import TuitionBill, TuitionCheckout

# Public: the link's unguessable id is what lets a parent pay it from an SMS without an account.
public_router = APIRouter(prefix="/tuition", tags=["tuition"])


@public_router.get(
    "/{link_id}",
    responses=error_responses(404),
    summary="A centre's tuition bill (public: the link's id is the permission to pay it)",
)
async def get_bill(link_id: uuid.UUID, db: SessionDep, response: Response) -> TuitionBill:
    response.headers["Cache-Control"] = "no-store"
    return await service.bill(db, link_id)


@public_router.post(
    "/{link_id}/checkout",
    responses=error_responses(404, 409, 503),
    summary="The provider's payment page for a tuition bill",
)
async def checkout(
    link_id: uuid.UUID, provider: PaymentProvider, db: SessionDep, settings: SettingsDep
) -> TuitionCheckout:
    done = await service.checkout(db, link_id, provider, settings)
    return TuitionCheckout(order_id=done.order.id, provider=provider, url=done.url)
