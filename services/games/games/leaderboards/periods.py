"""Leaderboard periods and the number that orders a board.

A board lists each player once, at their best score in the period; between equal scores the one
who reached it first ranks higher. Both are packed into one integer, the rank key, so the
database (ORDER BY) and Redis (sorted-set scores, doubles) order boards the same way.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

EPOCH: Final = datetime(2026, 1, 1, tzinfo=UTC)
TIME_BITS: Final = 32  # seconds since EPOCH: 136 years
MAX_SCORE: Final = (1 << 31) - 1  # the key stays a signed 64-bit integer


class Period(StrEnum):
    day = "day"
    week = "week"
    all = "all"


def rank_key(score: int, reached_at: datetime) -> int:
    """score × 2³² + (2³² − 1 − seconds since 2026). Exact in a double (Redis) while the score is
    below 2²¹; above, equal scores may tie to the second's neighbours, never reorder scores."""
    seconds = int((reached_at - EPOCH).total_seconds())
    seconds = min(max(seconds, 0), (1 << TIME_BITS) - 1)
    return min(score, MAX_SCORE) << TIME_BITS | ((1 << TIME_BITS) - 1 - seconds)


def score_of(key: int) -> int:
    return key >> TIME_BITS


def reached_at_of(key: int) -> datetime:
    return EPOCH + timedelta(seconds=(1 << TIME_BITS) - 1 - (key & ((1 << TIME_BITS) - 1)))


@dataclass(frozen=True)
class Window:
    """One period's board: its cache key suffix and its time range (UTC, end excluded)."""

    period: Period
    name: str  # "2026-11-27", "2026-W48" or "all"
    start: datetime | None
    end: datetime | None


def _midnight(at: datetime, zone: ZoneInfo) -> datetime:
    local = at.astimezone(zone)
    return datetime(local.year, local.month, local.day, tzinfo=zone)


def week_start(at: datetime, zone: ZoneInfo) -> datetime:
    """Monday's midnight where the players live, in UTC."""
    midnight = _midnight(at, zone)
    return (midnight - timedelta(days=midnight.weekday())).astimezone(UTC)


def window(period: Period, at: datetime, zone: ZoneInfo) -> Window:
    """The board of `period` that contains the moment `at`: days and weeks (from Monday) begin
    at midnight where the players live."""
    if period is Period.all:
        return Window(period, "all", None, None)
    local = at.astimezone(zone)
    if period is Period.day:
        start = _midnight(at, zone).astimezone(UTC)
        return Window(period, local.date().isoformat(), start, start + timedelta(days=1))
    year, week, _ = local.isocalendar()
    start = week_start(at, zone)
    return Window(period, f"{year}-W{week:02d}", start, start + timedelta(days=7))
