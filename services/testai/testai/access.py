"""Who may read and who may change a teacher's test or bank question.

A test (or bank question) belongs to its author and, optionally, to one organization. Its author
and that organization's staff (its owner and its approved teachers) may read it and its results;
its author and the organization's owner may change it. Everyone else is told it does not exist.
"""

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role, TeachingUser, TokenUser
from alif.db import SessionDep
from alif.errors import NotFound
from alif.kernel import queries
from alif.kernel.models import Organization


class OrganizationNotFound(NotFound):
    message = "You do not work in this organization."


@dataclass(frozen=True)
class Staff:
    """A teacher, organization or moderator, and the organizations they act for."""

    user: TokenUser
    organizations: frozenset[uuid.UUID]  # runs or teaches in
    owned: frozenset[uuid.UUID]  # runs

    @property
    def id(self) -> uuid.UUID:
        return self.user.id

    def can_edit(self, owner_id: uuid.UUID, organization_id: uuid.UUID | None) -> bool:
        return owner_id == self.user.id or organization_id in self.owned

    def organization_for(self, requested: uuid.UUID | None) -> uuid.UUID | None:
        """The organization new work belongs to: the one asked for (if the caller works
        there), else an organization's own, else a teacher's only organization."""
        if requested is not None:
            if requested not in self.organizations:
                raise OrganizationNotFound()
            return requested
        if self.user.role is Role.organization and len(self.owned) == 1:
            return next(iter(self.owned))
        if len(self.organizations) == 1:
            return next(iter(self.organizations))
        return None


async def staff_of(db: AsyncSession, user: TokenUser) -> Staff:
    organizations = frozenset(await queries.organizations_of(db, user.id))
    owned = frozenset(
        await db.scalars(select(Organization.id).where(Organization.owner_id == user.id))
    )
    return Staff(user=user, organizations=organizations, owned=owned)


async def current_staff(user: TeachingUser, db: SessionDep) -> Staff:
    return await staff_of(db, user)


StaffDep = Annotated[Staff, Depends(current_staff)]
