"""The live game: a teacher starts one over HTTP; the host screen and the phones play it over
one WebSocket each, `/ws/live` (signed in by the first message, as olimp's board)."""

import asyncio
import contextlib
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, WebSocket, status
from pydantic import ValidationError

from alif.auth import TokenUser, verify_token
from alif.cache import Limit, RateLimiter
from alif.db import Database, SessionDep
from alif.errors import AppError, error_responses
from testai.access import StaffDep
from testai.live import service
from testai.live.exceptions import GameNotFound, NotAPlayer, NotGameHost, TooManyCodeGuesses
from testai.live.hub import Connection, Hub
from testai.live.models import LiveGame
from testai.live.schemas import (
    PROTOCOL,
    AnswerMessage,
    ErrorMessage,
    GameOptions,
    GameRead,
    GameResults,
    Hello,
    HostCommand,
    Kick,
    Ping,
    Pong,
    StandingRead,
    client_message,
)
from testai.live.service import Joined, LiveGames
from testai.quizzes import service as quizzes
from testai.quizzes.dependencies import ReadableQuiz
from testai.quizzes.models import Quiz

router = APIRouter(prefix="/tests/{test_id}/live", tags=["live"])
sockets = APIRouter(tags=["live"])

HELLO_SECONDS = 10
# The client pings every 15 s; a socket silent for this long is gone (a phone put away).
IDLE_SECONDS = 60
CODE_GUESSES = Limit(30, 900)


def _read(game: LiveGame, quiz: Quiz, question_count: int) -> GameRead:
    return GameRead(
        id=game.id,
        test_id=game.test_id,
        code=game.code,
        title=quiz.title,
        nicknames_allowed=game.nicknames_allowed,
        speed_bonus=game.speed_bonus,
        streaks=game.streaks,
        seconds_per_question=game.seconds_per_question,
        question_count=question_count,
        created_at=game.created_at,
        ended_at=game.ended_at,
        player_count=game.player_count,
    )


def _games(request: Request) -> LiveGames:
    games: LiveGames = request.app.state.live
    return games


GamesDep = Annotated[LiveGames, Depends(_games)]


@router.post("", status_code=status.HTTP_201_CREATED, responses=error_responses(404, 409))
async def create_live_game(
    quiz: ReadableQuiz, staff: StaffDep, db: SessionDep, games: GamesDep, options: GameOptions
) -> GameRead:
    """Host the test as a live game: its six-digit code is what the class types to join."""
    game, count = await games.create(db, staff.user, quiz, options)
    return _read(game, quiz, count)


@router.get("", responses=error_responses(404))
async def list_live_games(quiz: ReadableQuiz, db: SessionDep) -> list[GameRead]:
    """The test's live games, newest first."""
    count = len(await quizzes.questions_of(db, quiz.id))
    return [_read(game, quiz, count) for game in await service.games_of(db, quiz)]


@router.get("/{game_id}", responses=error_responses(404))
async def live_game_results(quiz: ReadableQuiz, game_id: uuid.UUID, db: SessionDep) -> GameResults:
    """A game's final standings (empty while it runs)."""
    game = await db.get(LiveGame, game_id)
    if game is None or game.test_id != quiz.id:
        raise GameNotFound()
    count = len(await quizzes.questions_of(db, quiz.id))
    rows = await service.standings(db, game)
    return GameResults(
        game=_read(game, quiz, count),
        standings=[StandingRead.model_validate(row) for row in rows],
    )


# --- the socket ------------------------------------------------------------------------------


async def _receive(websocket: WebSocket, seconds: float) -> str | None:
    """The next text message; None when the socket closed or sent something else."""
    async with asyncio.timeout(seconds):
        message = await websocket.receive()
    if message["type"] == "websocket.disconnect":
        return None
    text = message.get("text")
    return text if isinstance(text, str) else None


