import uuid
from datetime import date, time
from typing import Self

from pydantic import Field, model_validator

from alif.schemas import RequestModel, ResponseModel
from crm.lessons.models import LessonKind, LessonStatus, Mark


class Period(RequestModel):
    starts_on: date
    ends_on: date = Field(description="The last day, included")

    @model_validator(mode="after")
    def ends_after_it_starts(self) -> Self:
        if self.ends_on < self.starts_on:
            raise ValueError("A period ends after it starts")
        return self


class HolidayCreate(RequestModel):
    on: date
    name: str = Field(min_length=1, max_length=100)


class HolidayRead(ResponseModel):
    id: uuid.UUID
    on: date
    name: str


class Generate(Period):
    group_id: uuid.UUID | None = Field(default=None, description="Only this group (else: all)")


class Generated(ResponseModel):
    created: int


class LessonTime(RequestModel):
    on: date
    starts_at: time
    ends_at: time
    room_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def starts_before_it_ends(self) -> Self:
        if self.starts_at.tzinfo is not None or self.ends_at.tzinfo is not None:
            raise ValueError("Lesson times are the centre's local times, without a time zone")
        if self.starts_at >= self.ends_at:
            raise ValueError("A lesson ends after it starts")
        return self


class MakeupFor(RequestModel):
    student_id: uuid.UUID
    missed_lesson_id: uuid.UUID | None = None


class MakeupCreate(LessonTime):
    group_id: uuid.UUID
    students: list[MakeupFor] = Field(min_length=1, max_length=100)


class Cancel(RequestModel):
    reason: str = Field(min_length=1, max_length=200)


class LessonRead(ResponseModel):
    id: uuid.UUID
    group_id: uuid.UUID
    group_name: str
    teacher_id: uuid.UUID
    room_id: uuid.UUID | None
    on: date
    starts_at: time
    ends_at: time
    kind: LessonKind
    status: LessonStatus
    cancel_reason: str
    moved: bool = Field(description="Held at another day or time than the schedule said")


class RosterRow(ResponseModel):
    student_id: uuid.UUID
    first_name: str
    last_name: str
    mark: Mark | None


class LessonDetail(LessonRead):
    roster: list[RosterRow]


class MarkFor(RequestModel):
    student_id: uuid.UUID
    mark: Mark


class Marks(RequestModel):
    marks: list[MarkFor] = Field(min_length=1, max_length=200)


class LessonCollision(ResponseModel):
    lesson_id: uuid.UUID
    group_id: uuid.UUID
    busy: str
    on: date
    starts_at: time
    ends_at: time
