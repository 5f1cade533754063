"""The one database: declarative base, types, engine and the per-request session.

PostgreSQL (asyncpg) in production and CI; SQLite (aiosqlite, WAL) for the embedded default. Code
must be correct on both, so the few differences live here and nowhere else.
"""

import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from sqlalchemy import (
    JSON,
    ColumnExpressionArgument,
    DateTime,
    Enum,
    MetaData,
    Select,
    event,
    func,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.types import TypeDecorator, Uuid

from alif.config import CommonSettings
from alif.errors import AppError
from alif.schemas import Found, PageParams

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLITE_BUSY_TIMEOUT_MS = 15_000

T = TypeVar("T")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in and out, on PostgreSQL and on SQLite (which stores no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Every table of every service. Relationships must be declared `lazy="raise"`."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads it as a class attribute
        datetime: UTCDateTime(),
        uuid.UUID: Uuid(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


def enum_type(enum: type[StrEnum], length: int = 20) -> Enum:
    """A `StrEnum` stored as its value in a VARCHAR: adding a member needs no type migration."""
    return Enum(
        enum, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


async def insert_if_absent(
    db: AsyncSession, model: type[Base], values: Mapping[str, Any], *, unique: str
) -> None:
    """INSERT ... ON CONFLICT (`unique`) DO NOTHING, for a row two requests may create at the same
    moment (a wallet, a subscription): the second waits for the first and then inserts nothing,
    so both go on to read the one row."""
    dialect = db.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await db.execute(insert(model).values(**values).on_conflict_do_nothing(index_elements=[unique]))


async def upsert(
    db: AsyncSession,
    model: type[Base],
    values: Mapping[str, Any],
    *,
    unique: Sequence[str],
    update: Sequence[str],
) -> None:
    """INSERT ... ON CONFLICT (`unique`) DO UPDATE the `update` columns, for a row two requests may
    write at the same moment (an attendance mark): the later one changes the row the earlier one
    made instead of failing on the unique constraint. `updated_at` follows when the model has it."""
    dialect = db.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(model).values(**values)
    changes: dict[str, Any] = {name: statement.excluded[name] for name in update}
    if "updated_at" in model.__table__.columns:
        changes["updated_at"] = utcnow()
    await db.execute(statement.on_conflict_do_update(index_elements=list(unique), set_=changes))


async def add_unique(db: AsyncSession, *rows: Base, taken: AppError) -> None:
    """Add rows a unique constraint guards (a code, a name); when the value is already taken —
    also by a request at the same moment — raise `taken`. The session stays usable (a savepoint
    is rolled back, not the request's transaction)."""
    try:
        async with db.begin_nested():
            db.add_all(rows)
            await db.flush()
    except IntegrityError as error:
        raise taken from error


async def find_page(
    db: AsyncSession,
    query: Select[T],
    page: PageParams,
    *order_by: ColumnExpressionArgument[Any],
) -> Found[T]:
    """One page of what `query` selects, in the given order, and how many rows match in all."""
    total = await db.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = await db.scalars(query.order_by(*order_by).limit(page.limit).offset(page.offset))
    return Found(items=list(items), total=total)


class UUIDPrimaryKey:
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)

    def __init__(self, **kwargs: Any) -> None:
        # The id exists from construction, so related rows can point at it before a flush.
        kwargs.setdefault("id", uuid.uuid4())
        super().__init__(**kwargs)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


def _configure_sqlite(engine: AsyncEngine) -> None:
    # The stdlib driver's own transaction handling breaks SAVEPOINT and defers locks; we take over.
    # BEGIN IMMEDIATE takes the write lock up front, so concurrent writers wait (busy_timeout)
    # instead of failing on a lock upgrade.
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_engine(settings: CommonSettings) -> AsyncEngine:
    if settings.is_sqlite:
        path = settings.database_url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            settings.database_url,
            echo=settings.database_echo,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        )
        _configure_sqlite(engine)
        return engine
    # Connecting gives up after 5 s, so a request fails with a retryable 503 instead of hanging.
    connect_args: dict[str, Any] = {"timeout": 5}
    if settings.database_behind_pgbouncer:
        # No cached prepared statements, and unique names for the unnamed ones asyncpg still
        # prepares, so two clients on one server connection never collide (SQLAlchemy's
        # asyncpg dialect documents both for PgBouncer).
        connect_args |= {
            "statement_cache_size": 0,  # asyncpg's own
            "prepared_statement_cache_size": 0,  # SQLAlchemy's adapter's
            "prepared_statement_name_func": lambda: f"__asyncpg_{uuid.uuid4()}__",
        }
    return create_async_engine(
        settings.database_url,
        echo=settings.database_echo,
        connect_args=connect_args,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
        # Off by default (a round trip per request): a connection a restarted PostgreSQL dropped
        # fails one request with a retryable 503 (`alif.outages`) and the pool is replaced.
        pool_pre_ping=settings.database_pool_pre_ping,
        pool_recycle=1800,
        pool_timeout=10,  # waiting for a free connection; then a retryable 503, not a hang
    )


class ReadOnlySession(Session):
    """A session for requests that only read: an ORM write is a programming error here."""

    def flush(self, objects: Sequence[Any] | None = None) -> None:
        if self.new or self.dirty or self.deleted:
            raise RuntimeError("a read-only request's session was asked to write")
        super().flush(objects)


class Database:
    """The engine and session factories of one process, kept on `app.state.db`."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sessionmaker: async_sessionmaker[AsyncSession] = async_sessionmaker(
            engine, expire_on_commit=False
        )
        # Reads without BEGIN and COMMIT: two round trips fewer per request. In PostgreSQL's
        # READ COMMITTED each statement sees its own snapshot, in a transaction or not, so a
        # reader sees the same rows. SQLite keeps its transactions (its locking is configured
        # per transaction, and there is no network to save).
        reader = engine
        if engine.dialect.name == "postgresql":
            reader = engine.execution_options(isolation_level="AUTOCOMMIT")
        self.read_sessionmaker: async_sessionmaker[AsyncSession] = async_sessionmaker(
            reader, expire_on_commit=False, sync_session_class=ReadOnlySession
        )

    @classmethod
    def from_settings(cls, settings: CommonSettings) -> "Database":
        return cls(create_engine(settings))

    async def ping(self) -> None:
        async with self.sessionmaker() as session:
            await session.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()


@asynccontextmanager
async def standalone_session(settings: CommonSettings) -> AsyncIterator[AsyncSession]:
    """A session outside any request (operator commands, jobs), committed when the block ends."""
    database = Database.from_settings(settings)
    try:
        async with database.sessionmaker() as session, session.begin():
            yield session
    finally:
        await database.dispose()


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request, committed before the response is sent, rolled back on error.

    An `AppError` with `commit_changes` set (a failed attempt that must be counted) keeps its
    changes; every other error leaves nothing behind.
    """
    database: Database = request.app.state.db
    async with database.sessionmaker() as session:
        try:
            yield session
        except AppError as error:
            if error.commit_changes:
                await session.commit()
            else:
                await session.rollback()
            raise
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


async def get_read_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A session for handlers that only read (hot lists, `/me`): no transaction round trips,
    and any ORM write raises instead of being committed statement by statement."""
    database: Database = request.app.state.db
    async with database.read_sessionmaker() as session:
        yield session


ReadSessionDep = Annotated[AsyncSession, Depends(get_read_session, scope="function")]
