import uuid
from datetime import date, datetime

from pydantic import Field

from alif.auth import AccountStatus
from alif.kernel.models import Language, Relation
from alif.schemas import RequestModel, ResponseModel
from alif_main.identifiers import Pin, Username

Grade = Field(default=None, ge=0, le=11, description="0 for pre-school, 1 to 11 for school")


class ChildCreate(RequestModel):
    first_name: str = Field(min_length=1, max_length=80)
    last_name: str = Field(default="", max_length=80)
    username: Username
    pin: Pin = Field(description="4 to 6 digits; the child signs in with it")
    birth_date: date | None = None
    grade: int | None = Grade
    school_name: str = Field(default="", max_length=200)
    language: Language = Language.uz
    relation: Relation = Relation.guardian


class ChildUpdate(RequestModel):
    first_name: str | None = Field(default=None, min_length=1, max_length=80)
    last_name: str | None = Field(default=None, max_length=80)
    birth_date: date | None = None
    grade: int | None = Grade
    school_name: str | None = Field(default=None, max_length=200)
    avatar: str | None = Field(default=None, max_length=40)
    language: Language | None = None


class PinReset(RequestModel):
    pin: Pin


class ChildRead(ResponseModel):
    id: uuid.UUID
    first_name: str
    last_name: str
    username: str | None
    status: AccountStatus
    language: Language
    birth_date: date | None
    grade: int | None
    school_name: str
    avatar: str
    relation: Relation
    created_at: datetime
    last_login_at: datetime | None
    pin_failed_attempts: int = Field(
        description="Wrong PINs typed for this child since the last good one (within a day)"
    )
    pin_locked_until: datetime | None = Field(
        description="While wrong PINs keep the child out: until when (a new PIN unlocks at once)"
    )
    covered_by_plan: bool = Field(
        description="A family plan covers this child (plans cover the earliest added children)"
    )


class InvitationCreate(RequestModel):
    relation: Relation = Relation.guardian


class InvitationRead(ResponseModel):
    code: str = Field(description="Give it to the child; it works once, for 24 hours")
    expires_at: datetime


class InvitationAccept(RequestModel):
    code: str = Field(min_length=8, max_length=12)


class GuardianRead(ResponseModel):
    id: uuid.UUID
    first_name: str
    last_name: str
    relation: Relation
