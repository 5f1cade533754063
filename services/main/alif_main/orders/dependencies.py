import uuid
from typing import Annotated

from fastapi import Depends

from alif.auth import CurrentUser
from alif.db import SessionDep
from alif_main.orders import service
from alif_main.orders.service import OrderView


async def valid_order(order_id: uuid.UUID, user: CurrentUser, db: SessionDep) -> OrderView:
    """The caller's own order, or 404."""
    return await service.get_order(db, user.id, order_id)


OrderDep = Annotated[OrderView, Depends(valid_order)]
