"""Live games: a teacher hosts a published test, the class answers on their phones.

The running game lives in the shared cache (Redis; in process for the embedded run), so any
worker can serve any socket of it: the state (phase, question, the question's clock), the
players, one hash of answers per question (`hsetnx_unless`: the first answer of a player wins,
whichever worker received it, unless the question's close mark is already set), the running
totals. Every change is published on the game's channel; each
worker forwards it to the sockets it serves (`hub.py`).

The server's clock decides everything: a question opens at the server's time and closes
`seconds` later; an answer is accepted only if it arrived before the close (plus a short grace
for answers a busy server read late), and its speed is the server's time of arrival minus the
opening. Every worker that serves the game arms a timer for
the close; the first to fire closes it (`hsetnx` on the question's close mark), so the game goes
on whichever worker or socket goes away. Scoring is Kahoot's (domain-rules §3.2): a right answer
earns up to 1000 × the question's points, half of it for speed, plus a streak bonus of 100 per
right answer in a row after the first (at most 500); either can be switched off.

At the end the podium is published and the results are saved: the game and every player's
standing, and for each signed-in student a finished attempt of the test (graded as any attempt,
paying coins only as the test's pass rule allows), so the teacher's results include the game.
"""

import asyncio
import json
import random
import secrets
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

import structlog
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif import text
from alif.assessment import grading
from alif.assessment import questions as assessment
from alif.assessment.exceptions import AnswerDoesNotFit
from alif.assessment.schemas import AnswerKey, Response
from alif.assessment.types import CHOICE_TYPES, QuestionType
from alif.auth import Role, TokenUser
from alif.cache import Cache
from alif.db import Database, utcnow
from alif.kernel.models import User
from testai.attempts import service as attempts
from testai.attempts.models import Answer, Attempt, AttemptStatus
from testai.live.exceptions import (
    GameFull,
    GameNotFound,
    NicknameNotAllowed,
    NicknamesNotAllowed,
    NicknameTaken,
    NotAPlayer,
    NotGameHost,
    PlayerRemoved,
    WrongPhase,
)
from testai.live.models import LiveGame, LivePlayer
from testai.live.names import is_rude
from testai.live.schemas import (
    AnswerCount,
    Answered,
    AnswerMessage,
    Bar,
    GameOptions,
    Lobby,
    OptionView,
    PlayerView,
    Podium,
    QuestionOpen,
    QuestionView,
    Ranked,
    Reveal,
    Settings,
    Timer,
    TimerChanged,
    Welcome,
    YourFinal,
    YourResult,
)
from testai.questions.models import Question
from testai.quizzes import service as quizzes
from testai.quizzes.exceptions import TestIsEmpty, TestNotPublished
from testai.quizzes.models import Quiz, QuizStatus

logger = structlog.get_logger("testai.live")

Clock = Callable[[], float]
"""Seconds since the epoch on the server; tests pass their own."""

GAME_TTL = 6 * 3600  # a game left running is forgotten after this long
MAX_PLAYERS = 500
TOP = 5
FULL_POINTS = 1000
STREAK_STEP = 100
STREAK_CAP = 500
# An answer the server received up to this long after the close still counts (it was sent in
# time and waited for a busy server); the close itself happens after it.
ANSWER_GRACE = 0.5
CODE_TRIES = 30
LOBBY_EVERY = 0.2
COUNT_EVERY = 0.1
_shuffler = random.SystemRandom()


class Phase(StrEnum):
    lobby = "lobby"
    question = "question"
    reveal = "reveal"
    podium = "podium"


class GameState(BaseModel):
    game_id: str
    test_id: str
    host_id: str
    title: str
    code: str
    settings: Settings
    question_ids: list[str]
    phase: Phase = Phase.lobby
    index: int = -1
    opened_at: float = 0.0  # moved on by a pause, so `now - opened_at` is time the question ran
    closes_at: float = 0.0
    paused_left: float | None = None


class StoredQuestion(BaseModel):
    id: str
    type: QuestionType
    text: str
    image_url: str | None
    points: int
    options: list[dict[str, Any]]
    key: dict[str, Any] | None


