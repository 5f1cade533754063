import uuid
from datetime import date, time
from typing import Literal, Self

from pydantic import Field, model_validator

from alif.schemas import INT32_MAX, RequestModel, ResponseModel
from crm.groups.models import Billing


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
        if self.starts_at.tzinfo is not None or self.ends_at.tzinfo is not None:
            raise ValueError("Lesson times are the centre's local times, without a time zone")
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
    billing: Billing = Field(
        default=Billing.monthly,
        description="monthly: the monthly price, prorated by lessons; per_lesson: the lesson "
        "price for each lesson held",
    )
    monthly_price: int = Field(ge=0, le=INT32_MAX, description="Tiyin a month")
    lesson_price: int = Field(default=0, ge=0, le=INT32_MAX, description="Tiyin a lesson")
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
    billing: Billing
    monthly_price: int
    lesson_price: int
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


class Discount(RequestModel):
    discount_percent: int = Field(default=0, ge=0, le=100)
    discount_amount: int = Field(default=0, ge=0, le=INT32_MAX, description="Tiyin a month")
    discount_reason: str = Field(default="", max_length=200)

    @model_validator(mode="after")
    def one_kind_with_a_reason(self) -> Self:
        if self.discount_percent and self.discount_amount:
            raise ValueError("A discount is a percent or an amount, not both")
        if (self.discount_percent or self.discount_amount) and not self.discount_reason:
            raise ValueError("A discount needs its reason")
        return self


class EnrolmentCreate(Discount):
    student_id: uuid.UUID
    starts_on: date


class EnrolmentLeave(RequestModel):
    on: date = Field(description="The student's last day in the group")


class EnrolmentTransfer(RequestModel):
    to_group_id: uuid.UUID
    on: date = Field(description="The first day in the new group")


class FreezeCreate(RequestModel):
    starts_on: date
    ends_on: date = Field(description="The last frozen day")
    reason: str = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def ends_after_it_starts(self) -> Self:
        if self.ends_on < self.starts_on:
            raise ValueError("A freeze ends after it starts")
        return self


class FreezeRead(ResponseModel):
    id: uuid.UUID
    starts_on: date
    ends_on: date
    reason: str


class EnrolmentRead(ResponseModel):
    id: uuid.UUID
    group_id: uuid.UUID
    student_id: uuid.UUID
    starts_on: date
    ends_on: date | None
    discount_percent: int
    discount_amount: int
    discount_reason: str
    freezes: list[FreezeRead] = Field(default_factory=list)
