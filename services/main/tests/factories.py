"""Accounts that sign in with a password or a PIN, hashed the way the app hashes them."""

from typing import Any

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.kernel.models import Organization, OrganizationKind, User
from alif.testing import make_child, make_user
from alif_main.auth.service import AuthService

PASSWORD = "kitob-oʻqish-2026"
PIN = "4821"


def _hasher(app: FastAPI) -> Any:
    auth: AuthService = app.state.auth
    return auth.hasher


async def make_account(
    db: AsyncSession, app: FastAPI, role: Role = Role.parent, password: str = PASSWORD, **fields: Any
) -> User:
    return await make_user(
        db, role=role, password_hash=await _hasher(app).hash(password), **fields
    )


async def make_pin_child(
    db: AsyncSession, app: FastAPI, parent: User, pin: str = PIN, **fields: Any
) -> User:
    return await make_child(db, parent, pin_hash=await _hasher(app).hash(pin), **fields)


async def make_organization(db: AsyncSession, app: FastAPI, **fields: Any) -> tuple[User, Organization]:
    owner = await make_account(db, app, Role.organization, **fields)
    organization = Organization(owner_id=owner.id, name="Ziyo oʻquv markazi", kind=OrganizationKind.learning_centre)
    db.add(organization)
    await db.flush()
    return owner, organization
