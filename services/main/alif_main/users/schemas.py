import uuid
from datetime import date, datetime
from typing import ClassVar

from pydantic import Field

from alif.auth import AccountStatus, Role
from alif.kernel.models import (
    Language,
    MembershipStatus,
    OrganizationKind,
    Region,
)
from alif.schemas import Phone, RequestModel, ResponseModel
from alif_main.identifiers import Password, Subject


class UserRead(ResponseModel):
    id: uuid.UUID
    role: Role
    status: AccountStatus
    first_name: str
    last_name: str
    phone: str | None
    email: str | None
    username: str | None
    language: Language
    created_at: datetime
    last_login_at: datetime | None


class StudentProfileRead(ResponseModel):
    birth_date: date | None
    grade: int | None
    school_name: str
    avatar: str


class TeacherProfileRead(ResponseModel):
    subjects: list[str]
    bio: str


class OrganizationRead(ResponseModel):
    id: uuid.UUID
    name: str
    kind: OrganizationKind
    region: Region | None
    district: str
    address: str
    phone: str | None


class MembershipRead(ResponseModel):
    organization: OrganizationRead
    status: MembershipStatus


class FamilyMember(ResponseModel):
    id: uuid.UUID
    first_name: str
    last_name: str
    username: str | None = None


class Family(ResponseModel):
    children: list[FamilyMember] = Field(default_factory=list)
    guardians: list[FamilyMember] = Field(default_factory=list)


class MeResponse(ResponseModel):
    user: UserRead
    student_profile: StudentProfileRead | None
    teacher_profile: TeacherProfileRead | None
    organization: OrganizationRead | None = Field(
        description="The organization an organization account runs"
    )
    membership: MembershipRead | None = Field(
        description="A teacher's or student's organization and whether it has approved them"
    )
    family: Family


class OrganizationUpdate(RequestModel):
    CLEARABLE: ClassVar[frozenset[str]] = frozenset({"region", "phone"})

    name: str | None = Field(default=None, min_length=2, max_length=200)
    kind: OrganizationKind | None = None
    region: Region | None = None
    district: str | None = Field(default=None, max_length=100)
    address: str | None = Field(default=None, max_length=300)
    phone: Phone | None = None


class ProfileUpdate(RequestModel):
    """Fields a role does not have are ignored for that role."""

    first_name: str | None = Field(default=None, min_length=1, max_length=80)
    last_name: str | None = Field(default=None, max_length=80)
    language: Language | None = None
    avatar: str | None = Field(default=None, max_length=40)
    school_name: str | None = Field(default=None, max_length=200)
    subjects: list[Subject] | None = Field(default=None, max_length=10)
    bio: str | None = Field(default=None, max_length=2000)
    organization: OrganizationUpdate | None = None


class PasswordChange(RequestModel):
    current_password: str = Field(min_length=1, max_length=128)
    new_password: Password


class BlockRequest(RequestModel):
    reason: str = Field(min_length=3, max_length=300)


class RoleChange(RequestModel):
    role: Role