class PlayerRecord(BaseModel):
    id: str
    name: str
    user_id: str | None = None
    student: bool = False


class Total(BaseModel):
    score: int = 0
    streak: int = 0
    correct: int = 0


class StoredAnswer(BaseModel):
    response: dict[str, Any]
    elapsed: float


class Event(BaseModel):
    """What goes over the game's channel: ready-made messages for the workers to forward."""

    host: str | None = None
    players: str | None = None
    personal: dict[str, str] = Field(default_factory=dict)
    removed: str | None = None
    arm: float | None = None  # the server time at which the open question closes
    index: int | None = None
    over: bool = False


@dataclass(frozen=True)
class Joined:
    player: PlayerRecord
    resume: str | None = None


class Keys:
    def __init__(self, code: str) -> None:
        base = f"live:{code}"
        self.state = f"{base}:state"
        self.questions = f"{base}:questions"
        self.players = f"{base}:players"
        self.names = f"{base}:names"
        self.removed = f"{base}:removed"
        self.resume = f"{base}:resume"
        self.totals = f"{base}:totals"
        self.closed = f"{base}:closed"
        self.lock = f"{base}:lock"
        self.reveal = f"{base}:reveal"
        self.podium = f"{base}:podium"
        self.channel = f"{base}:events"
        self._base = base

    def answers(self, index: int) -> str:
        return f"{self._base}:answers:{index}"


# --- scoring -----------------------------------------------------------------------------


def answer_points(
    fraction: float, elapsed: float, seconds: int, question_points: int, *, speed_bonus: bool
) -> int:
    """Kahoot's formula: full points for an instant answer, half for one at the last moment."""
    if fraction <= 0:
        return 0
    possible = FULL_POINTS * question_points * fraction
    if not speed_bonus:
        return round(possible)
    share = min(max(elapsed, 0.0), float(seconds)) / seconds
    return round(possible * (1 - share / 2))


def streak_bonus(streak: int) -> int:
    """The bonus of a right answer that makes `streak` right answers in a row."""
    return min(max(streak - 1, 0) * STREAK_STEP, STREAK_CAP)


def ranking(players: dict[str, PlayerRecord], totals: dict[str, Total]) -> list[Ranked]:
    """Highest score first; equal scores share a rank (1, 1, 3)."""
    rows = sorted(
        ((p, totals.get(p.id, Total()).score) for p in players.values()),
        key=lambda row: (-row[1], text.fold_for_comparison(row[0].name), row[0].id),
    )
    ranked: list[Ranked] = []
    for position, (player, score) in enumerate(rows):
        rank = ranked[-1].rank if ranked and ranked[-1].score == score else position + 1
        ranked.append(Ranked(id=player.id, name=player.name, score=score, rank=rank))
    return ranked


def _transient(question: StoredQuestion) -> Question:
    # The shared grading reads a question's type, options and key; the stored copy has them.
    return Question(
        type=question.type,
        text=question.text,
        options=question.options,
        answer_key=question.key,
        points=question.points,
    )


def _fraction(question: StoredQuestion, response: dict[str, Any]) -> float:
    key: AnswerKey | None = question.key  # type: ignore[assignment]
    stored: Response = response  # type: ignore[assignment]
    return grading.fraction(question.type, key, stored, [str(o["id"]) for o in question.options])


def distribution(question: StoredQuestion, answers: dict[str, StoredAnswer]) -> list[Bar]:
    match question.type:
        case QuestionType.single | QuestionType.multiple:
            correct = set((question.key or {}).get("correct", []))
            return [
                Bar(
                    key=str(option["id"]),
                    label=str(option["text"]),
                    count=sum(
                        option["id"] in a.response.get("choice", []) for a in answers.values()
                    ),
                    correct=option["id"] in correct,
                )
                for option in question.options
            ]
        case QuestionType.true_false:
            truth = (question.key or {}).get("truth")
            return [
                Bar(
                    key=str(value).lower(),
                    label=str(value).lower(),
                    count=sum(a.response.get("truth") is value for a in answers.values()),
                    correct=truth is value,
                )
                for value in (True, False)
            ]
        case _:
            right = sum(_fraction(question, a.response) >= 1 for a in answers.values())
            return [
                Bar(key="right", label="right", count=right, correct=True),
                Bar(key="wrong", label="wrong", count=len(answers) - right, correct=False),
            ]


