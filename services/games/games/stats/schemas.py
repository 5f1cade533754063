from datetime import datetime

from pydantic import Field

from alif.schemas import ResponseModel
from games.engines.replay import GameKind


class GameStats(ResponseModel):
    game: GameKind
    played: int = Field(description="Games finished (replayed), flagged ones included")
    best_score: int | None = Field(description="The best verified score, flagged games aside")
    coins: int = Field(description="Coins these games put into the wallet")
    xp: int
    seconds_played: float
    seconds_played_this_week: float
    last_played_at: datetime | None


class StatsRead(ResponseModel):
    games: list[GameStats]
    coins: int
    xp: int
