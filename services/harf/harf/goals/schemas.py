from enum import StrEnum

from pydantic import Field

from alif.schemas import ResponseModel


class Milestone(StrEnum):
    free_letters = "free_letters"  # the free first letters of an alphabet mastered
    alphabet = "alphabet"  # every letter of an alphabet mastered
    streak_3 = "streak_3"  # the daily goal met three days running
    streak_7 = "streak_7"  # ... seven days running


class MilestoneRead(ResponseModel):
    milestone: Milestone
    alphabet: str | None
    coins: int = Field(description="credited; less than the reward when today's cap is reached")


class TodayRead(ResponseModel):
    goal: int = Field(description="right answers a day")
    done: int
    streak: int = Field(description="days running, up to today, with the goal met")
