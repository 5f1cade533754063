import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from alif.schemas import ResponseModel
from games.engines.replay import GameKind
from games.leaderboards.periods import Period

ScopeKind = Literal["global", "group", "organization"]


class EntryRead(ResponseModel):
    rank: int
    name: str = Field(description="First name and the last name's initial")
    score: int
    reached_at: datetime = Field(description="When the score was reached (to the second)")
    is_me: bool


class MyPlace(ResponseModel):
    rank: int
    score: int
    reached_at: datetime


class BoardRead(ResponseModel):
    game: GameKind
    period: Period
    scope: ScopeKind
    scope_id: uuid.UUID | None
    starts_at: datetime | None = Field(description="The period's start (UTC); none for all time")
    ends_at: datetime | None
    entries: list[EntryRead]
    me: MyPlace | None = Field(description="My place, even when I am not in the top")
    players: int


class ScopeRead(ResponseModel):
    scope: ScopeKind
    id: uuid.UUID | None
    name: str