async def _admit(websocket: WebSocket, hello: Hello) -> tuple[TokenUser | None, Joined | None]:
    """Who this socket is: the game's host, a signed-in player or a nickname player."""
    games: LiveGames = websocket.app.state.live
    limiter: RateLimiter = websocket.app.state.rate_limiter
    guesses = f"live-code-guess:{websocket.client.host if websocket.client else ''}"
    await limiter.check(guesses, CODE_GUESSES, TooManyCodeGuesses)
    try:
        state = await games.state(hello.code)
    except GameNotFound:
        await limiter.record(guesses, CODE_GUESSES)
        raise
    user = await verify_token(websocket.app.state, hello.token) if hello.token else None
    if hello.role == "host":
        if user is None:
            raise NotGameHost()
        games.check_host(state, user)
        return user, None
    if user is not None:
        database: Database = websocket.app.state.db
        async with database.sessionmaker() as db:
            name = await service.display_name(db, user)
        return user, await games.join_account(hello.code, user, name)
    if hello.resume:
        return None, await games.resume(hello.code, hello.resume)
    if hello.nickname:
        return None, await games.join_nickname(hello.code, hello.nickname)
    raise NotAPlayer()


@sockets.websocket("/ws/live")
async def play_live(websocket: WebSocket) -> None:
    """One host screen or one phone. The first message is a `hello`; then the server sends the
    game as it is and every change, and takes answers, host commands and pings."""
    await websocket.accept()
    games: LiveGames = websocket.app.state.live
    hub: Hub = websocket.app.state.live_hub
    try:
        raw = await _receive(websocket, HELLO_SECONDS)
        hello = Hello.model_validate_json(raw or "")
    except (TimeoutError, ValidationError):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION, reason="bad_hello")
        return
    if hello.v != PROTOCOL:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION, reason="unsupported_version")
        return
    try:
        user, joined = await _admit(websocket, hello)
    except AppError as error:
        await websocket.send_text(
            ErrorMessage(code=error.code, message=error.detail_message).model_dump_json()
        )
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION, reason=error.code)
        return
    player_id = joined.player.id if joined else None
    connection = Connection(websocket, hello.role, player_id)
    await hub.attach(hello.code, connection)
    writer = asyncio.create_task(connection.write())
    try:
        # Subscribed first, then the snapshot: no change falls between the two.
        for message in await games.snapshot(hello.code, hello.role, joined):
            connection.send(message)
        while not writer.done():
            try:
                raw = await _receive(websocket, IDLE_SECONDS)
            except TimeoutError:
                connection.close(status.WS_1001_GOING_AWAY, "idle")
                break
            if raw is None:
                break
            await _handle(games, hello.code, connection, user, raw, games.clock())
    except (RuntimeError, OSError):  # the socket went away while we were sending or reading
        pass
    finally:
        await hub.detach(hello.code, connection)
        if not writer.done():
            with contextlib.suppress(asyncio.TimeoutError, Exception):
                await asyncio.wait_for(writer, timeout=1)
            writer.cancel()


async def _handle(
    games: LiveGames,
    code: str,
    connection: Connection,
    user: TokenUser | None,
    raw: str,
    received_at: float,
) -> None:
    try:
        message = client_message.validate_json(raw)
    except ValidationError:
        connection.send(
            ErrorMessage(
                code="bad_message", message="This message is not understood."
            ).model_dump_json()
        )
        return
    try:
        match message:
            case Ping():
                connection.send(Pong().model_dump_json())
            case AnswerMessage():
                if connection.role != "player" or connection.player_id is None:
                    raise NotAPlayer()
                answered = await games.answer(
                    code, connection.player_id, message, received_at=received_at
                )
                connection.send(answered.model_dump_json())
            case HostCommand() | Kick():
                if connection.role != "host" or user is None:
                    raise NotGameHost()
                if isinstance(message, Kick):
                    await games.remove(code, user, message.player_id)
                else:
                    await games.command(code, user, message.type)
    except AppError as error:
        connection.send(
            ErrorMessage(code=error.code, message=error.detail_message).model_dump_json()
        )
