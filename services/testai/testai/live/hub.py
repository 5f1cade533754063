"""The sockets one process serves, grouped by game.

Each game with a socket here has one subscription to its channel (not one per socket): an event
is turned into the message for each socket (the host's, every player's, or a player's own) and
put in that socket's outbox, which its own writer drains, so a slow phone never holds up the
class. Each process also arms the open question's close on its own timer; the first to fire
closes it (`LiveGames.close_question`), so the game does not depend on any one worker.
"""

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Literal

import structlog
from fastapi import WebSocket, status

from testai.live.exceptions import GameNotFound
from testai.live.schemas import Removed
from testai.live.service import ANSWER_GRACE, Event, LiveGames, Phase

logger = structlog.get_logger("testai.live")

OUTBOX = 256  # a socket this far behind is closed; reconnecting gives it the current state


@dataclass(frozen=True)
class Close:
    code: int
    reason: str


@dataclass(eq=False)
class Connection:
    websocket: WebSocket
    role: Literal["host", "player"]
    player_id: str | None
    outbox: asyncio.Queue[str | Close] = field(
        default_factory=lambda: asyncio.Queue(maxsize=OUTBOX)
    )
    closing: bool = False

    def send(self, message: str) -> None:
        if self.closing:
            return
        try:
            self.outbox.put_nowait(message)
        except asyncio.QueueFull:
            self.close(status.WS_1013_TRY_AGAIN_LATER, "too_slow")

    def close(self, code: int, reason: str) -> None:
        if self.closing:
            return
        self.closing = True
        with contextlib.suppress(asyncio.QueueFull):
            self.outbox.put_nowait(Close(code, reason))

    async def write(self) -> None:
        """Send the outbox in order until a close is asked for."""
        while True:
            item = await self.outbox.get()
            if isinstance(item, Close):
                await self.websocket.close(code=item.code, reason=item.reason)
                return
            await self.websocket.send_text(item)


class Room:
    def __init__(self, games: LiveGames, code: str) -> None:
        self.games = games
        self.code = code
        self.connections: set[Connection] = set()
        self.ready = asyncio.Event()
        self._timer: asyncio.Task[None] | None = None
        self._listener = asyncio.create_task(self._listen())

    async def _listen(self) -> None:
        async with self.games.cache.subscribe(self.games.channel(self.code)) as events:
            self.ready.set()
            async for raw in events:
                try:
                    self.deliver(Event.model_validate_json(raw))
                except Exception:  # one bad event must not silence the game
                    logger.exception("live_event_not_delivered", code=self.code)

    def deliver(self, event: Event) -> None:
        for connection in list(self.connections):
            if event.removed is not None and connection.player_id == event.removed:
                connection.send(Removed().model_dump_json())
                connection.close(status.WS_1008_POLICY_VIOLATION, "player_removed")
                continue
            if connection.role == "host":
                message = event.host
            else:
                message = event.personal.get(connection.player_id or "") or event.players
            if message is not None:
                connection.send(message)
            if event.over:
                connection.close(status.WS_1000_NORMAL_CLOSURE, "game_over")
        if event.arm is not None and event.index is not None:
            self.arm(event.arm, event.index)
        elif event.index is not None:
            self.disarm()  # paused

    def arm(self, closes_at: float, index: int) -> None:
        self.disarm()
        delay = max(0.0, closes_at - self.games.clock())
        self._timer = asyncio.create_task(self._close_after(delay, index))

    def disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    async def _close_after(self, delay: float, index: int) -> None:
        await asyncio.sleep(delay)
        try:
            await self.games.close_question(self.code, index)
        except GameNotFound:
            pass
        except Exception:
            logger.exception("live_close_failed", code=self.code, index=index)

    async def stop(self) -> None:
        self.disarm()
        self._listener.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await self._listener


class Hub:
    """Every room of this process; one per app (`app.state.live_hub`)."""

    def __init__(self, games: LiveGames) -> None:
        self.games = games
        self.rooms: dict[str, Room] = {}

    async def attach(self, code: str, connection: Connection) -> None:
        room = self.rooms.get(code)
        if room is None:
            room = self.rooms[code] = Room(self.games, code)
            try:
                await asyncio.wait_for(room.ready.wait(), timeout=10)
                # A worker that joins a running game arms the open question's close too.
                state = await self.games.state(code)
            except BaseException:
                del self.rooms[code]
                await room.stop()
                raise
            if state.phase is Phase.question and state.paused_left is None:
                room.arm(state.closes_at + ANSWER_GRACE, state.index)
        else:
            await asyncio.wait_for(room.ready.wait(), timeout=10)
        room.connections.add(connection)

    async def detach(self, code: str, connection: Connection) -> None:
        room = self.rooms.get(code)
        if room is None:
            return
        room.connections.discard(connection)
        if not room.connections:
            del self.rooms[code]
            await room.stop()

    async def close(self) -> None:
        for room in list(self.rooms.values()):
            for connection in room.connections:
                connection.close(status.WS_1012_SERVICE_RESTART, "server_restart")
            await room.stop()
        self.rooms.clear()
