from fastapi import APIRouter, status

from alif.auth import CurrentUser
from alif.db import SessionDep
from alif.errors import error_responses
from alif.kernel import queries as kernel
from crm.staff import service
from crm.staff.dependencies import OfficeDep, StaffDep, StaffManager, StaffViewer
from crm.staff.models import Staff
from crm.staff.permissions import PERMISSIONS
from crm.staff.schemas import OfficeRead, StaffAdd, StaffChange, StaffRead

router = APIRouter(prefix="/organizations", tags=["staff"])


def _staff_read(staff: Staff, first_name: str, last_name: str) -> StaffRead:
    return StaffRead(
        id=staff.id,
        user_id=staff.user_id,
        first_name=first_name,
        last_name=last_name,
        role=staff.role,
        created_at=staff.created_at,
    )


@router.get("", summary="The organizations I work in, with my role and what it allows")
async def my_offices(user: CurrentUser, db: SessionDep) -> list[OfficeRead]:
    return [
        OfficeRead(
            organization_id=organization.id,
            organization_name=organization.name,
            role=role,
            permissions=sorted(PERMISSIONS[role]),
        )
        for organization, role in await service.my_offices(db, user.id)
    ]


@router.get(
    "/{organization_id}/me",
    responses=error_responses(404),
    summary="My role in this organization and what it allows",
)
async def my_office(office: OfficeDep, db: SessionDep) -> OfficeRead:
    (organization,) = await kernel.get_organizations(db, [office.organization_id])
    return OfficeRead(
        organization_id=organization.id,
        organization_name=organization.name,
        role=office.role,
        permissions=sorted(office.permissions),
    )


@router.get(
    "/{organization_id}/staff",
    responses=error_responses(403, 404),
    summary="The organization's staff (its owner, the director, is not listed)",
)
async def list_staff(office: StaffViewer, db: SessionDep) -> list[StaffRead]:
    return [
        _staff_read(staff, user.first_name, user.last_name)
        for staff, user in await service.list_staff(db, office.organization_id)
    ]


@router.post(
    "/{organization_id}/staff",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409),
    summary="Take on a person (by their ALIF24 account's phone) in a role",
)
async def add_staff(data: StaffAdd, office: StaffManager, db: SessionDep) -> StaffRead:
    staff = await service.add_staff(db, office, data.phone, data.role)
    users = await kernel.users_by_id(db, [staff.user_id])
    user = users[staff.user_id]
    return _staff_read(staff, user.first_name, user.last_name)


@router.patch(
    "/{organization_id}/staff/{staff_id}",
    responses=error_responses(403, 404),
    summary="Change a staff member's role",
)
async def change_role(data: StaffChange, staff: StaffDep, db: SessionDep) -> StaffRead:
    await service.change_role(db, staff, data.role)
    users = await kernel.users_by_id(db, [staff.user_id])
    user = users[staff.user_id]
    return _staff_read(staff, user.first_name, user.last_name)


@router.delete(
    "/{organization_id}/staff/{staff_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(403, 404),
    summary="A staff member leaves the organization",
)
async def remove_staff(staff: StaffDep, db: SessionDep) -> None:
    await service.remove_staff(db, staff)
