import uuid
from typing import Annotated

from fastapi import Depends

from alif.db import SessionDep
from crm.groups import service
from crm.groups.service import GroupView
from crm.staff.dependencies import GroupManager, GroupViewer


async def viewable_group(group_id: uuid.UUID, office: GroupViewer, db: SessionDep) -> GroupView:
    return await service.get_group(db, office, group_id)


async def managed_group(group_id: uuid.UUID, office: GroupManager, db: SessionDep) -> GroupView:
    return await service.get_group(db, office, group_id)


ViewableGroup = Annotated[GroupView, Depends(viewable_group)]
ManagedGroup = Annotated[GroupView, Depends(managed_group)]
