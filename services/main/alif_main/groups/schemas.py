import uuid
from datetime import datetime

from pydantic import Field

from alif.schemas import RequestModel, ResponseModel
from alif_main.identifiers import Username

Grade = Field(default=None, ge=0, le=11, description="0 for pre-school, 1 to 11 for school")


class GroupCreate(RequestModel):
    name: str = Field(min_length=1, max_length=120)
    subject: str = Field(default="", max_length=80)
    grade: int | None = Grade
    organization_id: uuid.UUID | None = Field(
        default=None,
        description="For a teacher: an organization they work in. An organization's groups "
        "always belong to it.",
    )
    teacher_id: uuid.UUID | None = Field(
        default=None,
        description="Organizations only: which of their teachers leads the group "
        "(by default the organization's own account).",
    )


class GroupUpdate(RequestModel):
    name: str | None = Field(default=None, min_length=1, max_length=120)
    subject: str | None = Field(default=None, max_length=80)
    grade: int | None = Grade
    teacher_id: uuid.UUID | None = Field(
        default=None, description="Organizations only: hand the group to another teacher."
    )


class GroupRead(ResponseModel):
    """What the group's teacher and organization see."""

    id: uuid.UUID
    name: str
    subject: str
    grade: int | None
    organization_id: uuid.UUID | None
    teacher_id: uuid.UUID
    teacher_name: str
    join_code: str = Field(description="Students join with it; shown as XXXX-XXXX")
    member_count: int
    archived_at: datetime | None
    created_at: datetime


class GroupSummary(ResponseModel):
    """What a student (or their parent) sees of a group they are in: no join code."""

    id: uuid.UUID
    name: str
    subject: str
    grade: int | None
    teacher_name: str
    organization_name: str | None
    joined_at: datetime


class GroupInvitationCreate(RequestModel):
    username: Username


class GroupInvitationRead(ResponseModel):
    """What the teacher sees of an invitation: the same whether or not the username is a
    child's, and whether or not a parent has answered (until the child joins)."""

    id: uuid.UUID
    username: str
    created_at: datetime


class ChildInvitationRead(ResponseModel):
    """An invitation a parent decides on for their child."""

    id: uuid.UUID
    group_name: str
    subject: str
    grade: int | None
    teacher_name: str
    organization_name: str | None
    created_at: datetime


class MemberRead(ResponseModel):
    student_id: uuid.UUID
    first_name: str
    last_name: str
    username: str | None
    joined_at: datetime


class JoinRequest(RequestModel):
    code: str = Field(min_length=6, max_length=16, description="The code the teacher gave")
