"""The live game's HTTP schemas and its WebSocket messages (protocol version 1).

Every message carries `v` and a `type`; the web client's types (`frontends/apps/testai/src/
live/protocol.ts`) mirror these. A new field is added with a default; anything else a client
cannot ignore raises the version, and a client speaking another version is told to reload.
"""

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, TypeAdapter

from alif.assessment.schemas import AnswerFields
from alif.assessment.types import QuestionType
from alif.schemas import RequestModel, ResponseModel

PROTOCOL = 1

# --- HTTP --------------------------------------------------------------------------------


class GameOptions(RequestModel):
    nicknames_allowed: bool = Field(
        default=False, description="Players without an account may join with a nickname"
    )
    speed_bonus: bool = Field(default=True, description="Faster right answers earn more")
    streaks: bool = Field(default=True, description="Right answers in a row earn a bonus")
    seconds_per_question: int = Field(default=20, ge=5, le=240)


class GameRead(ResponseModel):
    id: uuid.UUID
    test_id: uuid.UUID
    code: str
    title: str
    nicknames_allowed: bool
    speed_bonus: bool
    streaks: bool
    seconds_per_question: int
    question_count: int
    created_at: datetime
    ended_at: datetime | None
    player_count: int


class StandingRead(ResponseModel):
    rank: int
    name: str
    score: int
    correct: int
    user_id: uuid.UUID | None
    attempt_id: uuid.UUID | None


class GameResults(ResponseModel):
    game: GameRead
    standings: list[StandingRead]


# --- WebSocket: from the client ----------------------------------------------------------


class Hello(BaseModel):
    """The first message. The access token travels here, not in the URL (proxies log URLs)."""

    type: Literal["hello"]
    v: int
    code: str = Field(pattern=r"^\d{6}$")
    role: Literal["host", "player"]
    token: str | None = Field(default=None, max_length=4000)
    nickname: str | None = Field(default=None, min_length=1, max_length=24)
    resume: str | None = Field(default=None, max_length=64)


class AnswerMessage(AnswerFields):
    type: Literal["answer"]
    index: int = Field(ge=0, description="The question answered: a late tap never counts twice")


class HostCommand(BaseModel):
    type: Literal["start", "next", "skip", "pause", "resume", "end"]


class Kick(BaseModel):
    type: Literal["kick"]
    player_id: str = Field(max_length=64)


class Ping(BaseModel):
    type: Literal["ping"]


ClientMessage = Annotated[AnswerMessage | HostCommand | Kick | Ping, Field(discriminator="type")]
client_message: TypeAdapter[AnswerMessage | HostCommand | Kick | Ping] = TypeAdapter(ClientMessage)

# --- WebSocket: from the server ----------------------------------------------------------


class Message(BaseModel):
    v: int = PROTOCOL


class PlayerView(BaseModel):
    id: str
    name: str


class Ranked(BaseModel):
    id: str
    name: str
    score: int
    rank: int


class OptionView(BaseModel):
    id: str
    text: str


class QuestionView(BaseModel):
    index: int
    count: int
    type: QuestionType
    text: str
    image_url: str | None
    points: int
    options: list[OptionView]


class Timer(BaseModel):
    """The question's clock as the server keeps it; a client counts `remaining_ms` down from
    the moment the message arrived and never sends a time of its own."""

    seconds: int
    remaining_ms: int
    paused: bool


class Settings(BaseModel):
    nicknames_allowed: bool
    speed_bonus: bool
    streaks: bool
    seconds_per_question: int


class Welcome(Message):
    type: Literal["welcome"] = "welcome"
    role: Literal["host", "player"]
    player_id: str | None = None
    name: str | None = None
    resume: str | None = Field(default=None, description="A nickname player's way back in")
    game_id: str
    code: str
    title: str
    phase: Literal["lobby", "question", "reveal", "podium"]
    question_count: int
    settings: Settings
    score: int = 0


class Lobby(Message):
    type: Literal["lobby"] = "lobby"
    players: list[PlayerView]


class QuestionOpen(Message):
    type: Literal["question"] = "question"
    question: QuestionView
    timer: Timer
    answered: bool = False


class Answered(Message):
    type: Literal["answered"] = "answered"
    index: int
    accepted: bool
    reason: str | None = None


class AnswerCount(Message):
    type: Literal["answer_count"] = "answer_count"
    index: int
    answered: int
    players: int


class TimerChanged(Message):
    type: Literal["timer"] = "timer"
    index: int
    timer: Timer


class Bar(BaseModel):
    """One bar of the distribution: an option, true/false, or right/wrong for typed answers."""

    key: str
    label: str
    count: int
    correct: bool


class YourResult(BaseModel):
    answered: bool
    correct: bool
    points: int
    streak: int
    score: int
    rank: int


class Reveal(Message):
    type: Literal["reveal"] = "reveal"
    index: int
    last: bool
    bars: list[Bar]
    accepted: list[str] = Field(description="The accepted answers of a typed question")
    top: list[Ranked]
    you: YourResult | None = None


class YourFinal(BaseModel):
    rank: int
    score: int
    correct: int


class Podium(Message):
    type: Literal["podium"] = "podium"
    top: list[Ranked]
    players: int
    you: YourFinal | None = None


class Removed(Message):
    type: Literal["removed"] = "removed"


class ErrorMessage(Message):
    type: Literal["error"] = "error"
    code: str
    message: str


class Pong(Message):
    type: Literal["pong"] = "pong"
