"""The live board: watchers signed in over a WebSocket get the board, then every change."""

import asyncio
import json
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from alif.auth import Role
from alif.testing import LoginAs, serve_here
from olimp.testing import OLYMPIADS, build_olympiad, open_round, registered_child


async def _next(watcher: ClientConnection) -> dict[str, Any]:
    # A bound on a wait that should be immediate, so a broken feature fails instead of hanging.
    async with asyncio.timeout(10):
        board: dict[str, Any] = json.loads(await watcher.recv())
    return board


async def test_every_watcher_sees_every_change(
    started_app: FastAPI, login_as: LoginAs, db_session: AsyncSession
) -> None:
    organizer = await login_as(Role.admin)
    olympiad = await build_olympiad(organizer)
    child = await registered_child(db_session, login_as, olympiad)
    round_id = olympiad["rounds"][0]["id"]
    await open_round(db_session, round_id)
    attempt = (await child.post(f"{OLYMPIADS}/{olympiad['id']}/rounds/{round_id}/attempt")).json()
    parent = await login_as(Role.parent)

    async with serve_here(started_app) as url:
        ws = url.replace("http", "ws") + f"/api/olimp/ws/rounds/{round_id}/board"
        async with connect(ws) as first, connect(ws) as second:
            await first.send(json.dumps({"token": organizer.token}))
            await second.send(json.dumps({"token": parent.token}))
            for watcher in (first, second):
                assert [r["score"] for r in (await _next(watcher))["rows"]] == [10]
            question = attempt["questions"][0]
            saved = await child.put(
                f"/api/olimp/attempts/{attempt['id']}/answers/{question['id']}",
                json={"choice": [question["options"][0]["id"]]},
            )
            assert saved.status_code == 200
            for watcher in (first, second):
                assert [r["score"] for r in (await _next(watcher))["rows"]] != [10]


async def test_a_watcher_without_a_valid_token_is_turned_away(
    started_app: FastAPI, login_as: LoginAs, db_session: AsyncSession
) -> None:
    olympiad = await build_olympiad(await login_as(Role.admin), publish=False)
    round_id = olympiad["rounds"][0]["id"]
    student = await login_as(Role.student)
    async with serve_here(started_app) as url:
        ws = url.replace("http", "ws") + f"/api/olimp/ws/rounds/{round_id}/board"
        for hello in ({"token": "forged"}, {"nothing": 1}, {"token": student.token}):
            async with connect(ws) as watcher:
                await watcher.send(json.dumps(hello))
                with pytest.raises(ConnectionClosed) as closed:
                    async with asyncio.timeout(10):
                        await watcher.recv()
                assert closed.value.rcvd is not None
                assert closed.value.rcvd.code == 1008
                # The draft is another organizer's: not found, as over HTTP.
                assert closed.value.rcvd.reason in ("not_authenticated", "olympiad_not_found")
