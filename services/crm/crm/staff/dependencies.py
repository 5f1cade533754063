import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends

from alif.auth import CurrentUser
from alif.db import SessionDep
from crm.staff import service
from crm.staff.exceptions import PermissionDenied
from crm.staff.models import Staff
from crm.staff.permissions import Office, Permission


async def valid_office(organization_id: uuid.UUID, user: CurrentUser, db: SessionDep) -> Office:
    """The signed-in user's place in this organization; an outsider is told it does not exist."""
    return await service.office(db, organization_id, user.id)


OfficeDep = Annotated[Office, Depends(valid_office)]


def allowed(permission: Permission) -> Callable[[Office], Awaitable[Office]]:
    async def dependency(office: OfficeDep) -> Office:
        if permission not in office.permissions:
            raise PermissionDenied()
        return office

    return dependency


StaffManager = Annotated[Office, Depends(allowed(Permission.manage_staff))]
StaffViewer = Annotated[Office, Depends(allowed(Permission.view_staff))]
LeadManager = Annotated[Office, Depends(allowed(Permission.manage_leads))]
StudentViewer = Annotated[Office, Depends(allowed(Permission.view_students))]
StudentManager = Annotated[Office, Depends(allowed(Permission.manage_students))]
GroupViewer = Annotated[Office, Depends(allowed(Permission.view_groups))]
GroupManager = Annotated[Office, Depends(allowed(Permission.manage_groups))]
LessonManager = Annotated[Office, Depends(allowed(Permission.manage_lessons))]
AttendanceMarker = Annotated[Office, Depends(allowed(Permission.mark_attendance))]
MoneyViewer = Annotated[Office, Depends(allowed(Permission.view_money))]
Cashier = Annotated[Office, Depends(allowed(Permission.take_payments))]
PaymentRequester = Annotated[Office, Depends(allowed(Permission.request_payments))]
BillingManager = Annotated[Office, Depends(allowed(Permission.manage_billing))]
Refunder = Annotated[Office, Depends(allowed(Permission.refund_payments))]
MoneyReader = Annotated[Office, Depends(allowed(Permission.money_reports))]
SmsSender = Annotated[Office, Depends(allowed(Permission.send_sms))]


async def valid_staff(staff_id: uuid.UUID, office: StaffManager, db: SessionDep) -> Staff:
    return await service.get_staff(db, office.organization_id, staff_id)


StaffDep = Annotated[Staff, Depends(valid_staff)]
