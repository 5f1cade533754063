import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import Field

from alif.schemas import RequestModel, ResponseModel
from games.engines.replay import GameKind
from games.engines.tetris import TICKS_PER_SECOND
from games.sessions.models import GameSession, SessionStatus
from games.sessions.rules import MAX_INPUTS, MAX_TICKS

Tick = Annotated[int, Field(ge=0, le=MAX_TICKS)]
Action = Annotated[str, Field(min_length=1, max_length=4)]


class GameRules(ResponseModel):
    game: GameKind
    actions: list[str]
    max_presses_per_second: int
    coins_per_points: int
    max_coins_per_game: int
    max_xp_per_game: int
    minimum_play: str


class RulesRead(ResponseModel):
    engine_version: int
    ticks_per_second: int
    max_inputs: int
    max_game_minutes: int
    coins_daily_cap: int | None = Field(description="Coins all games together pay a day at most")
    games: list[GameRules]


class SessionStart(RequestModel):
    game: GameKind


class Limits(ResponseModel):
    """What the server will accept, so a client can stay within it."""

    ticks_per_second: int
    max_presses_per_second: int
    max_inputs: int
    max_seconds: int = Field(description="The game must be finished before this many seconds")


class SessionStarted(ResponseModel):
    id: uuid.UUID
    game: GameKind
    seed: str = Field(description="32 hex digits; seeds the engine (docs/games.md §2)")
    engine_version: int
    ranked: bool = Field(description="Whether the game counts for coins and leaderboards")
    started_at: datetime
    expires_at: datetime
    limits: Limits


class SessionFinish(RequestModel):
    inputs: list[tuple[Tick, Action]] = Field(
        max_length=MAX_INPUTS,
        description='[tick, action] pairs in the order played, e.g. [[0, "L+"], [7, "L-"]]',
    )
    end_tick: Tick = Field(description="How many ticks the game ran (60 a second)")
    claimed_score: int = Field(ge=0, le=2**53, description="The score the client showed")


class SessionRead(ResponseModel):
    id: uuid.UUID
    game: GameKind
    status: SessionStatus
    ranked: bool
    started_at: datetime
    expires_at: datetime
    finished_at: datetime | None
    score: int | None = Field(description="The replayed score: the only one that counts")
    claimed_score: int | None
    flagged: bool = Field(description="Replayed, but kept off boards and paid nothing")
    flag_reason: str | None = Field(description="score_mismatch or robotic_timing")
    rejection: str | None = Field(description="The error code the log was refused with")
    over: bool | None
    stats: dict[str, Any] = Field(description="lines, level, pieces, T-spins; or moves, max tile")
    seconds_played: float | None
    coins: int = Field(description="Coins the formula grants for this game, before the daily cap")
    coins_paid: int | None = Field(
        description="Coins credited to the wallet (the daily cap may cut them, to 0); "
        "null when the game earned none"
    )
    xp: int

    @classmethod
    def of(cls, session: GameSession) -> "SessionRead":
        return cls(
            id=session.id,
            game=session.game,
            status=session.status,
            ranked=session.ranked,
            started_at=session.started_at,
            expires_at=session.expires_at,
            finished_at=session.finished_at,
            score=session.score,
            claimed_score=session.claimed_score,
            flagged=session.flag_reason is not None,
            flag_reason=session.flag_reason,
            rejection=session.rejection,
            over=session.over,
            stats=session.stats,
            seconds_played=None
            if session.end_tick is None
            else session.end_tick / TICKS_PER_SECOND,
            coins=session.coins,
            coins_paid=session.coins_paid,
            xp=session.xp,
        )
