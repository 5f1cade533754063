import uuid
from typing import Annotated

from fastapi import Depends

from alif.auth import ParentUser
from alif.db import SessionDep
from alif.kernel.queries import is_guardian
from alif_main.family.exceptions import ChildNotFound


async def valid_child_id(child_id: uuid.UUID, parent: ParentUser, db: SessionDep) -> uuid.UUID:
    """One of the parent's own children; another family's child is simply not found."""
    if not await is_guardian(db, parent.id, child_id):
        raise ChildNotFound()
    return child_id


ChildIdDep = Annotated[uuid.UUID, Depends(valid_child_id)]
