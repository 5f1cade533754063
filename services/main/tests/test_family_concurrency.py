"""A double tap or a retry while the first add-child request runs: on PostgreSQL, with real
concurrent transactions, one idempotency key adds one child and every request gets that child."""

import asyncio
import uuid

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alif.auth import Role
from alif.cache import InMemoryCache, RateLimiter
from alif.kernel.models import FamilyLink, User
from alif.testing import make_user
from alif_main.auth.passwords import SecretHasher
from alif_main.family import service
from alif_main.family.schemas import ChildCreate

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
CALLS = 5


async def add(
    sessionmaker: async_sessionmaker[AsyncSession],
    parent_id: uuid.UUID,
    data: ChildCreate,
    key: str,
    hasher: SecretHasher,
    limiter: RateLimiter,
) -> uuid.UUID:
    async with sessionmaker() as db, db.begin():
        parent = await db.get_one(User, parent_id)
        child = await service.create_child(db, parent, data, hasher, limiter, "10.0.0.1", key)
        return child.user.id


async def test_one_key_sent_many_times_at_once_adds_one_child(
    committing: async_sessionmaker[AsyncSession],
) -> None:
    async with committing() as db, db.begin():
        parent = await make_user(db, role=Role.parent)
    data = ChildCreate(first_name="Ali", username=f"ali_{uuid.uuid4().hex[:8]}", pin="7351")
    hasher, limiter = SecretHasher(threads=CALLS), RateLimiter(InMemoryCache())
    key = str(uuid.uuid4())
    answers = await asyncio.gather(
        *(add(committing, parent.id, data, key, hasher, limiter) for _ in range(CALLS))
    )
    assert len(set(answers)) == 1, answers  # every request got the first child, never a 409
    async with committing() as db:
        links = await db.scalar(
            select(func.count()).select_from(FamilyLink).where(FamilyLink.parent_id == parent.id)
        )
        assert links == 1
