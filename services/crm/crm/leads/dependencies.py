import uuid
from typing import Annotated

from fastapi import Depends

from alif.db import SessionDep
from crm.leads import service
from crm.leads.models import Lead, LeadStage
from crm.staff.dependencies import LeadManager


async def valid_lead(lead_id: uuid.UUID, office: LeadManager, db: SessionDep) -> Lead:
    return await service.get_lead(db, office.organization_id, lead_id)


async def valid_stage(stage_id: uuid.UUID, office: LeadManager, db: SessionDep) -> LeadStage:
    return await service.get_stage(db, office.organization_id, stage_id)


LeadDep = Annotated[Lead, Depends(valid_lead)]
StageDep = Annotated[LeadStage, Depends(valid_stage)]
