import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from alif.schemas import PageParams, Phone, RequestModel, ResponseModel


class StudentFields(RequestModel):
    first_name: str = Field(min_length=1, max_length=80)
    last_name: str = Field(default="", max_length=80)
    phone: Phone | None = None
    birth_date: date | None = None
    parent_name: str = Field(default="", max_length=160)
    parent_phone: Phone | None = None
    notes: str = Field(default="", max_length=4000)


class StudentCreate(StudentFields):
    idempotency_key: uuid.UUID | None = Field(
        default=None, description="The same key again answers with the card made the first time"
    )


class StudentChange(RequestModel):
    first_name: str | None = Field(default=None, min_length=1, max_length=80)
    last_name: str | None = Field(default=None, max_length=80)
    phone: Phone | None = None
    birth_date: date | None = None
    parent_name: str | None = Field(default=None, max_length=160)
    parent_phone: Phone | None = None
    notes: str | None = Field(default=None, max_length=4000)


StudentSort = Literal["name", "-name", "created_at", "-created_at"]


class StudentFilter(PageParams):
    q: str | None = Field(default=None, max_length=80, description="Part of a name")
    phone: Phone | None = Field(default=None, description="The student's or a parent's phone")
    sort: StudentSort = Field(default="name", description="A column; - first for descending")


class StudentRead(ResponseModel):
    id: uuid.UUID
    first_name: str
    last_name: str
    phone: str | None
    birth_date: date | None
    parent_name: str
    parent_phone: str | None
    notes: str
    debt: int = Field(description="Tiyin owed (negative: paid ahead)")
    created_at: datetime


class HistoryEvent(ResponseModel):
    at: datetime
    kind: str = Field(description="created, changed, enrolled, left or frozen")
    by: str | None = Field(description="Who, by name (unknown for some)")
    details: dict[str, Any] = Field(
        description="changed: fields {name: {from, to}}; enrolled: group, starts_on, discount; "
        "left: group, on; frozen: group, starts_on, ends_on, reason"
    )
