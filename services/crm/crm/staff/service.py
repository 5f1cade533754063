"""Who works in which organization's office, in which role; the organization's owner is its
director. Anyone else asking about an organization is told it does not exist."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import add_unique
from alif.kernel import queries as kernel
from alif.kernel.models import Organization, User
from crm.staff.exceptions import (
    AccountNotFound,
    OrganizationNotFound,
    StaffMemberExists,
    StaffMemberNotFound,
)
from crm.staff.models import Staff, StaffRole
from crm.staff.permissions import Office


async def office(db: AsyncSession, organization_id: uuid.UUID, user_id: uuid.UUID) -> Office:
    organizations = await kernel.get_organizations(db, [organization_id])
    if not organizations:
        raise OrganizationNotFound()
    if organizations[0].owner_id == user_id:
        return Office(organization_id, user_id, StaffRole.director)
    role = await db.scalar(
        select(Staff.role).where(Staff.organization_id == organization_id, Staff.user_id == user_id)
    )
    if role is None:
        raise OrganizationNotFound()
    return Office(organization_id, user_id, role)


async def my_offices(db: AsyncSession, user_id: uuid.UUID) -> list[tuple[Organization, StaffRole]]:
    owned = await kernel.organizations_owned_by(db, user_id)
    rows = list(await db.scalars(select(Staff).where(Staff.user_id == user_id)))
    roles = {row.organization_id: row.role for row in rows}
    staffed = await kernel.get_organizations(db, list(roles))
    offices = [(organization, StaffRole.director) for organization in owned]
    offices += [(organization, roles[organization.id]) for organization in staffed]
    return sorted(offices, key=lambda office: office[0].name)


async def is_staff(db: AsyncSession, organization_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    try:
        await office(db, organization_id, user_id)
    except OrganizationNotFound:
        return False
    return True


async def list_staff(db: AsyncSession, organization_id: uuid.UUID) -> list[tuple[Staff, User]]:
    rows = list(
        await db.scalars(
            select(Staff)
            .where(Staff.organization_id == organization_id)
            .order_by(Staff.created_at, Staff.id)
        )
    )
    users = await kernel.users_by_id(db, [row.user_id for row in rows])
    return [(row, users[row.user_id]) for row in rows]


async def add_staff(db: AsyncSession, office: Office, phone: str, role: StaffRole) -> Staff:
    user = await kernel.user_by_phone(db, phone)
    if user is None:
        raise AccountNotFound()
    if await is_staff(db, office.organization_id, user.id):
        raise StaffMemberExists()
    staff = Staff(
        organization_id=office.organization_id,
        user_id=user.id,
        role=role,
        added_by_id=office.user_id,
    )
    await add_unique(db, staff, taken=StaffMemberExists())
    return staff


async def get_staff(db: AsyncSession, organization_id: uuid.UUID, staff_id: uuid.UUID) -> Staff:
    """A staff member of this organization; another organization's is not found."""
    staff = await db.get(Staff, staff_id)
    if staff is None or staff.organization_id != organization_id:
        raise StaffMemberNotFound()
    return staff


async def change_role(db: AsyncSession, staff: Staff, role: StaffRole) -> Staff:
    staff.role = role
    await db.flush()
    return staff


async def remove_staff(db: AsyncSession, staff: Staff) -> None:
    await db.delete(staff)
    await db.flush()
