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
        }
    ),
    # A teacher works with their own groups; a cashier finds the student who pays.
    StaffRole.teacher: frozenset({Permission.view_groups}),
    StaffRole.cashier: frozenset({Permission.view_students, Permission.view_groups}),
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
