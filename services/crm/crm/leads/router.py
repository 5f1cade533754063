from typing import Annotated

from fastapi import APIRouter, Query, status

from alif.db import SessionDep
from alif.errors import error_responses
from alif.schemas import Page, page_of
from crm.leads import service
from crm.leads.dependencies import LeadDep, StageDep
from crm.leads.models import Lead
from crm.leads.schemas import (
    ActivityCreate,
    ActivityRead,
    LeadChange,
    LeadConvert,
    LeadCreate,
    LeadDetail,
    LeadFilter,
    LeadLose,
    LeadRead,
    StageChange,
    StageCreate,
    StageRead,
)
from crm.staff.dependencies import LeadManager
from crm.students.schemas import StudentRead

router = APIRouter(prefix="/organizations/{organization_id}", tags=["leads"])


async def _detail(db: SessionDep, lead: Lead) -> LeadDetail:
    leads, students = await service.duplicates_of(db, lead)
    return LeadDetail(
        **LeadRead.model_validate(lead).model_dump(),
        duplicates=[LeadRead.model_validate(other) for other in leads],
        students_with_phone=[StudentRead.model_validate(student) for student in students],
    )


@router.get(
    "/lead-stages", responses=error_responses(403, 404), summary="The pipeline's stages, in order"
)
async def list_stages(office: LeadManager, db: SessionDep) -> list[StageRead]:
    stages = await service.list_stages(db, office.organization_id)
    return [StageRead.model_validate(stage) for stage in stages]


@router.post(
    "/lead-stages",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409),
    summary="Add a stage at the end of the pipeline",
)
async def add_stage(data: StageCreate, office: LeadManager, db: SessionDep) -> StageRead:
    return StageRead.model_validate(await service.add_stage(db, office.organization_id, data.name))


@router.patch(
    "/lead-stages/{stage_id}",
    responses=error_responses(403, 404, 409),
    summary="Rename or move a stage",
)
async def change_stage(data: StageChange, stage: StageDep, db: SessionDep) -> StageRead:
    changed = await service.change_stage(db, stage, data.name, data.position)
    return StageRead.model_validate(changed)


@router.get("/leads", responses=error_responses(403, 404), summary="Leads, newest first")
async def list_leads(
    office: LeadManager, db: SessionDep, found: Annotated[LeadFilter, Query()]
) -> Page[LeadRead]:
    leads = await service.list_leads(db, office.organization_id, found)
    return page_of(leads, found, LeadRead.model_validate)


@router.post(
    "/leads",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 422),
    summary="Add a lead; the answer lists leads and students with the same phone",
)
async def add_lead(data: LeadCreate, office: LeadManager, db: SessionDep) -> LeadDetail:
    return await _detail(db, await service.add_lead(db, office, data))


@router.get(
    "/leads/{lead_id}",
    responses=error_responses(403, 404),
    summary="A lead, with the leads and students that share its phone",
)
async def read_lead(lead: LeadDep, db: SessionDep) -> LeadDetail:
    return await _detail(db, lead)


@router.patch(
    "/leads/{lead_id}",
    responses=error_responses(403, 404, 409, 422),
    summary="Change an open lead (moving it to another stage is recorded)",
)
async def change_lead(
    data: LeadChange, lead: LeadDep, office: LeadManager, db: SessionDep
) -> LeadRead:
    return LeadRead.model_validate(await service.change_lead(db, office, lead, data))


@router.get(
    "/leads/{lead_id}/activities",
    responses=error_responses(403, 404),
    summary="What happened with a lead, newest first",
)
async def list_activities(lead: LeadDep, db: SessionDep) -> list[ActivityRead]:
    return [ActivityRead.model_validate(a) for a in await service.list_activities(db, lead)]


@router.post(
    "/leads/{lead_id}/activities",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404),
    summary="Record a call, a note or a booked trial lesson, with the next step's date",
)
async def add_activity(
    data: ActivityCreate, lead: LeadDep, office: LeadManager, db: SessionDep
) -> ActivityRead:
    return ActivityRead.model_validate(await service.add_activity(db, office, lead, data))


@router.post(
    "/leads/{lead_id}/lose",
    responses=error_responses(403, 404, 409),
    summary="Close a lead as lost, with the reason",
)
async def lose_lead(data: LeadLose, lead: LeadDep, office: LeadManager, db: SessionDep) -> LeadRead:
    lost = await service.lose_lead(db, office, lead, data.reason, data.note)
    return LeadRead.model_validate(lost)


@router.post(
    "/leads/{lead_id}/convert",
    responses=error_responses(403, 404, 409),
    summary="Turn a lead into a student card with the parent's phone (again: the same card)",
)
async def convert_lead(
    data: LeadConvert, lead: LeadDep, office: LeadManager, db: SessionDep
) -> StudentRead:
    return StudentRead.model_validate(await service.convert_lead(db, office, lead, data))
