import uuid
from datetime import datetime

from alif.kernel.models import MemberRole, MembershipStatus, OrganizationKind, Region
from alif.schemas import ResponseModel


class OrganizationListItem(ResponseModel):
    id: uuid.UUID
    name: str
    kind: OrganizationKind
    region: Region | None
    district: str


class OrganizationMemberRead(ResponseModel):
    id: uuid.UUID
    user_id: uuid.UUID
    first_name: str
    last_name: str
    role: MemberRole
    status: MembershipStatus
    created_at: datetime
    decided_at: datetime | None
