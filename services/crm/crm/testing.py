"""Test helpers for crm's suites (tests directories are not packages)."""

from sqlalchemy.ext.asyncio import AsyncSession

from alif.kernel.models import Organization, OrganizationKind, User
from crm.staff.models import Staff, StaffRole


async def make_centre(db: AsyncSession, owner: User, name: str = "Ziyo markazi") -> Organization:
    """A learning centre (a kernel row main would write) owned by `owner`, its director."""
    centre = Organization(owner_id=owner.id, name=name, kind=OrganizationKind.learning_centre)
    db.add(centre)
    await db.flush()
    return centre


async def hire(db: AsyncSession, centre: Organization, user: User, role: StaffRole) -> Staff:
    staff = Staff(organization_id=centre.id, user_id=user.id, role=role)
    db.add(staff)
    await db.flush()
    return staff
