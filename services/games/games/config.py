from typing import ClassVar

from pydantic import Field

from alif.config import CommonSettings


class GamesSettings(CommonSettings):
    service_name: ClassVar[str] = "games"

    games_session_max_age_minutes: int = Field(
        default=180, ge=1, description="A game not finished this long after its start expires."
    )
    games_starts_per_hour: int = Field(default=60, ge=1, description="New games a user may start.")
    games_clock_tolerance_seconds: float = Field(
        default=3.0,
        ge=0,
        description="How much longer than the time since its start a game may claim to have run "
        "(network delay, clock drift); beyond that its log is refused.",
    )
    games_timezone: str = Field(
        default="Asia/Tashkent", description="Where 'today' and 'this week' start on leaderboards."
    )
    games_replay_threads: int = Field(
        default=1, ge=1, description="Replays run in this many threads, off the event loop."
    )
