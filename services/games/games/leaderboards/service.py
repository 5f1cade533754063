"""Who may see which board: everyone sees the platform's; a class's board is for its students and
teachers; a school's for its teachers, its owner and its students. Another class is not found."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role, TokenUser
from alif.kernel import queries
from games.leaderboards.exceptions import GroupNotFound, OrganizationNotFound
from games.leaderboards.schemas import ScopeRead


async def _groups_of(db: AsyncSession, user: TokenUser) -> list[uuid.UUID]:
    if user.role is Role.student:
        return await queries.groups_of_student(db, user.id)
    return await queries.groups_taught_by(db, user.id)


async def _organizations_of(db: AsyncSession, user: TokenUser) -> list[uuid.UUID]:
    organizations = await queries.organizations_of(db, user.id)
    if user.role is Role.student:  # a pupil of a school's class belongs to the school's board
        groups = await queries.get_groups(db, await queries.groups_of_student(db, user.id))
        organizations += [g.organization_id for g in groups if g.organization_id]
    return list(dict.fromkeys(organizations))


async def group_members(db: AsyncSession, user: TokenUser, group_id: uuid.UUID) -> list[uuid.UUID]:
    if not user.is_staff and group_id not in await _groups_of(db, user):
        raise GroupNotFound()
    return await queries.students_of_group(db, group_id)


async def organization_members(
    db: AsyncSession, user: TokenUser, organization_id: uuid.UUID
) -> list[uuid.UUID]:
    if not user.is_staff and organization_id not in await _organizations_of(db, user):
        raise OrganizationNotFound()
    return await queries.students_of_organization(db, organization_id)


async def scopes_of(db: AsyncSession, user: TokenUser) -> list[ScopeRead]:
    """The boards this user can open, besides the platform's."""
    groups = await queries.get_groups(db, await _groups_of(db, user))
    organizations = await queries.get_organizations(db, await _organizations_of(db, user))
    return [
        ScopeRead(scope="global", id=None, name="ALIF24"),
        *(ScopeRead(scope="group", id=g.id, name=g.name) for g in groups),
        *(ScopeRead(scope="organization", id=o.id, name=o.name) for o in organizations),
    ]
