import uuid
from datetime import date

from fastapi import APIRouter, status
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import SessionDep
from alif.errors import error_responses
from crm.groups import enrolments, service
from crm.groups.dependencies import EnrolmentDep, ManagedGroup, ViewableGroup
from crm.groups.models import Enrolment
from crm.groups.schemas import (
    Discount,
    EnrolmentCreate,
    EnrolmentLeave,
    EnrolmentRead,
    EnrolmentTransfer,
    FreezeCreate,
    FreezeRead,
    GroupCreate,
    GroupRead,
    GroupSettings,
    RoomCreate,
    RoomRead,
    SlotRead,
)
from crm.groups.service import GroupView
from crm.staff.dependencies import GroupManager, GroupViewer

router = APIRouter(prefix="/organizations/{organization_id}", tags=["groups"])


def _read(view: GroupView) -> GroupRead:
    return GroupRead(
        id=view.group.id,
        study_group_id=view.study_group.id,
        name=view.study_group.name,
        subject=view.study_group.subject,
        teacher_id=view.study_group.teacher_id,
        room_id=view.group.room_id,
        starts_on=view.group.starts_on,
        ends_on=view.group.ends_on,
        billing=view.group.billing,
        monthly_price=view.group.monthly_price,
        lesson_price=view.group.lesson_price,
        capacity=view.group.capacity,
        schedule=[SlotRead.model_validate(slot) for slot in view.slots],
    )


async def _enrolment_reads(db: AsyncSession, rows: list[Enrolment]) -> list[EnrolmentRead]:
    freezes = await enrolments.freezes_of(db, [row.id for row in rows])
    return [
        EnrolmentRead.model_validate(row).model_copy(
            update={"freezes": [FreezeRead.model_validate(f) for f in freezes[row.id]]}
        )
        for row in rows
    ]


async def _enrolment_read(db: AsyncSession, row: Enrolment) -> EnrolmentRead:
    (read,) = await _enrolment_reads(db, [row])
    return read


@router.get("/rooms", responses=error_responses(403, 404), summary="The organization's rooms")
async def list_rooms(office: GroupViewer, db: SessionDep) -> list[RoomRead]:
    return [
        RoomRead.model_validate(r) for r in await service.list_rooms(db, office.organization_id)
    ]


@router.post(
    "/rooms",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409),
    summary="Add a room",
)
async def add_room(data: RoomCreate, office: GroupManager, db: SessionDep) -> RoomRead:
    room = await service.add_room(db, office.organization_id, data.name, data.seats)
    return RoomRead.model_validate(room)


@router.get(
    "/groups",
    responses=error_responses(403, 404),
    summary="The organization's groups (a teacher: the groups they teach)",
)
async def list_groups(
    office: GroupViewer, db: SessionDep, on: date | None = None
) -> list[GroupRead]:
    return [_read(view) for view in await service.list_groups(db, office, on)]


@router.post(
    "/groups",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409),
    summary="Give one of the organization's study groups its room, dates, price and schedule; "
    "a room or teacher busy at the same time is refused with the collisions",
)
async def add_group(data: GroupCreate, office: GroupManager, db: SessionDep) -> GroupRead:
    return _read(await service.add_group(db, office, data))


@router.get("/groups/{group_id}", responses=error_responses(403, 404), summary="A group")
async def read_group(view: ViewableGroup) -> GroupRead:
    return _read(view)


@router.put(
    "/groups/{group_id}",
    responses=error_responses(403, 404, 409),
    summary="Change a group's room, dates, price, capacity and schedule",
)
async def change_group(data: GroupSettings, view: ManagedGroup, db: SessionDep) -> GroupRead:
    return _read(await service.change_group(db, view, data))


@router.get(
    "/groups/{group_id}/enrolments",
    responses=error_responses(403, 404),
    summary="Who is and was in the group, from when",
)
async def list_enrolments(view: ViewableGroup, db: SessionDep) -> list[EnrolmentRead]:
    return await _enrolment_reads(db, await enrolments.list_enrolments(db, view.group))


@router.post(
    "/groups/{group_id}/enrolments",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409, 422),
    summary="Enrol a student from a date, with a discount (a percent or an amount, and why)",
)
async def enrol(data: EnrolmentCreate, view: ManagedGroup, db: SessionDep) -> EnrolmentRead:
    enrolment = await enrolments.enrol(db, view.group, data.student_id, data.starts_on, data)
    return EnrolmentRead.model_validate(enrolment)


@router.post(
    "/groups/{group_id}/enrolments/{enrolment_id}/leave",
    responses=error_responses(403, 404, 422),
    summary="A student leaves the group after a given day",
)
async def leave(data: EnrolmentLeave, enrolment: EnrolmentDep, db: SessionDep) -> EnrolmentRead:
    return await _enrolment_read(db, await enrolments.leave(db, enrolment, data.on))


@router.post(
    "/groups/{group_id}/enrolments/{enrolment_id}/transfer",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409, 422),
    summary="Move a student to another group from a day (the discount goes with them)",
)
async def transfer(
    data: EnrolmentTransfer,
    enrolment: EnrolmentDep,
    office: GroupManager,
    db: SessionDep,
) -> EnrolmentRead:
    target = await service.get_group(db, office, data.to_group_id)
    moved = await enrolments.transfer(db, enrolment, target.group, data.on)
    return EnrolmentRead.model_validate(moved)


@router.put(
    "/groups/{group_id}/enrolments/{enrolment_id}/discount",
    responses=error_responses(403, 404, 422),
    summary="Change an enrolment's discount (a percent or an amount a month, and why; zero: none)",
)
async def set_discount(data: Discount, enrolment: EnrolmentDep, db: SessionDep) -> EnrolmentRead:
    return await _enrolment_read(db, await enrolments.set_discount(db, enrolment, data))


@router.post(
    "/groups/{group_id}/enrolments/{enrolment_id}/freezes",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409, 422),
    summary="Freeze an enrolment for a period: no charge and no lessons for those days",
)
async def freeze(
    data: FreezeCreate, enrolment: EnrolmentDep, office: GroupManager, db: SessionDep
) -> EnrolmentRead:
    await enrolments.freeze(db, enrolment, data, office.user_id)
    return await _enrolment_read(db, enrolment)


@router.delete(
    "/groups/{group_id}/enrolments/{enrolment_id}/freezes/{freeze_id}",
    responses=error_responses(403, 404),
    summary="Lift a freeze (charges follow when they are run again for its months)",
)
async def unfreeze(freeze_id: uuid.UUID, enrolment: EnrolmentDep, db: SessionDep) -> EnrolmentRead:
    await enrolments.unfreeze(db, enrolment, freeze_id)
    return await _enrolment_read(db, enrolment)
