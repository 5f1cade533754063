"""Read-only questions every service asks of the shared kernel, written once.

`main` owns and writes these tables; other services only ask, through these functions.
"""

import uuid
from collections.abc import Collection

from sqlalchemy import or_, select, union
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


async def can_teach_group(db: AsyncSession, user_id: uuid.UUID, group_id: uuid.UUID) -> bool:
    """The group's teacher, or the owner of the organization the group belongs to."""
    group = await db.get(StudyGroup, group_id)
    if group is None:
        return False
    if group.teacher_id == user_id:
        return True
    if group.organization_id is None:
        return False
    organization = await db.get(Organization, group.organization_id)
    return organization is not None and organization.owner_id == user_id


async def taught_students(
    db: AsyncSession, user_id: uuid.UUID, student_ids: Collection[uuid.UUID]
) -> set[uuid.UUID]:
    """Which of `student_ids` are in a group the user teaches or whose organization they run."""
    if not student_ids:
        return set()
    owned = select(Organization.id).where(Organization.owner_id == user_id)
    return set(
        await db.scalars(
            select(StudyGroupMember.student_id)
            .join(StudyGroup, StudyGroup.id == StudyGroupMember.group_id)
            .where(
                StudyGroupMember.student_id.in_(list(student_ids)),
                or_(
                    StudyGroup.teacher_id == user_id,
                    StudyGroup.organization_id.in_(owned.scalar_subquery()),
                ),
            )
        )
    )


async def users_by_id(db: AsyncSession, user_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, User]:
    """Accounts by id, for showing names (a results table, say)."""
    if not user_ids:
        return {}
    users = await db.scalars(select(User).where(User.id.in_(list(user_ids))))
    return {user.id: user for user in users}


async def groups_taught_by(db: AsyncSession, user_id: uuid.UUID) -> list[uuid.UUID]:
    """Active groups a user teaches, or that belong to the organization they own."""
    owned = select(Organization.id).where(Organization.owner_id == user_id)
    return list(
        await db.scalars(
            select(StudyGroup.id)
            .where(
                or_(
                    StudyGroup.teacher_id == user_id,
                    StudyGroup.organization_id.in_(owned.scalar_subquery()),
                ),
                StudyGroup.archived_at.is_(None),
            )
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
    name and the initial of the last, never the whole name."""
    if not user_ids:
        return {}
    rows = await db.execute(
        select(User.id, User.first_name, User.last_name).where(User.id.in_(user_ids))
    )
    return {user_id: f"{first} {last[0]}." if last else first for user_id, first, last in rows}


async def organizations_owned_by(db: AsyncSession, user_id: uuid.UUID) -> list[Organization]:
    return list(
        await db.scalars(
            select(Organization).where(Organization.owner_id == user_id).order_by(Organization.name)
        )
    )


async def user_by_phone(db: AsyncSession, phone: str) -> User | None:
    """The account signed in with this phone (`+998XXXXXXXXX`, as `alif.text.normalize_phone`)."""
    return await db.scalar(select(User).where(User.phone == phone))


async def lock_organization(db: AsyncSession, organization_id: uuid.UUID) -> None:
    """Hold the organization's row until the transaction ends, so checks that span its rows (two
    groups booking one room at once) run one at a time. Nothing is written."""
    await db.execute(
        select(Organization.id).where(Organization.id == organization_id).with_for_update()
    )
