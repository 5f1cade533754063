import uuid
from datetime import datetime

from alif.schemas import Phone, RequestModel, ResponseModel
from crm.staff.models import StaffRole
from crm.staff.permissions import Permission


class OfficeRead(ResponseModel):
    organization_id: uuid.UUID
    organization_name: str
    role: StaffRole
    permissions: list[Permission]


class StaffAdd(RequestModel):
    phone: Phone
    role: StaffRole


class StaffChange(RequestModel):
    role: StaffRole


class StaffRead(ResponseModel):
    id: uuid.UUID
    user_id: uuid.UUID
    first_name: str
    last_name: str
    role: StaffRole
    created_at: datetime
