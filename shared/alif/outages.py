"""What a request answers when something it depends on is down, rather than a 500.

PostgreSQL restarting, Redis gone, the disk full: none of these is a bug in the request, and each
passes. The client is told so with a 503 (507 for a full disk) whose code is stable, so the web
apps and API clients retry (`Retry-After`) instead of showing "something went wrong". The request
middleware (`alif.logging`) asks `outage_of` about every exception no handler answered; every
write a client retries is idempotent (docs/conventions.md), so a retry never doubles anything.
"""

import errno
from collections.abc import Iterator
from dataclasses import dataclass

import asyncpg
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout


@dataclass(frozen=True)
class Outage:
    status: int
    code: str
    message: str
    retry_after: int


DATABASE_UNAVAILABLE = Outage(
    503,
    "database_unavailable",
    "The service cannot reach its database for a moment. Please try again.",
    5,
)
CACHE_UNAVAILABLE = Outage(
    503,
    "cache_unavailable",
    "Part of the service is unavailable for a moment. Please try again.",
    5,
)
STORAGE_FULL = Outage(
    507,
    "storage_full",
    "The server has no room to keep this file now. Nothing was saved; please try again later.",
    60,
)

# asyncpg's own errors for a server that is starting, stopping or gone (raised at connect time,
# before SQLAlchemy wraps anything).
_ASYNCPG_OUTAGES = (
    asyncpg.CannotConnectNowError,
    asyncpg.ConnectionDoesNotExistError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.TooManyConnectionsError,
)


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error and what caused it (`raise ... from`), without looping."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _outage_of_one(error: BaseException) -> Outage | None:
    if isinstance(error, RedisConnectionError | RedisTimeoutError):
        return CACHE_UNAVAILABLE
    if isinstance(error, DBAPIError):
        if error.connection_invalidated or isinstance(error, OperationalError | InterfaceError):
            return DATABASE_UNAVAILABLE
        return _outage_of_one(error.orig) if isinstance(error.orig, BaseException) else None
    if isinstance(error, (PoolTimeout, *_ASYNCPG_OUTAGES)):
        return DATABASE_UNAVAILABLE
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return STORAGE_FULL
    # A refused or reset connection, or a connect that timed out, that no client library wrapped:
    # asyncpg connecting to a PostgreSQL that is down. Only when raised by the database's code: a
    # timeout elsewhere is not the database's.
    if isinstance(error, ConnectionError | TimeoutError) and _raised_in(error, _DATABASE_CODE):
        return DATABASE_UNAVAILABLE
    return None


_DATABASE_CODE = ("asyncpg", "sqlalchemy")


def _raised_in(error: BaseException, packages: tuple[str, ...]) -> bool:
    traceback = error.__traceback__
    while traceback is not None:
        module = str(traceback.tb_frame.f_globals.get("__name__", ""))
        if module.split(".", 1)[0] in packages:
            return True
        traceback = traceback.tb_next
    return False


def outage_of(error: BaseException) -> Outage | None:
    """The outage an unhandled exception means, or None for a real bug (then it is a 500)."""
    for link in _chain(error):
        found = _outage_of_one(link)
        if found is not None:
            return found
    return None
