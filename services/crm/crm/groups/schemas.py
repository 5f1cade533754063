import uuid
from datetime import date, time
from typing import Literal, Self

from pydantic import Field, model_validator

from alif.schemas import RequestModel, ResponseModel


class RoomCreate(RequestModel):
    name: str = Field(min_length=1, max_length=60)
    seats: int = Field(ge=1, le=500)


class RoomRead(ResponseModel):
    id: uuid.UUID
    name: str
    seats: int


class Slot(RequestModel):
    weekday: int = Field(ge=0, le=6, description="0 is Monday")
    starts_at: time
    ends_at: time

    @model_validator(mode="after")
    def starts_before_it_ends(self) -> Self:
        if self.starts_at >= self.ends_at:
            raise ValueError("A lesson ends after it starts")
        return self


class SlotRead(ResponseModel):
    weekday: int
    starts_at: time
    ends_at: time


class GroupSettings(RequestModel):
    room_id: uuid.UUID | None = None
    starts_on: date
    ends_on: date | None = None
    monthly_price: int = Field(ge=0, le=100_000_000_00, description="Tiyin a month")
    capacity: int = Field(ge=1, le=500)
    schedule: list[Slot] = Field(default_factory=list, max_length=14)

    @model_validator(mode="after")
    def ends_after_it_starts(self) -> Self:
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise ValueError("A group ends after it starts")
        return self


class GroupCreate(GroupSettings):
    study_group_id: uuid.UUID = Field(
        description="The organization's study group (made in main: POST /api/main/groups)"
    )


class GroupRead(ResponseModel):
    id: uuid.UUID
    study_group_id: uuid.UUID
    name: str
    subject: str
    teacher_id: uuid.UUID
    room_id: uuid.UUID | None
    starts_on: date
    ends_on: date | None
    monthly_price: int
    capacity: int
    schedule: list[SlotRead]


class Collision(ResponseModel):
    """What a refused schedule collides with (in the error's details)."""

    group_id: uuid.UUID
    group_name: str
    busy: Literal["room", "teacher"]
    weekday: int
    starts_at: time
    ends_at: time
