import uuid
from typing import Annotated

from fastapi import Depends

from alif.db import SessionDep
from crm.groups import enrolments, service
from crm.groups.models import Enrolment
from crm.groups.service import GroupView
from crm.staff.dependencies import GroupManager, GroupViewer


async def viewable_group(group_id: uuid.UUID, office: GroupViewer, db: SessionDep) -> GroupView:
    return await service.get_group(db, office, group_id)


async def managed_group(group_id: uuid.UUID, office: GroupManager, db: SessionDep) -> GroupView:
    return await service.get_group(db, office, group_id)


ViewableGroup = Annotated[GroupView, Depends(viewable_group)]
ManagedGroup = Annotated[GroupView, Depends(managed_group)]


async def valid_enrolment(enrolment_id: uuid.UUID, view: ManagedGroup, db: SessionDep) -> Enrolment:
    return await enrolments.get_enrolment(db, view.group, enrolment_id)


EnrolmentDep = Annotated[Enrolment, Depends(valid_enrolment)]
