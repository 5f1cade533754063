import uuid
from datetime import datetime

from alif.schemas import ResponseModel


class TestTakenRead(ResponseModel):
    title: str
    score: float
    max_score: float
    submitted_at: datetime


class ChildWeekRead(ResponseModel):
    child_id: uuid.UUID
    name: str
    tests: list[TestTakenRead]
    average_percent: int | None
    games_played: int
    coins_earned: int
    coins_spent: int


class WeeklyReportRead(ResponseModel):
    week: str  # ISO week, 2026-W49
    starts_at: datetime  # Monday 00:00 in Tashkent
    ends_at: datetime
    children: list[ChildWeekRead]
