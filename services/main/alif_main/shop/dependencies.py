import uuid
from typing import Annotated

from fastapi import Depends

from alif.db import SessionDep
from alif_main.shop import service
from alif_main.shop.models import ShopItem


async def valid_item(item_id: uuid.UUID, db: SessionDep) -> ShopItem:
    """An item on sale; a hidden one is not found."""
    return await service.get_item(db, item_id)


ShopItemDep = Annotated[ShopItem, Depends(valid_item)]
