"""Organizations (schools, learning centres) and the teachers who join them."""

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role
from alif.db import find_page, utcnow
from alif.kernel.models import (
    MemberRole,
    MembershipStatus,
    Organization,
    OrganizationKind,
    OrganizationMember,
    Region,
    StudyGroup,
    User,
)
from alif.schemas import Found, PageParams
from alif.text import fold_for_comparison
from alif_main.audit.service import record_audit
from alif_main.organizations.exceptions import AlreadyMember, MemberNotFound, OrganizationNotFound


async def search_organizations(
    db: AsyncSession,
    page: PageParams,
    *,
    query: str | None,
    region: Region | None,
    kind: OrganizationKind | None,
) -> Found[Organization]:
    """The directory teachers choose from: approved organizations only."""
    conditions = [User.status == AccountStatus.active]
    if query:
        conditions.append(func.lower(Organization.name).like(f"%{fold_for_comparison(query)}%"))
    if region is not None:
        conditions.append(Organization.region == region)
    if kind is not None:
        conditions.append(Organization.kind == kind)
    base = select(Organization).join(User, User.id == Organization.owner_id).where(*conditions)
    return await find_page(db, base, page, Organization.name)


async def get_approved_organization(db: AsyncSession, organization_id: uuid.UUID) -> Organization:
    organization = await db.scalar(
        select(Organization)
        .join(User, User.id == Organization.owner_id)
        .where(Organization.id == organization_id, User.status == AccountStatus.active)
    )
    if organization is None:
        raise OrganizationNotFound()
    return organization


async def organization_of_owner(db: AsyncSession, owner_id: uuid.UUID) -> Organization:
    organization = await db.scalar(select(Organization).where(Organization.owner_id == owner_id))
    if organization is None:
        raise OrganizationNotFound()
    return organization


@dataclass(frozen=True)
class Member:
    membership: OrganizationMember
    user: User


async def request_to_join(db: AsyncSession, organization: Organization, teacher: User) -> Member:
    existing = await db.scalar(
        select(OrganizationMember).where(
            OrganizationMember.organization_id == organization.id,
            OrganizationMember.user_id == teacher.id,
        )
    )
    if existing is not None and existing.status is not MembershipStatus.rejected:
        raise AlreadyMember()
    if existing is not None:
        existing.status = MembershipStatus.pending
        existing.decided_at = None
        existing.decided_by_id = None
        member = existing
    else:
        member = OrganizationMember(
            organization_id=organization.id,
            user_id=teacher.id,
            role=MemberRole.teacher,
            status=MembershipStatus.pending,
        )
        db.add(member)
    await db.flush()
    return Member(member, teacher)


async def list_members(
    db: AsyncSession,
    organization: Organization,
    *,
    role: MemberRole | None,
    status: MembershipStatus | None,
) -> list[Member]:
    conditions = [OrganizationMember.organization_id == organization.id]
    if role is not None:
        conditions.append(OrganizationMember.role == role)
    if status is not None:
        conditions.append(OrganizationMember.status == status)
    rows = await db.execute(
        select(OrganizationMember, User)
        .join(User, User.id == OrganizationMember.user_id)
        .where(*conditions)
        .order_by(OrganizationMember.created_at.desc())
    )
    return [Member(*row) for row in rows]


async def decide_membership(
    db: AsyncSession,
    organization: Organization,
    member_id: uuid.UUID,
    *,
    approve: bool,
    actor_id: uuid.UUID,
    ip_address: str,
) -> Member:
    """An organization approves (or rejects) a teacher who asked to join it.

    Approval also approves a pending teacher's account: their organization vouches for them.
    """
    result = await db.execute(
        select(OrganizationMember, User)
        .join(User, User.id == OrganizationMember.user_id)
        .where(
            OrganizationMember.id == member_id,
            OrganizationMember.organization_id == organization.id,
        )
    )
    row = result.first()
    if row is None:
        raise MemberNotFound()
    membership, user = row
    membership.status = MembershipStatus.active if approve else MembershipStatus.rejected
    membership.decided_at = utcnow()
    membership.decided_by_id = actor_id
    if approve and user.role is Role.teacher and user.status is AccountStatus.pending:
        user.status = AccountStatus.active
        user.approved_at = utcnow()
    await record_audit(
        db,
        actor_id,
        "membership.approve" if approve else "membership.reject",
        membership,
        ip_address=ip_address,
        details={"user_id": str(user.id)},
    )
    await db.flush()
    return Member(membership, user)


async def remove_member(
    db: AsyncSession,
    organization: Organization,
    member_id: uuid.UUID,
    *,
    actor_id: uuid.UUID,
    ip_address: str,
) -> None:
    """The person leaves the organization; the classes they led in it pass to the organization
    (its own account leads them until it hands them to another teacher), with their students."""
    membership = await db.scalar(
        select(OrganizationMember).where(
            OrganizationMember.id == member_id,
            OrganizationMember.organization_id == organization.id,
        )
    )
    if membership is None:
        raise MemberNotFound()
    handed_over = await db.execute(
        update(StudyGroup)
        .where(
            StudyGroup.organization_id == organization.id,
            StudyGroup.teacher_id == membership.user_id,
        )
        .values(teacher_id=organization.owner_id)
        .returning(StudyGroup.id)
    )
    groups = [str(group_id) for group_id in handed_over.scalars()]
    await record_audit(
        db,
        actor_id,
        "membership.remove",
        membership,
        ip_address=ip_address,
        details={"user_id": str(membership.user_id), "groups_handed_over": groups},
    )
    await db.delete(membership)
    await db.flush()
