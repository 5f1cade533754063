"""The live board over a WebSocket: every process serving watchers subscribes to the round's
channel in the shared cache (Redis pub/sub; in process for the embedded run), and sends each
watcher their board again whenever a participant's result changes.

A browser cannot put an Authorization header on a WebSocket, and a token in the URL would land
in logs: the client's first message is `{"token": "<access token>"}`.
"""

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Query, WebSocket, status
from pydantic import BaseModel, ValidationError

from alif.auth import TokenUser, verify_token
from alif.cache import Cache
from alif.db import Database
from alif.errors import AppError
from alif.kernel.models import Region
from olimp.olympiads import service as olympiads
from olimp.olympiads.exceptions import RoundNotFound
from olimp.olympiads.models import Round
from olimp.papers import service

router = APIRouter(tags=["papers"])

SIGN_IN_SECONDS = 10
# A watcher gets at most one board per this long; every change within it is in the next one.
COALESCE_SECONDS = 0.5
# One board read at a time per process: a change wakes every watcher at once, and reading them
# one by one keeps a burst of watchers from taking every database connection.
_reading = asyncio.Lock()


class Hello(BaseModel):
    token: str


async def _signed_in(websocket: WebSocket) -> TokenUser | None:
    try:
        async with asyncio.timeout(SIGN_IN_SECONDS):
            hello = Hello.model_validate(await websocket.receive_json())
        return await verify_token(websocket.app.state, hello.token)
    except (TimeoutError, ValidationError, ValueError, AppError):
        return None


@router.websocket("/ws/rounds/{round_id}/board")
async def watch_board(
    websocket: WebSocket,
    round_id: uuid.UUID,
    region: Annotated[Region | None, Query()] = None,
    district: Annotated[str | None, Query(max_length=100)] = None,
    school: Annotated[str | None, Query(max_length=200)] = None,
    grade: Annotated[int | None, Query(ge=1, le=11)] = None,
) -> None:
    """The round's board now, then again after every change, as `GET .../board` answers it."""
    await websocket.accept()
    user = await _signed_in(websocket)
    if user is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION, reason="not_authenticated")
        return
    database: Database = websocket.app.state.db
    cache: Cache = websocket.app.state.cache

    async def current() -> str:
        async with _reading, database.sessionmaker() as db:
            round_ = await db.get(Round, round_id)
            if round_ is None:
                raise RoundNotFound()
            olympiad = await olympiads.get_olympiad(db, round_.olympiad_id, user)
            board = await service.board(
                db,
                olympiad,
                round_,
                user,
                region=region,
                district=district,
                school=school,
                grade=grade,
            )
            return board.model_dump_json()

    async def forward() -> None:
        changed = asyncio.Event()

        async def listen(changes: AsyncIterator[str]) -> None:
            async for _ in changes:
                changed.set()

        try:
            async with cache.subscribe(service.board_channel(round_id)) as changes:
                listener = asyncio.create_task(listen(changes))
                try:
                    await websocket.send_text(await current())
                    while True:
                        await changed.wait()
                        changed.clear()
                        await websocket.send_text(await current())
                        # The changes of the next moment become one read, not one each: a
                        # national round saves hundreds of answers a second (bench/RESULTS.md).
                        await asyncio.sleep(COALESCE_SECONDS)
                finally:
                    listener.cancel()
        except AppError as error:
            await websocket.close(code=status.WS_1008_POLICY_VIOLATION, reason=error.code)

    async def until_gone() -> None:
        # Watchers send nothing more; reading is how a closed connection is noticed.
        while (await websocket.receive())["type"] != "websocket.disconnect":
            pass

    tasks = [asyncio.create_task(forward()), asyncio.create_task(until_gone())]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
