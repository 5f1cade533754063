"""Read-only questions every service asks of the shared kernel, written once.

`main` owns and writes these tables; other services only ask, through these functions.
"""

import uuid
from collections.abc import Collection

from sqlalchemy import ColumnElement, and_, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession

from alif.kernel.models import (
    FamilyLink,
    MemberRole,
    MembershipStatus,
    Organization,
    OrganizationMember,
    StudyGroup,
    StudyGroupMember,
    User,
)


async def is_guardian(db: AsyncSession, parent_id: uuid.UUID, child_id: uuid.UUID) -> bool:
    link = await db.get(FamilyLink, (parent_id, child_id))
    return link is not None


async def children_of(db: AsyncSession, parent_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        await db.scalars(select(FamilyLink.child_id).where(FamilyLink.parent_id == parent_id))
    )


async def organizations_of(db: AsyncSession, user_id: uuid.UUID) -> list[uuid.UUID]:
    """Organizations a user runs or is an approved member of."""
    owned = select(Organization.id).where(Organization.owner_id == user_id)
    member = select(OrganizationMember.organization_id).where(
        OrganizationMember.user_id == user_id,
        OrganizationMember.status == MembershipStatus.active,
    )
    return list(await db.scalars(union(owned, member)))


async def groups_of_student(db: AsyncSession, student_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        await db.scalars(
            select(StudyGroupMember.group_id)
            .join(StudyGroup, StudyGroup.id == StudyGroupMember.group_id)
            .where(StudyGroupMember.student_id == student_id, StudyGroup.archived_at.is_(None))
        )
    )


async def students_of_group(db: AsyncSession, group_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        await db.scalars(
            select(StudyGroupMember.student_id).where(StudyGroupMember.group_id == group_id)
        )
    )


def manages_group(user_id: uuid.UUID) -> ColumnElement[bool]:
    """Groups a user may run: those of the organization they own, their own groups outside any
    organization, and their groups in an organization they are still an active member of (a
    teacher removed from an organization loses its classes at once)."""
    owned = select(Organization.id).where(Organization.owner_id == user_id).scalar_subquery()
    member_of = (
        select(OrganizationMember.organization_id)
        .where(
            OrganizationMember.user_id == user_id,
            OrganizationMember.status == MembershipStatus.active,
        )
        .scalar_subquery()
    )
    return or_(
        StudyGroup.organization_id.in_(owned),
        and_(
            StudyGroup.teacher_id == user_id,
            or_(StudyGroup.organization_id.is_(None), StudyGroup.organization_id.in_(member_of)),
        ),
    )


async def can_teach_group(db: AsyncSession, user_id: uuid.UUID, group_id: uuid.UUID) -> bool:
    found = await db.scalar(
        select(StudyGroup.id).where(StudyGroup.id == group_id, manages_group(user_id))
    )
    return found is not None


async def taught_students(
    db: AsyncSession, user_id: uuid.UUID, student_ids: Collection[uuid.UUID]
) -> set[uuid.UUID]:
    """Which of `student_ids` are in a group the user manages (`manages_group`)."""
    if not student_ids:
        return set()
    return set(
        await db.scalars(
            select(StudyGroupMember.student_id)
            .join(StudyGroup, StudyGroup.id == StudyGroupMember.group_id)
            .where(StudyGroupMember.student_id.in_(list(student_ids)), manages_group(user_id))
        )
    )


async def users_by_id(db: AsyncSession, user_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, User]:
    """Accounts by id, for showing names (a results table, say)."""
    if not user_ids:
        return {}
    users = await db.scalars(select(User).where(User.id.in_(list(user_ids))))
    return {user.id: user for user in users}


async def groups_taught_by(db: AsyncSession, user_id: uuid.UUID) -> list[uuid.UUID]:
    """Active groups a user manages (`manages_group`)."""
    return list(
        await db.scalars(
            select(StudyGroup.id)
            .where(manages_group(user_id), StudyGroup.archived_at.is_(None))
            .order_by(StudyGroup.name)
        )
    )


async def get_groups(db: AsyncSession, group_ids: Collection[uuid.UUID]) -> list[StudyGroup]:
    if not group_ids:
        return []
    return list(
        await db.scalars(
            select(StudyGroup).where(StudyGroup.id.in_(group_ids)).order_by(StudyGroup.name)
        )
    )


async def get_organizations(
    db: AsyncSession, organization_ids: Collection[uuid.UUID]
) -> list[Organization]:
    if not organization_ids:
        return []
    return list(
        await db.scalars(
            select(Organization)
            .where(Organization.id.in_(organization_ids))
            .order_by(Organization.name)
        )
    )


async def students_of_organization(db: AsyncSession, organization_id: uuid.UUID) -> list[uuid.UUID]:
    """Students who are approved members of the organization or in one of its active groups."""
    members = select(OrganizationMember.user_id).where(
        OrganizationMember.organization_id == organization_id,
        OrganizationMember.role == MemberRole.student,
        OrganizationMember.status == MembershipStatus.active,
    )
    in_groups = (
        select(StudyGroupMember.student_id)
        .join(StudyGroup, StudyGroup.id == StudyGroupMember.group_id)
        .where(StudyGroup.organization_id == organization_id, StudyGroup.archived_at.is_(None))
    )
    return list(await db.scalars(union(members, in_groups)))


async def display_names(db: AsyncSession, user_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str]:
    """How other people see these users where children may be listed (leaderboards): the first
    word of the first name and the initial of the last, never more (a first name typed as
    "Aziza Karimova" still shows as "Aziza")."""
    if not user_ids:
        return {}
    rows = await db.execute(
        select(User.id, User.first_name, User.last_name).where(User.id.in_(user_ids))
    )
    return {user_id: _public_name(first, last) for user_id, first, last in rows}


def _public_name(first_name: str, last_name: str) -> str:
    first = (first_name.split() or [""])[0]
    last = last_name.strip()
    return f"{first} {last[0]}." if last else first
