"""A small app built with `create_app`, with routes that exercise the shared machinery."""

import errno
from typing import Any

import asyncpg
import pytest
from fastapi import APIRouter, FastAPI
from pydantic import BaseModel, Field
from redis.exceptions import ConnectionError as RedisConnectionError

from alif.app import create_app
from alif.auth import AccountStatus, CurrentUser, MaybeUser, Role, TeachingUser
from alif.config import CommonSettings
from alif.db import SessionDep
from alif.errors import BadRequest, Conflict
from alif.kernel.models import User


class Echo(BaseModel):
    name: str = Field(min_length=2)
    age: int


class CountedFailure(BadRequest):
    commit_changes = True


def _add_user(session: SessionDep, first_name: str) -> None:
    session.add(User(role=Role.parent, status=AccountStatus.active, first_name=first_name))


private = APIRouter(prefix="/probe", tags=["probe"])
public = APIRouter(prefix="/open", tags=["open"])


@private.get("/whoami")
async def whoami(user: CurrentUser) -> dict[str, str]:
    return {"id": str(user.id), "role": user.role.value}


@private.get("/teaching")
async def teaching(user: TeachingUser) -> dict[str, str]:
    return {"id": str(user.id)}


@public.get("/boom")
async def boom() -> None:
    raise RuntimeError("secret internals")


@public.get("/outage/{kind}")
async def outage(kind: str) -> None:
    """What a dependency that is down raises, as the libraries raise it."""
    if kind == "database":
        # asyncpg connecting to a stopped PostgreSQL (nothing listens on the discard port),
        # wrapped once more by the caller
        try:
            await asyncpg.connect(host="127.0.0.1", port=9, user="alif", timeout=5)
        except OSError as error:
            raise RuntimeError("could not load the user") from error
    if kind == "timeout":
        raise TimeoutError("a slow computation of our own")  # not the database's: a 500
    if kind == "cache":
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379")
    if kind == "disk":
        raise OSError(errno.ENOSPC, "No space left on device")
    raise OSError(errno.EACCES, "Permission denied")


@public.get("/conflict")
async def conflict() -> None:
    raise Conflict("Already done.", details={"hint": "nothing to do"})


@public.post("/echo")
async def echo(data: Echo) -> Echo:
    return data


@public.post("/write-then-fail")
async def write_then_fail(session: SessionDep) -> None:
    _add_user(session, "Rolled back")
    await session.flush()
    raise Conflict()


@public.post("/write-then-count")
async def write_then_count(session: SessionDep) -> None:
    _add_user(session, "Kept")
    await session.flush()
    raise CountedFailure()


@public.post("/write")
async def write(session: SessionDep) -> None:
    _add_user(session, "Committed")


@public.get("/maybe")
async def maybe(user: MaybeUser) -> dict[str, Any]:
    return {"signed_in": user is not None}


@pytest.fixture(scope="session")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_app(CommonSettings(**settings_values), routers=[private], public_routers=[public])
