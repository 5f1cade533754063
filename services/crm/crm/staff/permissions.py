"""What each office role may do: the one table every route's permission check reads."""

import uuid
from dataclasses import dataclass
from enum import StrEnum

from crm.staff.models import StaffRole


class Permission(StrEnum):
    manage_staff = "manage_staff"
    view_staff = "view_staff"
    manage_leads = "manage_leads"
    view_students = "view_students"
    manage_students = "manage_students"
    view_groups = "view_groups"  # a teacher: only the groups they teach
    manage_groups = "manage_groups"
    manage_lessons = "manage_lessons"  # holidays, generating, cancelling, moving, make-ups
    mark_attendance = "mark_attendance"  # a teacher: only in the groups they teach
    view_money = "view_money"  # balances, a student's entries, debtors, receipts
    take_payments = "take_payments"
    request_payments = "request_payments"  # Payme/Click tuition links for a family to pay
    manage_billing = "manage_billing"  # running the month's charges
    refund_payments = "refund_payments"
    money_reports = "money_reports"  # audit log, reconciliation, teachers' pay, dashboard
    send_sms = "send_sms"


PERMISSIONS: dict[StaffRole, frozenset[Permission]] = {
    StaffRole.director: frozenset(Permission),
    StaffRole.administrator: frozenset(
        {
            Permission.view_staff,
            Permission.manage_leads,
            Permission.view_students,
            Permission.manage_students,
            Permission.view_groups,
            Permission.manage_groups,
            Permission.manage_lessons,
            Permission.mark_attendance,
            Permission.view_money,
            Permission.request_payments,
            Permission.send_sms,
        }
    ),
    # A teacher works with their own groups; a cashier finds the student who pays and takes the
    # money. Refunds and the money reports stay with the director.
    StaffRole.teacher: frozenset({Permission.view_groups, Permission.mark_attendance}),
    StaffRole.cashier: frozenset(
        {
            Permission.view_students,
            Permission.view_groups,
            Permission.view_money,
            Permission.take_payments,
            Permission.request_payments,
            Permission.manage_billing,
            Permission.send_sms,
        }
    ),
}


@dataclass(frozen=True)
class Office:
    """The signed-in user at work in one organization: where, and in which role."""

    organization_id: uuid.UUID
    user_id: uuid.UUID
    role: StaffRole

    @property
    def permissions(self) -> frozenset[Permission]:
        return PERMISSIONS[self.role]
