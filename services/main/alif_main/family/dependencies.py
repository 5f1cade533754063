import uuid
from typing import Annotated

from fastapi import Depends

from alif.auth import ParentUser
from alif.db import SessionDep
from alif_main.family import service
from alif_main.family.service import Child


async def valid_child(child_id: uuid.UUID, parent: ParentUser, db: SessionDep) -> Child:
    """The parent's own child, or 404: another family's child is indistinguishable from none."""
    return await service.get_child(db, parent.id, child_id)


ChildDep = Annotated[Child, Depends(valid_child)]
