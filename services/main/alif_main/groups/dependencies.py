import uuid
from typing import Annotated

from fastapi import Depends

from alif.auth import Role, TokenUser, require_role
from alif.db import SessionDep
from alif_main.groups import service
from alif_main.groups.service import Group

# Teachers run their classes, organizations their centre's groups; both once approved.
GroupManager = Annotated[
    TokenUser, Depends(require_role(Role.teacher, Role.organization, approved=True))
]


async def valid_managed_group(group_id: uuid.UUID, manager: GroupManager, db: SessionDep) -> Group:
    """The caller's own group (or their organization's), or 404: another teacher's group is
    indistinguishable from none."""
    return await service.get_managed_group(db, manager.id, group_id)


ManagedGroupDep = Annotated[Group, Depends(valid_managed_group)]