# --- the games -----------------------------------------------------------------------------


class LiveGames:
    """The rules of every live game this process serves; one per app (`app.state.live`)."""

    def __init__(
        self, cache: Cache, database: Database, policy: attempts.Policy, clock: Clock = time.time
    ) -> None:
        self.cache = cache
        self.database = database
        self.policy = policy
        self.clock = clock
        self._questions: dict[str, list[StoredQuestion]] = {}  # a game's questions never change
        self._background: set[asyncio.Task[bool]] = set()
        self._lobby_due: set[str] = set()
        self._counting: dict[str, int] = {}

    async def idle(self) -> None:
        """Wait for the closes this process started in the background (tests, shutdown)."""
        while self._background:
            await asyncio.gather(*self._background, return_exceptions=True)

    def channel(self, code: str) -> str:
        return Keys(code).channel

    # creating

    async def create(
        self, db: AsyncSession, host: TokenUser, quiz: Quiz, options: GameOptions
    ) -> tuple[LiveGame, int]:
        if quiz.status is not QuizStatus.published:
            raise TestNotPublished()
        items = await quizzes.questions_of(db, quiz.id)
        if not items:
            raise TestIsEmpty()
        if quiz.shuffle_questions:
            _shuffler.shuffle(items)
        stored = []
        for question in items:
            choices = list(question.options)
            if quiz.shuffle_options and question.type in CHOICE_TYPES:
                # One order for the whole class: the host's screen and every phone agree.
                _shuffler.shuffle(choices)
            stored.append(
                StoredQuestion(
                    id=str(question.id),
                    type=question.type,
                    text=question.text,
                    image_url=question.image_url,
                    points=question.points,
                    options=[{"id": o["id"], "text": o["text"]} for o in choices],
                    key=dict(question.answer_key) if question.answer_key else None,
                )
            )
        code = await self._reserve_code()
        game = LiveGame(
            test_id=quiz.id,
            host_id=host.id,
            code=code,
            nicknames_allowed=options.nicknames_allowed,
            speed_bonus=options.speed_bonus,
            streaks=options.streaks,
            seconds_per_question=options.seconds_per_question,
        )
        db.add(game)
        await db.flush()
        keys = Keys(code)
        state = GameState(
            game_id=str(game.id),
            test_id=str(quiz.id),
            host_id=str(host.id),
            title=quiz.title,
            code=code,
            settings=Settings(**options.model_dump()),
            question_ids=[q.id for q in stored],
        )
        payload = json.dumps([q.model_dump(mode="json") for q in stored], ensure_ascii=False)
        await self.cache.set(keys.questions, payload, ttl=GAME_TTL)
        await self._save(state)
        logger.info("live_game_created", game_id=str(game.id), test_id=str(quiz.id))
        return game, len(stored)

    async def _reserve_code(self) -> str:
        for _ in range(CODE_TRIES):
            code = f"{secrets.randbelow(10**6):06d}"
            if await self.cache.incr(f"live-code:{code}", GAME_TTL) == 1:
                return code
        raise GameFull("No free game code; please try again in a moment.")

    # reading

    async def state(self, code: str) -> GameState:
        raw = await self.cache.get(Keys(code).state)
        if raw is None:
            raise GameNotFound()
        return GameState.model_validate_json(raw)

    async def _save(self, state: GameState) -> None:
        await self.cache.set(Keys(state.code).state, state.model_dump_json(), ttl=GAME_TTL)

    async def questions(self, code: str) -> list[StoredQuestion]:
        found = self._questions.get(code)
        if found is None:
            raw = await self.cache.get(Keys(code).questions)
            if raw is None:
                raise GameNotFound()
            found = [StoredQuestion.model_validate(q) for q in json.loads(raw)]
            self._questions[code] = found
        return found

    async def players(self, code: str) -> dict[str, PlayerRecord]:
        keys = Keys(code)
        removed = await self.cache.hgetall(keys.removed)
        return {
            pid: PlayerRecord.model_validate_json(raw)
            for pid, raw in (await self.cache.hgetall(keys.players)).items()
            if pid not in removed
        }

    async def totals(self, code: str) -> dict[str, Total]:
        raw = await self.cache.hgetall(Keys(code).totals)
        return {pid: Total.model_validate_json(value) for pid, value in raw.items()}

    def check_host(self, state: GameState, user: TokenUser) -> None:
        if state.host_id != str(user.id):
            raise NotGameHost()

    @asynccontextmanager
    async def _locked(self, code: str) -> AsyncIterator[None]:
        """One change of a game's state at a time, across workers (the host's commands and the
        timers' closes); the lock expires by itself if its holder dies."""
        key = Keys(code).lock
        for _ in range(400):
            if await self.cache.incr(key, 5) == 1:
                break
            await asyncio.sleep(0.005)
        try:
            yield
        finally:
            await self.cache.delete(key)

    async def _publish(self, code: str, event: Event) -> None:
        await self.cache.publish(Keys(code).channel, event.model_dump_json())

    # joining

    async def join_account(self, code: str, user: TokenUser, name: str) -> Joined:
        """A signed-in player; joining again (a reload, another phone) is the same player."""
        state = await self.state(code)
        player = PlayerRecord(
            id=str(user.id), name=name, user_id=str(user.id), student=user.role is Role.student
        )
        return Joined(await self._add(state, player))

    async def join_nickname(self, code: str, nickname: str) -> Joined:
        state = await self.state(code)
        if not state.settings.nicknames_allowed:
            raise NicknamesNotAllowed()
        name = " ".join(text.normalize_uzbek(nickname).split())
        if not name or is_rude(name):
            raise NicknameNotAllowed()
        keys = Keys(code)
        player = PlayerRecord(id=f"n-{secrets.token_hex(6)}", name=name)
        if not await self.cache.hsetnx(keys.names, text.fold_for_comparison(name), player.id):
            raise NicknameTaken()
        resume = secrets.token_urlsafe(18)
        await self._add(state, player)
        await self.cache.hset(keys.resume, {resume: player.id})
        await self._expire(keys.names, keys.resume)
        return Joined(player, resume)

    async def resume(self, code: str, token: str) -> Joined:
        """A nickname player back after a lost connection, with the token they were given."""
        keys = Keys(code)
        await self.state(code)
        pid = await self.cache.hget(keys.resume, token)
        if pid is None:
            raise NotAPlayer()
        if await self.cache.hget(keys.removed, pid) is not None:
            raise PlayerRemoved()
        raw = await self.cache.hget(keys.players, pid)
        if raw is None:
            raise NotAPlayer()
        return Joined(PlayerRecord.model_validate_json(raw), token)

    async def _add(self, state: GameState, player: PlayerRecord) -> PlayerRecord:
        keys = Keys(state.code)
        if await self.cache.hget(keys.removed, player.id) is not None:
            raise PlayerRemoved()
        existing = await self.cache.hget(keys.players, player.id)
        if existing is not None:
            return PlayerRecord.model_validate_json(existing)
        if state.phase is Phase.podium:
            raise GameNotFound()
        if await self.cache.hlen(keys.players) >= MAX_PLAYERS:
            raise GameFull()
        await self.cache.hset(keys.players, {player.id: player.model_dump_json()})
        await self._expire(keys.players)
        await self._publish_lobby(state.code)
        return player

    async def _publish_lobby(self, code: str) -> None:
        """The host's list of players, at most every LOBBY_EVERY seconds per process: a class
        joining at once is a few lists, not one per child (each list is every player)."""
        if code in self._lobby_due:
            return
        self._lobby_due.add(code)

        async def later() -> bool:
            await asyncio.sleep(LOBBY_EVERY)
            self._lobby_due.discard(code)
            await self._send_lobby(code)
            return True

        task = asyncio.get_running_loop().create_task(later())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _send_lobby(self, code: str) -> None:
        players = await self.players(code)
        lobby = Lobby(players=[PlayerView(id=p.id, name=p.name) for p in players.values()])
        await self._publish(code, Event(host=lobby.model_dump_json()))

    async def _expire(self, *keys: str) -> None:
        for key in keys:
            await self.cache.expire(key, GAME_TTL)

    # what a socket sees when it arrives (or comes back)

    async def snapshot(
        self, code: str, role: Literal["host", "player"], joined: Joined | None
    ) -> list[str]:
        state = await self.state(code)
        player = joined.player if joined else None
        totals = await self.totals(code)
        welcome = Welcome(
            role=role,
            player_id=player.id if player else None,
            name=player.name if player else None,
            resume=joined.resume if joined else None,
            game_id=state.game_id,
            code=state.code,
            title=state.title,
            phase=state.phase.value,
            question_count=len(state.question_ids),
            settings=state.settings,
            score=totals.get(player.id, Total()).score if player else 0,
        )
        messages = [welcome.model_dump_json()]
        if role == "host":
            players = await self.players(code)
            lobby = Lobby(players=[PlayerView(id=p.id, name=p.name) for p in players.values()])
            messages.append(lobby.model_dump_json())
        match state.phase:
            case Phase.question:
                answered = False
                if player is not None:
                    raw = await self.cache.hget(Keys(code).answers(state.index), player.id)
                    answered = raw is not None
                opened = await self._question_open(state, answered=answered)
                messages.append(opened.model_dump_json())
            case Phase.reveal | Phase.podium:
                key = Keys(code).reveal if state.phase is Phase.reveal else Keys(code).podium
                shown = await self.cache.hget(key, player.id if player else "") or (
                    await self.cache.hget(key, "")
                )
                if shown is not None:
                    messages.append(shown)
            case Phase.lobby:
                pass
        return messages

    def _timer(self, state: GameState) -> Timer:
        seconds = state.settings.seconds_per_question
        if state.paused_left is not None:
            left = state.paused_left
        else:
            left = max(0.0, state.closes_at - self.clock())
        return Timer(
            seconds=seconds, remaining_ms=round(left * 1000), paused=state.paused_left is not None
        )

    async def _question_open(self, state: GameState, *, answered: bool = False) -> QuestionOpen:
        question = (await self.questions(state.code))[state.index]
        view = QuestionView(
            index=state.index,
            count=len(state.question_ids),
            type=question.type,
            text=question.text,
            image_url=question.image_url,
            points=question.points,
            options=[OptionView(id=str(o["id"]), text=str(o["text"])) for o in question.options],
        )
        return QuestionOpen(question=view, timer=self._timer(state), answered=answered)

    # answering

    async def answer(
        self,
        code: str,
        player_id: str,
        message: AnswerMessage,
        received_at: float | None = None,
    ) -> Answered:
        """Accept the player's first answer to the open question, on the server's clock
        (`received_at`: when the socket delivered it, before any queue of this process)."""
        now = self.clock() if received_at is None else received_at
        keys = Keys(code)
        state = await self.state(code)

        def refused(reason: str) -> Answered:
            return Answered(index=message.index, accepted=False, reason=reason)

        if state.phase is not Phase.question or message.index != state.index:
            return refused("question_closed")
        if state.paused_left is not None:
            return refused("game_paused")
        if now > state.closes_at + ANSWER_GRACE:
            return refused("question_closed")
        question = (await self.questions(code))[state.index]
        try:
            response = assessment.response(_transient(question), message)
        except AnswerDoesNotFit:
            return refused("answer_does_not_fit")
        if not response:
            return refused("answer_does_not_fit")
        elapsed = min(max(0.0, now - state.opened_at), float(state.settings.seconds_per_question))
        stored = StoredAnswer(response=dict(response), elapsed=elapsed)
        # Stored in one atomic step with the checks that the question is not closed and the
        # player not removed: an answer either lands before the close mark (and is scored) or
        # is refused; nothing is acknowledged and then missed.
        stored_as = await self.cache.hsetnx_unless(
            keys.answers(state.index),
            player_id,
            stored.model_dump_json(),
            [(keys.closed, str(state.index)), (keys.removed, player_id)],
        )
        if stored_as != 0:
            return refused(
                {-1: "already_answered", 1: "question_closed"}.get(stored_as, "player_removed")
            )
        if self._counting.get(code) != state.index:
            # The host's count, and the early close when everyone has answered, once per
            # COUNT_EVERY per process rather than once per answer: a class answers in a burst.
            self._counting[code] = state.index
            task = asyncio.get_running_loop().create_task(self._count(code, state.index))
            self._background.add(task)
            task.add_done_callback(self._background.discard)
        return Answered(index=state.index, accepted=True)

    async def _count(self, code: str, index: int) -> bool:
        await asyncio.sleep(COUNT_EVERY)
        self._counting.pop(code, None)
        keys = Keys(code)
        answers_key = keys.answers(index)
        answered = await self.cache.hlen(answers_key)
        await self.cache.expire(answers_key, GAME_TTL)
        playing = await self.cache.hlen(keys.players) - await self.cache.hlen(keys.removed)
        count = AnswerCount(index=index, answered=answered, players=playing)
        await self._publish(code, Event(host=count.model_dump_json()))
        if answered >= playing:
            # Everyone has answered: no one waits for the clock (as in Kahoot).
            return await self.close_question(code, index)
        return False

    # the host's commands

    async def command(self, code: str, user: TokenUser, command: str) -> None:
        state = await self.state(code)
        self.check_host(state, user)
        match command:
            case "start" | "next":
                await self._advance(code)
            case "skip":
                if state.phase is not Phase.question:
                    raise WrongPhase()
                await self.close_question(code, state.index)
            case "pause" | "resume":
                await self._pause(code, pause=command == "pause")
            case "end":
                await self.end(code)

    async def remove(self, code: str, user: TokenUser, player_id: str) -> None:
        """The host removes a player: they cannot answer or come back."""
        state = await self.state(code)
        self.check_host(state, user)
        keys = Keys(code)
        if await self.cache.hget(keys.players, player_id) is None:
            raise NotAPlayer()
        await self.cache.hset(keys.removed, {player_id: "1"})
        await self._expire(keys.removed)
        await self._publish(code, Event(removed=player_id))
        await self._publish_lobby(code)

    async def _advance(self, code: str) -> None:
        async with self._locked(code):
            state = await self.state(code)
            if state.phase is Phase.lobby:
                await self._open(state, 0)
            elif state.phase is Phase.reveal:
                if state.index + 1 < len(state.question_ids):
                    await self._open(state, state.index + 1)
                    return
            else:
                raise WrongPhase()
        if state.phase is Phase.reveal:
            await self.end(code)

    async def _open(self, state: GameState, index: int) -> None:
        now = self.clock()
        state.phase = Phase.question
        state.index = index
        state.opened_at = now
        state.closes_at = now + state.settings.seconds_per_question
        state.paused_left = None
        await self._save(state)
        opened = (await self._question_open(state)).model_dump_json()
        await self._publish(
            state.code,
            Event(host=opened, players=opened, arm=state.closes_at + ANSWER_GRACE, index=index),
        )
        logger.info("live_question_opened", game_id=state.game_id, index=index)

    async def _pause(self, code: str, *, pause: bool) -> None:
        async with self._locked(code):
            state = await self.state(code)
            if state.phase is not Phase.question or (state.paused_left is not None) == pause:
                raise WrongPhase()
            now = self.clock()
            if pause:
                state.paused_left = max(0.0, state.closes_at - now)
            else:
                state.closes_at = now + (state.paused_left or 0.0)
                state.opened_at = state.closes_at - state.settings.seconds_per_question
                state.paused_left = None
            await self._save(state)
            changed = TimerChanged(index=state.index, timer=self._timer(state)).model_dump_json()
            await self._publish(
                code,
                Event(
                    host=changed,
                    players=changed,
                    arm=None if pause else state.closes_at + ANSWER_GRACE,
                    index=state.index,
                ),
            )

    # closing a question, ending the game

    async def close_question(self, code: str, index: int) -> bool:
        """Close the question (the clock ran out, everyone answered, or the host skipped) and
        reveal it; only the first caller for a question does it. True when this call did."""
        state = await self.state(code)
        if state.phase is not Phase.question or state.index != index:
            return False
        keys = Keys(code)
        if not await self.cache.hsetnx(keys.closed, str(index), "1"):
            return False
        await self.cache.expire(keys.closed, GAME_TTL)
        async with self._locked(code):
            state = await self.state(code)
            if state.phase is not Phase.question or state.index != index:
                return False
            await self._reveal(state)
        return True

    async def _reveal(self, state: GameState) -> None:
        code = state.code
        keys = Keys(code)
        question = (await self.questions(code))[state.index]
        answers = {
            pid: StoredAnswer.model_validate_json(raw)
            for pid, raw in (await self.cache.hgetall(keys.answers(state.index))).items()
        }
        players = await self.players(code)
        totals = await self.totals(code)
        results: dict[str, tuple[bool, bool, int]] = {}
        for pid in players:
            total = totals.setdefault(pid, Total())
            answer = answers.get(pid)
            fraction = _fraction(question, answer.response) if answer else 0.0
            points = (
                answer_points(
                    fraction,
                    answer.elapsed,
                    state.settings.seconds_per_question,
                    question.points,
                    speed_bonus=state.settings.speed_bonus,
                )
                if answer
                else 0
            )
            correct = fraction >= 1
            if correct:
                total.streak += 1
                total.correct += 1
                if state.settings.streaks:
                    points += streak_bonus(total.streak)
            else:
                total.streak = 0
            total.score += points
            results[pid] = (answer is not None, correct, points)
        await self.cache.hset(keys.totals, {pid: t.model_dump_json() for pid, t in totals.items()})
        await self._expire(keys.totals)
        ranked = ranking(players, totals)
        reveal = Reveal(
            index=state.index,
            last=state.index + 1 >= len(state.question_ids),
            bars=distribution(question, answers),
            accepted=[str(a) for a in (question.key or {}).get("accepted", [])]
            if question.type is QuestionType.short_answer
            else [str((question.key or {}).get("value", ""))]
            if question.type is QuestionType.numeric
            else [],
            top=ranked[:TOP],
        )
        public = reveal.model_dump_json()
        personal = {}
        for row in ranked:
            answered, correct, points = results[row.id]
            mine = reveal.model_copy(
                update={
                    "you": YourResult(
                        answered=answered,
                        correct=correct,
                        points=points,
                        streak=totals[row.id].streak,
                        score=row.score,
                        rank=row.rank,
                    )
                }
            )
            personal[row.id] = mine.model_dump_json()
        state.phase = Phase.reveal
        await self._save(state)
        await self.cache.delete(keys.reveal)
        await self.cache.hset(keys.reveal, {"": public, **personal})
        await self._expire(keys.reveal)
        await self._publish(code, Event(host=public, players=public, personal=personal))
        logger.info("live_question_closed", game_id=state.game_id, index=state.index)

    async def end(self, code: str) -> None:
        """The podium, then the results saved; the host may end at any moment (an open
        question is closed and counted first)."""
        state = await self.state(code)
        if state.phase is Phase.question and not await self.close_question(code, state.index):
            # Another worker is closing it: its answers count before the podium.
            for _ in range(40):
                await asyncio.sleep(0.05)
                if (await self.state(code)).phase is not Phase.question:
                    break
        if not await self.cache.hsetnx(Keys(code).closed, "end", "1"):
            return
        async with self._locked(code):
            state = await self.state(code)
            players = await self.players(code)
            totals = await self.totals(code)
            ranked = ranking(players, totals)
            podium = Podium(top=ranked[:TOP], players=len(ranked))
            personal = {
                row.id: podium.model_copy(
                    update={
                        "you": YourFinal(
                            rank=row.rank,
                            score=row.score,
                            correct=totals.get(row.id, Total()).correct,
                        )
                    }
                ).model_dump_json()
                for row in ranked
            }
            public = podium.model_dump_json()
            state.phase = Phase.podium
            await self._save(state)
            keys = Keys(code)
            await self.cache.hset(keys.podium, {"": public, **personal})
            await self._expire(keys.podium)
        await self._publish(code, Event(host=public, players=public, personal=personal, over=True))
        async with self.database.sessionmaker() as db:
            await self.save_results(db, state, players, totals, ranked)
            await db.commit()
        logger.info("live_game_ended", game_id=state.game_id, players=len(ranked))

    async def save_results(
        self,
        db: AsyncSession,
        state: GameState,
        players: dict[str, PlayerRecord],
        totals: dict[str, Total],
        ranked: list[Ranked],
    ) -> None:
        game = await db.get(LiveGame, uuid.UUID(state.game_id))
        if game is None or game.ended_at is not None:
            return
        game.ended_at = utcnow()
        game.player_count = len(ranked)
        questions = await self.questions(state.code)
        asked = [q for i, q in enumerate(questions) if i <= state.index]
        responses: dict[str, dict[str, dict[str, Any]]] = {}
        for index, question in enumerate(asked):
            raw = await self.cache.hgetall(Keys(state.code).answers(index))
            for pid, value in raw.items():
                response = StoredAnswer.model_validate_json(value).response
                responses.setdefault(pid, {})[question.id] = response
        for row in ranked:
            player = players[row.id]
            attempt_id = None
            if player.student and player.user_id is not None:
                attempt = await self._attempt(
                    db, game, uuid.UUID(player.user_id), questions, responses.get(row.id, {})
                )
                attempt_id = attempt.id
            db.add(
                LivePlayer(
                    game_id=game.id,
                    user_id=uuid.UUID(player.user_id) if player.user_id else None,
                    name=player.name[:80],
                    rank=row.rank,
                    score=row.score,
                    correct=totals.get(row.id, Total()).correct,
                    attempt_id=attempt_id,
                )
            )
        await db.flush()

    async def _attempt(
        self,
        db: AsyncSession,
        game: LiveGame,
        student_id: uuid.UUID,
        questions: list[StoredQuestion],
        responses: dict[str, dict[str, Any]],
    ) -> Attempt:
        """The game as a finished attempt of the test, graded like any other (the pass rule's
        coins included); a live game is the teacher's choice, so it does not count against the
        test's attempt limit."""
        count = await db.scalar(
            select(func.count())
            .select_from(Attempt)
            .where(Attempt.test_id == game.test_id, Attempt.student_id == student_id)
        )
        attempt = Attempt(
            test_id=game.test_id,
            student_id=student_id,
            number=(count or 0) + 1,
            status=AttemptStatus.in_progress,
            started_at=game.created_at,
            question_order=[q.id for q in questions],
            option_order={q.id: [str(o["id"]) for o in q.options] for q in questions},
            max_score=float(sum(q.points for q in questions)),
        )
        db.add(attempt)
        await db.flush()
        for question_id, response in responses.items():
            db.add(
                Answer(attempt_id=attempt.id, question_id=uuid.UUID(question_id), response=response)
            )
        await db.flush()
        return await attempts.finish(db, attempt, self.policy, by_server=False)


async def display_name(db: AsyncSession, user: TokenUser) -> str:
    """How a signed-in player appears to the class: first name and the initial of the last."""
    found = await db.get(User, user.id)
    if found is None:
        raise NotAPlayer()
    first = (found.first_name or "").strip()
    last = (found.last_name or "").strip()
    name = f"{first} {last[:1]}." if last else first
    return name.strip() or "?"


async def games_of(db: AsyncSession, quiz: Quiz) -> list[LiveGame]:
    return list(
        await db.scalars(
            select(LiveGame).where(LiveGame.test_id == quiz.id).order_by(LiveGame.created_at.desc())
        )
    )


async def standings(db: AsyncSession, game: LiveGame) -> list[LivePlayer]:
    return list(
        await db.scalars(
            select(LivePlayer).where(LivePlayer.game_id == game.id).order_by(LivePlayer.rank)
        )
    )
