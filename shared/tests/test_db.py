"""The request's session commits before the response and leaves nothing behind on error."""

import uuid
from datetime import UTC, datetime, timedelta, timezone
from importlib.metadata import entry_points

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import RelationshipProperty

from alif.auth import AccountStatus, Role
from alif.db import Base, add_unique, insert_if_absent, utcnow
from alif.errors import Conflict
from alif.kernel.models import User


async def _count(session: AsyncSession, first_name: str) -> int:
    query = select(func.count()).select_from(User).where(User.first_name == first_name)
    return await session.scalar(query) or 0


async def test_a_successful_request_commits(client: AsyncClient, db_session: AsyncSession) -> None:
    assert (await client.post("/api/alif/open/write")).status_code == 200
    assert await _count(db_session, "Committed") == 1


async def test_a_failed_request_leaves_nothing_half_written(
    client: AsyncClient, db_session: AsyncSession
) -> None:
    assert (await client.post("/api/alif/open/write-then-fail")).status_code == 409
    assert await _count(db_session, "Rolled back") == 0


async def test_an_error_that_records_an_attempt_keeps_it(
    client: AsyncClient, db_session: AsyncSession
) -> None:
    assert (await client.post("/api/alif/open/write-then-count")).status_code == 400
    assert await _count(db_session, "Kept") == 1


async def test_times_come_back_timezone_aware_utc(db_session: AsyncSession) -> None:
    tashkent = timezone(timedelta(hours=5))
    moment = datetime(2026, 3, 21, 9, 0, tzinfo=tashkent)
    user = User(
        role=Role.parent, status=AccountStatus.active, first_name="Vaqt", last_login_at=moment
    )
    db_session.add(user)
    await db_session.flush()
    user_id = user.id
    db_session.expunge(user)
    loaded = await db_session.get(User, user_id)
    assert loaded is not None
    assert loaded.last_login_at == moment
    assert loaded.last_login_at is not None
    assert loaded.last_login_at.tzinfo == UTC


async def test_a_naive_datetime_is_refused(db_session: AsyncSession) -> None:
    db_session.add(
        User(
            role=Role.parent,
            status=AccountStatus.active,
            first_name="Naive",
            last_login_at=datetime(2026, 1, 1),
        )
    )
    with pytest.raises(Exception, match="naive datetime"):
        await db_session.flush()


def test_every_relationship_refuses_to_lazy_load() -> None:
    for entry_point in entry_points(group="alif.models"):
        entry_point.load()
    relationships = [
        prop
        for mapper in Base.registry.mappers
        for prop in mapper.iterate_properties
        if isinstance(prop, RelationshipProperty)
    ]
    assert relationships
    loose = [str(prop) for prop in relationships if prop.lazy != "raise"]
    assert loose == []


class UsernameTaken(Conflict):
    message = "This username is taken."


async def test_add_unique_says_taken_and_keeps_the_session_usable(
    db_session: AsyncSession,
) -> None:
    first = User(role=Role.student, status=AccountStatus.active, first_name="A", username="lola")
    await add_unique(db_session, first, taken=UsernameTaken())
    again = User(role=Role.student, status=AccountStatus.active, first_name="B", username="lola")
    with pytest.raises(UsernameTaken):
        await add_unique(db_session, again, taken=UsernameTaken())
    # Only the savepoint was rolled back: the first row and the session are still there.
    assert await db_session.scalar(select(User.first_name).where(User.username == "lola")) == "A"


async def test_insert_if_absent_inserts_once(db_session: AsyncSession) -> None:
    values = {
        "id": uuid.uuid4(),
        "role": Role.parent,
        "status": AccountStatus.active,
        "first_name": "Once",
        "username": "bir-marta",
        "created_at": utcnow(),
        "updated_at": utcnow(),
    }
    await insert_if_absent(db_session, User, values, unique="username")
    await insert_if_absent(db_session, User, values | {"id": uuid.uuid4()}, unique="username")
    assert await _count(db_session, "Once") == 1


def test_a_read_only_session_refuses_to_write() -> None:
    # Handlers on ReadSessionDep run without a transaction: a write would not be atomic.
    from alif.db import ReadOnlySession

    session = ReadOnlySession()
    session.add(User(role=Role.parent, status=AccountStatus.active, first_name="Nope"))
    with pytest.raises(RuntimeError, match="read-only"):
        session.flush()
