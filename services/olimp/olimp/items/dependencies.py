import uuid
from typing import Annotated

from fastapi import Depends

from alif.auth import CurrentUser
from alif.db import SessionDep
from olimp.items import service
from olimp.items.models import Item


async def valid_item(item_id: uuid.UUID, user: CurrentUser, db: SessionDep) -> Item:
    """The signed-in user's item; another user's is not found."""
    return await service.get_item(db, user.id, item_id)


ItemDep = Annotated[Item, Depends(valid_item)]
