import uuid
from typing import Annotated

from fastapi import Depends

from alif.auth import ParentUser
from alif.db import SessionDep
from alif.kernel import queries
from games.stats.exceptions import ChildNotFound


async def valid_child(child_id: uuid.UUID, parent: ParentUser, db: SessionDep) -> uuid.UUID:
    """The parent's own child, or 404: another family's child is indistinguishable from none."""
    if not await queries.is_guardian(db, parent.id, child_id):
        raise ChildNotFound()
    return child_id


ChildIdDep = Annotated[uuid.UUID, Depends(valid_child)]
