import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field

from alif.schemas import PageParams, Phone, RequestModel, ResponseModel
from crm.leads.models import ActivityKind, LeadSource, LeadStatus, LostReason
from crm.students.schemas import StudentRead


class StageCreate(RequestModel):
    name: str = Field(min_length=1, max_length=60)


class StageChange(RequestModel):
    name: str | None = Field(default=None, min_length=1, max_length=60)
    position: int | None = Field(default=None, ge=0, le=50)


class StageRead(ResponseModel):
    id: uuid.UUID
    name: str
    position: int


class LeadCreate(RequestModel):
    name: str = Field(min_length=1, max_length=160)
    phone: Phone
    source: LeadSource
    stage_id: uuid.UUID | None = Field(default=None, description="The first stage when omitted")
    subject: str = Field(default="", max_length=80)
    level: str = Field(default="", max_length=60)
    preferred_times: str = Field(default="", max_length=200)
    assignee_id: uuid.UUID | None = None
    next_step_on: date | None = None
    idempotency_key: uuid.UUID | None = Field(
        default=None, description="The same key again answers with the lead made the first time"
    )


class LeadChange(RequestModel):
    name: str | None = Field(default=None, min_length=1, max_length=160)
    phone: Phone | None = None
    source: LeadSource | None = None
    stage_id: uuid.UUID | None = None
    subject: str | None = Field(default=None, max_length=80)
    level: str | None = Field(default=None, max_length=60)
    preferred_times: str | None = Field(default=None, max_length=200)
    assignee_id: uuid.UUID | None = None
    next_step_on: date | None = None


LeadSort = Literal["created_at", "-created_at", "name", "-name", "next_step_on", "-next_step_on"]


class LeadFilter(PageParams):
    status: LeadStatus | None = None
    stage_id: uuid.UUID | None = None
    source: LeadSource | None = None
    phone: Phone | None = None
    q: str | None = Field(default=None, max_length=80, description="Part of the name")
    next_step_by: date | None = Field(default=None, description="Next step due on or before")
    sort: LeadSort = Field(default="-created_at", description="A column; - first for descending")


class LeadRead(ResponseModel):
    id: uuid.UUID
    name: str
    phone: str
    source: LeadSource
    status: LeadStatus
    stage_id: uuid.UUID
    subject: str
    level: str
    preferred_times: str
    assignee_id: uuid.UUID | None
    next_step_on: date | None
    lost_reason: LostReason | None
    student_id: uuid.UUID | None
    created_at: datetime


class LeadDetail(LeadRead):
    duplicates: list[LeadRead] = Field(description="The organization's other leads with this phone")
    students_with_phone: list[StudentRead] = Field(
        description="Students whose own or parent's phone is this one"
    )


class ActivityCreate(RequestModel):
    kind: Literal[ActivityKind.call, ActivityKind.note, ActivityKind.trial_booked]
    text: str = Field(default="", max_length=2000)
    next_step_on: date | None = Field(default=None, description="Also becomes the lead's next step")


class ActivityRead(ResponseModel):
    id: uuid.UUID
    kind: ActivityKind
    text: str
    next_step_on: date | None
    author_id: uuid.UUID | None
    created_at: datetime


class LeadLose(RequestModel):
    reason: LostReason
    note: str = Field(default="", max_length=2000)


class LeadConvert(RequestModel):
    first_name: str = Field(min_length=1, max_length=80)
    last_name: str = Field(default="", max_length=80)
    birth_date: date | None = None
    parent_name: str = Field(default="", max_length=160)
    parent_phone: Phone = Field(description="The parent's phone; often the lead's own")
